"""Demo content for the site itself: locales, the home page in two languages,
site settings and the staff account. Figures come from the Shiyan Government
Offices Administration's report on green public institutions (2024)."""

from wagtail.models import Collection, Page, Site

from portal.base_url import site_address
from portal.demo_helpers import ensure_locale, ensure_user, publish_translation
from portal.models import HomeIndicator, HomePage, SiteSettings

STAFF_EMAIL = "staff@qingshui.example"
STAFF_PASSWORD = "qingshui-staff-2026"

# (value, unit, label, note, trend) in Chinese, then English.
INDICATORS_ZH = [
    ("59.3", "%", "人均综合能耗下降", "市本级公共机构，2024 年对比“十三五”", "down"),
    ("58.5", "%", "单位建筑面积能耗下降", "市本级公共机构，2024 年对比“十三五”", "down"),
    ("26.2", "%", "人均用水量下降", "市本级公共机构，2024 年对比“十三五”", "down"),
    ("2,000+", "支", "节水护水志愿服务队", "活跃在丹江口库区乡镇", "none"),
    ("33", "万", "“小水滴”志愿者", "参与守水护水志愿活动", "none"),
    ("480", "个", "节约型机关", "“十四五”期间累计创成", "none"),
    ("284", "家", "省级节水型单位", "“十四五”期间创成的公共机构", "none"),
    ("8", "个", "全国节约型公共机构示范单位", "另有 1 个全国绿色低碳公共机构", "none"),
]
INDICATORS_EN = [
    (
        "59.3",
        "%",
        "Less energy per person",
        "City-level public institutions, 2024 vs. 13th Five-Year Plan",
        "down",
    ),
    (
        "58.5",
        "%",
        "Less energy per m² of floor space",
        "City-level public institutions, 2024 vs. 13th Five-Year Plan",
        "down",
    ),
    (
        "26.2",
        "%",
        "Less water per person",
        "City-level public institutions, 2024 vs. 13th Five-Year Plan",
        "down",
    ),
    (
        "2,000+",
        "",
        "Water-protection volunteer teams",
        "Working in the Danjiangkou reservoir townships",
        "none",
    ),
    (
        "330,000",
        "",
        "“Little Water Drop” volunteers",
        "Taking part in water-protection activities",
        "none",
    ),
    (
        "480",
        "",
        "Resource-saving government offices",
        "Recognised during the 14th Five-Year Plan",
        "none",
    ),
    (
        "284",
        "",
        "Provincial water-saving institutions",
        "Recognised during the 14th Five-Year Plan",
        "none",
    ),
    (
        "8",
        "",
        "National exemplar resource-saving institutions",
        "Plus one national green low-carbon institution",
        "none",
    ),
]

HOME_ZH = {
    "title": "清水 · 十堰绿色机关与护水志愿者",
    "slug": "home",
    "hero_kicker": "南水北调中线核心水源区 · 湖北十堰",
    "hero_title": "守护一库清水，建设绿色机关",
    "hero_intro": (
        "十堰的公共机构在节水、节能和降碳上交出了实打实的成绩单；两千多支护水志愿服务队、"
        "三十多万名“小水滴”在丹江口库区的乡镇里巡河、清漂、走村入户。"
        "在这里读示范单位的做法，报名参加护水活动，记录你的每一小时志愿服务。"
    ),
    "indicators_heading": "2024 年度成效",
    "indicators_note": (
        "能耗与用水三项指标为十堰市本级公共机构 2024 年度数据，与“十三五”时期相比；"
        "节水护水志愿服务队和志愿者为报告发布时的全市数字，节约型机关为“十四五”以来的累计数。"
        "数据来源：十堰市机关事务服务中心。"
    ),
    "body": (
        "<p>“清水”是十堰市公共机构绿色低碳工作和节水护水志愿服务的公共门户。"
        "公众可以在这里查看示范单位案例、专项行动和工作动态；志愿者可以加入服务队、报名活动、"
        "查看服务时长；服务队队长可以组织活动、上报成果。</p>"
    ),
}
HOME_EN = {
    "title": "Qingshui · Green institutions and water guardians of Shiyan",
    "hero_kicker": "Core source of the South-to-North Water Diversion · Shiyan, Hubei",
    "hero_title": "Keeping the reservoir clean, making public offices green",
    "hero_intro": (
        "Shiyan's public institutions have cut their energy and water use sharply, and more than "
        "2,000 volunteer teams — 330,000 “Little Water Drops” — patrol rivers, clear litter and "
        "visit households in the Danjiangkou reservoir townships. Read how the exemplar units did "
        "it, sign up for a water-protection event and keep track of every hour you give."
    ),
    "indicators_heading": "Results in 2024",
    "indicators_note": (
        "Energy and water: Shiyan's city-level public institutions, 2024 vs. the 13th Five-Year "
        "Plan. Teams and volunteers: city-wide, when the report was published; offices: "
        "recognised in the 14th Five-Year Plan. Source: Shiyan Government Offices Administration."
    ),
    "body": (
        "<p>Qingshui is the public portal of Shiyan's green public institutions and its "
        "water-protection volunteers. The public reads exemplar case studies, campaigns and news; "
        "volunteers join teams, sign up for events and see their service hours; team leaders run "
        "events and report what their teams achieved.</p>"
    ),
}


def _set_indicators(page, rows):
    page.indicators.clear()
    for order, (value, unit, label, note, trend) in enumerate(rows):
        page.indicators.add(
            HomeIndicator(
                value=value, unit=unit, label=label, note=note, trend=trend, sort_order=order
            )
        )


def load(*, out):
    zh = ensure_locale("zh-hans")
    en = ensure_locale("en")
    # A flushed database (e.g. after transactional tests) has lost the roots
    # that Wagtail's migrations create.
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=zh))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")

    home = HomePage.objects.filter(locale=zh).first()
    if home is None:
        # Wagtail's installer leaves a placeholder "Welcome" page; the portal replaces it.
        for placeholder in root.get_children().exact_type(Page):
            placeholder.delete()
        home = HomePage(locale=zh, **HOME_ZH)
        _set_indicators(home, INDICATORS_ZH)
        root.add_child(instance=home)
        home.save_revision().publish()
        out.info("Created the home page.")

    publish_translation(
        home, en, populate=lambda page: _set_indicators(page, INDICATORS_EN), **HOME_EN
    )

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        # Absolute links (feeds, sitemap, API) use the site's address: PORTAL_BASE_URL's.
        hostname, port = site_address()
        site = Site(is_default_site=True, hostname=hostname, port=port)
    if site.root_page_id != home.pk or site.site_name != "清水 Qingshui":
        site.root_page = home
        site.site_name = "清水 Qingshui"
        site.save()

    SiteSettings.objects.get_or_create(
        site=site,
        defaults={
            "organisation": "十堰市机关事务服务中心",
            "contact_email": "contact@qingshui.example",
        },
    )

    ensure_user(out=out, role="staff", email=STAFF_EMAIL, password=STAFF_PASSWORD, superuser=True)
