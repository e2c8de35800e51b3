"""Telling team leaders that someone asks to join: at once, or in one summary a day.

Each leader chooses in ``VolunteerProfile.join_alerts`` when, and in ``notify_by`` how
(e-mail, SMS or both). Messages go to the outbox in the caller's transaction.
"""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import ServiceError
from volunteers.choices import MembershipStatus, Role
from volunteers.people.display import public_name
from volunteers.people.models import JoinAlerts, VolunteerProfile
from volunteers.people.notify import notify
from volunteers.teams.models import Membership

# The daily summary goes out from this hour (Beijing time), once a day.
DIGEST_HOUR = 8


def _leaderships(**filters):
    return Membership.objects.filter(role=Role.LEADER, status=MembershipStatus.ACTIVE, **filters)


def leaders_alert(*, membership: Membership) -> None:
    """Tell the team's leaders who want each request as it comes that ``membership`` asks."""
    leaders = _leaderships(
        team_id=membership.team_id, user__volunteer__join_alerts=JoinAlerts.EACH
    ).select_related("user__volunteer")
    applicant = public_name(membership.user)
    for leadership in leaders:
        notify(user=leadership.user, kind="join_request", team=membership.team, applicant=applicant)


def digest_due_since(now) -> datetime:
    """The latest daily summary time at or before ``now``: 08:00 Beijing time today, or
    yesterday's before eight."""
    local = timezone.localtime(now)
    due = timezone.make_aware(datetime.combine(local.date(), time(DIGEST_HOUR)))
    return due if local >= due else due - timedelta(days=1)


def _pending_for_profile():
    """Pending requests to the teams of the leader whose profile is the outer query's."""
    # Two levels out: past this query's own Membership rows, to the profile.
    led = _leaderships(user_id=OuterRef(OuterRef("user_id"))).values("team_id")
    return Membership.objects.filter(status=MembershipStatus.PENDING, team_id__in=led)


def join_digests_send(*, now=None, batch: int = 200) -> int:
    """Send each leader who chose a daily summary one summary of the requests that came
    since their last one, once a day from eight o'clock.

    Run by Celery beat every few minutes, so a summary missed while the workers were down
    goes out at the next scan. Profiles are claimed with ``SKIP LOCKED``, and the marker is
    written with the message, so two scans never send a summary twice.
    """
    now = now or timezone.now()
    due = digest_due_since(now)
    pending = _pending_for_profile()
    news = Exists(pending.filter(requested_at__gt=OuterRef("join_digest_sent_at"))) | Q(
        join_digest_sent_at__isnull=True
    ) & Exists(pending)
    sent = 0
    with transaction.atomic():
        profiles = list(
            VolunteerProfile.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(join_alerts=JoinAlerts.DAILY)
            .filter(Q(join_digest_sent_at__isnull=True) | Q(join_digest_sent_at__lt=due))
            .filter(news)
            .select_related("user")
            .order_by("pk")[:batch]
        )
        for profile in profiles:
            requests = Membership.objects.filter(
                status=MembershipStatus.PENDING,
                team__in=_leaderships(user_id=profile.user_id).values("team_id"),
            )
            since = profile.join_digest_sent_at
            rows = list(
                requests.values("team__name")
                .annotate(
                    new=Count("pk", filter=Q(requested_at__gt=since) if since else Q()),
                    waiting=Count("pk"),
                )
                .order_by("team__name")
            )
            teams = [{"name": r["team__name"], "new": r["new"]} for r in rows if r["new"]]
            profile.join_digest_sent_at = now
            profile.save(update_fields=["join_digest_sent_at"])
            if teams:
                total = sum(r["waiting"] for r in rows)
                notify(user=profile.user, kind="join_requests_digest", teams=teams, total=total)
                sent += 1
    return sent


@transaction.atomic
def join_alerts_set(*, user, choice: str) -> None:
    """The leader's choice; a first daily summary names only requests from now on (the
    earlier ones reached them one by one, or are on their to-do list)."""
    if choice not in JoinAlerts.values:
        raise ServiceError(_("Choose one of the ways to hear of join requests."))
    profile = VolunteerProfile.objects.select_for_update().get(user=user)
    if choice == profile.join_alerts:
        return
    profile.join_alerts = choice
    if choice == JoinAlerts.DAILY:
        profile.join_digest_sent_at = timezone.now()
    profile.save(update_fields=["join_alerts", "join_digest_sent_at"])
