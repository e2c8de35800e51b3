"""Service hours: leaders record and submit them, staff decide, volunteers flag mistakes.

Every change locks the record row, writes one audit row (who, when, old → new)
and, when approved hours change, updates the rollups — all in one transaction,
so a refused request leaves nothing half-saved.
"""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.validators import ProhibitNullCharactersValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.errors import ServiceError
from portal.mail import mail_queue
from volunteers.choices import Attendance, EventStatus, MembershipStatus, Role, SignupStatus
from volunteers.events.models import Event, Signup
from volunteers.events.permissions import can_manage_event
from volunteers.participation.models.hours import (
    MAX_HOURS_PER_RECORD,
    ChangeAction,
    RecordSource,
    RecordStatus,
    ServiceRecord,
    ServiceRecordChange,
)
from volunteers.participation.models.rollups import HoursByVolunteer
from volunteers.participation.services.rollups import rollups_apply
from volunteers.participation.stars import STAR_THRESHOLDS
from volunteers.people.display import person_language, person_name
from volunteers.people.notify import notify
from volunteers.teams.permissions import is_staff

CENT = Decimal("0.01")
MAX_REASON = 300
MAX_COMMENT = 500
# Each flag mails the team's leaders and staff.
FLAGS_PER_DAY = 10


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
        length = Decimal((event.ends_at - event.starts_at).total_seconds()) / 3600
        length = length.quantize(CENT, rounding=ROUND_HALF_UP)
        if value > length:
            raise ServiceError(
                {
                    "hours": _("The event lasted %(length)s hours; enter at most that.")
                    % {"length": format(length.normalize(), "f")}
                }
            )
    return value


# Records that still claim time: everything but rejected and withdrawn ones.
_COUNTING = (RecordStatus.DRAFT, RecordStatus.SUBMITTED, RecordStatus.APPROVED)


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
                % {
                    "name": person_name(user),
                    "hours": format(already.normalize(), "f"),
                    "date": date,
                }
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


def _locked(record: ServiceRecord) -> ServiceRecord:
    return (
        ServiceRecord.objects.select_for_update(of=("self",))
        .select_related("event", "report", "team")
        .get(pk=record.pk)
    )


def _require_staff(by) -> None:
    if not is_staff(by):
        raise PermissionDenied


def _announce_star_level(total: HoursByVolunteer, volunteer) -> None:
    """Tell the volunteer about a level reached for the first time (the row is locked)."""
    if total.star_level <= total.announced_level:
        return
    total.announced_level = total.star_level
    total.save(update_fields=["announced_level"])
    notify(
        user=volunteer,
        kind="star_level_reached",
        level=total.star_level,
        stars="★" * total.star_level,
        threshold=STAR_THRESHOLDS[total.star_level - 1],
        approved_hours=total.approved_hours,
    )


def _apply(record: ServiceRecord, *, hours: Decimal, records: int) -> None:
    if hours == 0 and records == 0:
        return
    total = rollups_apply(record=record, hours=hours, records=records)
    _announce_star_level(total, record.volunteer)


def _decided(record: ServiceRecord, by) -> None:
    record.decided_by, record.decided_at = by, timezone.now()
    # A decision answers any open flag; the audit trail keeps the comment.
    record.flagged_at, record.flag_comment = None, ""


def _event_for_leader(event: Event, by) -> Event:
    event = Event.objects.select_for_update(of=("self",)).select_related("team").get(pk=event.pk)
    if not can_manage_event(by, event):
        raise PermissionDenied
    if event.status == EventStatus.CANCELLED:
        raise ServiceError(_("This event was cancelled; no hours can be recorded for it."))
    if event.starts_at > timezone.now():
        raise ServiceError(_("Hours can be recorded once the event has started."))
    return event


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
    if record.status not in (RecordStatus.DRAFT, RecordStatus.WITHDRAWN):
        raise ServiceError(
            _("%(name)s's record has been submitted already; staff can still correct it.")
            % {"name": person_name(user)}
        )
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
    if record.status != RecordStatus.DRAFT:
        raise ServiceError(
            _("%(name)s's record has been submitted already; staff can still correct it.")
            % {"name": person_name(user)}
        )
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


@transaction.atomic
def record_approve(*, record: ServiceRecord, by) -> ServiceRecord:
    """Staff approve a submitted record; its hours join the volunteer's totals."""
    _require_staff(by)
    record = _locked(record)
    if record.status != RecordStatus.SUBMITTED:
        raise ServiceError(_("Only a submitted record can be approved."))
    old_status = record.status
    record.status = RecordStatus.APPROVED
    _decided(record, by)
    record.save()
    record_change_log(
        record, action=ChangeAction.APPROVE, by=by, old_hours=record.hours, old_status=old_status
    )
    _apply(record, hours=record.hours, records=1)
    return record


