"""Event pages: the public list and detail, sign-up, and the leaders' tools.

Views stay thin: they read through selectors and permissions, change state
only through ``volunteers.services`` and turn a ``ServiceError`` into a message
or a form error. An event a person may not see is a 404, so members-only
events and unapproved teams' events are never revealed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from portal.csv_stream import csv_download
from portal.dates import local_time
from portal.errors import ServiceError
from portal.pagecache.views import cached_page, page_changes_at
from volunteers.campaign_links import campaign_links
from volunteers.choices import EventKind, SignupStatus, Visibility
from volunteers.events.forms import (
    EventCancelForm,
    EventFilterForm,
    EventForm,
    counties_and_townships,
    event_initial,
    townships_by_county,
)
from volunteers.events.maps import event_location_map
from volunteers.events.models import Event, Signup
from volunteers.events.permissions import can_manage_event, can_see_event
from volunteers.events.selectors import events_for_listing, signups_overlapping
from volunteers.events.services import events as event_services
from volunteers.events.services import signups as signup_services
from volunteers.participation.models.checkins import CheckIn
from volunteers.places.maps import picker_config
from volunteers.teams.models import Team
from volunteers.teams.permissions import can_manage_team, is_member

EVENTS_PER_PAGE = 12


def _detail_url(event) -> str:
    return reverse("volunteers:event_detail", args=[event.pk])


def _next_url(request, default: str) -> str:
    """Where to go back to after a button: a ``next`` on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def error_text(error: ServiceError) -> str:
    return " ".join(str(m) for m in error.messages)


def _add_service_errors(form, error: ServiceError) -> None:
    """Put a service's field messages on the form's fields (unknown fields on the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _visible_event(request, pk: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("team", "township__county"), pk=pk)
    if not can_see_event(request.user, event):
        raise Http404
    return event


def managed_event(request, pk: int) -> Event:
    """The event for its team's leaders and staff: 404 if hidden, 403 if only visible."""
    event = _visible_event(request, pk)
    if not can_manage_event(request.user, event):
        raise PermissionDenied
    return event


# --- Public pages -------------------------------------------------------------------


@cached_page("events", "teams")
def event_list(request):
    counties, townships = counties_and_townships()
    form = EventFilterForm(request.GET, counties=counties, townships=townships)
    filters = form.filters()
    events = events_for_listing(user=request.user, filters=filters)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    page_changes_at(request, *(event.ends_at for event in page))  # an event ends: it leaves
    chosen = form.chosen()
    return render(
        request,
        "volunteers/events/event_list.html",
        {
            "events": page,
            "form": form,
            "chosen": chosen,
            "filtering": any(chosen.values()),
            "counties": counties,
            "township_groups": townships_by_county(townships),
            "kinds": EventKind.choices,
            "event_map_url": reverse("volunteers:event_map")
            + (f"?{request.GET.urlencode()}" if request.GET else ""),
        },
    )


def _viewer_state(request, event: Event, now) -> dict:
    """What the sign-up box shows this viewer."""
    user = request.user
    signup = None
    position = None
    if user.is_authenticated:
        signup = (
            Signup.objects.filter(event=event, user=user)
            .exclude(status=SignupStatus.CANCELLED)
            .first()
        )
    if signup is not None and signup.status == SignupStatus.WAITLISTED:
        position = (
            event.signups.filter(status=SignupStatus.WAITLISTED)
            .filter(
                Q(queued_at__lt=signup.queued_at) | Q(queued_at=signup.queued_at, pk__lt=signup.pk)
            )
            .count()
            + 1
        )
    members_only = event.visibility == Visibility.MEMBERS
    may_join = not members_only or (user.is_authenticated and is_member(user, event.team))
    has_place = signup is not None and signup.status == SignupStatus.CONFIRMED
    today = timezone.localdate(now)
    return {
        "my_signup": signup,
        "my_checkin": CheckIn.objects.filter(event=event, volunteer=user).first()
        if has_place
        else None,
        # On the event's day a volunteer with a place is reminded how to check in.
        "checkin_hint": has_place
        and not event.is_cancelled
        and timezone.localdate(event.starts_at) <= today <= timezone.localdate(event.ends_at),
        "waitlist_position": position,
        "can_sign_up": event.signups_open(now) and event.starts_at > now and signup is None,
        "may_join": may_join,
        # Giving a confirmed place back after the deadline goes through the leader.
        "can_cancel_signup": signup is not None
        and not event.is_cancelled
        and event.starts_at > now
        and (signup.status == SignupStatus.WAITLISTED or now <= event.signup_deadline),
    }


@cached_page("event:{pk}", "teams")
def event_detail(request, pk: int):
    event = _visible_event(request, pk)
    now = timezone.now()
    if event.is_cancelled:
        state = "cancelled"
    elif event.ends_at < now:
        state = "finished"
    elif event.starts_at <= now:
        state = "started"
    elif event.signup_deadline < now:
        state = "closed"
    else:
        state = "open"
    can_manage = can_manage_event(request.user, event)
    # Sign-up closes, the event starts and ends: each changes what the page offers.
    page_changes_at(request, event.signup_deadline, event.starts_at, event.ends_at)
    return render(
        request,
        "volunteers/events/event_detail.html",
        {
            "event": event,
            "state": state,
            "taken": event.places_taken,
            "waiting": event.waitlist_length,
            "places_left": event.places_left,
            "can_manage": can_manage,
            "can_change": can_manage and state not in ("cancelled", "finished"),
            "event_map": event_location_map(event),
            "campaign": campaign_links().shown(event.campaign_id),
            **_viewer_state(request, event, now),
        },
    )


