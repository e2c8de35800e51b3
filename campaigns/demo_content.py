"""Demo campaigns.

Targets and figures come from the Shiyan Government Offices Administration's
report on green public institutions (2024); the wording is ours. The dates of
the progress updates are illustrative (the report gives the figures "so far").
Each goal: (kind, target, zh label, zh unit, en label, en unit, [(date, value, zh note)]).
"""

INDEX = {
    "zh": {
        "title": "专项行动",
        "intro": "<p>绿色出行、节水护水、光盘行动……每一项专项行动都有明确的目标。进度按数据自动统计，欢迎作出你的承诺。</p>",
    },
    "en": {
        "title": "Campaigns",
        "intro": "<p>Green travel, water protection, clean plates: every campaign has clear goals, its progress is counted from the data, and you can take part with a pledge.</p>",
    },
}

CAMPAIGNS = [
    {
        "slug": "green-official-travel",
        "theme": "transport",
        "image": ("transport", 300),
        "start": "2025-01-01",
        "end": "2027-12-31",
        "related": ["leased-new-energy-official-cars"],
        "goals": [
            (
                "manual",
                728,
                "租赁新能源公务用车",
                "辆",
                "New-energy official cars leased",
                "cars",
                [
                    ("2025-09-30", 117, "市直单位第一批租赁车辆全部投入使用"),
                    ("2025-12-31", 276, "各县（市、区）第一批 159 辆交付，累计 276 辆"),
                ],
            ),
        ],
        "zh": {
            "title": "绿色公务出行：三年换上 728 辆新能源公务车",
            "summary": "公务用车“以租代购+新能源”：三年内租赁 728 辆新能源车，让公务出行告别燃油。市直首批 117 辆已上路，县（市、区）首批 159 辆已交付。",
            "pledge": "",
            "text": [
                "公务用车到了更新的时候，十堰没有再走“买新车”的老路，而是改为租赁新能源车：既减少一次性财政投入，又让公务出行直接用上电。",
                "按照计划，三年内共租赁 728 辆新能源车作为公务用车。进度分批推进：市直单位第一批 117 辆已经全部投入使用，各县（市、区）第一批 159 辆也已完成交付。每交付一批，我们就在这里更新一次数字。",
            ],
        },
        "en": {
            "title": "Green official travel: 728 new-energy official cars in three years",
            "summary": "Official cars are leased instead of bought, and they are electric: 728 new-energy cars over three years. The city agencies' first 117 are on the road and the counties' first 159 have been delivered.",
            "text": [
                "When official cars were due for renewal, Shiyan chose to lease new-energy vehicles rather than buy fuel cars — less money up front, and official trips on electricity straight away.",
                "The plan is 728 leased cars in three years. The first 117 for city-level agencies are all in service and the counties' first 159 have been delivered. The figure here is updated with every batch.",
            ],
        },
    },
    {
        "slug": "little-water-drops",
        "theme": "river",
        "image": ("river", 301),
        "start": "2021-01-01",
        "end": None,
        "related": ["little-water-drops-in-reservoir-townships"],
        "goals": [
            (
                "manual",
                2000,
                "节水护水志愿服务队",
                "支",
                "Water-protection volunteer teams",
                "teams",
                [("2025-12-31", 2000, "全市节水护水志愿服务队已超过 2000 支")],
            ),
            (
                "manual",
                330000,
                "参与的“小水滴”志愿者",
                "人",
                "“Little Water Drop” volunteers taking part",
                "volunteers",
                [("2025-12-31", 330000, "约 33 万名志愿者参与守水护水活动")],
            ),
            (
                "events",
                40,
                "已开展的护水活动",
                "场",
                "Water-protection activities held",
                "activities",
                [],
            ),
        ],
        "zh": {
            "title": "“小水滴”守水护水行动",
            "summary": "两千多支志愿服务队、三十多万名“小水滴”走进丹江口库区乡镇巡河、清漂、入户宣传，人人争当“守井人”，守护一库清水永续北上。",
            "pledge": "",
            "text": [
                "十堰是南水北调中线工程的核心水源区。市机关事务服务中心和丹江口等县市一起，持续组织“小水滴”志愿者深入库区乡镇：沿岸巡河、打捞漂浮物、走村入户讲节水护水。",
                "如今全市已有 2000 多支节水护水志愿服务队，约 33 万人参与。志愿服务队在本站发布的护水活动可以关联到本行动，活动结束后自动计入进度。",
            ],
        },
        "en": {
            "title": "“Little Water Drops” protect the reservoir",
            "summary": "More than 2,000 volunteer teams and 330,000 “Little Water Drops” patrol rivers, clear litter and visit households in the Danjiangkou reservoir townships.",
            "text": [
                "Shiyan is the core source of the South-to-North Water Diversion's middle route. Together with Danjiangkou and the other reservoir counties, the Government Offices Administration keeps sending “Little Water Drop” volunteers into the townships to patrol the banks, clear floating litter and talk to households about saving and protecting water.",
                "More than 2,000 volunteer teams with some 330,000 people now take part. Teams can link the activities they publish here to this campaign; each one counts once it has taken place.",
            ],
        },
    },
    {
        "slug": "water-saving-institutions",
        "theme": "water",
        "image": ("water", 302),
        "start": "2021-01-01",
        "end": "2025-12-31",
        "related": [
            "284-provincial-water-saving-institutions",
            "hubei-university-of-medicine-contract-water-management",
            "shiyan-peoples-hospital-water-leader",
        ],
        "goals": [
            (
                "manual",
                284,
                "创成省级公共机构节水型单位",
                "家",
                "Provincial water-saving public institutions",
                "institutions",
                [("2025-12-31", 284, "“十四五”期间累计创成 284 家")],
            ),
        ],
        "zh": {
            "title": "节水型单位创建：“十四五”期间 284 家达标",
            "summary": "以示范单位带动全市公共机构节水：“十四五”期间，全市共有 284 家单位创成省级公共机构节水型单位。",
            "pledge": "",
            "text": [
                "节水型单位不是一块牌子，而是一整套管水用水的办法：计量到位、器具节水、漏损可查。市人民医院、湖北医药学院等示范单位先行先试，其他单位对标学习、你追我赶。",
                "到“十四五”收官，全市共有 284 家公共机构创成省级节水型单位。这项行动已经结束，成果会继续在日常管理中保持。",
            ],
        },
        "en": {
            "title": "Water-saving institutions: 284 certified in the 14th Five-Year Plan",
            "summary": "Led by exemplar units, 284 of Shiyan's public institutions became provincial water-saving institutions during the 14th Five-Year Plan.",
            "text": [
                "Becoming a water-saving institution means metering, efficient fittings and leaks that get found. Exemplar units such as Shiyan People's Hospital and Hubei University of Medicine went first and the others followed their lead.",
                "By the end of the 14th Five-Year Plan 284 public institutions had been certified. The campaign is over; the results stay part of everyday management.",
            ],
        },
    },
    {
        "slug": "clean-plate-carbon-credits",
        "theme": "food",
        "image": ("food", 303),
        "start": "2026-09-01",
        "end": "2027-08-31",
        "related": ["clean-plate-and-carbon-credits"],
        "goals": [
            (
                "pledges",
                1000,
                "作出光盘承诺",
                "人",
                "People who pledged a clean plate",
                "people",
                [],
            ),
        ],
        "zh": {
            "title": "光盘行动 + 碳普惠：吃干净，攒积分",
            "summary": "在机关食堂“光盘打卡”就能攒碳积分、换充值优惠券。在这里作出你的光盘承诺，看看有多少人和你一起。",
            "pledge": "我承诺：光盘不剩饭",
            "text": [
                "机关食堂的“E餐通”智慧管理平台接入了与招商银行合作开发的“光盘打卡”小程序：吃完拍照打卡，就能获得碳积分，积分可以兑换食堂充值优惠券。",
                "这次行动的目标是一千份光盘承诺。无论是否注册志愿者账号，都可以留下昵称作出承诺；登录后承诺，还会收到一封确认邮件。",
            ],
        },
        "en": {
            "title": "Clean plates and carbon credits",
            "summary": "Check in a clean plate in the government canteens and earn carbon credits for canteen coupons. Make your clean-plate pledge here and see who is with you.",
            "pledge": "I will finish my plate",
            "text": [
                "The canteens' E-Cantong platform includes a “clean plate check-in” mini-program built with China Merchants Bank: photograph an empty plate, earn carbon credits and exchange them for canteen top-up coupons.",
                "The campaign aims for a thousand clean-plate pledges. Anyone can pledge with a display name; pledge with your volunteer account and you also get a confirmation e-mail.",
            ],
        },
    },
    {
        "slug": "lights-off-taps-off",
        "theme": "energy",
        "image": ("energy", 304),
        "start": "2027-01-01",
        "end": "2027-12-31",
        "related": ["14th-five-year-exemplar-results", "energy-performance-contracting"],
        "goals": [
            ("pledges", 500, "作出节约承诺", "人", "People who pledged", "people", []),
        ],
        "zh": {
            "title": "节约型机关：人走灯灭、随手关水",
            "summary": "“十四五”期间全市创成 480 个节约型机关。新的一年，从每个人离开办公室时的一个小动作做起。",
            "pledge": "我承诺：人走灯灭、随手关水",
            "text": [
                "“十四五”期间，全市累计创成 480 个节约型机关，8 家单位成为全国节约型公共机构示范单位。节约的成绩，最终落在每个人的日常习惯上。",
                "行动将于明年 1 月 1 日开始，届时欢迎在这里作出承诺。",
            ],
        },
        "en": {
            "title": "Resource-saving offices: lights off, taps off",
            "summary": "480 government offices became resource-saving offices during the 14th Five-Year Plan. Next year it comes down to one small habit when you leave the office.",
            "pledge": "I will switch off the lights and turn off the tap",
            "text": [
                "During the 14th Five-Year Plan, 480 offices were recognised as resource-saving offices and 8 institutions as national exemplars. Savings like these come down to everyday habits.",
                "The campaign starts on 1 January; pledging opens then.",
            ],
        },
    },
]

# Names people might choose for a clean-plate pledge (no real persons):
# a place or workplace and a nickname.
PLEDGE_PLACES = [
    "市直机关",
    "茅箭区",
    "张湾区",
    "郧阳区",
    "丹江口",
    "郧西",
    "竹山",
    "竹溪",
    "房县",
    "武当山",
    "市医院食堂",
    "湖医药",
]
PLEDGE_NICKNAMES = [
    "小王",
    "李老师",
    "小陈",
    "周周",
    "阿杰",
    "刘姐",
    "小吴",
    "老赵",
    "孙师傅",
    "小杨",
    "光盘达人",
    "张同学",
    "一粒米",
    "Lily",
]
