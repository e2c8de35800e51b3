"""Load the demo campaigns (both languages), their progress updates and pledges.

Runs after the showcase (related case studies and stories) and the volunteers
(some of whose demo events count towards the water-protection campaign).
Rows are written directly, not through the services, so no e-mail is sent.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Page

from campaigns.choices import GoalKind
from campaigns.demo_content import CAMPAIGNS, INDEX, PLEDGE_NICKNAMES, PLEDGE_PLACES
from campaigns.models import (
    CampaignGoal,
    CampaignIndexPage,
    CampaignPage,
    CampaignRelatedPage,
    GoalUpdate,
    Pledge,
)
from campaigns.roles import campaign_permissions_ensure
from campaigns.services import ip_fingerprint
from portal.dates import SHIYAN_TZ, shiyan_today
from portal.demo_helpers import ensure_locale, publish_translation
from portal.demo_images import ensure_image
from portal.models import HomePage
from volunteers.choices import EventKind, EventStatus, Visibility
from volunteers.events.models import Event

LINKED_EVENT_KINDS = (EventKind.PATROL, EventKind.CLEANUP, EventKind.HOUSEHOLD)
DEMO_PLEDGES = 86


def _body(text):
    return [("text", "".join(f"<p>{paragraph}</p>" for paragraph in text))]


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _index(home, zh, en):
    index = CampaignIndexPage.objects.child_of(home).first()
    if index is None:
        index = CampaignIndexPage(
            title=INDEX["zh"]["title"],
            slug="campaigns",
            intro=INDEX["zh"]["intro"],
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    publish_translation(index, en, title=INDEX["en"]["title"], intro=INDEX["en"]["intro"])
    return index


def _related(slugs, zh):
    pages = {p.slug: p for p in Page.objects.filter(slug__in=slugs, locale=zh)}
    return [CampaignRelatedPage(related=pages[slug]) for slug in slugs if slug in pages]


def _translate_goals(goals_en):
    def populate(translation):
        goals = list(translation.goals.all())
        for goal, (label, unit) in zip(goals, goals_en, strict=False):
            goal.label, goal.unit = label, unit
        translation.goals = goals

    return populate


def _campaign(index, en, data, seed):
    zh_content, en_content = data["zh"], data["en"]
    page = CampaignPage.objects.filter(slug=data["slug"], locale=index.locale).first()
    if page is None:
        kind, n = data["image"]
        image = ensure_image(
            title=f"专项行动封面：{zh_content['title'][:40]}",
            alt=zh_content["summary"][:60],
            topic=kind,
            seed=n,
        )
        page = CampaignPage(
            title=zh_content["title"],
            slug=data["slug"],
            theme=data["theme"],
            summary=zh_content["summary"],
            start_date=_date(data["start"]),
            end_date=_date(data["end"]),
            hero_image=image,
            pledge_text=zh_content["pledge"],
            body=_body(zh_content["text"]),
        )
        page.goals = [
            CampaignGoal(kind=kind, target=Decimal(target), label=label, unit=unit, sort_order=n)
            for n, (kind, target, label, unit, *_rest) in enumerate(data["goals"])
        ]
        page.related_links = _related(data["related"], index.locale)
        index.add_child(instance=page)
        page.save_revision().publish()
    publish_translation(
        page,
        en,
        populate=_translate_goals([(g[4], g[5]) for g in data["goals"]]),
        title=en_content["title"],
        summary=en_content["summary"],
        pledge_text=en_content.get("pledge", ""),
        body=_body(en_content["text"]),
    )
    return page


def _updates(page, data):
    goals = list(page.goals.order_by("sort_order"))
    for goal, (kind, *_rest, updates) in zip(goals, data["goals"], strict=False):
        if kind != GoalKind.MANUAL or goal.updates.exists():
            continue
        GoalUpdate.objects.bulk_create(
            GoalUpdate(goal=goal, date=_date(day), value=Decimal(value), note=note)
            for day, value, note in updates
        )


def _pledges(page, rng):
    if page.pledges.exists():
        return
    start = page.start_date
    days = max((shiyan_today() - start).days, 1)
    rows = []
    names = [
        f"{place}·{nickname}"
        for place, nickname in rng.sample(
            [(p, k) for p in PLEDGE_PLACES for k in PLEDGE_NICKNAMES], DEMO_PLEDGES
        )
    ]
    for n in range(DEMO_PLEDGES):
        # More pledges near the start and as word spreads: a gently rising curve.
        day = start + datetime.timedelta(days=int(days * (n / DEMO_PLEDGES) ** 0.8))
        moment = datetime.datetime.combine(
            day, datetime.time(rng.randint(11, 13), rng.randint(0, 59)), tzinfo=SHIYAN_TZ
        )
        rows.append(
            Pledge(
                campaign=page,
                display_name=names[n],
                created_at=min(moment, timezone.now()),
                ip_hash=ip_fingerprint(f"198.51.100.{n % 250}"),
            )
        )
    Pledge.objects.bulk_create(rows)


def _link_events(page):
    if page.events.exists():
        return
    events = Event.objects.filter(
        campaign__isnull=True,
        kind__in=LINKED_EVENT_KINDS,
        visibility=Visibility.PUBLIC,
        status=EventStatus.SCHEDULED,
        team__township__county__code__in=["420381000000", "420304000000", "420322000000"],
    )
    Event.objects.filter(pk__in=list(events.values_list("pk", flat=True))).update(campaign=page)


def load(*, out):
    zh, en = ensure_locale("zh-hans"), ensure_locale("en")
    home = HomePage.objects.get(locale=zh)
    index = _index(home, zh, en)
    rng = random.Random(2026)
    for n, data in enumerate(CAMPAIGNS):
        page = _campaign(index, en, data, n)
        _updates(page, data)
        if page.pledge_text and page.status != "upcoming":
            _pledges(page, rng)
        if any(goal[0] == GoalKind.EVENTS for goal in data["goals"]):
            _link_events(page)
    campaign_permissions_ensure()
    out.info(f"Created {len(CAMPAIGNS)} campaigns.")
