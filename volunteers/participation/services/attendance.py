"""The leader's side of service hours: drafts from check-out and the
attendance list, and handing them to staff.

Drafts stay with the leader until submitted; submitted and decided records
are staff's (``volunteers.participation.services.hours``). A refused list
leaves nothing half-saved.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import ServiceError
from volunteers.choices import Attendance, SignupStatus
from volunteers.events.models import Event, Signup
from volunteers.events.permissions import can_manage_event
from volunteers.participation.models.hours import (
    ChangeAction,
    RecordSource,
    RecordStatus,
    ServiceRecord,
    ServiceRecordChange,
)
from volunteers.participation.services.records import (
    day_total_check,
    hours_clean,
    record_change_log,
    record_move,
    record_with_leader,
)
from volunteers.people.display import person_name


def attendance_refusal(event: Event, *, now) -> str | None:
    """Why no attendance or hours can be recorded for ``event`` at ``now``, or None."""
    phase = event.phase(now)
    if phase == "cancelled":
        return _("This event was cancelled; no hours can be recorded for it.")
    if phase in ("open", "closed"):
        return _("Attendance can be taken once the event has started.")
    return None


def _event_for_leader(event: Event, by) -> Event:
    event = Event.objects.select_for_update(of=("self",)).select_related("team").get(pk=event.pk)
    if not can_manage_event(by, event):
        raise PermissionDenied
    refusal = attendance_refusal(event, now=timezone.now())
    if refusal:
        raise ServiceError(refusal)
    return event


def _submitted_already(user) -> ServiceError:
    return ServiceError(
        _("%(name)s's record has been submitted already; staff can still correct it.")
        % {"name": person_name(user)}
    )


def record_draft_set(*, event: Event, user, hours, source: str, by) -> ServiceRecord:
    """Create or change the draft record of ``user`` at ``event`` (the caller holds the event).

    Submitted and decided records are left to staff: changing them here is refused.
    """
    value = hours_clean(hours, event=event)
    date = timezone.localdate(event.starts_at)
    record = ServiceRecord.objects.select_for_update().filter(event=event, volunteer=user).first()
    if record is None:
        day_total_check(user=user, date=date, hours=value)
        try:
            with transaction.atomic():
                record = ServiceRecord.objects.create(
                    volunteer=user,
                    event=event,
                    team=event.team,
                    township_id=event.township_id,
                    date=date,
                    hours=value,
                    source=source,
                    status=RecordStatus.DRAFT,
                )
        except IntegrityError:
            raise ServiceError(
                _("This volunteer already has a service record for this event.")
            ) from None
        record_change_log(record, action=ChangeAction.CREATE, by=by, old_hours=None, old_status="")
        return record
    if not record_with_leader(record):
        raise _submitted_already(user)
    if record.status == RecordStatus.DRAFT and record.hours == value:
        return record
    day_total_check(user=user, date=date, hours=value, exclude_pk=record.pk)
    old_hours, old_status = record.hours, record.status
    record.hours, record.status, record.source = value, RecordStatus.DRAFT, source
    record.save(update_fields=["hours", "status", "source"])
    record_change_log(
        record, action=ChangeAction.EDIT, by=by, old_hours=old_hours, old_status=old_status
    )
    return record


def _record_withdraw(*, event: Event, user, by) -> None:
    record = ServiceRecord.objects.select_for_update().filter(event=event, volunteer=user).first()
    if record is None or record.status == RecordStatus.WITHDRAWN:
        return
    if not record_with_leader(record):
        raise _submitted_already(user)
    record_move(record, status=RecordStatus.WITHDRAWN, action=ChangeAction.WITHDRAW, by=by)


@transaction.atomic
def record_create_for_attendance(*, event: Event, user, hours, by) -> ServiceRecord:
    """A leader (or staff) records one volunteer's hours from the attendance list, as a draft."""
    event = _event_for_leader(event, by)
    if ServiceRecord.objects.filter(event=event, volunteer=user).exists():
        raise ServiceError(_("This volunteer already has a service record for this event."))
    return record_draft_set(
        event=event, user=user, hours=hours, source=RecordSource.ATTENDANCE, by=by
    )


def _marks_check(event: Event, marks: dict, signups: dict) -> None:
    """Every row of the list checked before the first is saved."""
    errors = {}
    for pk, (attendance, hours) in marks.items():
        if pk not in signups:
            errors[f"signup-{pk}"] = _("This person has no confirmed place at the event.")
        elif attendance not in Attendance.values:
            errors[f"signup-{pk}"] = _("Choose present, absent or no-show.")
        elif attendance == Attendance.PRESENT:
            try:
                hours_clean(hours, event=event)
            except ServiceError as error:
                errors[f"signup-{pk}"] = error.messages[0]
    if errors:
        raise ServiceError(errors)


@transaction.atomic
def attendance_save(*, event: Event, marks: dict, by) -> int:
    """Save the leader's attendance list: ``marks`` maps a sign-up's pk to (attendance, hours).

    Present volunteers get a draft record with their hours; absent and
    no-show volunteers lose any draft. All rows are checked before the
    first is saved, and one refused row leaves the whole list unsaved.
    Returns the number of sign-ups changed.
    """
    event = _event_for_leader(event, by)
    signups = {
        s.pk: s
        for s in Signup.objects.select_for_update(of=("self",))
        .filter(event=event, pk__in=list(marks), status=SignupStatus.CONFIRMED)
        .select_related("user__volunteer")
    }
    _marks_check(event, marks, signups)
    changed = 0
    for pk, (attendance, hours) in sorted(marks.items()):
        signup = signups[pk]
        try:
            if attendance == Attendance.PRESENT:
                record_draft_set(
                    event=event,
                    user=signup.user,
                    hours=hours,
                    source=RecordSource.ATTENDANCE,
                    by=by,
                )
            else:  # absent, no-show or no longer marked: no hours
                _record_withdraw(event=event, user=signup.user, by=by)
        except ServiceError as error:
            # Undo the rows saved so far: the list is saved whole or not at all.
            raise ServiceError({f"signup-{pk}": error.messages[0]}) from None
        if signup.attendance != attendance:
            signup.attendance = attendance
            signup.save(update_fields=["attendance"])
            changed += 1
    return changed


@transaction.atomic
def records_submit(*, event: Event, by) -> list[ServiceRecord]:
    """The leader hands the event's draft records to staff for approval."""
    event = Event.objects.select_for_update(of=("self",)).select_related("team").get(pk=event.pk)
    if not can_manage_event(by, event):
        raise PermissionDenied
    records = list(
        ServiceRecord.objects.select_for_update()
        .filter(event=event, status=RecordStatus.DRAFT)
        .order_by("pk")
    )
    if not records:
        raise ServiceError(_("There are no draft records to submit for this event."))
    now = timezone.now()
    changes = []
    for record in records:
        record.status, record.submitted_by, record.submitted_at = RecordStatus.SUBMITTED, by, now
        changes.append(
            ServiceRecordChange(
                record=record,
                changed_by=by,
                action=ChangeAction.SUBMIT,
                old_hours=record.hours,
                new_hours=record.hours,
                old_status=RecordStatus.DRAFT,
                new_status=RecordStatus.SUBMITTED,
            )
        )
    ServiceRecord.objects.bulk_update(records, ["status", "submitted_by", "submitted_at"])
    ServiceRecordChange.objects.bulk_create(changes)
    return records
