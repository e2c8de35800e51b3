"""Demo case studies, units and stories.

Every figure comes from the Shiyan Government Offices Administration's report on
green public institutions (2024); the wording is ours. Each entry has Chinese
content and an English translation.
"""

# (key, name, English name, kind, county name, address, honours[(honour, from, to)])
UNITS = [
    (
        "hospital",
        "十堰市人民医院",
        "Shiyan People's Hospital",
        "hospital",
        "茅箭区",
        "",
        [("water_leader", 2024, 2026)],
    ),
    ("hbmu", "湖北医药学院", "Hubei University of Medicine", "university", "茅箭区", "", []),
    (
        "yunyang",
        "郧阳区集中办公区",
        "Yunyang District joint office campus",
        "agency",
        "郧阳区",
        "",
        [],
    ),
    (
        "centre",
        "十堰市机关事务服务中心",
        "Shiyan Government Offices Administration",
        "agency",
        "茅箭区",
        "",
        [],
    ),
    (
        "yunxi",
        "郧西县机关事务服务中心",
        "Yunxi County Government Offices Administration",
        "agency",
        "郧西县",
        "",
        [],
    ),
    (
        "zhushan",
        "竹山县机关事务服务中心",
        "Zhushan County Government Offices Administration",
        "agency",
        "竹山县",
        "",
        [],
    ),
    ("canteen", "十堰市直机关食堂", "Shiyan city government canteens", "agency", "茅箭区", "", []),
]

