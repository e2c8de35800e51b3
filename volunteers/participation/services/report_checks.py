"""Every check of an activity report before anything is saved.

``report_clean`` reads what a leader sent, in named steps — the event, the
day and place, the texts, the people and figures, the campaign, the members'
hours, the photos — and either returns what to save or refuses with all the
problems at once, each on its field.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.errors import ServiceError
from volunteers.choices import EventKind, MembershipStatus
from volunteers.events.models import Event
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import (
    MAX_PHOTOS,
    REPORT_FIGURES,
    ActivityReport,
    ReportPhoto,
)
from volunteers.participation.services.photos import photo_clean
from volunteers.participation.services.records import day_total_check, hours_clean, text_clean
from volunteers.people.display import person_name
from volunteers.places.models import Township
from volunteers.teams.models import Membership

# The most one person can plausibly do in one activity; a report's figure may
# reach this times the number of people who took part, and no more.
PER_PERSON_LIMITS = {
    "litter_kg": Decimal(200),
    "river_km": Decimal(60),
    "households": Decimal(150),
    "samples": Decimal(40),
    "trees": Decimal(100),
}
DECIMAL_FIGURES = ("litter_kg", "river_km")
MAX_PARTICIPANTS = 5000
EARLIEST_DATE = datetime.date(2000, 1, 1)
# The model's limits, read by the form too, so the three never disagree.
TITLE_LENGTH = ActivityReport._meta.get_field("title").max_length
SUMMARY_LENGTH = ActivityReport._meta.get_field("summary").max_length
PLACE_LENGTH = ActivityReport._meta.get_field("place").max_length
CAPTION_LENGTH = ReportPhoto._meta.get_field("caption").max_length


@dataclass
class CleanReport:
    """What ``report_save`` writes once every check has passed."""

    event: Event | None
    fields: dict
    # Members and their hours, for a free-standing report.
    hours_by_user: dict = field(default_factory=dict)
    # (image bytes, caption) of the new photos, already cleaned.
    photos: list = field(default_factory=list)


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
    elif name not in DECIMAL_FIGURES and value != value.to_integral_value():
        errors[name] = _("Enter a whole number.")
    return value


def _figures_clean(data: dict, participants: int, errors: dict) -> dict:
    figures = {}
    people = max(participants, 1)
    for name in REPORT_FIGURES:
        value = _figure(name, data.get(name), errors)
        if name not in errors and value > PER_PERSON_LIMITS[name] * people:
            errors[name] = ngettext(
                "That is more than %(limit)s per person who took part (%(people)d person). "
                "Check the figure and the number of people.",
                "That is more than %(limit)s per person who took part (%(people)d people). "
                "Check the figure and the number of people.",
                people,
            ) % {"limit": PER_PERSON_LIMITS[name], "people": people}
        figures[name] = value if name in DECIMAL_FIGURES else int(value)
    return figures


def _event_check(team, event: Event | None, report: ActivityReport | None, errors: dict) -> None:
    if event is None:
        return
    if event.team_id != team.pk:
        errors["event"] = _("Choose one of your team's events.")
    elif event.is_cancelled:
        errors["event"] = _("This event was cancelled.")
    elif event.starts_at > timezone.now():
        errors["event"] = _("You can report on an event once it has started.")
    elif (
        ActivityReport.objects.filter(event=event).exclude(pk=getattr(report, "pk", None)).exists()
    ):
        errors["event"] = _("This event has a report already; edit that one.")


def _date_clean(date, errors: dict):
    if not isinstance(date, datetime.date):
        errors["date"] = _("Enter the date of the activity.")
        return None
    if date > timezone.localdate():
        errors["date"] = _("The activity cannot be in the future.")
    elif date < EARLIEST_DATE:
        errors["date"] = _("Enter a date after 2000.")
    return date


def _when_and_where(event: Event | None, data: dict, errors: dict) -> dict:
    """The day and place: the event's, or those typed for a free-standing report."""
    if event is not None and "event" not in errors:
        return {
            "date": timezone.localdate(event.starts_at),
            "township": event.township,
            "lat": event.lat,
            "lon": event.lon,
        }
    township, lat, lon = data.get("township"), data.get("lat"), data.get("lon")
    date = _date_clean(data.get("date"), errors)
    if not isinstance(township, Township):
        errors["township"] = _("Choose the township where the activity took place.")
    if (lat is None) != (lon is None):
        errors["lat"] = _("Give both latitude and longitude, or neither.")
    elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errors["lat"] = _("Latitude is between -90 and 90, longitude between -180 and 180.")
    return {"date": date, "township": township, "lat": lat, "lon": lon}


