"""Pledge and withdraw: POST-only routes of a campaign page.

Thin: they read the form, call a service and go back to the campaign page
with a message. A form error re-renders the page with the visitor's input;
a visitor over the rate limit gets the page with status 429 and a message.
"""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from campaigns.forms import PledgeForm, honeypot_filled
from campaigns.selectors import SESSION_KEY, session_pledges, viewer_pledge
from campaigns.services import PledgeRateLimited, pledge_make, pledge_withdraw
from portal.errors import ServiceError, error_text

RATE_LIMITED = 429


def _remember(request, page, pledge_id=None) -> None:
    pledges = dict(session_pledges(request))
    key = str(page.translation_key)
    if pledge_id is None:
        pledges.pop(key, None)
    else:
        pledges[key] = pledge_id
    request.session[SESSION_KEY] = pledges


def _thanks(request, page) -> None:
    messages.success(
        request, _("Thank you! Your pledge “%(pledge)s” is counted.") % {"pledge": page.pledge_text}
    )


def pledge(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    back = page.get_url(request)
    user = request.user if request.user.is_authenticated else None
    if user is None:
        if honeypot_filled(request.POST):
            # A bot: look as if it worked, save nothing.
            _thanks(request, page)
            return redirect(back)
        if viewer_pledge(request=request, page=page) is not None:
            messages.info(request, _("You have already made this pledge from this browser."))
            return redirect(back)
        form = PledgeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Please check your name below."))
            return page.render(request, context_overrides={"pledge_form": form})
        name = form.cleaned_data["display_name"]
    else:
        name = ""
    try:
        made = pledge_make(
            campaign=page,
            user=user,
            display_name=name,
            ip_address=request.META.get("REMOTE_ADDR", ""),
        )
    except PledgeRateLimited as error:
        messages.error(request, error_text(error))
        response = page.render(request)
        response.status_code = RATE_LIMITED
        return response
    except ServiceError as error:
        messages.error(request, error_text(error))
        return redirect(back)
    if user is None:
        _remember(request, page, made.pk)
    _thanks(request, page)
    return redirect(back)


def withdraw(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    back = page.get_url(request)
    mine = viewer_pledge(request=request, page=page)
    if mine is None:
        messages.info(request, _("There is no pledge of yours to withdraw here."))
        return redirect(back)
    try:
        pledge_withdraw(pledge=mine, user=request.user if request.user.is_authenticated else None)
    except ServiceError as error:
        messages.error(request, error_text(error))
        return redirect(back)
    if not request.user.is_authenticated:
        _remember(request, page, None)
    messages.success(request, _("Your pledge is withdrawn."))
    return redirect(back)
