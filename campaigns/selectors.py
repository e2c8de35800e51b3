"""Reads that feed the campaign pages, cards and the home section.

Every function runs a fixed number of queries whatever the number of
campaigns, goals, pledges or events: figures are aggregated in the database
and grouped by the campaign's (or goal's) ``translation_key``, so a page and
its translation show the same progress.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber, TruncDate
from django.utils import timezone
from wagtail.models import Locale, Page

from campaigns.choices import CampaignStatus, CampaignTheme, GoalKind
from campaigns.models import CampaignGoal, CampaignPage, GoalUpdate, Pledge
from portal.dates import SHIYAN_TZ, shiyan_today
from portal.pagecache.fragments import shared_part
from portal.pagecache.pages import SITE
from portal.related import related_cards
from showcase.pagination import paginate
from volunteers.participation.models.reports import REPORT_FIGURES
from volunteers.participation.services.rollups import approved_figures_version

CARDS_PER_PAGE = 12
LATEST_NAMES = 12
HOME_CAMPAIGNS = 3
CENT = Decimal("0.01")


# --- Goal figures -----------------------------------------------------------------


@dataclass
class GoalFigures:
    """What the data says about one goal: the current value and how it got there."""

    value: Decimal = Decimal(0)
    last_updated: datetime.date | None = None
    series: list[tuple[datetime.date, Decimal]] = field(default_factory=list)


def _local_date(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value, SHIYAN_TZ).date()


def _cumulative(per_day: dict[datetime.date, Decimal]) -> list[tuple[datetime.date, Decimal]]:
    total, points = 0, []
    for day in sorted(per_day):
        total += per_day[day]
        points.append((day, Decimal(total)))
    return points


def finished_events():
    """Activities that took place: over, and not cancelled."""
    from volunteers.choices import EventStatus
    from volunteers.events.models import Event

    return Event.objects.filter(status=EventStatus.SCHEDULED, ends_at__lt=timezone.now())


def goal_figures(goals, *, series: bool = False) -> dict[int, GoalFigures]:
    """Figures for goals (their ``page`` loaded), one query per kind of goal present.

    ``series=True`` also returns the points of each goal's chart: the dated
    updates, or pledges, finished activities, approved hours or approved
    reports per day, cumulative.
    """
    goals = list(goals)
    result = {goal.pk: GoalFigures() for goal in goals}
    by_kind = defaultdict(list)
    for goal in goals:
        by_kind[goal.kind].append(goal)

    if by_kind[GoalKind.MANUAL]:
        manual = by_kind[GoalKind.MANUAL]
        updates = defaultdict(list)
        rows = (
            GoalUpdate.objects.filter(goal__translation_key__in={g.translation_key for g in manual})
            .order_by("date", "pk")
            .values_list("goal__translation_key", "date", "value")
        )
        for key, date, value in rows:
            updates[key].append((date, value))
        for goal in manual:
            points = updates.get(goal.translation_key, [])
            if points:
                figures = result[goal.pk]
                figures.last_updated, figures.value = points[-1]
                figures.series = points if series else []

    for kind in (GoalKind.PLEDGES, GoalKind.EVENTS, GoalKind.HOURS, GoalKind.ACTIVITIES):
        kind_goals = by_kind[kind]
        if not kind_goals:
            continue
        keys = {g.page.translation_key for g in kind_goals}
        if kind in VOLUNTEER_KINDS:
            totals, latest, per_campaign = _volunteer_figures_cached(kind, keys, series)
        else:
            totals, latest, per_campaign = _kind_figures(kind, keys, series)
        for goal in kind_goals:
            key = goal.page.translation_key
            figures = result[goal.pk]
            figures.value = Decimal(totals.get(key, 0))
            figures.last_updated = latest.get(key)
            if series:
                figures.series = _cumulative(per_campaign.get(key, {}))
    return result


def _kind_figures(kind: str, keys: set, series: bool) -> tuple[dict, dict, dict]:
    """(total per campaign key, last change per key, amount per key and day if ``series``)."""
    counted = _counted(kind, keys)
    per_campaign: dict = defaultdict(dict)
    latest: dict = {}
    if series:
        daily = (
            counted.rows.annotate(day=counted.day)
            .values("key", "day")
            .annotate(n=counted.amount, last=Max(counted.changed))
            .order_by()
            .values_list("key", "day", "n", "last")
        )
        for key, day, n, last in daily:
            per_campaign[key][day] = _amount(n)
            changed = _local_date(last) if last else day
            latest[key] = max(latest.get(key, changed), changed)
        totals = {key: sum(days.values()) for key, days in per_campaign.items()}
    else:
        totals = {}
        for key, n, last, last_day in (
            counted.rows.values("key")
            .annotate(n=counted.amount, last=Max(counted.changed), last_day=Max(counted.day))
            .order_by()
            .values_list("key", "n", "last", "last_day")
        ):
            totals[key] = _amount(n)
            latest[key] = _local_date(last) if last else last_day
    return totals, latest, dict(per_campaign)


# Approved hours and reports change only when staff decide something, while at the
# city's scale summing them is the costly part of a campaign page: their figures are
# cached until the next decision (``approved_figures_version`` moves on) or a few minutes.
VOLUNTEER_KINDS = (GoalKind.HOURS, GoalKind.ACTIVITIES)


def _volunteer_figures_cached(kind: str, keys: set, series: bool):
    version = approved_figures_version()
    key = f"campaigns:volunteer-figures:{version}:{kind}:{int(series)}:" + ",".join(
        sorted(str(k) for k in keys)
    )
    figures = cache.get(key)
    if figures is None:
        figures = _kind_figures(kind, keys, series)
        cache.set(key, figures, VOLUNTEER_TOTALS_SECONDS)
    return figures


@dataclass(frozen=True)
class _Counted:
    """What a kind of goal counts, grouped by the campaign's translation key."""

    rows: QuerySet  # annotated with ``key``: the linked campaign's translation_key
    day: Any  # the day a row counts on, for the chart
    amount: Any  # what a group of rows adds to the figure
    changed: str  # when a row last changed the figure


