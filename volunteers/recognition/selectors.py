"""Reads for the public impact dashboard (/impact/), the home page's live totals and
the live-figure block of case studies and stories.

Every figure comes from the rollup rows that each approval keeps up to date in its
own transaction (``HoursBy*``, ``ActivityTotals``) plus a handful of counts, so no
read here scans the service records. Each function runs a fixed number of queries
whatever the number of volunteers or records, and the assembled dashboard is cached
per language and county until the next approval: at city scale (330,000 volunteers)
the page is one cache read most of the time.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import get_language

from portal.dates import shiyan_today
from portal.pagecache.fragments import shared_part
from volunteers.choices import TeamStatus
from volunteers.events.models import Event
from volunteers.participation.models.reports import (
    REPORT_FIGURES,
    ActivityReport,
    ActivityTotals,
    TotalsScope,
)
from volunteers.participation.models.rollups import (
    HoursByCounty,
    HoursByMonth,
    HoursByTeam,
    HoursByTownship,
    HoursByVolunteer,
)
from volunteers.people.models import VolunteerProfile
from volunteers.places.models import County, Township
from volunteers.teams.models import Team

CACHE_SECONDS = 5 * 60
CACHE_PREFIX = "volunteers:impact"
MONTHS = 24
TOP_TEAMS = 10
TOP_VOLUNTEERS = 20
ACTIVE_DAYS = 365
# The report figures beside the hours, in the order pages show them.
# A county's division code: twelve digits (shorter codes are tolerated, nothing else).
COUNTY_CODE = re.compile(r"^\d{6,12}$")

ZERO = Decimal(0)


# Approved figures, and the team and volunteer names in the rankings.
CACHE_TAGS = ("figures", "teams")


def _cached(key: str, build):
    """``build()``, kept until the figures or names it shows change (or a few minutes)."""
    return shared_part(key, build, tags=CACHE_TAGS, timeout=CACHE_SECONDS)


def _name(row: dict, prefix: str = "") -> str:
    """The place's name in the active language (as ``Place.name`` picks it)."""
    english = row.get(f"{prefix}name_en")
    if get_language() == "en" and english:
        return english
    return row[f"{prefix}name_zh"]


def _figures(totals: ActivityTotals | None) -> dict:
    if totals is None:
        return {"reports": 0, "participants": 0, **dict.fromkeys(REPORT_FIGURES, ZERO)}
    return {name: getattr(totals, name) for name in ActivityTotals.FIGURES}


