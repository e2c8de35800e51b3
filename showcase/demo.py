"""Load the demo exemplar units, case studies and stories (both languages)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from portal.demo_helpers import ensure_locale, ensure_user, publish_translation
from portal.demo_images import ensure_image
from portal.models import HomePage
from showcase.demo_content import CASES, STORIES, UNITS
from showcase.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ExemplarUnit,
    StoryIndexPage,
    StoryPage,
    UnitHonour,
)
from showcase.roles import editorial_setup_ensure
from volunteers.places.gazetteer import gazetteer_load
from volunteers.places.models import County

ACCOUNTS = [
    ("editor", "editor@qingshui.example", "qingshui-editor-2026", "Editors"),
    ("moderator", "moderator@qingshui.example", "qingshui-moderator-2026", "Moderators"),
]


def _body(content, unit=None):
    blocks = [("text", "".join(f"<p>{p}</p>" for p in content["text"]))]
    if content["metrics"]:
        blocks.insert(
            1,
            (
                "metrics",
                [
                    {
                        "label": label,
                        "value": Decimal(str(value)),
                        "unit": unit_text,
                        "baseline": baseline,
                        "change_percent": None if change is None else Decimal(str(change)),
                        "source": "十堰市机关事务服务中心" if content is not None else "",
                    }
                    for label, value, unit_text, baseline, change in content["metrics"]
                ],
            ),
        )
    if unit is not None:
        blocks.append(("unit_map", {"unit": unit, "zoom": 13}))
    return blocks


def _units():
    gazetteer_load()  # units belong to counties; loading is idempotent
    counties = {c.name_zh: c for c in County.objects.all()}
    units = {}
    for key, name, name_en, kind, county, address, honours in UNITS:
        unit = ExemplarUnit.objects.filter(name=name).first()
        if unit is None:
            unit = ExemplarUnit(
                name=name, name_en=name_en, kind=kind, county=counties[county], address=address
            )
            for honour, year_from, year_to in honours:
                unit.honours.add(UnitHonour(honour=honour, year_from=year_from, year_to=year_to))
            unit.save()
        units[key] = unit
    return units


def _index(model, parent, *, title, slug, intro):
    index = model.objects.child_of(parent).first()
    if index is None:
        index = model(title=title, slug=slug, intro=intro, show_in_menus=True)
        parent.add_child(instance=index)
        index.save_revision().publish()
    return index


def load(*, out):
    zh, en = ensure_locale("zh-hans"), ensure_locale("en")
    home = HomePage.objects.get(locale=zh)
    units = _units()

    cases_index = _index(
        CaseStudyIndexPage,
        home,
        title="示范案例",
        slug="cases",
        intro="<p>十堰公共机构在节水、节能、光伏、地热、绿色出行和反食品浪费方面的做法与成效。</p>",
    )
    publish_translation(
        cases_index,
        en,
        title="Case studies",
        intro="<p>How Shiyan's public institutions save water and energy, adopt solar and geothermal power, travel green and waste less food.</p>",
    )
    stories_index = _index(
        StoryIndexPage,
        home,
        title="工作动态",
        slug="news",
        intro="<p>绿色机关建设和护水志愿服务的最新消息。</p>",
    )
    publish_translation(
        stories_index,
        en,
        title="News",
        intro="<p>The latest from Shiyan's green institutions and water-protection volunteers.</p>",
    )

    for n, case in enumerate(CASES):
        if CaseStudyPage.objects.filter(slug=case["slug"], locale=zh).exists():
            continue
        value, unit_zh, unit_en, label_zh, label_en = case["headline"]
        first_unit = units[case["units"][0]]
        image = ensure_image(
            title=f"案例封面：{case['zh']['title'][:40]}",
            alt=case["zh"]["summary"][:60],
            topic=case["topic"],
            seed=n,
        )
        page = CaseStudyPage(
            title=case["zh"]["title"],
            slug=case["slug"],
            topic=case["topic"],
            summary=case["zh"]["summary"],
            cover_image=image,
            headline_value=value,
            headline_unit=unit_zh,
            headline_label=label_zh,
            body=_body(case["zh"], first_unit),
        )
        page.units = [units[key] for key in case["units"]]
        cases_index.add_child(instance=page)
        page.save_revision().publish()
        # Spread the publication dates so the index has a meaningful order.
        published = timezone.now() - datetime.timedelta(days=30 * (len(CASES) - n))
        CaseStudyPage.objects.filter(pk=page.pk).update(first_published_at=published)
        publish_translation(
            page,
            en,
            title=case["en"]["title"],
            summary=case["en"]["summary"],
            headline_unit=unit_en,
            headline_label=label_en,
            body=_body(case["en"], first_unit),
        )
    for n, story in enumerate(STORIES):
        if StoryPage.objects.filter(slug=story["slug"], locale=zh).exists():
            continue
        image = ensure_image(
            title=f"动态封面：{story['zh']['title'][:40]}",
            alt=story["zh"]["summary"][:60],
            topic=story["topic"],
            seed=100 + n,
        )
        page = StoryPage(
            title=story["zh"]["title"],
            slug=story["slug"],
            summary=story["zh"]["summary"],
            date=datetime.date.fromisoformat(story["date"]),
            author="清水编辑部",
            cover_image=image,
            body=_body(story["zh"]),
        )
        page.tags.add(*story["tags"])
        stories_index.add_child(instance=page)
        page.save_revision().publish()
        publish_translation(
            page,
            en,
            title=story["en"]["title"],
            summary=story["en"]["summary"],
            author="Qingshui editors",
            body=_body(story["en"]),
        )

    groups = editorial_setup_ensure()
    for role, email, password, group in ACCOUNTS:
        user = ensure_user(out=out, role=role, email=email, password=password)
        user.groups.add(groups[group])
