"""The event a request may see or manage: 404 when it is hidden, 403 when only visible.

Pages of events and of the packages above (check-in, attendance) look events up here.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from volunteers.events.models import Event
from volunteers.events.permissions import can_manage_event, can_see_event


def visible_event(request, pk: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("team", "township__county"), pk=pk)
    if not can_see_event(request.user, event):
        raise Http404
    return event


def managed_event(request, pk: int) -> Event:
    """The event for its team's leaders and staff: 404 if hidden, 403 if only visible."""
    event = visible_event(request, pk)
    if not can_manage_event(request.user, event):
        raise PermissionDenied
    return event