def _counted(kind: str, keys: set) -> _Counted:
    from volunteers.participation.models.hours import RecordStatus, ServiceRecord
    from volunteers.participation.models.reports import ActivityReport

    if kind == GoalKind.PLEDGES:
        return _Counted(
            rows=Pledge.objects.active()
            .filter(campaign__translation_key__in=keys)
            .annotate(key=F("campaign__translation_key")),
            day=TruncDate("created_at", tzinfo=SHIYAN_TZ),
            amount=Count("pk"),
            changed="created_at",
        )
    if kind == GoalKind.EVENTS:
        return _Counted(
            rows=finished_events()
            .filter(campaign__translation_key__in=keys)
            .annotate(key=F("campaign__translation_key")),
            day=TruncDate("ends_at", tzinfo=SHIYAN_TZ),
            amount=Count("pk"),
            changed="ends_at",
        )
    if kind == GoalKind.HOURS:
        # A record counts once: for its event's campaign, else the campaign of its event's
        # report, else its own (free-standing) report's.
        # Attributed first, filtered after: a record linked to two campaigns counts for one.
        return _Counted(
            rows=ServiceRecord.objects.filter(status=RecordStatus.APPROVED)
            .annotate(
                key=Coalesce(
                    "event__campaign__translation_key",
                    "event__report__campaign__translation_key",
                    "report__campaign__translation_key",
                )
            )
            .filter(key__in=keys),
            day=F("date"),
            amount=Sum("hours"),
            changed="decided_at",
        )
    if kind == GoalKind.ACTIVITIES:
        return _Counted(
            rows=ActivityReport.objects.approved()
            .filter(campaign__translation_key__in=keys)
            .annotate(key=F("campaign__translation_key")),
            day=F("date"),
            amount=Count("pk"),
            changed="decided_at",
        )
    raise ValueError(kind)


