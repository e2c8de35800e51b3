"""Service hours with staff: they approve, adjust or reject, volunteers flag mistakes.

Leaders record and submit hours in ``attendance`` (and through reports).
Every change locks the record row, writes one audit row (who, when, old → new)
and, when approved hours change, updates the rollups — all in one transaction,
so a refused request leaves nothing half-saved.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.errors import ServiceError
from portal.mail import mail_queue
from volunteers.choices import MembershipStatus, Role
from volunteers.participation.models.hours import ChangeAction, RecordStatus, ServiceRecord
from volunteers.participation.models.rollups import HoursByVolunteer
from volunteers.participation.services.records import (
    day_total_check,
    hours_clean,
    hours_text,
    record_change_log,
    record_with_leader,
    text_clean,
)
from volunteers.participation.services.rollup_apply import rollups_apply
from volunteers.participation.stars import STAR_THRESHOLDS
from volunteers.people.display import person_language, person_name
from volunteers.people.notify import notify
from volunteers.teams.permissions import is_staff

# The model's limits, so the service and the database never disagree.
REASON_LENGTH = ServiceRecord._meta.get_field("reject_reason").max_length
FLAG_COMMENT_LENGTH = ServiceRecord._meta.get_field("flag_comment").max_length
# Each flag mails the team's leaders and staff.
FLAGS_PER_DAY = 10


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
    if record_with_leader(record):
        raise ServiceError(_("The leader has not submitted this record yet."))
    value = hours_clean(hours, event=record.event)
    day_total_check(user=record.volunteer, date=record.date, hours=value, exclude_pk=record.pk)
    reason = text_clean(
        reason,
        field="reason",
        max_length=REASON_LENGTH,
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
        max_length=REASON_LENGTH,
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
            "hours": hours_text(record.hours),
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
        max_length=FLAG_COMMENT_LENGTH,
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
