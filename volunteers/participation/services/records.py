"""What every way of recording service hours shares: how hours and texts are
checked, the one-day limit, the audit row, and which records the leader may
still change. Check-out, the attendance list, activity reports and staff's
review all use these, so each rule is written here once.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _

from portal.errors import ServiceError
from volunteers.events.models import Event
from volunteers.participation.models.hours import (
    MAX_HOURS_PER_RECORD,
    RecordStatus,
    ServiceRecord,
    ServiceRecordChange,
)
from volunteers.people.display import person_name

CENT = Decimal("0.01")
# Records that still claim time: everything but rejected and withdrawn ones.
_COUNTING = (RecordStatus.DRAFT, RecordStatus.SUBMITTED, RecordStatus.APPROVED)
# Records still with the leader; once submitted or decided they are staff's.
LEADER_STATUSES = (RecordStatus.DRAFT, RecordStatus.WITHDRAWN)


def hours_text(hours) -> str:
    """2.50 → "2.5", 3.00 → "3": how people write hours."""
    return format(Decimal(hours).normalize(), "f")


def event_length_hours(event: Event) -> Decimal:
    seconds = Decimal((event.ends_at - event.starts_at).total_seconds())
    return (seconds / 3600).quantize(CENT, rounding=ROUND_HALF_UP)


def record_with_leader(record: ServiceRecord) -> bool:
    """Whether the leader may still change ``record`` (a draft, or a withdrawn one)."""
    return record.status in LEADER_STATUSES


def hours_clean(hours, *, event: Event | None) -> Decimal:
    """Hours as a Decimal in hundredths of an hour, or a ServiceError saying what is wrong."""
    try:
        value = Decimal(str(hours).strip())
    except (InvalidOperation, ValueError, TypeError):
        raise ServiceError({"hours": _("Enter the hours as a number, e.g. 2.5.")}) from None
    if not value.is_finite():
        raise ServiceError({"hours": _("Enter the hours as a number, e.g. 2.5.")})
    value = value.quantize(CENT, rounding=ROUND_HALF_UP)
    if value < 0:
        raise ServiceError({"hours": _("Hours cannot be negative.")})
    if value > MAX_HOURS_PER_RECORD:
        raise ServiceError({"hours": _("No one serves more than 24 hours in a day.")})
    if event is not None:
        length = event_length_hours(event)
        if value > length:
            raise ServiceError(
                {
                    "hours": _("The event lasted %(length)s hours; enter at most that.")
                    % {"length": hours_text(length)}
                }
            )
    return value


def day_total_check(*, user, date, hours: Decimal, exclude_pk=None, field="hours") -> None:
    """Refuse hours that would put one volunteer above 24 hours on one day."""
    others = ServiceRecord.objects.filter(volunteer=user, date=date, status__in=_COUNTING)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    already = sum((r for r in others.values_list("hours", flat=True)), Decimal(0))
    if already + hours > MAX_HOURS_PER_RECORD:
        raise ServiceError(
            {
                field: _(
                    "%(name)s already has %(hours)s hours recorded on %(date)s; a day has only 24."
                )
                % {"name": person_name(user), "hours": hours_text(already), "date": date}
            }
        )


def text_clean(text, *, field: str, max_length: int, required_message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ServiceError({field: required_message})
    if "\x00" in text:  # PostgreSQL cannot store it; the same refusal as Django's forms
        raise ServiceError({field: ProhibitNullCharactersValidator.message})
    if len(text) > max_length:
        raise ServiceError(
            {field: _("Keep it under %(n)d characters.") % {"n": max_length}},
        )
    return text


def record_change_log(record: ServiceRecord, *, action, by, old_hours, old_status, note="") -> None:
    ServiceRecordChange.objects.create(
        record=record,
        changed_by=by,
        action=action,
        old_hours=old_hours,
        new_hours=record.hours,
        old_status=old_status,
        new_status=record.status,
        note=note,
    )


def record_move(record: ServiceRecord, *, status: str, action: str, by, note: str = "") -> None:
    """Give a record a new status, with its audit row (the hours stay as they are)."""
    old_status, record.status = record.status, status
    record.save(update_fields=["status"])
    record_change_log(
        record, action=action, by=by, old_hours=record.hours, old_status=old_status, note=note
    )
