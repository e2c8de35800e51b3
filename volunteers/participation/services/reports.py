"""Activity reports: leaders write and submit them, staff approve or return them.

A report for an event takes its day and place from the event, and its
volunteers' hours from the event's attendance list. A free-standing report
lists the members who took part with their hours, which become service
records of the report. Photos are cleaned before anything is saved, and
every check runs before the first row is written, so a refused report leaves
nothing behind.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.images import get_image_model

from portal.enqueue import enqueue_on_commit
from portal.errors import ServiceError
from volunteers.choices import EventKind, EventStatus, MembershipStatus, TeamStatus
from volunteers.events.models import Event
from volunteers.participation.models.hours import (
    ChangeAction,
    RecordSource,
    RecordStatus,
    ServiceRecord,
)
from volunteers.participation.models.reports import (
    MAX_PHOTOS,
    REPORT_FIGURES,
    ActivityReport,
    ReportPhoto,
    ReportStatus,
)
from volunteers.participation.selectors import report_records
from volunteers.participation.services.hours import (
    day_total_check,
    hours_clean,
    record_approve,
    record_change_log,
    record_move,
    records_submit,
    text_clean,
)
from volunteers.participation.services.photos import photo_clean, photo_store
from volunteers.participation.services.rollups import activity_totals_apply
from volunteers.people.display import person_name
from volunteers.people.notify import notify
from volunteers.places.models import Township
from volunteers.teams.models import Membership
from volunteers.teams.permissions import can_manage_team, is_staff

# The most one person can plausibly do in one activity; a report's figure may
# reach this times the number of people who took part, and no more.
PER_PERSON_LIMITS = {
    "litter_kg": Decimal(200),
    "river_km": Decimal(60),
    "households": Decimal(150),
    "samples": Decimal(40),
    "trees": Decimal(100),
}
FIGURE_FIELDS = REPORT_FIGURES
MAX_PARTICIPANTS = 5000
EARLIEST_DATE = datetime.date(2000, 1, 1)
MAX_REASON = 300


def _figure(name: str, raw, errors: dict) -> Decimal:
    if raw in (None, ""):
        return Decimal(0)
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        errors[name] = _("Enter a number.")
        return Decimal(0)
    if not value.is_finite():
        errors[name] = _("Enter a number.")
        return Decimal(0)
    if value < 0:
        errors[name] = _("A figure cannot be negative.")
    elif name not in ("litter_kg", "river_km") and value != value.to_integral_value():
        errors[name] = _("Enter a whole number.")
    return value


def _clean_figures(data: dict, participants: int, errors: dict) -> dict:
    figures = {}
    for name in FIGURE_FIELDS:
        value = _figure(name, data.get(name), errors)
        limit = PER_PERSON_LIMITS[name] * max(participants, 1)
        if name not in errors and value > limit:
            people = max(participants, 1)
            errors[name] = ngettext(
                "That is more than %(limit)s per person who took part (%(people)d person). "
                "Check the figure and the number of people.",
                "That is more than %(limit)s per person who took part (%(people)d people). "
                "Check the figure and the number of people.",
                people,
            ) % {"limit": PER_PERSON_LIMITS[name], "people": people}
        figures[name] = value if name in ("litter_kg", "river_km") else int(value)
    return figures


def _check_campaign(campaign, date, errors: dict) -> None:
    if campaign is None:
        return
    if not campaign.live:
        errors["campaign"] = _("Choose a published campaign.")
    elif date and (date < campaign.start_date or (campaign.end_date and date > campaign.end_date)):
        errors["campaign"] = _("The activity's date is outside the campaign's period.")


def _check_event(team, event: Event | None, report: ActivityReport | None, errors: dict) -> None:
    if event is None:
        return
    if event.team_id != team.pk:
        errors["event"] = _("Choose one of your team's events.")
    elif event.status == EventStatus.CANCELLED:
        errors["event"] = _("This event was cancelled.")
    elif event.starts_at > timezone.now():
        errors["event"] = _("You can report on an event once it has started.")
    elif (
        ActivityReport.objects.filter(event=event).exclude(pk=getattr(report, "pk", None)).exists()
    ):
        errors["event"] = _("This event has a report already; edit that one.")


def _participant_hours(team, participants: dict, date, report, errors: dict) -> dict:
    """Members and their hours for a free-standing report, checked."""
    if not participants:
        return {}
    members = {
        m.user_id: m.user
        for m in Membership.objects.filter(
            team=team, status=MembershipStatus.ACTIVE, user_id__in=list(participants)
        ).select_related("user__volunteer")
    }
    cleaned = {}
    for user_id, hours in participants.items():
        user = members.get(user_id)
        if user is None:
            errors["participants"] = _("Only active members of the team can be given hours.")
            continue
        try:
            try:
                value = hours_clean(hours, event=None)
            except ServiceError as error:
                raise ServiceError(f"{person_name(user)}: {error.messages[0]}") from None
            if date is not None:
                existing = None
                if report is not None and report.pk:
                    existing = (
                        ServiceRecord.objects.filter(report=report, volunteer=user)
                        .values_list("pk", flat=True)
                        .first()
                    )
                day_total_check(
                    user=user, date=date, hours=value, exclude_pk=existing, field="participants"
                )
        except ServiceError as error:
            errors["participants"] = error.messages[0]
            continue
        if value > 0:
            cleaned[user] = value
    return cleaned


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
        if record.status not in (RecordStatus.DRAFT, RecordStatus.WITHDRAWN):
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
    from volunteers.participation.tasks import make_report_photo_renditions

    enqueue_on_commit(make_report_photo_renditions, image_ids)


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
        if not report.is_editable:
            raise ServiceError(_("This report is with staff for review and cannot be changed."))
    errors: dict = {}
    event = data.get("event")
    if event is not None:
        # Two leaders reporting the same event at once: the second waits, then is told.
        event = Event.objects.select_for_update().select_related("township").get(pk=event.pk)
    _check_event(team, event, report, errors)
    if event is not None and "event" not in errors:
        date = timezone.localdate(event.starts_at)
        township = event.township
        lat, lon = event.lat, event.lon
    else:
        date = data.get("date")
        township = data.get("township")
        lat, lon = data.get("lat"), data.get("lon")
        if not isinstance(date, datetime.date):
            errors["date"] = _("Enter the date of the activity.")
            date = None
        elif date > timezone.localdate():
            errors["date"] = _("The activity cannot be in the future.")
        elif date < EARLIEST_DATE:
            errors["date"] = _("Enter a date after 2000.")
        if not isinstance(township, Township):
            errors["township"] = _("Choose the township where the activity took place.")
        if (lat is None) != (lon is None):
            errors["lat"] = _("Give both latitude and longitude, or neither.")
        elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            errors["lat"] = _("Latitude is between -90 and 90, longitude between -180 and 180.")
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = _("Give the report a title.")
    elif len(title) > 120:
        errors["title"] = _("Keep it under %(n)d characters.") % {"n": 120}
    summary = (data.get("summary") or "").strip()
    if not summary:
        errors["summary"] = _("Say what the team did.")
    elif len(summary) > 4000:
        errors["summary"] = _("Keep it under %(n)d characters.") % {"n": 4000}
    kind = data.get("kind") or (event.kind if event else "")
    if kind not in EventKind.values:
        errors["kind"] = _("Choose the type of activity.")
    try:
        people = int(data.get("participants") or 0)
    except (TypeError, ValueError):
        people = 0
    if people < 1:
        errors["participants_count"] = _("Enter how many people took part (at least one).")
    elif people > MAX_PARTICIPANTS:
        errors["participants_count"] = _("Enter at most %(n)d people.") % {"n": MAX_PARTICIPANTS}
    figures = _clean_figures(data, people, errors)
    _check_campaign(data.get("campaign"), date, errors)
    hours_by_user = {}
    if event is None:
        hours_by_user = _participant_hours(team, participants or {}, date, report, errors)
        if len(hours_by_user) > people and "participants_count" not in errors:
            errors["participants_count"] = _(
                "You gave hours to %(n)d members; at least that many people took part."
            ) % {"n": len(hours_by_user)}

    kept = 0
    if report is not None:
        kept = report.photos.exclude(pk__in=list(remove_photo_ids)).count()
    new_photos = list(new_photos)
    if kept + len(new_photos) > MAX_PHOTOS:
        errors["photos"] = _("A report has at most %(n)d photos; remove some first.") % {
            "n": MAX_PHOTOS
        }
    cleaned_photos = []
    if "photos" not in errors:
        for upload in new_photos:
            try:
                cleaned_photos.append((photo_clean(upload)[0], getattr(upload, "caption", "")))
            except ServiceError as error:
                errors["photos"] = error.messages[0]
                break
    if errors:
        raise ServiceError(errors)

    fields = {
        "event": event,
        "campaign": data.get("campaign"),
        "title": title,
        "date": date,
        "kind": kind,
        "township": township,
        "place": (data.get("place") or (event.meeting_point if event else "") or "")[:200],
        "lat": lat,
        "lon": lon,
        "summary": summary,
        "participants": people,
        **figures,
    }
    if report is None:
        report = ActivityReport.objects.create(team=team, created_by=by, **fields)
    else:
        for name, value in fields.items():
            setattr(report, name, value)
        report.save()
    if remove_photo_ids:
        # The image goes too (its files and renditions with it): a removed photo must not
        # stay reachable at its URL.
        removed = report.photos.filter(pk__in=list(remove_photo_ids)).values_list(
            "image_id", flat=True
        )
        get_image_model().objects.filter(pk__in=list(removed)).delete()
    order = (report.photos.aggregate(n=Max("sort_order"))["n"] or -1) + 1
    image_ids = []
    for offset, (data_bytes, caption) in enumerate(cleaned_photos):
        image = photo_store(data_bytes, title=f"{title} {order + offset + 1}", uploaded_by=by)
        ReportPhoto.objects.create(
            report=report, image=image, caption=(caption or "")[:120], sort_order=order + offset
        )
        image_ids.append(image.pk)
    _queue_renditions(image_ids)
    # A report moved onto an event takes its hours from the event: its own drafts go.
    _sync_records(report, hours_by_user if event is None else {}, by)
    return report


@transaction.atomic
def report_submit(*, report: ActivityReport, by) -> ActivityReport:
    """The leader sends the report (and its draft hours) to staff for review."""
    report = ActivityReport.objects.select_for_update().select_related("team").get(pk=report.pk)
    if not can_manage_team(by, report.team):
        raise PermissionDenied
    if not report.is_editable:
        raise ServiceError(_("This report has been submitted already."))
    if report.team.status != TeamStatus.APPROVED:
        raise ServiceError(_("Reports can be submitted once staff have approved the team."))
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
        max_length=MAX_REASON,
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