def _amount(n) -> Decimal:
    """A count as is; a sum of hours to the hundredth (SQLite sums decimals as floats)."""
    return Decimal(n) if isinstance(n, int) else Decimal(n).quantize(CENT)


# --- Lists of campaigns -------------------------------------------------------------


def _with_status_order(queryset, today: datetime.date):
    """Running first (newest start first), then upcoming (soonest first), then finished."""
    upcoming = Q(start_date__gt=today)
    finished = Q(end_date__lt=today)
    return queryset.annotate(
        status_rank=Case(
            When(upcoming, then=Value(1)),
            When(finished, then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        ),
        upcoming_start=Case(When(upcoming, then=F("start_date")), default=None),
        recent=Case(When(finished, then=F("end_date")), default=F("start_date")),
    ).order_by(
        "status_rank",
        F("upcoming_start").asc(nulls_last=True),
        F("recent").desc(nulls_last=True),
        "-pk",
    )


def _card_queryset(queryset):
    return (
        queryset.live()
        .public()
        .select_related("hero_image")
        .prefetch_related(
            "hero_image__renditions",
            Prefetch("goals", queryset=CampaignGoal.objects.order_by("sort_order", "pk")),
        )
    )


def pledge_counts(campaigns) -> dict:
    """Active pledges per campaign ``translation_key``, in one query."""
    keys = {c.translation_key for c in campaigns if c.takes_pledges}
    if not keys:
        return {}
    return dict(
        Pledge.objects.active()
        .filter(campaign__translation_key__in=keys)
        .values_list("campaign__translation_key")
        .annotate(n=Count("pk"))
        .values_list("campaign__translation_key", "n")
        .order_by()
    )


def latest_names(campaigns, per_campaign: int = 3) -> dict:
    """The newest public names per campaign ``translation_key``, in one query."""
    keys = {c.translation_key for c in campaigns if c.takes_pledges}
    if not keys:
        return {}
    rows = (
        Pledge.objects.active()
        .filter(campaign__translation_key__in=keys)
        .annotate(
            key=F("campaign__translation_key"),
            rank=Window(
                RowNumber(),
                partition_by=F("campaign__translation_key"),
                order_by=[F("created_at").desc(), F("pk").desc()],
            ),
        )
        .filter(rank__lte=per_campaign)
        .order_by("key", "rank")
        .values_list("key", "display_name")
    )
    names = defaultdict(list)
    for key, name in rows:
        names[key].append(name)
    return names


# What a card's progress, pledge count and names are counted from (portal.pagecache).
CARD_TAGS = (SITE, "campaigns", "figures", "events")


def campaign_cards(campaigns) -> list[dict]:
    """Cards for campaigns (goals prefetched): the first goal's progress and the pledges."""
    from campaigns.services import goals_progress

    campaigns = list(campaigns)
    first_goals = []
    for campaign in campaigns:
        goals = list(campaign.goals.all())
        for goal in goals:
            goal.page = campaign
        campaign.first_goal = goals[0] if goals else None
        campaign.goal_count = len(goals)
        if campaign.first_goal:
            first_goals.append(campaign.first_goal)
    progress, counts, names = shared_part(
        "campaign-cards:" + ",".join(str(campaign.pk) for campaign in campaigns),
        lambda: (
            goals_progress(goals=first_goals),
            pledge_counts(campaigns),
            latest_names(campaigns),
        ),
        tags=CARD_TAGS,
        timeout=settings.PAGECACHE_SECONDS,  # campaigns start and end by the calendar
    )
    return [
        {
            "page": campaign,
            "status": campaign.status,
            "progress": progress.get(campaign.first_goal.pk) if campaign.first_goal else None,
            "more_goals": max(campaign.goal_count - 1, 0),
            "pledges": counts.get(campaign.translation_key, 0),
            "names": names.get(campaign.translation_key, []),
        }
        for campaign in campaigns
    ]


def _theme(request) -> str:
    value = request.GET.get("theme", "")
    return value if value in CampaignTheme.values else ""


def _themes_present(index) -> set[str]:
    children = CampaignPage.objects.child_of(index).live().public()
    return set(children.values_list("theme", flat=True).distinct())


def campaign_index_context(*, request, index) -> dict:
    today = shiyan_today()
    themes_present = shared_part(f"campaign-themes:{index.pk}", lambda: _themes_present(index))
    theme = _theme(request)
    campaigns = _card_queryset(CampaignPage.objects.child_of(index))
    if theme:
        campaigns = campaigns.filter(theme=theme)
    page = paginate(request, _with_status_order(campaigns, today), CARDS_PER_PAGE)
    page.object_list = campaign_cards(page.object_list)
    return {
        "campaigns": page,
        "theme": theme,
        "themes": [
            (value, label) for value, label in CampaignTheme.choices if value in themes_present
        ],
    }


def running_campaigns(*, locale, limit: int = HOME_CAMPAIGNS) -> list[dict]:
    today = shiyan_today()
    campaigns = (
        _card_queryset(CampaignPage.objects.filter(locale=locale))
        .filter(start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .order_by("-start_date", "-pk")[:limit]
    )
    return campaign_cards(campaigns)


def campaign_index_for(locale):
    from campaigns.models import CampaignIndexPage

    return CampaignIndexPage.objects.live().filter(locale=locale).first()


# --- One campaign -----------------------------------------------------------------


def latest_pledges(page, limit: int = LATEST_NAMES):
    return list(
        Pledge.objects.active()
        .for_campaign(page)
        .only("display_name", "created_at", "user_id")
        .order_by("-created_at", "-pk")[:limit]
    )


def viewer_pledge(*, request, page) -> Pledge | None:
    """The active pledge of whoever is looking: their account's, or this browser's."""
    pledges = Pledge.objects.filter(withdrawn_at__isnull=True).for_campaign(page)
    if request.user.is_authenticated:
        return pledges.filter(user=request.user).first()
    pledge_id = session_pledges(request).get(str(page.translation_key))
    if pledge_id is None:
        return None
    return pledges.filter(pk=pledge_id, user__isnull=True).first()


SESSION_KEY = "campaign_pledges"


def session_pledges(request) -> dict:
    """Pledges made from this browser without an account: {campaign key: pledge id}."""
    value = request.session.get(SESSION_KEY, {}) if hasattr(request, "session") else {}
    return value if isinstance(value, dict) else {}


def localized_related(page) -> list[Page]:
    """Related pages a visitor may see, in the page's language where a translation exists."""
    ids = [link.related_id for link in page.related_links.all()]
    if not ids:
        return []
    chosen = {p.pk: p for p in Page.objects.filter(pk__in=ids).only("pk", "translation_key")}
    keys = [chosen[pk].translation_key for pk in ids if pk in chosen]
    candidates = (
        Page.objects.filter(translation_key__in=keys).live().public().specific().order_by("pk")
    )
    by_key: dict = {}
    for candidate in candidates:
        current = by_key.get(candidate.translation_key)
        # The page's own language wins; otherwise the page the editor chose.
        if current is None or candidate.locale_id == page.locale_id:
            by_key[candidate.translation_key] = candidate
    seen, result = set(), []
    for key in keys:
        if key in by_key and key not in seen:
            seen.add(key)
            result.append(by_key[key])
    return result


VOLUNTEER_TOTALS_SECONDS = 300


def campaign_volunteer_totals(page) -> dict:
    """What volunteers did for the campaign: approved hours and reports with their figures.

    Two aggregate queries, counted as the goals count them, kept in the cache
    for a few minutes (the figures change only when staff approve something).
    """
    from volunteers.participation.models.reports import ActivityReport

    version = approved_figures_version()
    key = f"campaigns:volunteer-totals:{version}:{page.translation_key}"
    totals = cache.get(key)
    if totals is None:
        keys = {page.translation_key}
        hours = _counted(GoalKind.HOURS, keys).rows.aggregate(total=Sum("hours"))["total"]
        reports = (
            ActivityReport.objects.approved()
            .filter(campaign__translation_key__in=keys)
            .aggregate(reports=Count("pk"), **{name: Sum(name) for name in REPORT_FIGURES})
        )
        totals = {"hours": _amount(hours or 0), **{k: v or 0 for k, v in reports.items()}}
        cache.set(key, totals, VOLUNTEER_TOTALS_SECONDS)
    return totals


def campaign_page_context(*, request, page) -> dict:
    from campaigns.charts import progress_chart
    from campaigns.forms import PledgeForm
    from campaigns.services import goals_progress

    goals = list(page.goals.all())
    for goal in goals:
        goal.page = page
    progress = goals_progress(goals=goals, series=True)
    goal_rows = []
    for goal in goals:
        item = progress[goal.pk]
        goal_rows.append(
            {
                "progress": item,
                # One point is no trend: the bar and its date already say it all.
                "chart": progress_chart(progress=item, chart_id=f"goal-{goal.pk}")
                if len(item.series) > 1
                else None,
            }
        )
    status = page.status
    context = {
        "status": status,
        "goal_rows": goal_rows,
        "last_updated": max(
            (p.last_updated for p in progress.values() if p.last_updated), default=None
        ),
        "related_pages": related_cards(request, page, localized_related),
        "goals_reached": sum(1 for p in progress.values() if p.reached),
        "volunteer_totals": campaign_volunteer_totals(page),
        "counts_events": any(
            goal.kind in (GoalKind.EVENTS, GoalKind.HOURS, GoalKind.ACTIVITIES) for goal in goals
        ),
    }
    if page.takes_pledges:
        context.update(
            pledge_count=Pledge.objects.active().for_campaign(page).count(),
            latest_pledges=latest_pledges(page),
            my_pledge=viewer_pledge(request=request, page=page),
            can_pledge=status == CampaignStatus.RUNNING,
            pledge_form=PledgeForm(),
        )
    return context


# --- Linking events ---------------------------------------------------------------


def campaigns_for_events(*, current=None):
    """Campaigns a leader may link an event to: running or upcoming, in the active language.

    An event already linked keeps its campaign as a choice even once it has finished.
    """
    today = shiyan_today()
    choices = Q(locale=Locale.get_active()) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
    if current is not None:
        choices |= Q(pk=current.pk)
    return CampaignPage.objects.live().public().filter(choices).order_by("start_date", "pk")


def canonical_campaign(page) -> CampaignPage:
    """The page of a campaign that pledges are stored on: the default language's original.

    Aliases follow their original, so pledges never hang on a page Wagtail
    rebuilds; without a page in the default language the oldest page is used.
    """
    default = settings.LANGUAGE_CODE
    return (
        CampaignPage.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
        .annotate(
            is_default=Case(
                When(locale__language_code=default, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("is_default", "pk")
        .first()
        or page
    )


def linked_campaign(campaign_id) -> CampaignPage | None:
    """An event's campaign as a visitor should see it: live, in their language if translated."""
    if campaign_id is None:
        return None
    key = Page.objects.filter(pk=campaign_id).values("translation_key")
    candidates = list(CampaignPage.objects.live().public().filter(translation_key__in=key))
    active = Locale.get_active()
    for candidate in candidates:
        if candidate.locale_id == active.pk:
            return candidate
    return next(
        (c for c in candidates if c.pk == campaign_id), candidates[0] if candidates else None
    )