def _text(data: dict, name: str, max_length: int, required_message: str, errors: dict) -> str:
    try:
        return text_clean(
            data.get(name), field=name, max_length=max_length, required_message=required_message
        )
    except ServiceError as error:
        errors[name] = error.messages[0]
        return ""


def _people_clean(raw, errors: dict) -> int:
    try:
        people = int(raw or 0)
    except (TypeError, ValueError):
        people = 0
    if people < 1:
        errors["participants_count"] = _("Enter how many people took part (at least one).")
    elif people > MAX_PARTICIPANTS:
        errors["participants_count"] = _("Enter at most %(n)d people.") % {"n": MAX_PARTICIPANTS}
    return people


def _campaign_check(campaign, date, errors: dict) -> None:
    if campaign is None:
        return
    if not campaign.live:
        errors["campaign"] = _("Choose a published campaign.")
    elif date and (date < campaign.start_date or (campaign.end_date and date > campaign.end_date)):
        errors["campaign"] = _("The activity's date is outside the campaign's period.")


def _member_hours(user, hours, date, report) -> Decimal:
    """One member's hours, within a day across their records, or a ServiceError."""
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
    return value


def _participant_hours(team, participants: dict, date, report, errors: dict) -> dict:
    """Members and their hours for a free-standing report, checked."""
    if not participants:
        return {}
    active = Q(team=team, status=MembershipStatus.ACTIVE, user_id__in=list(participants))
    members = {
        m.user_id: m.user
        for m in Membership.objects.filter(active).select_related("user__volunteer")
    }
    cleaned = {}
    for user_id, hours in participants.items():
        user = members.get(user_id)
        if user is None:
            errors["participants"] = _("Only active members of the team can be given hours.")
            continue
        try:
            value = _member_hours(user, hours, date, report)
        except ServiceError as error:
            errors["participants"] = error.messages[0]
            continue
        if value > 0:
            cleaned[user] = value
    return cleaned


def _photos_clean(report, new_photos: list, remove_photo_ids, errors: dict) -> list:
    kept = 0
    if report is not None:
        kept = report.photos.exclude(pk__in=list(remove_photo_ids)).count()
    if kept + len(new_photos) > MAX_PHOTOS:
        errors["photos"] = _("A report has at most %(n)d photos; remove some first.") % {
            "n": MAX_PHOTOS
        }
        return []
    cleaned = []
    for upload in new_photos:
        try:
            cleaned.append((photo_clean(upload)[0], getattr(upload, "caption", "")))
        except ServiceError as error:
            errors["photos"] = error.messages[0]
            break
    return cleaned


def report_clean(
    *,
    team,
    data: dict,
    report: ActivityReport | None,
    participants: dict,
    new_photos: list,
    remove_photo_ids,
) -> CleanReport:
    """Check everything ``report_save`` is given; refuse with every problem at once."""
    errors: dict = {}
    event = data.get("event")
    if event is not None:
        # Two leaders reporting the same event at once: the second waits, then is told.
        event = Event.objects.select_for_update().select_related("township").get(pk=event.pk)
    _event_check(team, event, report, errors)
    where = _when_and_where(event, data, errors)
    title = _text(data, "title", TITLE_LENGTH, _("Give the report a title."), errors)
    summary = _text(data, "summary", SUMMARY_LENGTH, _("Say what the team did."), errors)
    kind = data.get("kind") or (event.kind if event else "")
    if kind not in EventKind.values:
        errors["kind"] = _("Choose the type of activity.")
    people = _people_clean(data.get("participants"), errors)
    figures = _figures_clean(data, people, errors)
    _campaign_check(data.get("campaign"), where["date"], errors)
    hours_by_user = {}
    if event is None:
        hours_by_user = _participant_hours(team, participants, where["date"], report, errors)
        if len(hours_by_user) > people and "participants_count" not in errors:
            errors["participants_count"] = _(
                "You gave hours to %(n)d members; at least that many people took part."
            ) % {"n": len(hours_by_user)}
    photos = _photos_clean(report, new_photos, remove_photo_ids, errors)
    if errors:
        raise ServiceError(errors)
    fields = {
        "event": event,
        "campaign": data.get("campaign"),
        "title": title,
        "kind": kind,
        **where,
        "place": (data.get("place") or (event.meeting_point if event else "") or "")[:PLACE_LENGTH],
        "summary": summary,
        "participants": people,
        **figures,
    }
    return CleanReport(event=event, fields=fields, hours_by_user=hours_by_user, photos=photos)
