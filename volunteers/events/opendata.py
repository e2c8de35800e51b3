"""Open data: public events and teams as GeoJSON (RFC 7946) and iCalendar (RFC 5545).

These feeds are for anyone and are never personalised: the querysets below see
the site as an anonymous visitor does, and the builders read only event, team
and place fields. No person's name, phone or e-mail and no team's members-only
``contact`` can reach the output, because nothing here follows a relation to a
user, a membership or a sign-up except to count them.

The builders are plain functions from (annotated) querysets to dicts or bytes;
the views only pick the queryset and wrap the result in a response.
"""

import datetime
import json
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone, vDuration
from icalendar import Event as CalendarEvent

from volunteers.choices import EventStatus
from volunteers.events.models import Event
from volunteers.events.selectors import events_for_listing
from volunteers.teams.models import Team
from volunteers.teams.selectors import teams_for_directory

# Events happen in Shiyan: their local time is Shanghai time, whatever the
# server's zone, and that is the zone calendar apps are told about.
EVENT_TZ_NAME = "Asia/Shanghai"
EVENT_TZ = ZoneInfo(EVENT_TZ_NAME)
# China has kept +08:00 all year since 1991, so from 1992 on the VTIMEZONE is a
# single STANDARD block; a fixed range keeps the feed's bytes stable.
TZ_FIRST_DATE = datetime.date(1992, 1, 1)
UID_DOMAIN = "qingshui"
PRODID = "-//Qingshui//Volunteer events//ZH"
# How often subscribed calendar apps should fetch the feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=1)
# SEQUENCE must grow whenever an event changes (so an app that imported it
# replaces its copy, e.g. when it is cancelled) and fit a 32-bit integer:
# seconds since this date do both until the 2090s.
SEQUENCE_EPOCH = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
# RFC 7946 and RFC 5545 (GEO) both suggest six decimals (about 10 cm); more
# only suggests false precision.
COORDINATE_DECIMALS = 6

AbsoluteUrl = Callable[[str], str]


# --- Querysets ----------------------------------------------------------------------


def public_events(filters: dict | None = None, *, with_cancelled: bool = False):
    """Upcoming, scheduled, public events of approved teams (or staff), as anyone sees them;
    with those cancelled before they ended if ``with_cancelled`` (the calendar feeds).

    ``filters`` are those of the event list (``EventFilterForm.filters()``); each
    event carries ``taken``, the confirmed places.
    """
    return events_for_listing(
        user=AnonymousUser(), filters=filters or {}, with_cancelled=with_cancelled
    )


def team_public_events(team: Team):
    """A team's public events yet to end, cancelled ones too (for its calendar feed);
    empty unless the team is approved."""
    return (
        Event.objects.not_over()
        .public()
        .filter(team=team)
        .select_related("team", "township__county")
        .order_by("starts_at", "pk")
    )


def public_teams():
    """Approved teams with their number of active members (``member_count``)."""
    return teams_for_directory(filters={})


# --- GeoJSON ------------------------------------------------------------------------


def _local_iso(value: datetime.datetime) -> str:
    return value.astimezone(EVENT_TZ).isoformat()


def _point(lat: float, lon: float) -> dict:
    # GeoJSON is [longitude, latitude], WGS-84, as stored: never shifted to GCJ-02.
    return {
        "type": "Point",
        "coordinates": [round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS)],
    }


def _feature(pk: int, point: tuple[float, float], properties: dict) -> dict:
    return {"type": "Feature", "id": pk, "geometry": _point(*point), "properties": properties}


def events_feature_collection(events: Iterable[Event], *, absolute_url: AbsoluteUrl) -> dict:
    """A FeatureCollection of ``events``; those with no point at all are left out.

    ``events`` must carry ``taken`` (as ``public_events`` does) and have their
    team and township's county selected, or this runs queries per event.
    """
    features = []
    for event in events:
        point = event.point
        if point is None:
            continue
        township = event.township
        features.append(
            _feature(
                event.pk,
                point,
                {
                    "id": event.pk,
                    "title": event.title,
                    "kind": event.kind,
                    "kind_label": str(event.get_kind_display()),
                    "starts_at": _local_iso(event.starts_at),
                    "ends_at": _local_iso(event.ends_at),
                    "county": township.county.name,
                    "township": township.name,
                    "places_total": event.capacity,
                    "places_left": event.places_left,
                    "team": event.team.name if event.team_id else None,
                    "url": absolute_url(reverse("volunteers:event_detail", args=[event.pk])),
                    # Without its own point the event is drawn at its township's.
                    "point_is_approximate": event.lat is None or event.lon is None,
                },
            )
        )
    return {"type": "FeatureCollection", "features": features}


