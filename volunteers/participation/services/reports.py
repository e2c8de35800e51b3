"""Activity reports: leaders write and submit them, staff approve or return them.

A report for an event takes its day and place from the event, and its
volunteers' hours from the event's attendance list. A free-standing report
lists the members who took part with their hours, which become service
records of the report. Every check (``report_checks``) runs before the first
row is written, photos included, so a refused report leaves nothing behind.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from portal.enqueue import enqueue_on_commit
from portal.errors import ServiceError
from volunteers.participation.models.hours import (
    ChangeAction,
    RecordSource,
    RecordStatus,
    ServiceRecord,
)
from volunteers.participation.models.reports import ActivityReport, ReportPhoto, ReportStatus
from volunteers.participation.selectors import report_records
from volunteers.participation.services.attendance import records_submit
from volunteers.participation.services.hours import record_approve
from volunteers.participation.services.photos import photo_store
from volunteers.participation.services.records import (
    record_change_log,
    record_move,
    record_with_leader,
    text_clean,
)
from volunteers.participation.services.report_checks import CAPTION_LENGTH, report_clean
from volunteers.participation.services.rollup_apply import activity_totals_apply
from volunteers.people.notify import notify
from volunteers.teams.permissions import can_manage_team, is_staff

REASON_LENGTH = ActivityReport._meta.get_field("reject_reason").max_length


def event_report_refusal(event, *, now) -> str | None:
    """Why no report can be started for ``event`` at ``now``, or None; the same rule as
    the events the report form offers (``forms.reportable_events``)."""
    if event.is_cancelled:
        return _("This event was cancelled; there is nothing to report.")
    if event.starts_at > now:
        return _("A report can be written once the event has started.")
    return None


def report_edit_refusal(report: ActivityReport) -> str | None:
    """Why the leader can no longer change ``report``, or None (a draft or a returned one)."""
    if report.is_editable:
        return None
    if report.status == ReportStatus.APPROVED:
        return _("This report is approved and can no longer be changed.")
    return _("This report is with staff for review and cannot be changed.")


def report_submit_refusal(*, team, report: ActivityReport | None = None) -> str | None:
    """Why ``report`` (or a new report of ``team``) cannot be sent for review, or None."""
    if report is not None and not report.is_editable:
        return _("This report has been submitted already.")
    if not team.is_approved:
        return _("Reports can be submitted once staff have approved the team.")
    return None


def _sync_records(report: ActivityReport, hours_by_user: dict, by) -> None:
    """Make the report's draft records match the members listed, keeping the audit trail."""
    existing = {
        r.volunteer_id: r for r in ServiceRecord.objects.select_for_update().filter(report=report)
    }
    for user, hours in hours_by_user.items():
        record = existing.pop(user.pk, None)
        if record is None:
            record = ServiceRecord.objects.create(
                volunteer=user,
                report=report,
                team=report.team,
                township=report.township,
                date=report.date,
                hours=hours,
                source=RecordSource.REPORT,
                status=RecordStatus.DRAFT,
            )
            record_change_log(
                record, action=ChangeAction.CREATE, by=by, old_hours=None, old_status=""
            )
            continue
        if not record_with_leader(record):
            continue
        if (record.hours, record.status, record.date, record.township_id) == (
            hours,
            RecordStatus.DRAFT,
            report.date,
            report.township_id,
        ):
            continue
        old_hours, old_status = record.hours, record.status
        record.hours, record.status = hours, RecordStatus.DRAFT
        record.date, record.township = report.date, report.township
        record.save(update_fields=["hours", "status", "date", "township"])
        record_change_log(
            record, action=ChangeAction.EDIT, by=by, old_hours=old_hours, old_status=old_status
        )
    for record in existing.values():
        if record.status == RecordStatus.DRAFT:
            record_move(record, status=RecordStatus.WITHDRAWN, action=ChangeAction.WITHDRAW, by=by)


def _queue_renditions(image_ids: list[int]) -> None:
    if not image_ids:
        return
    enqueue_on_commit("volunteers.tasks.make_report_photo_renditions", image_ids)


def _photos_change(report: ActivityReport, photos: list, remove_photo_ids, by) -> None:
    if remove_photo_ids:
        # The image goes too (its files and renditions with it): a removed photo must not
        # stay reachable at its URL.
        removed = report.photos.filter(pk__in=list(remove_photo_ids)).values_list(
            "image_id", flat=True
        )
        get_image_model().objects.filter(pk__in=list(removed)).delete()
    order = (report.photos.aggregate(n=Max("sort_order"))["n"] or -1) + 1
    image_ids = []
    for offset, (data_bytes, caption) in enumerate(photos):
        image = photo_store(
            data_bytes, title=f"{report.title} {order + offset + 1}", uploaded_by=by
        )
        ReportPhoto.objects.create(
            report=report,
            image=image,
            caption=(caption or "")[:CAPTION_LENGTH],
            sort_order=order + offset,
        )
        image_ids.append(image.pk)
    _queue_renditions(image_ids)