@transaction.atomic
def record_adjust(*, record: ServiceRecord, hours, reason: str, by) -> ServiceRecord:
    """Staff correct the hours (with a reason); the record is approved with the new hours."""
    _require_staff(by)
    record = _locked(record)
    if record.status in (RecordStatus.DRAFT, RecordStatus.WITHDRAWN):
        raise ServiceError(_("The leader has not submitted this record yet."))
    value = hours_clean(hours, event=record.event)
    day_total_check(user=record.volunteer, date=record.date, hours=value, exclude_pk=record.pk)
    reason = text_clean(
        reason,
        field="reason",
        max_length=MAX_REASON,
        required_message=_("Say why the hours are changed."),
    )
    if record.status == RecordStatus.APPROVED and value == record.hours:
        raise ServiceError({"hours": _("The record already has these hours.")})
    old_hours, old_status = record.hours, record.status
    record.hours, record.status, record.reject_reason = value, RecordStatus.APPROVED, ""
    _decided(record, by)
    record.save()
    record_change_log(
        record,
        action=ChangeAction.ADJUST,
        by=by,
        old_hours=old_hours,
        old_status=old_status,
        note=reason,
    )
    if old_status == RecordStatus.APPROVED:
        _apply(record, hours=value - old_hours, records=0)
    else:
        _apply(record, hours=value, records=1)
    return record


@transaction.atomic
def record_reject(*, record: ServiceRecord, reason: str, by) -> ServiceRecord:
    """Staff reject a submitted or approved record (with a reason); approved hours come off."""
    _require_staff(by)
    record = _locked(record)
    if record.status not in (RecordStatus.SUBMITTED, RecordStatus.APPROVED):
        raise ServiceError(_("Only a submitted or approved record can be rejected."))
    reason = text_clean(
        reason,
        field="reason",
        max_length=MAX_REASON,
        required_message=_("Say why the record is rejected."),
    )
    old_status = record.status
    record.status, record.reject_reason = RecordStatus.REJECTED, reason
    _decided(record, by)
    record.save()
    record_change_log(
        record,
        action=ChangeAction.REJECT,
        by=by,
        old_hours=record.hours,
        old_status=old_status,
        note=reason,
    )
    if old_status == RecordStatus.APPROVED:
        _apply(record, hours=-record.hours, records=-1)
    return record


def _flag_recipients(record: ServiceRecord):
    """The record's team leaders and every active staff account, once each."""
    User = get_user_model()
    leaders = Q(
        memberships__team_id=record.team_id,
        memberships__status=MembershipStatus.ACTIVE,
        memberships__role__in=(Role.LEADER, Role.CO_LEADER),
    )
    staff = Q(is_staff=True) | Q(is_superuser=True)
    who = staff if record.team_id is None else staff | leaders
    return (
        User.objects.filter(who, is_active=True)
        .exclude(email="")
        .select_related("volunteer")
        .distinct()
        .order_by("pk")
    )


def _flag_mail(record: ServiceRecord, recipient, volunteer, comment: str) -> None:
    language = person_language(recipient)
    with translation.override(language):
        if record.event_id:
            what = record.event.title
        elif record.report_id:
            what = record.report.title
        else:
            what = record.date.isoformat()
        subject = _("Service hours flagged as wrong: %(what)s") % {"what": what}
        body = _(
            "Hello %(name)s,\n\n"
            "%(volunteer)s says their service record is wrong.\n"
            "Activity: %(what)s (%(date)s)\n"
            "Hours recorded: %(hours)s (%(status)s)\n"
            "Their comment: %(comment)s\n\n"
            "Please check the record and approve, adjust or reject it."
        ) % {
            "name": person_name(recipient),
            "volunteer": person_name(volunteer),
            "what": what,
            "date": record.date.isoformat(),
            "hours": format(record.hours.normalize(), "f"),
            "status": record.get_status_display(),
            "comment": comment,
        }
    mail_queue(to=recipient.email, subject=subject, text_body=body, kind="volunteers/hours_flagged")


@transaction.atomic
def record_flag(*, record: ServiceRecord, user, comment: str) -> ServiceRecord:
    """The volunteer says a record is wrong; the team's leaders and staff are told."""
    record = _locked(record)
    if record.volunteer_id != user.pk:
        raise PermissionDenied
    comment = text_clean(
        comment,
        field="comment",
        max_length=MAX_COMMENT,
        required_message=_("Say what is wrong with the record."),
    )
    if record.flagged_at is not None:
        raise ServiceError(
            _("You have already flagged this record; the leader and staff have been told.")
        )
    since = timezone.now() - timedelta(days=1)
    flagged = ServiceRecord.objects.filter(volunteer=user, flagged_at__gte=since).count()
    if flagged >= FLAGS_PER_DAY:
        raise ServiceError(
            _(
                "You have flagged %(n)d records today; the leaders will look at them first. "
                "Flag more tomorrow, or write to the portal's staff."
            )
            % {"n": FLAGS_PER_DAY}
        )
    record.flagged_at, record.flag_comment = timezone.now(), comment
    record.save(update_fields=["flagged_at", "flag_comment"])
    record_change_log(
        record,
        action=ChangeAction.FLAG,
        by=user,
        old_hours=record.hours,
        old_status=record.status,
        note=comment,
    )
    for recipient in _flag_recipients(record):
        if recipient.pk != user.pk:
            _flag_mail(record, recipient, user, comment)
    return record
