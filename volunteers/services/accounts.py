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

from ..choices import MembershipStatus, Role, SignupStatus
from ..models import Event, Membership, Signup, VolunteerProfile
from .errors import ServiceError
from .signups import waitlist_promote

ANONYMOUS_NAME = "已注销的志愿者"


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


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
    }
    if profile is not None:
        data["profile"] = {
            "display_name": profile.display_name,
            "real_name": profile.real_name,
            "phone": profile.phone,
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
        waitlist_promote(event=event)
    Membership.objects.filter(user=user).exclude(status=MembershipStatus.REMOVED).update(
        status=MembershipStatus.LEFT, role=Role.MEMBER, decided_at=now
    )
    VolunteerProfile.objects.filter(user=user).update(
        display_name=ANONYMOUS_NAME,
        real_name="",
        phone="",
        home_township=None,
        skills=[],
        reminders_enabled=False,
        show_in_rankings=False,
    )
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
