"""Event pages: the public list and detail, and the roster the leaders read.

Views stay thin: they read through selectors and permissions, change state
only through ``volunteers.services`` and turn a ``ServiceError`` into a message
or a form error. An event a person may not see is a 404, so members-only
events and unapproved teams' events are never revealed. Signing up is in
``signups``, the leaders' event form and cancelling in ``manage``.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.csv_stream import csv_download
from portal.dates import local_time
from portal.filter_chips import filter_chips
from portal.pagecache.views import cached_page, page_changes_at
from volunteers.campaign_links import campaign_links
from volunteers.choices import EventKind, SignupStatus
from volunteers.events.access import managed_event, visible_event
from volunteers.events.forms import EventFilterForm, counties_and_townships, townships_by_county
from volunteers.events.maps import event_location_map
from volunteers.events.models import Event, Signup
from volunteers.events.nearby import Near, near_from, nearest_first, with_distances
from volunteers.events.permissions import can_manage_event
from volunteers.events.queue import waitlist_position, waitlist_text
from volunteers.events.selectors import events_for_listing
from volunteers.events.services.events import event_change_refusal
from volunteers.events.services.signups import (
    QUEUE_ORDER,
    event_open_to,
    signup_cancel_refusal,
    signup_refusal,
)
from volunteers.events.share import event_share
from volunteers.events.structured_data import event_json_ld
from volunteers.participation.selectors import event_report, my_checkin

EVENTS_PER_PAGE = 12


def event_url(event) -> str:
    return reverse("volunteers:event_detail", args=[event.pk])


# --- Public pages -------------------------------------------------------------------


def listing_filters(request) -> tuple[dict, Near | None, dict]:
    """The events list's and map's filters, where "near" is, and what their templates
    need for the filter panel, its chips and the "near me" button."""
    counties, townships = counties_and_townships()
    form = EventFilterForm(request.GET, counties=counties, townships=townships)
    filters, chosen = form.filters(), form.chosen()
    near = near_from(request.GET.get("near", ""), townships)
    names = {c.code: c.name for c in counties} | {t.code: t.name for t in townships}
    if near is None:
        near_label = ""
    elif near.township:
        near_label = _("Nearest %(township)s") % {"township": near.township.name}
    else:
        near_label = _("Nearest to me")
    chips = filter_chips(
        request,
        [
            ("near", near_label),
            ("county", names.get(chosen["county"], "")),
            ("township", names.get(chosen["township"], "")),
            ("type", EventKind(chosen["type"]).label if chosen["type"] else ""),
            ("from", _("From %(date)s") % {"date": chosen["from"]} if chosen["from"] else ""),
            ("to", _("Until %(date)s") % {"date": chosen["to"]} if chosen["to"] else ""),
            ("free", _("With free places") if chosen["free"] else ""),
        ],
    )
    context = {
        "form": form,
        "chosen": chosen,
        "filtering": any(chosen.values()),
        "chips": chips,
        "near": near,
        "counties": counties,
        "township_groups": townships_by_county(townships),
        "kinds": EventKind.choices,
    }
    return filters, near, context


def private_if_near(response, near):
    """A page built around someone's position is for them alone: never stored."""
    if near is not None and not near.township:
        patch_cache_control(response, private=True, no_store=True)
    return response


@cached_page("events", "teams")
def event_list(request):
    filters, near, context = listing_filters(request)
    events = events_for_listing(user=request.user, filters=filters)
    if near:
        events = nearest_first(events, near)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    page_changes_at(request, *(event.ends_at for event in page))  # an event ends: it leaves
    if near:
        page.object_list = with_distances(page.object_list, near)
    response = render(
        request,
        "volunteers/events/event_list.html",
        {
            **context,
            "events": page,
            "event_map_url": reverse("volunteers:event_map")
            + (f"?{request.GET.urlencode()}" if request.GET else ""),
        },
    )
    return private_if_near(response, near)


def _viewer_state(request, event: Event, now) -> dict:
    """What the sign-up box shows this viewer; the rules are the sign-up service's."""
    user = request.user
    signup = None
    if user.is_authenticated:
        signup = (
            Signup.objects.filter(event=event, user=user)
            .exclude(status=SignupStatus.CANCELLED)
            .first()
        )
    if signup is not None:
        signup.event = event
    has_place = signup is not None and signup.status == SignupStatus.CONFIRMED
    position = waitlist_position(signup) if signup is not None else None
    today = timezone.localdate(now)
    return {
        "my_signup": signup,
        "my_checkin": my_checkin(event=event, user=user) if has_place else None,
        # On the event's day a volunteer with a place is reminded how to check in.
        "checkin_hint": has_place
        and not event.is_cancelled
        and timezone.localdate(event.starts_at) <= today <= timezone.localdate(event.ends_at),
        "waitlist_position": position,
        "waitlist_label": waitlist_text(position) if position else "",
        "can_sign_up": signup is None and signup_refusal(event, now=now) is None,
        "may_join": event_open_to(user, event),
        "can_cancel_signup": signup is not None and signup_cancel_refusal(signup, now=now) is None,
    }


@cached_page("event:{pk}", "teams")
def event_detail(request, pk: int):
    event = visible_event(request, pk)
    now = timezone.now()
    can_manage = can_manage_event(request.user, event)
    # Sign-up closes, the event starts and ends: each changes what the page offers.
    page_changes_at(request, event.signup_deadline, event.starts_at, event.ends_at)
    return render(
        request,
        "volunteers/events/event_detail.html",
        {
            "event": event,
            "state": event.phase(now),
            "taken": event.places_taken,
            "waiting": event.waitlist_length,
            "places_left": event.places_left,
            "can_manage": can_manage,
            "can_change": can_manage and event_change_refusal(event, now=now) is None,
            "event_report": event_report(event) if can_manage else None,
            "event_map": event_location_map(event),
            "campaign": campaign_links().shown(event.campaign_id),
            "share": event_share(event),
            "structured_data": event_json_ld(event, places_left=event.places_left),
            **_viewer_state(request, event, now),
        },
    )


# --- The roster ------------------------------------------------------------------------


def _roster(event: Event) -> dict:
    signups = list(
        event.signups.filter(status__in=[SignupStatus.CONFIRMED, SignupStatus.WAITLISTED])
        .select_related("user__volunteer")
        .order_by(*QUEUE_ORDER)
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
                profile.phone_display if profile else "",
                local_time(signup.created_at),
                local_time(signup.queued_at),
            ]
        )
    # One event's list, already read for the page: written whole, not streamed.
    # Leaders read it row by row, so it has no end-of-file line.
    return csv_download(f"event-{event.pk}-signups.csv", rows, end_line=False, stream=False)