# Metric tuples: (label_zh, label_en, value, unit_zh, unit_en, baseline_zh, baseline_en, change %)
CASES = [
    {
        "slug": "shiyan-peoples-hospital-water-leader",
        "topic": "water",
        "units": ["hospital"],
        "headline": (
            "100",
            "%",
            "%",
            "节水与计量器具覆盖率",
            "coverage of water-saving fittings and meters",
        ),
        "zh": {
            "title": "市人民医院：用水管到每一个龙头，成为公共机构水效领跑者",
            "summary": "医院把节水器具和用水计量器具装到了全院每个角落，再用物联网平台盯住用水曲线，人均用水稳定保持在国家和行业的先进水平，入选 2024—2026 年度公共机构水效领跑者。",
            "text": [
                "医院用水点多、用水时段集中，过去漏水和跑冒滴漏往往要到账单上才看得出来。市人民医院先从“看得见”入手：全院的节水器具和分级计量水表实现全覆盖，每一栋楼、每一个科室的用水都有了自己的读数。",
                "在此基础上，医院升级了信息化智能监控平台，借助物联网、大数据和云计算实时分析用水曲线，夜间异常流量会自动报警，维修人员可以很快定位到具体管段。医院还在提高雨水等非常规水源的利用比例，把宝贵的自来水留给诊疗和生活。",
                "这套做法让医院的人均用水量持续稳定在国家和行业先进水平。2024 年，医院成功申报 2024—2026 年度公共机构水效领跑者，成为全市医疗卫生机构节水的标杆。",
            ],
            "metrics": [("节水器具与计量器具覆盖率", 100, "%", "全院范围", None)],
        },
        "en": {
            "title": "Shiyan People's Hospital: metering every tap to become a water-efficiency leader",
            "summary": "Water-saving fittings and meters in every part of the hospital, watched by an IoT platform, keep water use per person at the best national and sector level — earning the 2024–2026 water-efficiency leader title.",
            "text": [
                "The hospital fitted water-saving devices and sub-meters throughout its buildings, so every ward and department has its own reading. A smart monitoring platform built on IoT, big-data and cloud tools flags abnormal night-time flows so leaks are found quickly, and more rain and other non-conventional water is being used.",
                "Per-person water use has stayed at the leading national and sector level, and in 2024 the hospital was named a public-institution water-efficiency leader for 2024–2026.",
            ],
            "metrics": [
                ("Coverage of water-saving fittings and meters", 100, "%", "whole hospital", None)
            ],
        },
    },
    {
        "slug": "hubei-university-of-medicine-contract-water-management",
        "topic": "contract",
        "units": ["hbmu"],
        "headline": ("45.6", "%", "%", "节水率", "water saved"),
        "zh": {
            "title": "湖北医药学院：合同节水管理，一天省下上千吨水",
            "summary": "学校引入专业节水服务企业，以合同节水管理方式改造管网和用水设施，节水率达到 45.6%，每天节水上千吨，每年为学校带来约 70 万元收益。",
            "text": [
                "高校用水量大、管网老旧，靠学校自己投入改造，资金和技术都有压力。湖北医药学院选择了合同节水管理：由节水服务企业出资、出技术完成改造和运营，学校用节下来的水费分享收益。",
                "改造后，学校的节水率达到 45.6%，每天节约用水上千吨，每年可创造约 70 万元的经济收益。这一做法带动全市公共机构比学赶超，“十四五”期间全市共有 284 家单位创成省级公共机构节水型单位。",
            ],
            "metrics": [
                ("节水率", 45.6, "%", "改造前后对比", -45.6),
                ("每天节约用水", 1000, "吨以上", "日均", None),
                ("每年经济收益", 70, "万元", "每年", None),
            ],
        },
        "en": {
            "title": "Hubei University of Medicine: contract water management saves over 1,000 tonnes a day",
            "summary": "A water-saving service company financed and ran the retrofit; the university now saves 45.6 % of its water — more than 1,000 tonnes a day — and gains about ¥700,000 a year.",
            "text": [
                "Under contract water management the service company pays for and operates the upgrade of pipes and fittings, and the university shares the savings on its water bill.",
                "The result: 45.6 % less water, more than 1,000 tonnes saved every day and about ¥700,000 a year. The example helped 284 institutions across the city become provincial water-saving units during the 14th Five-Year Plan.",
            ],
            "metrics": [
                ("Water saved", 45.6, "%", "before vs. after the retrofit", -45.6),
                ("Water saved per day", 1000, "t+", "daily average", None),
                ("Yearly economic gain", 700000, "¥", "per year", None),
            ],
        },
    },
    {
        "slug": "yunyang-shallow-geothermal-heating-and-cooling",
        "topic": "geothermal",
        "units": ["yunyang"],
        "headline": ("593", "吨", "t", "每年减少碳排放", "CO₂ avoided a year"),
        "zh": {
            "title": "郧阳区：浅层地热能为集中办公区供冷供热",
            "summary": "郧阳区集中办公区用浅层地热能替代传统空调，配上智能末端控制和云管理平台，每年节约标准煤 238 吨、减少碳排放 593 吨。",
            "text": [
                "地下浅层土壤的温度一年四季相对稳定，冬天比空气暖、夏天比空气凉。郧阳区利用这一特点，为集中办公区建设了浅层地热能空调系统，统一供热、供冷。",
                "系统配套了智能末端控制和云管理平台：空调可以按时段自动开关、恒温运行，用能按时计量，避免“人走机不关”。改造后每年可节约标准煤 238 吨，减少二氧化碳排放 593 吨。",
            ],
            "metrics": [
                ("每年节约标准煤", 238, "吨", "每年", None),
                ("每年减少碳排放", 593, "吨", "每年", None),
            ],
        },
        "en": {
            "title": "Yunyang District: shallow geothermal energy heats and cools the joint office campus",
            "summary": "Ground-source heat pumps with smart terminal control and a cloud platform save 238 tonnes of standard coal and 593 tonnes of CO₂ every year.",
            "text": [
                "The ground a few metres down stays at a steady temperature all year. Yunyang District uses it to heat and cool its joint office campus, with smart controls that switch units on and off on schedule, hold a constant temperature and meter energy use.",
                "Every year the system saves 238 tonnes of standard coal and avoids 593 tonnes of CO₂.",
            ],
            "metrics": [
                ("Standard coal saved per year", 238, "t", "per year", None),
                ("CO₂ avoided per year", 593, "t", "per year", None),
            ],
        },
    },
    {
        "slug": "rooftop-solar-on-public-buildings",
        "topic": "solar",
        "units": ["centre"],
        "headline": ("6,000", "万千瓦时", "× 10,000 kWh", "预计年发电量", "expected yearly output"),
        "zh": {
            "title": "36 万平方米屋顶变“发电站”：公共建筑光伏一体化开发",
            "summary": "全市归集市直行政事业单位和国有企业可用屋顶 36 万余平方米，依法出让 25 年光伏开发经营权，项目建成后预计每年发电 6,000 余万千瓦时。",
            "text": [
                "公共建筑屋顶面积大、产权清晰，是发展分布式光伏的好地方。十堰市机关事务服务中心会同有关部门，把市直行政事业单位和国有企业可利用的屋顶统一归集，总面积超过 36 万平方米。",
                "这些屋顶的光伏一体化开发经营权经评估后依法出让，期限 25 年。项目全部建成后，预计年发电量可达 6,000 余万千瓦时，既降低单位用电成本，又能把多余电量并网，提高绿电占比。",
            ],
            "metrics": [
                ("归集可利用屋顶", 36, "万平方米", "市直单位和国有企业", None),
                ("开发经营权期限", 25, "年", "依法评估出让", None),
                ("预计年发电量", 6000, "万千瓦时", "项目建成后", None),
            ],
        },
        "en": {
            "title": "360,000 m² of public roofs become power stations",
            "summary": "Usable roofs of city agencies and state enterprises were pooled and a 25-year right to develop rooftop solar was awarded; the projects are expected to generate more than 60 million kWh a year.",
            "text": [
                "Public buildings have large roofs with clear ownership. More than 360,000 m² of usable roof space was pooled and, after valuation, the right to develop and operate integrated rooftop solar for 25 years was awarded lawfully.",
                "Once built, the projects are expected to produce more than 60 million kWh a year, cutting electricity costs and feeding surplus power into the grid.",
            ],
            "metrics": [
                ("Roof space pooled", 360000, "m²", "city agencies and state enterprises", None),
                ("Development right", 25, "years", "awarded after valuation", None),
                ("Expected yearly output", 60000000, "kWh", "once built", None),
            ],
        },
    },
    {
        "slug": "yunxi-zhushan-equipment-renewal",
        "topic": "energy",
        "units": ["yunxi", "zhushan"],
        "headline": ("5,000", "吨", "t", "预计每年减少碳排放", "CO₂ avoided a year (expected)"),
        "zh": {
            "title": "郧西、竹山：抓住设备更新政策，7,000 余万元国债资金改造用能设备",
            "summary": "县级机关事务部门在“两新”政策中找准公共机构节能的着力点，争取国债资金 7,000 余万元更新公共建筑重点用能设备，预计改造后每年减少碳排放 5,000 余吨。",
            "text": [
                "老旧锅炉、空调和照明是公共建筑里的“耗能大户”。郧西县、竹山县等县（市、区）机关事务系统抓住大规模设备更新的政策机遇，主动对上争取，共获得国债资金 7,000 余万元。",
                "资金集中用于公共建筑重点用能设备的更新改造。按测算，改造完成后每年可减少碳排放 5,000 余吨。",
            ],
            "metrics": [
                ("争取国债资金", 7000, "万元", "用于重点用能设备更新", None),
                ("预计每年减少碳排放", 5000, "吨", "改造完成后", None),
            ],
        },
        "en": {
            "title": "Yunxi and Zhushan: ¥70 million of national bonds to renew energy-hungry equipment",
            "summary": "County offices secured more than ¥70 million of national bond funds to replace key energy-using equipment in public buildings, expected to avoid more than 5,000 tonnes of carbon emissions a year.",
            "text": [
                "Old boilers, air-conditioning and lighting use most of a public building's energy. Counties including Yunxi and Zhushan used the national equipment-renewal policy to win more than ¥70 million of bond funding for replacements.",
                "Once the work is finished, emissions are expected to fall by more than 5,000 tonnes a year.",
            ],
            "metrics": [
                (
                    "National bond funds secured",
                    70000000,
                    "¥",
                    "for key energy-using equipment",
                    None,
                ),
                ("Carbon avoided per year (expected)", 5000, "t", "after the renewal", None),
            ],
        },
    },
    {
        "slug": "energy-performance-contracting",
        "topic": "contract",
        "units": ["centre"],
        "headline": ("2,000", "吨标煤", "t sce", "每年节能量", "energy saved a year"),
        "zh": {
            "title": "合同能源管理：7 个项目、2 亿多元，让市场为节能出力",
            "summary": "全市公共机构实施合同能源管理项目 7 个，合同总金额超过 2 亿元，每年节能 2,000 余吨标准煤。",
            "text": [
                "合同能源管理由节能服务公司投资改造，再从节省的能源费用中回收投资，公共机构不必一次性拿出大笔资金。十堰大力推行这一市场化机制，并出台了公共机构合同能源管理实施方案。",
                "目前全市公共机构已实施合同能源管理项目 7 个，合同总金额超过 2 亿元，年节能量达到 2,000 余吨标准煤。",
            ],
            "metrics": [
                ("合同能源管理项目", 7, "个", "全市公共机构", None),
                ("合同总金额", 2, "亿元以上", "", None),
                ("每年节能量", 2000, "吨标准煤", "每年", None),
            ],
        },
        "en": {
            "title": "Energy performance contracting: seven projects worth over ¥200 million",
            "summary": "Seven energy performance contracts in the city's public institutions, worth more than ¥200 million in total, save over 2,000 tonnes of standard coal a year.",
            "text": [
                "Under energy performance contracts an energy-service company invests in the upgrade and is repaid from the savings, so institutions need no large upfront budget.",
                "Seven such projects are under way, worth more than ¥200 million together and saving over 2,000 tonnes of standard coal a year.",
            ],
            "metrics": [
                ("Energy performance contracts", 7, "", "city public institutions", None),
                ("Total contract value", 200000000, "¥+", "", None),
                ("Energy saved per year", 2000, "t sce", "per year", None),
            ],
        },
    },
    {
        "slug": "clean-plate-and-carbon-credits",
        "topic": "food",
        "units": ["canteen"],
        "headline": (
            "1",
            "个平台",
            "platform",
            "“E餐通”智慧食堂打卡积分",
            "E-Cantong smart canteen credits",
        ),
        "zh": {
            "title": "“光盘行动+碳普惠”：吃干净就能攒碳积分",
            "summary": "依托机关食堂“E餐通”智慧管理平台，十堰与招商银行合作上线“光盘打卡”小程序，光盘获得的碳积分可以兑换食堂充值优惠券。",
            "text": [
                "反食品浪费需要提醒，也需要一点激励。十堰依托机关食堂的“E餐通”智慧管理平台，联合招商银行开发了“光盘打卡”小程序：吃完拍照打卡，就能获得碳积分。",
                "积分可以兑换食堂充值优惠券，用看得见的实惠带动干部职工践行简约适度的生活方式。机关食堂反食品浪费工作还建立了成效评估和通报制度。",
            ],
            "metrics": [("可兑换的奖励", 1, "类", "食堂充值优惠券", None)],
        },
        "en": {
            "title": "Clean plates earn carbon credits",
            "summary": "On the E-Cantong canteen platform, a “clean plate check-in” mini-program built with China Merchants Bank turns finished meals into carbon credits that can be exchanged for canteen top-up coupons.",
            "text": [
                "Staff photograph their empty plate in the mini-program and earn carbon credits, which buy canteen top-up coupons — a small, tangible reward for not wasting food.",
                "Canteens' food-waste results are also evaluated and reported regularly.",
            ],
            "metrics": [("Kinds of reward", 1, "", "canteen top-up coupons", None)],
        },
    },
    {
        "slug": "leased-new-energy-official-cars",
        "topic": "transport",
        "units": ["centre"],
        "headline": (
            "728",
            "辆",
            "cars",
            "三年租赁新能源公务用车",
            "new-energy official cars leased over three years",
        ),
        "zh": {
            "title": "以租代购：三年 728 辆新能源车换下燃油公务车",
            "summary": "十堰探索“以租代购+新能源”的公务出行模式，计划三年租赁 728 辆新能源车；市直单位首批 117 辆已投入使用，各县（市、区）首批 159 辆已交付。",
            "text": [
                "公务用车更新不再一买了之。十堰采用“以租代购+新能源”的方式，计划用三年时间租赁 728 辆新能源车作为公务用车，推动公务出行电动化、绿色化。",
                "第一批进展顺利：市直单位租赁的 117 辆已经全部投入使用，各县（市、区）第一批 159 辆也已交付。",
            ],
            "metrics": [
                ("三年计划租赁", 728, "辆", "新能源公务用车", None),
                ("市直首批投入使用", 117, "辆", "", None),
                ("县（市、区）首批交付", 159, "辆", "", None),
            ],
        },
        "en": {
            "title": "Lease, don't buy: 728 new-energy official cars in three years",
            "summary": "Shiyan is replacing fuel cars with 728 leased new-energy vehicles over three years; the first 117 for city agencies are in service and 159 have been delivered to the counties.",
            "text": [
                "Instead of buying replacement cars, agencies lease new-energy vehicles — 728 of them over three years.",
                "The first batch of 117 cars for city-level agencies is in service and the counties' first 159 have been delivered.",
            ],
            "metrics": [
                ("Planned over three years", 728, "cars", "new-energy official cars", None),
                ("City agencies, first batch in service", 117, "cars", "", None),
                ("Counties, first batch delivered", 159, "cars", "", None),
            ],
        },
    },
]

