from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import ServiceError
from volunteers.campaign_links import campaign_links
from volunteers.choices import EventStatus, SignupStatus
from volunteers.events.models import MAX_CAPACITY, Event
from volunteers.events.permissions import can_manage_event
from volunteers.events.services.signups import waitlist_promote
from volunteers.people.notify import notify
from volunteers.teams.permissions import is_leader, is_staff

# Changes to these fields are worth telling the people signed up.
NOTIFY_FIELDS = ("starts_at", "ends_at", "township", "lat", "lon", "meeting_point", "what_to_bring")
EDITABLE_FIELDS = (
    "title",
    "kind",
    "description",
    "township",
    "lat",
    "lon",
    "meeting_point",
    "what_to_bring",
    "starts_at",
    "ends_at",
    "signup_deadline",
    "capacity",
    "visibility",
    # The campaign (CampaignPage or None) the activity counts towards.
    "campaign",
)
MAX_EVENT_LENGTH = timedelta(days=7)
CANCEL_REASON_LENGTH = Event._meta.get_field("cancel_reason").max_length


def _over(event: Event, now, *, cancelled: str, past: str) -> str | None:
    """``cancelled`` or ``past`` for an event that is over at ``now``; None while it is not."""
    phase = event.phase(now)
    if phase == "cancelled":
        return cancelled
    if phase == "finished":
        return past
    return None


def event_change_refusal(event: Event, *, now) -> str | None:
    """Why ``event`` can no longer be changed at ``now`` (cancelled or over), or None."""
    return _over(
        event,
        now,
        cancelled=_("A cancelled event cannot be changed."),
        past=_("A past event cannot be changed."),
    )


def event_cancel_refusal(event: Event, *, now) -> str | None:
    """Why ``event`` can no longer be cancelled at ``now`` (cancelled or over), or None."""
    return _over(
        event,
        now,
        cancelled=_("This event is already cancelled."),
        past=_("A past event cannot be cancelled."),
    )


def _validate(data: dict, *, now, is_new: bool) -> None:
    starts, ends, deadline = data["starts_at"], data["ends_at"], data["signup_deadline"]
    errors = {}
    if is_new and starts <= now:
        errors["starts_at"] = _("The event must start in the future.")
    if ends <= starts:
        errors["ends_at"] = _("The event must end after it starts.")
    elif ends - starts > MAX_EVENT_LENGTH:
        errors["ends_at"] = _("An event can last at most seven days.")
    if deadline > starts:
        errors["signup_deadline"] = _("The sign-up deadline must be before the event starts.")
    if data["capacity"] is None or data["capacity"] < 1:
        errors["capacity"] = _("An event needs at least one place.")
    elif data["capacity"] > MAX_CAPACITY:
        errors["capacity"] = _("An event can have at most 10,000 places.")
    lat, lon = data.get("lat"), data.get("lon")
    if (lat is None) != (lon is None):
        errors["lat"] = _("Give both latitude and longitude, or neither.")
    elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errors["lat"] = _("Latitude is between -90 and 90, longitude between -180 and 180.")
    if errors:
        raise ServiceError(errors)


def _validate_campaign(campaign) -> None:
    """A new link must go to a published campaign that has not finished."""
    if campaign is None:
        return
    refusal = campaign_links().link_refusal(campaign)
    if refusal:
        raise ServiceError({"campaign": refusal})


@transaction.atomic
def event_create(*, by, team=None, **data) -> Event:
    """A team's leaders (or staff, with or without a team) create an event."""
    if team is None and not is_staff(by):
        raise PermissionDenied
    if team is not None and not (is_staff(by) or is_leader(by, team)):
        raise PermissionDenied
    if team is not None and not team.is_approved:
        raise ServiceError(_("The team must be approved before it can create events."))
    _validate(data, now=timezone.now(), is_new=True)
    _validate_campaign(data.get("campaign"))
    fields = {k: v for k, v in data.items() if k in EDITABLE_FIELDS}
    return Event.objects.create(team=team, created_by=by, **fields)


@transaction.atomic
def event_update(*, event: Event, by, **data) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not can_manage_event(by, event):
        raise PermissionDenied
    refusal = event_change_refusal(event, now=timezone.now())
    if refusal:
        raise ServiceError(refusal)
    merged = {f: data.get(f, getattr(event, f)) for f in EDITABLE_FIELDS if hasattr(event, f)}
    _validate(
        merged, now=timezone.now(), is_new=data.get("starts_at", event.starts_at) != event.starts_at
    )
    if merged.get("campaign") is not None and merged["campaign"].pk != event.campaign_id:
        _validate_campaign(merged["campaign"])
    confirmed = event.signups.filter(status=SignupStatus.CONFIRMED).count()
    if merged["capacity"] < confirmed:
        raise ServiceError(
            {
                "capacity": _(
                    "%(n)d people already have a place; the event needs at least that many."
                )
                % {"n": confirmed}
            }
        )
    changed = [f for f in NOTIFY_FIELDS if merged.get(f) != getattr(event, f)]
    for field, value in merged.items():
        setattr(event, field, value)
    event.save()
    waitlist_promote(event=event)
    if changed:
        for signup in event.signups.exclude(status=SignupStatus.CANCELLED).select_related(
            "user__volunteer"
        ):
            notify(user=signup.user, kind="event_changed", event=event, signup=signup)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by, reason: str = "") -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not can_manage_event(by, event):
        raise PermissionDenied
    refusal = event_cancel_refusal(event, now=timezone.now())
    if refusal:
        raise ServiceError(refusal)
    event.status = EventStatus.CANCELLED
    event.cancel_reason = reason.strip()[:CANCEL_REASON_LENGTH]
    event.save(update_fields=["status", "cancel_reason", "updated_at"])
    for signup in event.signups.exclude(status=SignupStatus.CANCELLED).select_related(
        "user__volunteer"
    ):
        notify(user=signup.user, kind="event_cancelled", event=event, signup=signup)
    return event
