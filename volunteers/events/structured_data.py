"""An event as schema.org describes one (https://schema.org/Event): what search engines
show as an event result. Only what the public event page shows goes in."""

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from portal.base_url import absolute_url
from portal.dates import local_iso
from portal.structured_data import SCHEMA, json_ld
from volunteers.events.models import Event
from volunteers.events.share import event_card_url


def _place(event: Event) -> dict:
    township = event.township
    place = {
        "@type": "Place",
        "name": event.meeting_point or township.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": event.meeting_point,
            "addressLocality": f"{township.county.name}{township.name}",
            "addressRegion": "湖北省十堰市",
            "addressCountry": "CN",
        },
    }
    point = event.point
    if point:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": point[0], "longitude": point[1]}
    return place


def event_json_ld(event: Event, *, places_left: int) -> SafeString:
    url = absolute_url(reverse("volunteers:event_detail", args=[event.pk]))
    cancelled = event.is_cancelled
    data = {
        "@type": "Event",
        "name": event.title,
        "description": event.description[:500],
        "url": url,
        "image": absolute_url(event_card_url(event)),
        "startDate": local_iso(event.starts_at),
        "endDate": local_iso(event.ends_at),
        "eventStatus": f"{SCHEMA}/{'EventCancelled' if cancelled else 'EventScheduled'}",
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "location": _place(event),
        "maximumAttendeeCapacity": event.capacity,
        "remainingAttendeeCapacity": places_left,
        # Volunteering is free; the offer is a place, open until sign-up closes.
        "offers": {
            "@type": "Offer",
            "price": 0,
            "priceCurrency": "CNY",
            "url": url,
            "availability": f"{SCHEMA}/{'InStock' if places_left and not cancelled else 'SoldOut'}",
            "validThrough": local_iso(event.signup_deadline),
        },
    }
    data["organizer"] = {
        "@type": "Organization",
        "name": gettext("Qingshui"),
        "url": absolute_url("/"),
    }
    if event.team_id:  # staff's own events are organised by the portal's centre
        data["organizer"] = {
            "@type": "Organization",
            "name": event.team.name,
            "url": absolute_url(reverse("volunteers:team_detail", args=[event.team_id])),
        }
    return json_ld(data)
