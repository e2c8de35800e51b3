"""The volunteer's own pages: their events and teams (/me/), their profile, and
the privacy notice they accept at sign-up."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from ..choices import MembershipStatus, SignupStatus
from ..forms.profile import AccountDeleteForm, ProfileForm
from ..models import PRIVACY_NOTICE_VERSION, Membership
from ..selectors import my_memberships, my_signups
from ..services.accounts import account_delete, account_export
from ..services.errors import ServiceError
from ..services.profiles import profile_create, profile_update

PAST_PER_PAGE = 20


@login_required
def my_events(request):
    upcoming, past = my_signups(user=request.user)
    memberships = list(my_memberships(user=request.user))
    led = [m.team_id for m in memberships if m.is_leader]
    waiting = dict(
        Membership.objects.filter(team_id__in=led, status=MembershipStatus.PENDING)
        .values_list("team_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for membership in memberships:
        membership.waiting = waiting.get(membership.team_id, 0)
    return render(
        request,
        "volunteers/me/my_events.html",
        {
            "upcoming": list(upcoming),
            "past": Paginator(past, PAST_PER_PAGE).get_page(request.GET.get("page")),
            "memberships": memberships,
            "led_with_requests": [m for m in memberships if m.waiting],
            "active_statuses": (SignupStatus.CONFIRMED, SignupStatus.WAITLISTED),
            "now": timezone.now(),
        },
    )


def _safe_next(request) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else ""


@login_required
def profile(request):
    """Edit the profile; someone without one (an account made by staff) creates it here."""
    volunteer = getattr(request.user, "volunteer", None)
    if volunteer is None:
        local_part = (request.user.email or "").split("@")[0]
        initial = {
            "display_name": (local_part or request.user.get_username())[:40],
            "reminders_enabled": True,
        }
    else:
        initial = ProfileForm.initial_for(volunteer)
    form = ProfileForm(request.POST or None, initial=initial, needs_consent=volunteer is None)
    next_url = _safe_next(request)
    if request.method == "POST" and form.is_valid():
        try:
            if volunteer is None:
                profile_create(user=request.user, **form.profile_data())
            else:
                profile_update(profile=volunteer, **form.profile_data())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect(next_url or "volunteers:profile")
    return render(
        request,
        "volunteers/me/profile.html",
        {"form": form, "volunteer": volunteer, "next": next_url},
    )


def privacy(request):
    return render(request, "volunteers/me/privacy.html", {"notice_version": PRIVACY_NOTICE_VERSION})


# --- The volunteer's data: a copy, and deletion ------------------------------------


@login_required
def my_data(request):
    form = AccountDeleteForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_delete(user=request.user)
        except ServiceError as error:
            form.add_error(None, error.messages[0])
        else:
            logout(request)
            messages.success(
                request, _("Your account has been deleted. Thank you for volunteering.")
            )
            return redirect("/")
    return render(request, "volunteers/me/data.html", {"form": form, "tab": "data"})


@login_required
def my_data_download(request):
    response = JsonResponse(
        account_export(user=request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="qingshui-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response
