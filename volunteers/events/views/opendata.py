"""Open-data feeds: events and teams as GeoJSON, events as iCalendar.

The public feeds are the same for everyone (they never look at who asks), so
they may be cached by anyone and read from any origin. Only the single-event
download looks at the user, because a members-only event may be downloaded by
those who may see it.
"""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from portal.base_url import absolute_url
from portal.pagecache.views import cached_page
from volunteers.events import opendata, paging
from volunteers.events.forms import EventFilterForm, counties_and_townships
from volunteers.events.models import Event
from volunteers.events.permissions import can_see_event
from volunteers.teams.models import Team

# Long enough to spare the database when a map or calendar app polls, short
# enough that a cancelled event leaves the feeds soon.
FEED_MAX_AGE = 15 * 60
GEOJSON_CONTENT_TYPE = "application/geo+json"
ICAL_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _filters(request) -> dict:
    """The event list's filters; unusable values are dropped, as on the list."""
    data = request.GET.copy()
    # The feed's property is called "kind"; the list's parameter is "type". Accept both.
    if "type" not in data and "kind" in data:
        data["type"] = data["kind"]
    counties, townships = counties_and_townships()
    return EventFilterForm(data, counties=counties, townships=townships).filters()


def _open(response: HttpResponse) -> HttpResponse:
    # Open data: any web page may load it (no cookies are sent with a wildcard origin).
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _geojson(collection: dict) -> HttpResponse:
    return _open(
        HttpResponse(opendata.geojson_bytes(collection), content_type=GEOJSON_CONTENT_TYPE)
    )


def _ical(body: bytes, *, filename: str, attachment: bool = False) -> HttpResponse:
    response = HttpResponse(body, content_type=ICAL_CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@cached_page("events", "teams", shared=True)
@require_safe
@cache_control(public=True, max_age=FEED_MAX_AGE)
def events_geojson(request):
    """Upcoming public events, a page at a time (``limit``, ``cursor``), optionally only
    those in a ``bbox``; a "next" link leads on while there are more."""
    events = opendata.public_events(_filters(request))
    bbox = paging.parse_bbox(request.GET.get("bbox", ""))
    if bbox is not None:
        events = events.filter(paging.in_bbox(bbox))
    after = paging.cursor_after(request.GET.get("cursor", ""))
    if after is not None:
        events = events.filter(after)
    limit = paging.parse_limit(request.GET.get("limit"))
    page = list(events[: limit + 1])
    more, page = len(page) > limit, page[:limit]
    collection = opendata.events_feature_collection(page, absolute_url=absolute_url)
    if more:
        query = request.GET.copy()
        query["cursor"] = paging.cursor_make(page[-1])
        collection["links"] = [
            {
                "rel": "next",
                "type": GEOJSON_CONTENT_TYPE,
                "href": absolute_url(f"{request.path}?{query.urlencode()}"),
            }
        ]
    return _geojson(collection)


@cached_page("teams", shared=True)
@require_safe
@cache_control(public=True, max_age=FEED_MAX_AGE)
def teams_geojson(request):
    return _geojson(
        opendata.teams_feature_collection(opendata.public_teams(), absolute_url=absolute_url)
    )


@cached_page("events", "teams", shared=True)
@require_safe
@cache_control(public=True, max_age=FEED_MAX_AGE)
def events_ics(request):
    body = opendata.calendar_bytes(
        opendata.public_events(_filters(request), with_cancelled=True),
        name=opendata.all_events_calendar_name(),
        absolute_url=absolute_url,
    )
    return _open(_ical(body, filename="qingshui-events.ics"))


@cached_page("events", "teams", shared=True)
@require_safe
@cache_control(public=True, max_age=FEED_MAX_AGE)
def team_ics(request, pk: int):
    team = get_object_or_404(Team.objects.approved(), pk=pk)
    body = opendata.calendar_bytes(
        opendata.team_public_events(team),
        name=opendata.team_calendar_name(team),
        absolute_url=absolute_url,
    )
    return _open(_ical(body, filename=f"team-{team.pk}.ics"))


@require_safe
@cache_control(private=True, max_age=0, must_revalidate=True)
def event_ics(request, pk: int):
    """One event to add to a calendar; a cancelled or past one still downloads, so an
    app that has it can update it. Hidden events are a 404, as on the event page."""
    event = get_object_or_404(Event.objects.select_related("team", "township__county"), pk=pk)
    if not can_see_event(request.user, event):
        raise Http404
    body = opendata.calendar_bytes([event], name=event.title, absolute_url=absolute_url, feed=False)
    return _ical(body, filename=f"event-{event.pk}.ics", attachment=True)