# --- Sign-up ---------------------------------------------------------------------------


def _list_separator() -> str:
    return pgettext("list separator", ", ")


@require_POST
def event_signup(request, pk: int):
    event = _visible_event(request, pk)
    back = _next_url(request, _detail_url(event))
    if not request.user.is_authenticated:
        return redirect_to_login(_detail_url(event))
    try:
        signup = signup_services.event_signup(event=event, user=request.user)
    except ServiceError as error:
        messages.error(request, error_text(error))
        return redirect(back)
    if signup.status == SignupStatus.CONFIRMED:
        messages.success(
            request, _("Your place at “%(title)s” is confirmed.") % {"title": event.title}
        )
    else:
        messages.info(
            request,
            _(
                "“%(title)s” is full, so you are on the waiting list. "
                "We will let you know if a place frees up."
            )
            % {"title": event.title},
        )
    overlapping = [s.event.title for s in signups_overlapping(user=request.user, event=event)]
    if overlapping:
        messages.warning(
            request,
            ngettext(
                "It overlaps with another event you signed up for: %(events)s.",
                "It overlaps with other events you signed up for: %(events)s.",
                len(overlapping),
            )
            % {"events": _list_separator().join(f"“{t}”" for t in overlapping)},
        )
    return redirect(back)


@require_POST
def signup_cancel(request, pk: int):
    if not request.user.is_authenticated:
        return redirect_to_login(_next_url(request, reverse("volunteers:event_list")))
    # Someone else's sign-up is simply not found.
    signup = get_object_or_404(Signup.objects.select_related("event"), pk=pk, user=request.user)
    back = _next_url(request, _detail_url(signup.event))
    try:
        signup_services.signup_cancel(signup=signup, user=request.user)
    except ServiceError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("Your sign-up for “%(title)s” is cancelled.") % {"title": signup.event.title},
        )
    return redirect(back)


# --- Leaders' tools -------------------------------------------------------------------


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
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The event is published."))
            return redirect(_detail_url(event))
    return render(
        request,
        "volunteers/events/event_form.html",
        {"form": form, "team": team, "is_new": True, "map_picker": picker_config()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int):
    event = managed_event(request, pk)
    if event.is_cancelled or event.ends_at < timezone.now():
        messages.error(request, _("A cancelled or past event cannot be changed."))
        return redirect(_detail_url(event))
    form = EventForm(request.POST or None, is_new=False, initial=event_initial(event))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        for name in ("starts_at", "ends_at", "signup_deadline"):
            data[name] = _keep_seconds(data[name], getattr(event, name))
        try:
            event_services.event_update(event=event, by=request.user, **data)
        except ServiceError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect(_detail_url(event))
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
    if event.is_cancelled or event.ends_at < timezone.now():
        messages.info(
            request,
            _("This event is already cancelled.")
            if event.is_cancelled
            else _("A past event cannot be cancelled."),
        )
        return redirect(_detail_url(event))
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
        return redirect(_detail_url(event))
    affected = event.signups.exclude(status=SignupStatus.CANCELLED).count()
    return render(
        request,
        "volunteers/events/event_cancel.html",
        {"form": form, "event": event, "affected": affected},
    )


def _roster(event: Event) -> dict:
    signups = list(
        event.signups.filter(status__in=[SignupStatus.CONFIRMED, SignupStatus.WAITLISTED])
        .select_related("user__volunteer")
        .order_by("queued_at", "pk")
    )
    return {
        "confirmed": [s for s in signups if s.status == SignupStatus.CONFIRMED],
        "waitlisted": [s for s in signups if s.status == SignupStatus.WAITLISTED],
    }


@never_cache
@login_required
def event_roster(request, pk: int):
    event = managed_event(request, pk)
    return render(
        request,
        "volunteers/events/event_roster.html",
        {"event": event, **_roster(event)},
    )


@never_cache
@login_required
def event_roster_csv(request, pk: int):
    event = managed_event(request, pk)
    roster = _roster(event)
    header = [
        _("Status"),
        _("Display name"),
        _("Real name"),
        _("Phone"),
        _("Signed up at"),
        _("Queued at"),
    ]
    rows = [header]
    for signup in roster["confirmed"] + roster["waitlisted"]:
        profile = getattr(signup.user, "volunteer", None)
        rows.append(
            [
                signup.get_status_display(),
                profile.display_name if profile else signup.user.get_username(),
                profile.real_name if profile else "",
                profile.phone if profile else "",
                local_time(signup.created_at),
                local_time(signup.queued_at),
            ]
        )
    # One event's list, already read for the page: written whole, not streamed.
    # Leaders read it row by row, so it has no end-of-file line.
    return csv_download(f"event-{event.pk}-signups.csv", rows, end_line=False, stream=False)
