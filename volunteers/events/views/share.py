"""An event's share card and poster (volunteers/events/share.py draws them)."""

from django.views.decorators.http import require_GET

from portal.share_cards import png_response
from volunteers.events import share
from volunteers.events.access import visible_event


@require_GET
def event_card(request, pk: int):
    return png_response(request, share.event_card(visible_event(request, pk)))


@require_GET
def event_poster(request, pk: int):
    event = visible_event(request, pk)
    filename = f"qingshui-event-{event.pk}-poster.png" if "download" in request.GET else ""
    return png_response(request, share.event_poster(event), filename=filename)