def month_start(day: datetime.date, back: int = 0) -> datetime.date:
    """The first day of ``day``'s month, ``back`` months earlier."""
    index = day.year * 12 + day.month - 1 - back
    return datetime.date(index // 12, index % 12 + 1, 1)


# --- City totals (the dashboard's band and the home page) ---------------------------


def city_totals() -> dict:
    """The whole city's figures: six queries when not cached, none when cached."""
    return _cached(f"{CACHE_PREFIX}:totals", _city_totals)


def _city_totals() -> dict:
    now = timezone.now()
    today = shiyan_today()
    hours = HoursByCounty.objects.aggregate(hours=Sum("approved_hours"), records=Sum("records"))
    since = now - datetime.timedelta(days=ACTIVE_DAYS)
    recent_event = Event.objects.scheduled().filter(
        team=OuterRef("pk"), starts_at__gte=since, starts_at__lte=now
    )
    recent_report = ActivityReport.objects.approved().filter(
        team=OuterRef("pk"), date__gte=today - datetime.timedelta(days=ACTIVE_DAYS)
    )
    active_teams = (
        Team.objects.approved().filter(Exists(recent_event) | Exists(recent_report)).count()
    )
    city = ActivityTotals.objects.filter(scope=TotalsScope.CITY, key=0).first()
    return {
        "hours": hours["hours"] or ZERO,
        "records": hours["records"] or 0,
        "volunteers": VolunteerProfile.objects.count(),
        "volunteers_with_hours": HoursByVolunteer.objects.filter(approved_hours__gt=0).count(),
        "active_teams": active_teams,
        "events_held": Event.objects.scheduled().filter(ends_at__lt=now).count(),
        # Reports are the activities that happened (announced here as events or not); this
        # is how many of the events held have one, so the two figures can be read together.
        "events_reported": ActivityReport.objects.approved().filter(event__isnull=False).count(),
        **_figures(city),
        "as_of": now,
    }


# --- The dashboard ----------------------------------------------------------------


def impact_dashboard(*, county: str = "") -> dict:
    """Everything /impact/ shows, optionally focused on one county (by division code).

    An unknown or malformed ``county`` gives the whole city with ``unknown_county``
    set, so the page can say so; it never raises.
    """
    data = dict(_cached(f"{CACHE_PREFIX}:city:{get_language()}", _city_dashboard))
    code = (county or "").strip()
    data["focus"] = None
    data["unknown_county"] = False
    if not code:
        return data
    focus = data["counties_by_code"].get(code) if COUNTY_CODE.match(code) else None
    if focus is None:
        data["unknown_county"] = True
        return data
    data["focus"] = focus
    data["months"] = _cached(
        f"{CACHE_PREFIX}:months:{focus['code']}", lambda: hours_by_month(county_id=focus["pk"])
    )
    return data


def _city_dashboard() -> dict:
    totals = city_totals()
    counties = place_rows()
    return {
        "totals": totals,
        "counties": counties,
        "counties_by_code": {c["code"]: c for c in counties},
        "months": hours_by_month(),
        "top_teams": top_teams_this_year(),
        "top_volunteers": top_volunteers(),
        "year": shiyan_today().year,
        "as_of": timezone.now(),
    }


def place_rows() -> list[dict]:
    """Every county with its townships, each with hours, records and report figures.

    Three queries: counties with their hours, townships with theirs, and the report
    figures of both.
    """
    activity = {
        (row.scope, row.key): row
        for row in ActivityTotals.objects.filter(
            scope__in=[TotalsScope.COUNTY, TotalsScope.TOWNSHIP]
        )
    }
    place_fields = ("pk", "code", "name_zh", "name_en", "lat", "lon", "in_reservoir_area")
    rollup_fields = ("hours_total__approved_hours", "hours_total__records")
    counties = []
    by_pk = {}
    for row in County.objects.values(*place_fields, *rollup_fields).order_by("code"):
        county = _place_row(row, activity.get((TotalsScope.COUNTY, row["pk"])))
        county["townships"] = []
        counties.append(county)
        by_pk[row["pk"]] = county
    for row in Township.objects.values(*place_fields, "county_id", *rollup_fields).order_by("code"):
        county = by_pk.get(row["county_id"])
        if county is not None:
            township = _place_row(row, activity.get((TotalsScope.TOWNSHIP, row["pk"])))
            county["townships"].append(township)
    for county in counties:
        active = [t for t in county["townships"] if t["active"]]
        county["active_townships"] = active
        county["quiet_townships"] = len(county["townships"]) - len(active)
    return counties


def _place_row(row: dict, activity: ActivityTotals | None) -> dict:
    hours = row["hours_total__approved_hours"] or ZERO
    figures = _figures(activity)
    return {
        "pk": row["pk"],
        "code": row["code"],
        "name": _name(row),
        "lat": row["lat"],
        "lon": row["lon"],
        "in_reservoir_area": row["in_reservoir_area"],
        "hours": hours,
        "records": row["hours_total__records"] or 0,
        **figures,
        "active": bool(hours or figures["reports"]),
    }


def hours_by_month(*, county_id: int | None = None, months: int = MONTHS) -> list[tuple]:
    """``[(first day of month, hours)]`` for the last ``months`` months, oldest first.

    The city's rows, or one county's; months without approved hours are zeros.
    """
    today = shiyan_today()
    first = month_start(today, months - 1)
    rows = HoursByMonth.objects.filter(month__gte=first, month__lte=today)
    if county_id is None:
        rows = rows.filter(team__isnull=True, county__isnull=True)
    else:
        rows = rows.filter(county_id=county_id)
    found = dict(rows.values_list("month", "approved_hours"))
    return [
        (month, found.get(month, ZERO))
        for month in (month_start(today, back) for back in range(months - 1, -1, -1))
    ]


def top_teams_this_year(*, limit: int = TOP_TEAMS) -> list[dict]:
    """Approved teams with the most approved hours since 1 January (Shiyan time)."""
    first = datetime.date(shiyan_today().year, 1, 1)
    rows = (
        HoursByMonth.objects.filter(
            team__isnull=False, team__status=TeamStatus.APPROVED, month__gte=first
        )
        .values("team_id", "team__name", "team__county__name_zh", "team__county__name_en")
        .annotate(hours=Sum("approved_hours"), records=Sum("records"))
        .filter(hours__gt=0)
        .order_by("-hours", "team__name")[:limit]
    )
    return [
        {
            "pk": row["team_id"],
            "name": row["team__name"],
            "county": _name(row, "team__county__"),
            "hours": row["hours"],
            "records": row["records"],
        }
        for row in rows
    ]


def top_volunteers(*, limit: int = TOP_VOLUNTEERS) -> list[dict]:
    """The volunteers with the most approved hours among those who chose to be listed.

    Only the public display name, star level and hours leave this function.
    """
    rows = (
        HoursByVolunteer.objects.filter(
            approved_hours__gt=0,
            user__is_active=True,
            user__volunteer__show_in_rankings=True,
        )
        .order_by("-approved_hours", "user_id")
        .values_list("user__volunteer__display_name", "star_level", "approved_hours")[:limit]
    )
    return [
        {"rank": n, "display_name": name, "star_level": level, "hours": hours}
        for n, (name, level, hours) in enumerate(rows, start=1)
    ]


# --- Live figures (the StreamField block) --------------------------------------------

LIVE_FIGURES = ("hours", "reports", *REPORT_FIGURES)
SCOPES = ("city", "county", "township", "team")


def this_year_possible(*, figure: str, scope: str) -> bool:
    """Hours by month exist for the city, counties and teams; reports are all-time sums."""
    return figure == "hours" and scope in ("city", "county", "team")


def live_figure_value(*, figure: str, scope: str, place=None, this_year: bool = False):
    """One figure for the city or one place, read from the rollups (one query).

    ``place`` is the County, Township or Team (None for the city). Raises
    ``ValueError`` for a combination the rollups cannot answer.
    """
    if figure not in LIVE_FIGURES or scope not in SCOPES:
        raise ValueError(f"unknown figure {figure!r} or scope {scope!r}")
    if (scope == "city") != (place is None):
        raise ValueError("the city has no place; every other scope needs one")
    if this_year:
        if not this_year_possible(figure=figure, scope=scope):
            raise ValueError(f"no monthly figures for {figure} at {scope} level")
        rows = HoursByMonth.objects.filter(month__gte=datetime.date(shiyan_today().year, 1, 1))
        if scope == "city":
            rows = rows.filter(team__isnull=True, county__isnull=True)
        elif scope == "county":
            rows = rows.filter(county=place)
        else:
            rows = rows.filter(team=place)
        return rows.aggregate(total=Sum("approved_hours"))["total"] or ZERO
    if figure == "hours":
        if scope == "city":
            return HoursByCounty.objects.aggregate(total=Sum("approved_hours"))["total"] or ZERO
        model, field = {
            "county": (HoursByCounty, "county"),
            "township": (HoursByTownship, "township"),
            "team": (HoursByTeam, "team"),
        }[scope]
        value = model.objects.filter(**{field: place}).values_list("approved_hours", flat=True)
        return value.first() or ZERO
    key = 0 if place is None else place.pk
    value = (
        ActivityTotals.objects.filter(scope=scope, key=key).values_list(figure, flat=True).first()
    )
    if value is None:
        return ZERO if figure in ("litter_kg", "river_km") else 0
    return value
