"""Reads for the activity report pages and the team page's totals.

Each function runs a fixed number of queries whatever the number of reports,
photos or members: photos and their renditions are prefetched, figures are
summed in the database.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.choices import Attendance
from volunteers.events.models import Signup
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.models.reports import (
    ActivityReport,
    ActivityTotals,
    ReportPhoto,
    ReportStatus,
    TotalsScope,
)
from volunteers.people.display import public_name
from volunteers.teams.selectors import active_members

LATEST_ON_TEAM_PAGE = 3


@dataclass(frozen=True)
class Figure:
    name: str
    value: Decimal | int
    unit: str
    label: str


# name, unit, label: the order pages show them in.
FIGURES = (
    ("litter_kg", _("kg"), _("litter collected")),
    ("river_km", _("km"), _("of river patrolled")),
    ("households", _("households"), _("reached")),
    ("samples", _("samples"), _("of water taken")),
    ("trees", _("trees"), _("planted")),
)


def figures_of(values) -> list[Figure]:
    """The non-zero figures of a report (or of a team's totals), in display order."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    return [Figure(name, get(name), unit, label) for name, unit, label in FIGURES if get(name) or 0]


def photos_prefetch(to_attr: str | None = None) -> Prefetch:
    """A report's photos in order, each with its image and existing renditions."""
    return Prefetch(
        "photos",
        queryset=ReportPhoto.objects.select_related("image")
        .prefetch_related("image__renditions")
        .order_by("sort_order", "pk"),
        to_attr=to_attr,
    )


def report_cards(queryset):
    """Reports ready for cards: township and photos loaded."""
    return queryset.select_related("township__county").prefetch_related(
        photos_prefetch("photo_list")
    )


def decorate_cards(reports) -> list:
    reports = list(reports)
    for report in reports:
        report.cover = report.photo_list[0] if report.photo_list else None
        report.figures = figures_of(report)
    return reports


def approved_reports(team):
    return report_cards(ActivityReport.objects.approved().filter(team=team)).order_by(
        "-date", "-pk"
    )


def unapproved_reports(team):
    """Drafts, reports awaiting review and returned ones: for the team's leaders."""
    return report_cards(
        ActivityReport.objects.filter(team=team).exclude(status=ReportStatus.APPROVED)
    ).order_by("-date", "-pk")


def team_totals(team) -> dict:
    """The team's approved report figures and approved hours, from their rollup rows.

    One query for the figures; the hours come from ``team.hours_total`` (load it
    with ``select_related("hours_total")`` to save a second one).
    """
    row = ActivityTotals.objects.filter(scope=TotalsScope.TEAM, key=team.pk).first()
    sums = {"reports": row.reports if row else 0}
    for name, _unit, _label in FIGURES:
        sums[name] = getattr(row, name) if row else 0
    rollup = getattr(team, "hours_total", None)
    hours = rollup.approved_hours if rollup is not None else Decimal(0)
    return {**sums, "hours": hours, "figures": figures_of(sums)}


def event_report(event) -> ActivityReport | None:
    """The report about ``event``, if one was started (there is at most one)."""
    return ActivityReport.objects.filter(event=event).only("pk", "status").first()


def event_report_initial(event) -> dict:
    """A new report about ``event``, as far as the event and its attendance list tell it."""
    present = Signup.objects.filter(event=event, attendance=Attendance.PRESENT).count()
    return {
        "event": event.pk,
        "campaign": event.campaign_id,
        "title": event.title,
        "kind": event.kind,
        "date": timezone.localdate(event.starts_at),
        "township": event.township_id,
        "place": event.meeting_point,
        "lat": event.lat,
        "lon": event.lon,
        "participants_count": present or None,
    }


def report_records(report: ActivityReport):
    """The service records that come with a report: its own, and its event's."""
    match = Q(report=report)
    if report.event_id:
        match |= Q(event_id=report.event_id)
    return ServiceRecord.objects.filter(match)


def report_approved_hours(report: ActivityReport) -> Decimal:
    total = (
        report_records(report)
        .filter(status=RecordStatus.APPROVED)
        .aggregate(total=Sum("hours"))
        .get("total")
    )
    return total or Decimal(0)


def report_member_hours(report: ActivityReport) -> dict[int, Decimal]:
    """``{user_id: hours}`` of a free-standing report's records still counting."""
    return dict(
        ServiceRecord.objects.filter(report=report)
        .exclude(status__in=[RecordStatus.WITHDRAWN, RecordStatus.REJECTED])
        .values_list("volunteer_id", "hours")
    )


def star_level_of(user) -> int:
    rollup = getattr(user, "hours_total", None)
    return rollup.star_level if rollup is not None else 0


def my_checkin(*, event, user):
    """The volunteer's check-in at the event, or None, for the event page."""
    return CheckIn.objects.filter(event=event, volunteer=user).first()


def with_stars(membership):
    """Display name and star level (★ from approved hours) for lists of members."""
    membership.name = public_name(membership.user)
    membership.stars = star_level_of(membership.user)
    membership.star_text = "★" * membership.stars
    return membership


def members_with_stars(team) -> list:
    """The team's active members, leaders first, each with their star level."""
    return [with_stars(m) for m in active_members(team)]
