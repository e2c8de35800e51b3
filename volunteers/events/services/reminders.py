from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from volunteers.choices import EventStatus, SignupStatus
from volunteers.events.models import Signup
from volunteers.people.notify import notify

REMINDER_AHEAD = timedelta(hours=24)


def reminders_send(*, now=None, batch: int = 500) -> int:
    """Remind everyone with a place in an event starting within 24 hours, once.

    Run by Celery beat every few minutes. Rows are claimed with
    ``SKIP LOCKED`` so two beat ticks (or two workers) never remind twice.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Signup.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=SignupStatus.CONFIRMED,
                reminded_at__isnull=True,
                event__status=EventStatus.SCHEDULED,
                event__starts_at__gt=now,
                event__starts_at__lte=now + REMINDER_AHEAD,
            )
            .select_related("event__township", "user__volunteer")
            .order_by("event__starts_at", "pk")[:batch]
        )
        for signup in due:
            signup.reminded_at = now
            signup.save(update_fields=["reminded_at"])
            profile = getattr(signup.user, "volunteer", None)
            if profile is None or profile.reminders_enabled:
                notify(user=signup.user, kind="event_reminder", event=signup.event, signup=signup)
    return len(due)
