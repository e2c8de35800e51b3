"""The waiting list as a volunteer sees it: their place in the queue (1 is next).

The queue is served in the order people joined it (``services.signups.QUEUE_ORDER``:
``queued_at``, then ``pk``), so a place is the number of sign-ups waiting before it, plus one.
"""

from django.db.models import OuterRef, Q
from django.utils.translation import gettext as _

from portal.subqueries import count_of
from volunteers.choices import SignupStatus
from volunteers.events.models import Signup


def _ahead_in_queue(signup):
    """Sign-ups waiting before ``signup`` (an instance, or an OuterRef to one)."""
    ahead = Q(queued_at__lt=signup["queued_at"]) | Q(
        queued_at=signup["queued_at"], pk__lt=signup["pk"]
    )
    return Signup.objects.filter(ahead, event_id=signup["event_id"], status=SignupStatus.WAITLISTED)


def waitlist_position(signup: Signup) -> int | None:
    """The place of ``signup`` in its event's queue (1 is next), or None if not waiting."""
    if signup.status != SignupStatus.WAITLISTED:
        return None
    fields = {name: getattr(signup, name) for name in ("queued_at", "pk", "event_id")}
    return _ahead_in_queue(fields).count() + 1


def with_waitlist_positions(signups):
    """``signups`` with ``queue_ahead``: how many wait before each (in the same query)."""
    outer = {name: OuterRef(name) for name in ("queued_at", "pk", "event_id")}
    return signups.annotate(queue_ahead=count_of(_ahead_in_queue(outer)))


def waitlist_text(position: int) -> str:
    return _("Number %(n)s on the waiting list") % {"n": position}