STORIES = [
    {
        "slug": "2024-core-indicators",
        "date": "2025-03-18",
        "topic": "energy",
        "tags": ["年度数据", "节能"],
        "zh": {
            "title": "2024 年度公共机构三项核心指标出炉：人均能耗下降 59.3%",
            "summary": "与“十三五”相比，十堰市本级公共机构人均综合能耗、单位建筑面积能耗、人均用水量分别下降 59.3%、58.5% 和 26.2%。",
            "text": [
                "2024 年度的统计结果显示，十堰市本级公共机构三项核心指标继续向好：与“十三五”时期相比，人均综合能耗下降 59.3%，单位建筑面积能耗下降 58.5%，人均用水量下降 26.2%。",
                "全市公共机构能源资源消费总量增速放缓、强度持续下降，提前完成了湖北省公共机构节约能源资源“十四五”规划确定的目标值。",
            ],
            "metrics": [
                ("人均综合能耗", 59.3, "%", "2024 年对比“十三五”", -59.3),
                ("单位建筑面积能耗", 58.5, "%", "2024 年对比“十三五”", -58.5),
                ("人均用水量", 26.2, "%", "2024 年对比“十三五”", -26.2),
            ],
        },
        "en": {
            "title": "2024 indicators: energy use per person down 59.3 %",
            "summary": "Compared with the 13th Five-Year Plan baseline, energy per person, energy per m² and water per person in Shiyan's city-level public institutions fell by 59.3 %, 58.5 % and 26.2 %.",
            "text": [
                "All three core indicators improved again in 2024, and the provincial 14th Five-Year targets for public institutions were met ahead of time."
            ],
            "metrics": [
                ("Energy per person", 59.3, "%", "2024 vs. 13th FYP", -59.3),
                ("Energy per m²", 58.5, "%", "2024 vs. 13th FYP", -58.5),
                ("Water per person", 26.2, "%", "2024 vs. 13th FYP", -26.2),
            ],
        },
    },
    {
        "slug": "little-water-drops-in-reservoir-townships",
        "date": "2025-06-05",
        "topic": "river",
        "tags": ["志愿服务", "节水"],
        "zh": {
            "title": "“小水滴”走进库区乡镇：2,000 多支队伍、33 万志愿者守护一库清水",
            "summary": "机关事务部门联合丹江口等县市持续开展守水护水志愿活动，志愿者走村入户宣传护水知识，越来越多群众成为主动护水的“守井人”。",
            "text": [
                "十堰是南水北调中线工程的核心水源区。近年来，市机关事务服务中心会同丹江口等县市，组织“小水滴”志愿者深入库区乡镇，走村入户开展护水主题活动。",
                "目前全市已有 2,000 多支节水护水志愿服务队，参与志愿者达 33 万人。越来越多的村民从旁观者变成了主动巡查、劝阻污染的“守井人”。",
            ],
            "metrics": [
                ("节水护水志愿服务队", 2000, "支以上", "全市", None),
                ("参与志愿者", 33, "万人", "全市", None),
            ],
        },
        "en": {
            "title": "“Little Water Drops” in the reservoir townships: 2,000 teams, 330,000 volunteers",
            "summary": "Volunteers visit villages in the Danjiangkou reservoir area to share water-protection know-how, and more residents now act as guardians of their own wells and streams.",
            "text": [
                "Shiyan is the core source area of the South-to-North Water Diversion's middle route. More than 2,000 water-protection teams and 330,000 volunteers now take part."
            ],
            "metrics": [
                ("Volunteer teams", 2000, "+", "city-wide", None),
                ("Volunteers", 330000, "", "city-wide", None),
            ],
        },
    },
    {
        "slug": "14th-five-year-exemplar-results",
        "date": "2025-11-20",
        "topic": "water",
        "tags": ["示范创建"],
        "zh": {
            "title": "“十四五”示范创建成绩单：480 个节约型机关、8 个全国示范单位",
            "summary": "“十四五”期间，全市累计创成 480 个节约型机关、1 个全国绿色低碳公共机构、8 个全国节约型公共机构示范单位，3 个案例入选全国典型案例。",
            "text": [
                "十堰遴选硬件条件好、节能水平高、代表性强的单位重点培育。“十四五”期间，全市累计创成 480 个节约型机关、1 个全国绿色低碳公共机构和 8 个全国节约型公共机构示范单位。",
                "在案例总结上，2 个案例入选 2023—2024 年度全国公共机构绿色低碳发展典型案例，1 个案例入选 2021—2022 年度全国公共机构能源资源节约典型案例。",
            ],
            "metrics": [
                ("节约型机关", 480, "个", "“十四五”期间累计", None),
                ("全国节约型公共机构示范单位", 8, "个", "“十四五”期间", None),
                ("入选全国典型案例", 3, "个", "2021—2024 年度", None),
            ],
        },
        "en": {
            "title": "14th Five-Year results: 480 resource-saving offices and 8 national exemplars",
            "summary": "During the 14th Five-Year Plan the city gained 480 resource-saving government offices, one national green low-carbon institution, eight national exemplar institutions and three national typical cases.",
            "text": [
                "Two cases were selected as national green low-carbon typical cases for 2023–2024 and one as a national resource-saving typical case for 2021–2022."
            ],
            "metrics": [
                ("Resource-saving offices", 480, "", "14th FYP total", None),
                ("National exemplar institutions", 8, "", "14th FYP", None),
                ("National typical cases", 3, "", "2021–2024", None),
            ],
        },
    },
    {
        "slug": "284-provincial-water-saving-institutions",
        "date": "2026-01-12",
        "topic": "contract",
        "tags": ["节水", "示范创建"],
        "zh": {
            "title": "284 家单位创成省级公共机构节水型单位",
            "summary": "在水效领跑者和合同节水管理等典型带动下，“十四五”期间全市 284 家公共机构创成省级节水型单位。",
            "text": [
                "市人民医院申创水效领跑者、湖北医药学院推行合同节水管理，这些典型让其他单位看到了节水的路径和收益。",
                "各单位比学赶超、齐头并进，“十四五”期间全市共有 284 家单位创成省级公共机构节水型单位。",
            ],
            "metrics": [("省级公共机构节水型单位", 284, "家", "“十四五”期间", None)],
        },
        "en": {
            "title": "284 institutions recognised as provincial water-saving units",
            "summary": "Following the examples of the water-efficiency leader and contract water management, 284 public institutions became provincial water-saving units during the 14th Five-Year Plan.",
            "text": ["Exemplars showed the way and the savings; other institutions followed."],
            "metrics": [("Provincial water-saving institutions", 284, "", "14th FYP", None)],
        },
    },
    {
        "slug": "green-low-carbon-implementation-plan",
        "date": "2026-04-08",
        "topic": "energy",
        "tags": ["制度建设"],
        "zh": {
            "title": "一套方案、多项制度：公共机构绿色低碳发展有章可循",
            "summary": "十堰联合发改、城管等部门印发公共机构绿色低碳发展实施方案，并出台合同能源管理、垃圾分类和机关食堂反食品浪费评估通报等配套制度。",
            "text": [
                "公共机构节能被纳入美丽十堰建设规划、美丽城市建设方案和国家碳达峰试点建设方案。市机关事务服务中心联合发改、城管等部门印发了深入开展公共机构绿色低碳发展的实施方案。",
                "配套出台的还有公共机构合同能源管理、公共机构垃圾分类、机关食堂反食品浪费工作成效评估和通报制度等实施方案，并为县（市、区）编写了节约型机关创建、示范单位创建和案例撰写的操作指南。",
            ],
            "metrics": [],
        },
        "en": {
            "title": "One plan, several rules: a framework for green public institutions",
            "summary": "An implementation plan issued with the development and urban-management departments is backed by rules on energy performance contracting, waste sorting and evaluating canteen food waste.",
            "text": [
                "Operating guides help the counties create resource-saving offices and exemplar units and write up their cases."
            ],
            "metrics": [],
        },
    },
]
