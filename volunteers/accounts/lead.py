"""What waits for a team leader: the to-do page (/me/lead/) and the count in the header.

Each kind of to-do is one queryset over the teams the leader leads, so the page and the
count read the same rule. The count is a single query (every kind a scalar subquery), so
the header costs signed-in visitors one query whatever they lead.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from portal.subqueries import count_of
from volunteers.choices import Attendance, EventStatus, MembershipStatus, Role, SignupStatus
from volunteers.events.models import Event, Signup
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.models.reports import ActivityReport, ReportStatus
from volunteers.teams.models import Membership

# Events that ended longer ago than this drop off the list (staff follow them up).
RECENT = timedelta(days=30)
# Upcoming events shown: the next fortnight's.
AHEAD = timedelta(days=14)
# Rows shown per list; the count still counts them all.
LIST_LIMIT = 30


def leaderships(user):
    return Membership.objects.filter(user=user, role=Role.LEADER, status=MembershipStatus.ACTIVE)


def led_teams(user):
    """The ids of the teams ``user`` leads, as a subquery."""
    return leaderships(user).values("team_id")


def join_requests(led):
    return Membership.objects.filter(team_id__in=led, status=MembershipStatus.PENDING)


def _recent_events(led, now):
    return Event.objects.filter(
        team_id__in=led,
        status=EventStatus.SCHEDULED,
        starts_at__lte=now,
        ends_at__gte=now - RECENT,
    )


def events_without_attendance(led, now):
    """Started events with someone holding a place whose attendance is not marked yet."""
    unmarked = Signup.objects.filter(
        event=OuterRef("pk"), status=SignupStatus.CONFIRMED, attendance=Attendance.UNKNOWN
    )
    return _recent_events(led, now).filter(Exists(unmarked))


def events_with_draft_hours(led):
    """Events whose hours the leader has drafted but not handed to staff."""
    drafts = ServiceRecord.objects.filter(event=OuterRef("pk"), status=RecordStatus.DRAFT)
    return Event.objects.filter(team_id__in=led).filter(Exists(drafts))


def reports_to_finish(led):
    """Drafts, and reports staff returned for changes."""
    return ActivityReport.objects.filter(
        team_id__in=led, status__in=[ReportStatus.DRAFT, ReportStatus.REJECTED]
    )


def events_without_report(led, now):
    return _recent_events(led, now).filter(ends_at__lte=now, report__isnull=True)


def upcoming_events(led, now):
    return Event.objects.filter(
        team_id__in=led,
        status=EventStatus.SCHEDULED,
        ends_at__gte=now,
        starts_at__lte=now + AHEAD,
    )


@dataclass
class LeaderWork:
    """How many things of each kind wait for a leader (all zero for someone who leads none)."""

    teams: int = 0
    requests: int = 0
    attendance: int = 0
    hours: int = 0
    reports: int = 0
    unreported: int = 0
    total: int = field(init=False)

    def __post_init__(self):
        self.total = self.requests + self.attendance + self.hours + self.reports + self.unreported


def leader_work(user, *, now=None) -> LeaderWork:
    """What waits for ``user`` as a leader, in one query."""
    now = now or timezone.now()
    led = led_teams(user)
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values(
            teams=count_of(leaderships(user)),
            requests=count_of(join_requests(led)),
            attendance=count_of(events_without_attendance(led, now)),
            hours=count_of(events_with_draft_hours(led)),
            reports=count_of(reports_to_finish(led)),
            unreported=count_of(events_without_report(led, now)),
        )
        .first()
    )
    return LeaderWork(**{k: v or 0 for k, v in (row or {}).items()})


def leader_lists(user, *, now=None) -> dict:
    """The to-do page's lists, each a fixed number of queries and at most LIST_LIMIT rows."""
    now = now or timezone.now()
    led = led_teams(user)
    unmarked = Count(
        "signups",
        filter=Q(signups__status=SignupStatus.CONFIRMED, signups__attendance=Attendance.UNKNOWN),
    )
    drafts = Count("service_records", filter=Q(service_records__status=RecordStatus.DRAFT))
    return {
        "requests": list(
            join_requests(led)
            .select_related("user__volunteer", "team")
            .order_by("requested_at", "pk")[:LIST_LIMIT]
        ),
        "attendance": list(
            events_without_attendance(led, now)
            .select_related("team")
            .annotate(unmarked=unmarked)
            .order_by("-starts_at", "-pk")[:LIST_LIMIT]
        ),
        "hours": list(
            events_with_draft_hours(led)
            .select_related("team")
            .annotate(drafts=drafts)
            .order_by("-starts_at", "-pk")[:LIST_LIMIT]
        ),
        "reports": list(
            reports_to_finish(led)
            .select_related("team")
            # "rejected" sorts after "draft": returned reports, which staff wait for, first.
            .order_by("-status", "-date", "-pk")[:LIST_LIMIT]
        ),
        "unreported": list(
            events_without_report(led, now)
            .select_related("team")
            .order_by("-starts_at", "-pk")[:LIST_LIMIT]
        ),
        "upcoming": list(
            upcoming_events(led, now)
            .select_related("team", "township")
            .order_by("starts_at", "pk")[:LIST_LIMIT]
        ),
    }
