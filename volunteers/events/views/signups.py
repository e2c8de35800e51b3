"""Taking a place at an event and giving it back.

The rules (who may sign up, until when, what happens when the event is full)
are ``volunteers.events.services.signups``'s; these views say what happened.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.errors import ServiceError, error_text
from portal.next_url import next_url
from volunteers.choices import SignupStatus
from volunteers.events.access import visible_event
from volunteers.events.models import Signup
from volunteers.events.queue import waitlist_position, waitlist_text
from volunteers.events.selectors import signups_overlapping
from volunteers.events.services import signups as signup_services
from volunteers.events.views.events import event_url


def _list_separator() -> str:
    return pgettext("list separator", ", ")


@require_POST
def event_signup(request, pk: int):
    event = visible_event(request, pk)
    back = next_url(request, event_url(event))
    if not request.user.is_authenticated:
        return redirect_to_login(event_url(event))
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


@never_cache
@require_http_methods(["GET", "POST"])
def signup_cancel(request, pk: int):
    """GET asks "are you sure?" (what happens to the place, the way back); POST cancels."""
    if not request.user.is_authenticated:
        return redirect_to_login(next_url(request, reverse("volunteers:event_list")))
    # Someone else's sign-up is simply not found.
    signup = get_object_or_404(
        Signup.objects.select_related("event__township"), pk=pk, user=request.user
    )
    back = next_url(request, event_url(signup.event))
    if request.method == "GET":
        refusal = signup_services.signup_cancel_refusal(signup, now=timezone.now())
        if refusal:
            messages.info(request, refusal)
            return redirect(back)
        return render(
            request,
            "volunteers/events/signup_cancel.html",
            {"signup": signup, "event": signup.event, "back": back},
        )
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


@never_cache
@require_GET
def signup_status(request, pk: int):
    """The volunteer's own sign-up as it is now, for pages that keep a waiting place live."""
    if not request.user.is_authenticated:
        raise Http404
    signup = get_object_or_404(Signup, pk=pk, user=request.user)
    position = waitlist_position(signup)
    return JsonResponse(
        {
            "status": signup.status,
            "position": position,
            "text": waitlist_text(position) if position else "",
        }
    )
