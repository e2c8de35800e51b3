"""The leaders' tools for an event: publish it, change it, cancel it.

Whether an event can still be changed or cancelled is the event service's to
say; the pages ask it first so a closed form is never shown.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.errors import ServiceError, error_text, form_add_service_error
from volunteers.choices import EventKind, SignupStatus
from volunteers.events.access import managed_event
from volunteers.events.forms import EventCancelForm, EventForm, event_initial
from volunteers.events.services import events as event_services
from volunteers.events.views.events import event_url
from volunteers.places.maps import picker_config
from volunteers.teams.models import Team
from volunteers.teams.permissions import can_manage_team


def _keep_seconds(value, original):
    """The form edits to the minute; an unchanged minute keeps the stored value."""
    if value is not None and value == original.replace(second=0, microsecond=0):
        return original
    return value


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request, team_pk: int):
    team = get_object_or_404(Team.objects.select_related("county", "township"), pk=team_pk)
    if not can_manage_team(request.user, team):
        raise PermissionDenied
    form = EventForm(
        request.POST or None,
        is_new=True,
        initial={"township": team.township_id, "kind": EventKind.PATROL},
    )
    if team.is_approved and request.method == "POST" and form.is_valid():
        try:
            event = event_services.event_create(by=request.user, team=team, **form.cleaned_data)
        except ServiceError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The event is published."))
            return redirect(event_url(event))
    return render(
        request,
        "volunteers/events/event_form.html",
        {"form": form, "team": team, "is_new": True, "map_picker": picker_config()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int):
    event = managed_event(request, pk)
    if event_services.event_change_refusal(event, now=timezone.now()):
        # One message for both reasons: the leader only needs to know the form is closed.
        messages.error(request, _("A cancelled or past event cannot be changed."))
        return redirect(event_url(event))
    form = EventForm(request.POST or None, is_new=False, initial=event_initial(event))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        for name in ("starts_at", "ends_at", "signup_deadline"):
            data[name] = _keep_seconds(data[name], getattr(event, name))
        try:
            event_services.event_update(event=event, by=request.user, **data)
        except ServiceError as error:
            form_add_service_error(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(event_url(event))
    return render(
        request,
        "volunteers/events/event_form.html",
        {
            "form": form,
            "team": event.team,
            "event": event,
            "is_new": False,
            "map_picker": picker_config(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, pk: int):
    event = managed_event(request, pk)
    refusal = event_services.event_cancel_refusal(event, now=timezone.now())
    if refusal:
        messages.info(request, refusal)
        return redirect(event_url(event))
    form = EventCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event_services.event_cancel(
                event=event, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(
                request, _("The event is cancelled. Everyone signed up is being told.")
            )
        return redirect(event_url(event))
    affected = event.signups.exclude(status=SignupStatus.CANCELLED).count()
    return render(
        request,
        "volunteers/events/event_cancel.html",
        {"form": form, "event": event, "affected": affected},
    )
