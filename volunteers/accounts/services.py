"""A volunteer's rights over their data (PIPL): a copy of it, and deletion.

Deletion anonymises rather than deletes: the person's name, contacts and sign-in
go, while past participation stays (as an anonymous row) so approved hours and
event totals do not change.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import ServiceError
from volunteers.choices import MembershipStatus, Role, SignupStatus
from volunteers.events.counts import event_counts_refresh
from volunteers.events.models import Event, Signup
from volunteers.events.services.signups import waitlist_promote
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport
from volunteers.participation.models.rollups import HoursByVolunteer
from volunteers.participation.stars import star_level
from volunteers.people.models import VolunteerProfile
from volunteers.people.services import rankings_forget
from volunteers.recognition.models.certificates import Certificate
from volunteers.recognition.services.certificates import certificates_withdraw
from volunteers.teams.counts import team_member_count_refresh
from volunteers.teams.models import Membership

ANONYMOUS_NAME = "已注销的志愿者"


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def _position(lat, lon):
    return None if lat is None or lon is None else {"lat": lat, "lon": lon}


def _hours_total(user) -> dict:
    total = HoursByVolunteer.objects.filter(user=user).first()
    if total is None:
        return {"approved_hours": "0", "approved_records": 0, "star_level": 0}
    return {
        "approved_hours": str(total.approved_hours),
        "approved_records": total.records,
        "star_level": star_level(total.approved_hours),
    }


def account_export(*, user) -> dict:
    """Everything the portal holds about ``user``, as plain data."""
    profile = VolunteerProfile.objects.filter(user=user).select_related("home_township").first()
    data = {
        "account": {
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "profile": None,
        "memberships": [
            {
                "team": m.team.name,
                "role": m.role,
                "status": m.status,
                "requested_at": _iso(m.requested_at),
                "decided_at": _iso(m.decided_at),
            }
            for m in Membership.objects.filter(user=user).select_related("team")
        ],
        "signups": [
            {
                "event": s.event.title,
                "starts_at": _iso(s.event.starts_at),
                "status": s.status,
                "signed_up_at": _iso(s.created_at),
                "cancelled_at": _iso(s.cancelled_at),
            }
            for s in Signup.objects.filter(user=user).select_related("event")
        ],
        "checkins": [
            {
                "event": c.event.title,
                "checked_in_at": _iso(c.checked_in_at),
                "checked_out_at": _iso(c.checked_out_at),
                "check_in_position": _position(c.in_lat, c.in_lon),
                "check_in_distance_m": c.in_distance_m,
                "check_out_position": _position(c.out_lat, c.out_lon),
                "check_out_distance_m": c.out_distance_m,
                "far_from_event": c.far_from_event,
            }
            for c in CheckIn.objects.filter(volunteer=user).select_related("event")
        ],
        "service_hours": _hours_total(user),
        "service_records": [
            {
                "activity": (
                    r.event.title if r.event_id else r.report.title if r.report_id else None
                ),
                "team": r.team.name if r.team_id else None,
                "date": r.date.isoformat(),
                "hours": str(r.hours),
                "source": r.source,
                "status": r.status,
                "reject_reason": r.reject_reason,
                "flagged_at": _iso(r.flagged_at),
                "flag_comment": r.flag_comment,
            }
            for r in ServiceRecord.objects.filter(volunteer=user)
            .select_related("event", "report", "team")
            .order_by("date", "pk")
        ],
        "activity_reports": [
            {
                "title": r.title,
                "team": r.team.name,
                "date": r.date.isoformat(),
                "status": r.status,
                "created_at": _iso(r.created_at),
            }
            for r in ActivityReport.objects.filter(created_by=user)
            .select_related("team")
            .order_by("date", "pk")
        ],
        "certificates": [
            {
                "code": c.code,
                "status": c.status,
                "name": c.name,
                "approved_hours": str(c.total_hours),
                "requested_at": _iso(c.requested_at),
                "issued_at": _iso(c.issued_at),
                "superseded_at": _iso(c.superseded_at),
            }
            for c in Certificate.objects.filter(volunteer=user).order_by("requested_at", "pk")
        ],
    }
    if profile is not None:
        data["profile"] = {
            "display_name": profile.display_name,
            "real_name": profile.real_name,
            "phone": profile.phone,
            "phone_verified": profile.phone_verified,
            "notify_by": profile.notify_by,
            "home_township": profile.home_township.name_zh if profile.home_township else None,
            "skills": profile.skills,
            "language": profile.language,
            "reminders_enabled": profile.reminders_enabled,
            "show_in_rankings": profile.show_in_rankings,
            "privacy_notice_version": profile.privacy_notice_version,
            "privacy_accepted_at": _iso(profile.privacy_accepted_at),
        }
    if apps.is_installed("campaigns"):
        Pledge = apps.get_model("campaigns", "Pledge")
        data["pledges"] = [
            {
                "campaign": p.campaign.title,
                "made_at": _iso(p.created_at),
                "withdrawn_at": _iso(p.withdrawn_at),
            }
            for p in Pledge.objects.filter(user=user).select_related("campaign")
        ]
    return data


@transaction.atomic
def account_delete(*, user) -> None:
    """Anonymise ``user``: no name, contact or sign-in left; participation kept anonymously."""
    if user.is_staff or user.is_superuser:
        raise ServiceError(_("Staff accounts are closed by an administrator, not from the portal."))
    led = Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE, role=Role.LEADER)
    for membership in led.select_related("team"):
        others = Membership.objects.filter(
            team=membership.team, status=MembershipStatus.ACTIVE, role=Role.LEADER
        ).exclude(user=user)
        if not others.exists():
            raise ServiceError(
                _("Hand your team over to another leader before you delete your account.")
            )
    now = timezone.now()
    # Places in events still to come go to the next person waiting.
    upcoming = Signup.objects.filter(
        user=user,
        event__starts_at__gt=now,
        status__in=[SignupStatus.CONFIRMED, SignupStatus.WAITLISTED],
    )
    for event_id in list(upcoming.values_list("event_id", flat=True)):
        event = Event.objects.select_for_update().get(pk=event_id)
        Signup.objects.filter(user=user, event=event).update(
            status=SignupStatus.CANCELLED, cancelled_at=now
        )
        event_counts_refresh(event.pk)
        waitlist_promote(event=event)
    memberships = Membership.objects.filter(user=user).exclude(status=MembershipStatus.REMOVED)
    team_ids = list(memberships.values_list("team_id", flat=True))
    memberships.update(status=MembershipStatus.LEFT, role=Role.MEMBER, decided_at=now)
    for team_id in sorted(team_ids):
        team_member_count_refresh(team_id)
    VolunteerProfile.objects.filter(user=user).update(
        display_name=ANONYMOUS_NAME,
        real_name="",
        phone="",
        phone_verified=False,
        home_township=None,
        skills=[],
        reminders_enabled=False,
        show_in_rankings=False,
    )
    # Where their phone was at check-in and check-out goes; the times stay for the totals.
    CheckIn.objects.filter(volunteer=user).update(
        in_lat=None, in_lon=None, out_lat=None, out_lon=None
    )
    # Their certificates carry the full name: the PDFs and the name go, the codes stay
    # answerable ("replaced") for whoever was shown one.
    certificates_withdraw(user=user)
    rankings_forget()
    if apps.is_installed("campaigns"):
        apps.get_model("campaigns", "Pledge").objects.filter(user=user).update(
            display_name=ANONYMOUS_NAME
        )
    apps.get_model("account", "EmailAddress").objects.filter(user=user).delete()
    User = get_user_model()
    User.objects.filter(pk=user.pk).update(
        username=f"deleted-{user.pk}", email="", first_name="", last_name="", is_active=False
    )
    user.refresh_from_db()
    user.set_unusable_password()
    user.save(update_fields=["password"])
