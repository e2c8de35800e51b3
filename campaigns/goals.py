"""How far each goal has come: pledges, finished events, approved hours and reports.

Every function runs a fixed number of queries whatever the number of campaigns,
goals, pledges or events: figures are aggregated in the database and grouped by
the campaign's (or goal's) ``translation_key``, so a page and its translation show
the same progress.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import (
    Count,
    F,
    Max,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from campaigns.choices import GoalKind
from campaigns.models import GoalUpdate, Pledge
from portal.dates import SHIYAN_TZ
from volunteers.events.selectors import finished_events_for_campaigns
from volunteers.participation.campaign_selectors import (
    REPORT_FIGURES,
    approved_hours_for_campaigns,
    approved_reports_for_campaigns,
)
from volunteers.participation.services.rollups import approved_figures_version

CENT = Decimal("0.01")


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
            rows=finished_events_for_campaigns(keys),
            day=TruncDate("ends_at", tzinfo=SHIYAN_TZ),
            amount=Count("pk"),
            changed="ends_at",
        )
    if kind == GoalKind.HOURS:
        return _Counted(
            rows=approved_hours_for_campaigns(keys),
            day=F("date"),
            amount=Sum("hours"),
            changed="decided_at",
        )
    if kind == GoalKind.ACTIVITIES:
        return _Counted(
            rows=approved_reports_for_campaigns(keys),
            day=F("date"),
            amount=Count("pk"),
            changed="decided_at",
        )
    raise ValueError(kind)


def _amount(n) -> Decimal:
    """A count as is; a sum of hours to the hundredth (SQLite sums decimals as floats)."""
    return Decimal(n) if isinstance(n, int) else Decimal(n).quantize(CENT)


VOLUNTEER_TOTALS_SECONDS = 300


def campaign_volunteer_totals(page) -> dict:
    """What volunteers did for the campaign: approved hours and reports with their figures.

    Two aggregate queries, counted as the goals count them, kept in the cache
    for a few minutes (the figures change only when staff approve something).
    """
    version = approved_figures_version()
    key = f"campaigns:volunteer-totals:{version}:{page.translation_key}"
    totals = cache.get(key)
    if totals is None:
        keys = {page.translation_key}
        hours = _counted(GoalKind.HOURS, keys).rows.aggregate(total=Sum("hours"))["total"]
        reports = approved_reports_for_campaigns(keys).aggregate(
            reports=Count("pk"), **{name: Sum(name) for name in REPORT_FIGURES}
        )
        totals = {"hours": _amount(hours or 0), **{k: v or 0 for k, v in reports.items()}}
        cache.set(key, totals, VOLUNTEER_TOTALS_SECONDS)
    return totals
