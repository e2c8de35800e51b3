"""Taking and giving back places. The event row is locked while a place
changes hands, so two people racing for the last place never both get it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import ServiceError
from portal.limits import allowance_use
from volunteers.choices import Attendance, EventStatus, SignupStatus, Visibility
from volunteers.events.models import Event, Signup
from volunteers.events.permissions import can_see_event
from volunteers.people.notify import notify
from volunteers.teams.permissions import is_member

# Each sign-up sends a confirmation: a loop of cancelling and signing up again
# would send one each time.
SIGNUPS_AGAIN_PER_DAY = 3
# The waiting list is served first come, first served (re-joining goes to the back).
QUEUE_ORDER = ("queued_at", "pk")


def signup_refusal(event: Event, *, now) -> str | None:
    """Why nobody can sign up for ``event`` at ``now``, or None while sign-up is open."""
    phase = event.phase(now)
    if phase == "cancelled":
        return _("This event has been cancelled.")
    if phase in ("finished", "started"):
        return _("This event has already started.")
    if phase == "closed":
        return _("Sign-up for this event has closed.")
    return None


def event_open_to(user, event: Event) -> bool:
    """Whether ``user`` may take a place: members-only events are for the team's members."""
    if event.visibility != Visibility.MEMBERS:
        return True
    return user.is_authenticated and is_member(user, event.team)


def signup_cancel_refusal(signup: Signup, *, now) -> str | None:
    """Why ``signup`` cannot be given back at ``now``, or None.

    A waiting-list place can be left until the event starts; a confirmed
    place only until the sign-up deadline, after which it goes through the
    team leader (the deadline is never after the start).
    """
    event = signup.event
    if signup.status == SignupStatus.CANCELLED:
        return _("This sign-up is already cancelled.")
    if signup.attendance == Attendance.PRESENT:
        return _("You have checked in at this event, so your place stays yours.")
    if event.is_cancelled:
        return _("This event has been cancelled.")
    if signup.status == SignupStatus.CONFIRMED and event.signup_deadline < now:
        return _("The sign-up deadline has passed; please tell the team leader instead.")
    if event.starts_at <= now:
        return _("This event has already started.")
    return None


@transaction.atomic
def event_signup(*, event: Event, user) -> Signup:
    """Take a place, or join the waiting list when the event is full."""
    now = timezone.now()
    event = Event.objects.select_for_update(of=("self",)).select_related("team").get(pk=event.pk)
    if not (can_see_event(user, event) and event_open_to(user, event)):
        raise PermissionDenied
    refusal = signup_refusal(event, now=now)
    if refusal:
        raise ServiceError(refusal)
    signup = Signup.objects.filter(event=event, user=user).first()
    if signup is not None and signup.status != SignupStatus.CANCELLED:
        raise ServiceError(_("You have already signed up for this event."))
    if signup is not None and not allowance_use(
        "signup-again", f"{user.pk}:{event.pk}", limit=SIGNUPS_AGAIN_PER_DAY, seconds=24 * 3600
    ):
        raise ServiceError(
            _(
                "You have cancelled and signed up for this event again several times today; "
                "you can sign up again tomorrow."
            )
        )
    # The stored count is exact here: the event row is locked and was read after the lock.
    status = SignupStatus.CONFIRMED if event.places_left else SignupStatus.WAITLISTED
    if signup is None:
        signup = Signup.objects.create(
            event=event, user=user, status=status, created_at=now, queued_at=now
        )
    else:
        signup.status, signup.queued_at, signup.cancelled_at = status, now, None
        signup.promoted_at = signup.reminded_at = None
        signup.save()
    kind = "signup_confirmed" if status == SignupStatus.CONFIRMED else "signup_waitlisted"
    notify(user=user, kind=kind, event=event, signup=signup)
    return signup


@transaction.atomic
def signup_cancel(*, signup: Signup, user) -> Signup:
    """Give a place back before the deadline; the waiting list moves up."""
    event = Event.objects.select_for_update().get(pk=signup.event_id)
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    if signup.user_id != user.pk:
        raise PermissionDenied
    signup.event = event
    refusal = signup_cancel_refusal(signup, now=timezone.now())
    if refusal:
        raise ServiceError(refusal)
    was_confirmed = signup.status == SignupStatus.CONFIRMED
    signup.status = SignupStatus.CANCELLED
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["status", "cancelled_at"])
    if was_confirmed:
        waitlist_promote(event=event)
    return signup


def waitlist_promote(*, event: Event) -> list[Signup]:
    """Fill free places from the waiting list, first come first served.

    The caller holds the lock on the event row.
    """
    if event.status != EventStatus.SCHEDULED or event.starts_at <= timezone.now():
        return []
    confirmed = event.signups.filter(status=SignupStatus.CONFIRMED).count()
    free = event.capacity - confirmed
    if free <= 0:
        return []
    promoted = list(
        event.signups.filter(status=SignupStatus.WAITLISTED)
        .select_related("user__volunteer")
        .order_by(*QUEUE_ORDER)[:free]
    )
    now = timezone.now()
    for signup in promoted:
        signup.status, signup.promoted_at = SignupStatus.CONFIRMED, now
        signup.save(update_fields=["status", "promoted_at"])
        notify(user=signup.user, kind="waitlist_promoted", event=event, signup=signup)
    return promoted