@transaction.atomic
def report_save(
    *,
    team,
    by,
    data: dict,
    report: ActivityReport | None = None,
    participants: dict | None = None,
    new_photos=(),
    remove_photo_ids=(),
) -> ActivityReport:
    """Create or change a draft (or returned) report of ``team``.

    ``data`` holds the fields (event, campaign, title, date, kind, township,
    place, lat, lon, summary, participants and the figures); ``participants``
    maps member user ids to hours for a free-standing report; ``new_photos``
    are uploads with an optional ``caption`` attribute.
    """
    if not can_manage_team(by, team):
        raise PermissionDenied
    if report is not None:
        report = ActivityReport.objects.select_for_update().get(pk=report.pk)
        if report.team_id != team.pk:
            raise PermissionDenied
        refusal = report_edit_refusal(report)
        if refusal:
            raise ServiceError(refusal)
    clean = report_clean(
        team=team,
        data=data,
        report=report,
        participants=participants or {},
        new_photos=list(new_photos),
        remove_photo_ids=remove_photo_ids,
    )
    if report is None:
        report = ActivityReport.objects.create(team=team, created_by=by, **clean.fields)
    else:
        for name, value in clean.fields.items():
            setattr(report, name, value)
        report.save()
    _photos_change(report, clean.photos, remove_photo_ids, by)
    # A report moved onto an event takes its hours from the event: its own drafts go.
    _sync_records(report, clean.hours_by_user if clean.event is None else {}, by)
    return report


@transaction.atomic
def report_submit(*, report: ActivityReport, by) -> ActivityReport:
    """The leader sends the report (and its draft hours) to staff for review."""
    report = ActivityReport.objects.select_for_update().select_related("team").get(pk=report.pk)
    if not can_manage_team(by, report.team):
        raise PermissionDenied
    refusal = report_submit_refusal(team=report.team, report=report)
    if refusal:
        raise ServiceError(refusal)
    now = timezone.now()
    drafts = list(
        ServiceRecord.objects.select_for_update().filter(report=report, status=RecordStatus.DRAFT)
    )
    for record in drafts:
        record.status, record.submitted_by, record.submitted_at = RecordStatus.SUBMITTED, by, now
        record.save(update_fields=["status", "submitted_by", "submitted_at"])
        record_change_log(
            record,
            action=ChangeAction.SUBMIT,
            by=by,
            old_hours=record.hours,
            old_status=RecordStatus.DRAFT,
        )
    if (
        report.event_id
        and ServiceRecord.objects.filter(
            event_id=report.event_id, status=RecordStatus.DRAFT
        ).exists()
    ):
        records_submit(event=report.event, by=by)
    report.status, report.submitted_at, report.reject_reason = ReportStatus.SUBMITTED, now, ""
    report.save(update_fields=["status", "submitted_at", "reject_reason"])
    return report


@transaction.atomic
def report_approve(*, report: ActivityReport, by) -> ActivityReport:
    """Staff approve a report: it goes public, and its submitted hours are approved with it."""
    if not is_staff(by):
        raise PermissionDenied
    report = ActivityReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ServiceError(_("Only a report awaiting review can be approved."))
    report.status, report.decided_by, report.decided_at = (
        ReportStatus.APPROVED,
        by,
        timezone.now(),
    )
    report.save(update_fields=["status", "decided_by", "decided_at"])
    activity_totals_apply(report=report)
    for record in report_records(report).filter(status=RecordStatus.SUBMITTED).order_by("pk"):
        record_approve(record=record, by=by)
    if report.created_by_id:
        notify(user=report.created_by, kind="report_approved", report=report)
    return report


@transaction.atomic
def report_return(*, report: ActivityReport, reason: str, by) -> ActivityReport:
    """Staff send a report back to the leader with a reason; its own hours go back to drafts."""
    if not is_staff(by):
        raise PermissionDenied
    report = ActivityReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ServiceError(_("Only a report awaiting review can be returned."))
    reason = text_clean(
        reason,
        field="reason",
        max_length=REASON_LENGTH,
        required_message=_("Say what the leader should change."),
    )
    report.status, report.reject_reason = ReportStatus.REJECTED, reason
    report.decided_by, report.decided_at = by, timezone.now()
    report.save(update_fields=["status", "reject_reason", "decided_by", "decided_at"])
    for record in ServiceRecord.objects.select_for_update().filter(
        report=report, status=RecordStatus.SUBMITTED
    ):
        record_move(record, status=RecordStatus.DRAFT, action=ChangeAction.EDIT, by=by, note=reason)
    if report.created_by_id:
        notify(user=report.created_by, kind="report_returned", report=report, reason=reason)
    return report