def teams_feature_collection(teams: Iterable[Team], *, absolute_url: AbsoluteUrl) -> dict:
    """A FeatureCollection of ``teams`` (annotated with ``member_count``), at their township
    or, without one, their county; teams with no point at all are left out."""
    features = []
    for team in teams:
        point = team.point
        if point is None:
            continue
        features.append(
            _feature(
                team.pk,
                point,
                {
                    "id": team.pk,
                    "name": team.name,
                    "county": team.county.name,
                    "township": team.township.name if team.township_id else None,
                    "member_count": team.member_count,
                    "url": absolute_url(reverse("volunteers:team_detail", args=[team.pk])),
                },
            )
        )
    return {"type": "FeatureCollection", "features": features}


def geojson_bytes(collection: dict) -> bytes:
    # JSON is UTF-8 by definition; keeping Chinese as characters halves the size.
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()


# --- iCalendar ----------------------------------------------------------------------


def event_uid(event: Event) -> str:
    """The same UID on every download and feed, so calendar apps update rather than duplicate.

    It must not depend on the host the request came in on (one event, many hostnames).
    """
    return f"event-{event.pk}@{UID_DOMAIN}"


def _sequence(event: Event) -> int:
    return max(int((event.updated_at - SEQUENCE_EPOCH).total_seconds()), 0)


def _location(event: Event) -> str:
    township = event.township
    parts = [event.meeting_point, township.name, township.county.name]
    return ", ".join(p for p in parts if p)


def _description(event: Event, url: str) -> str:
    parts = []
    if event.is_cancelled:
        cancelled = _("This event has been cancelled.")
        if event.cancel_reason:
            cancelled = f"{cancelled} {_('Reason')}: {event.cancel_reason}"
        parts.append(cancelled)
    if event.description:
        parts.append(event.description)
    if event.team_id:
        parts.append(f"{_('Organised by')} {event.team.name}")
    if event.what_to_bring:
        parts.append(f"{_('What to bring')}: {event.what_to_bring}")
    if event.meeting_point:
        parts.append(f"{_('Meeting point')}: {event.meeting_point}")
    parts.append(url)
    return "\n\n".join(parts)


def calendar_event(event: Event, *, absolute_url: AbsoluteUrl) -> CalendarEvent:
    """One VEVENT. ``event`` needs its team and township's county selected."""
    url = absolute_url(reverse("volunteers:event_detail", args=[event.pk]))
    kind_label = str(event.get_kind_display())
    summary = event.title
    if event.is_cancelled:
        summary = f"[{EventStatus.CANCELLED.label}] {summary}"
    vevent = CalendarEvent()
    vevent.add("uid", event_uid(event))
    # Without a METHOD, DTSTAMP is when the event last changed (RFC 5545 3.8.7.2),
    # which keeps a feed's bytes the same until something in it changes.
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("created", event.created_at)
    vevent.add("sequence", _sequence(event))
    vevent.add("dtstart", event.starts_at.astimezone(EVENT_TZ))
    vevent.add("dtend", event.ends_at.astimezone(EVENT_TZ))
    vevent.add("summary", summary)
    vevent.add("location", _location(event))
    point = event.point
    if point is not None:
        vevent.add("geo", tuple(round(c, COORDINATE_DECIMALS) for c in point))
    vevent.add("description", _description(event, url))
    vevent.add("url", url)
    vevent.add("categories", [kind_label])
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return vevent


def _vtimezone() -> Timezone:
    vtimezone = Timezone.from_tzid(EVENT_TZ_NAME, first_date=TZ_FIRST_DATE)
    # icalendar notes the range it computed ("only works until 2038"); with no
    # transitions since 1991 the block holds for good, so the note would mislead.
    vtimezone.pop("COMMENT", None)
    return vtimezone


def calendar_bytes(
    events: Iterable[Event], *, name: str, absolute_url: AbsoluteUrl, feed: bool = True
) -> bytes:
    """A VCALENDAR of ``events`` (team and township's county selected).

    ``feed`` marks a calendar to subscribe to: it tells apps how often to refresh.
    The Shanghai VTIMEZONE is always there, so even an empty feed is a valid
    calendar (RFC 5545 wants at least one component).
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", EVENT_TZ_NAME)
    if feed:
        cal.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    cal.add_component(_vtimezone())
    for event in events:
        cal.add_component(calendar_event(event, absolute_url=absolute_url))
    return cal.to_ical()


def all_events_calendar_name() -> str:
    return f"{_('Qingshui')} · {_('Events')}"


def team_calendar_name(team: Team) -> str:
    return f"{team.name} · {_('Qingshui')}"
