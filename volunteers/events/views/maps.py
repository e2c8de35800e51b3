"""Map pages: the events map, the townships map and township pages."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from portal.pagecache.views import cached_page
from portal.share_cards import png_response
from volunteers.events import share
from volunteers.events.maps import build_event_map, event_rows
from volunteers.events.models import Event
from volunteers.events.nearby import nearest_first, with_distances
from volunteers.events.permissions import can_see_event, visible_events_filter
from volunteers.events.selectors import (
    events_for_listing,
    public_event_points,
    townships_with_upcoming_events,
)
from volunteers.events.views.events import listing_filters, private_if_near
from volunteers.places.maps import build_circle_map, build_place_map, cached_map
from volunteers.places.models import Township
from volunteers.teams.models import Team

LIST_BESIDE_MAP = 30


@cached_page("events", "teams")
@require_GET
def event_map(request):
    filters, near, context = listing_filters(request)

    def build():
        return build_event_map(event_rows(public_event_points(filters=filters)), near=near)

    # Around someone's position the map is theirs alone: built, never kept.
    if near is None or near.township:
        key = {**filters, "near": near.value if near else ""}
        rendered = cached_map("events", key, build)
    else:
        rendered = build()
    # The text alternative: the same events as a list (the first ones, with a link to all).
    listed = events_for_listing(user=request.user, filters=filters)
    if near:
        listed = nearest_first(listed, near)
    nearest = list(listed[: LIST_BESIDE_MAP + 1])
    if near:
        nearest = with_distances(nearest, near)
    response = render(
        request,
        "volunteers/events/maps/event_map.html",
        {
            **context,
            "map": rendered,
            "listed": nearest[:LIST_BESIDE_MAP],
            "more": len(nearest) > LIST_BESIDE_MAP,
            "list_url": reverse("volunteers:event_list") + _query(request),
        },
    )
    return private_if_near(response, near)


def _query(request) -> str:
    return f"?{request.GET.urlencode()}" if request.GET else ""


@cached_page("event:{pk}")
@require_GET
def event_popup(request, pk: int):
    """What a marker's popup shows; loaded when the popup opens."""
    event = get_object_or_404(Event.objects.select_related("team", "township__county"), pk=pk)
    if not can_see_event(request.user, event):
        raise Http404
    left = event.places_left
    start = timezone.localtime(event.starts_at)
    data = {
        "title": event.title,
        "url": reverse("volunteers:event_detail", args=[event.pk]),
        "kind": event.get_kind_display(),
        "when": f"{date_format(start, 'DATE_FORMAT')} {start:%H:%M}",
        "place": f"{event.township.county.name} {event.township.name}",
        "places": (
            _("Cancelled")
            if event.is_cancelled
            else ngettext("%(n)d place left", "%(n)d places left", left) % {"n": left}
            if left
            else _("Full — waiting list")
        ),
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store" if event.visibility != "public" else "max-age=60"
    return response


@cached_page("events", "teams")
@require_GET
def township_list(request):
    townships = list(townships_with_upcoming_events())
    circles = [
        (
            t.lat,
            t.lon,
            t.upcoming,
            f"{t.name} · "
            + ngettext("%(n)d upcoming event", "%(n)d upcoming events", t.upcoming)
            % {"n": t.upcoming},
            reverse("volunteers:township_detail", args=[t.code]),
        )
        for t in townships
    ]
    rendered = cached_map(
        "townships",
        {},
        lambda: build_circle_map(circles, label=_("Map of townships and their events")),
    )
    reservoir = [t for t in townships if t.in_reservoir_area]
    return render(
        request,
        "volunteers/events/townships/township_list.html",
        {"map": rendered, "townships": townships, "reservoir_count": len(reservoir)},
    )


@cached_page("events", "teams", "figures")
@require_GET
def township_detail(request, code: str):
    township = get_object_or_404(Township.objects.select_related("county"), code=code[:12])
    teams = list(
        Team.objects.approved().filter(township=township).select_related("county").order_by("name")
    )
    events = list(
        Event.objects.upcoming()
        .filter(visible_events_filter(request.user), township=township)
        .select_related("team")
        .order_by("starts_at")[:50]
    )
    rendered = None
    if township.has_point:
        rendered = cached_map(
            "township",
            {"code": township.code},
            lambda: build_place_map(
                lat=township.lat, lon=township.lon, label=township.name, zoom=12
            ),
        )
    return render(
        request,
        "volunteers/events/townships/township_detail.html",
        {
            "township": township,
            "teams": teams,
            "events": events,
            "map": rendered,
            "share": share.township_share(township, **_public_counts(township)),
        },
    )


def _public_counts(township: Township) -> dict:
    """What anyone may see of a township, for its card: the same for every visitor."""
    return {
        "teams": Team.objects.approved().filter(township=township).count(),
        "events": Event.objects.upcoming()
        .filter(visible_events_filter(AnonymousUser()), township=township)
        .count(),
    }


@require_GET
def township_card(request, code: str):
    township = get_object_or_404(Township.objects.select_related("county"), code=code[:12])
    return png_response(request, share.township_card(township, **_public_counts(township)))
