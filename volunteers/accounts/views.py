"""The volunteer's own pages: their events and teams (/me/), their service hours
and star level, their profile, and the privacy notice they accept at sign-up."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.errors import ServiceError
from portal.next_url import next_url as safe_next_url
from portal.pagecache.views import cached_page
from volunteers.accounts.lead import leader_lists, leader_work
from volunteers.accounts.services import account_delete, account_export
from volunteers.choices import MembershipStatus, SignupStatus
from volunteers.events.queue import waitlist_text
from volunteers.events.selectors import my_signups
from volunteers.events.services.signups import signup_cancel_refusal
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.rollups import HoursByVolunteer
from volunteers.participation.services.hours import FLAG_COMMENT_LENGTH, record_flag
from volunteers.participation.stars import (
    MAX_STAR_LEVEL,
    STAR_THRESHOLDS,
    next_threshold,
    star_level,
)
from volunteers.people.forms import AccountDeleteForm, JoinAlertsForm, ProfileForm
from volunteers.people.models import PRIVACY_NOTICE_VERSION
from volunteers.people.services import profile_create, profile_update
from volunteers.teams.alerts import join_alerts_set
from volunteers.teams.models import Membership
from volunteers.teams.selectors import my_memberships

PAST_PER_PAGE = 20
HOURS_PER_PAGE = 20


# --- Star level -----------------------------------------------------------------------


def star_name(level: int) -> str:
    if level == 0:
        return _("No star level yet")
    return _("%(level)d-star volunteer") % {"level": level}


@dataclass
class StarLevel:
    """A volunteer's approved hours and what they make: the level, and the way to the next."""

    hours: Decimal
    records: int
    level: int = field(init=False)
    next_hours: int | None = field(init=False)

    def __post_init__(self):
        self.level = star_level(self.hours)
        self.next_hours = next_threshold(self.hours)

    @property
    def name(self) -> str:
        return star_name(self.level)

    @property
    def stars(self) -> str:
        return "★" * self.level

    @property
    def missing_stars(self) -> str:
        return "☆" * (MAX_STAR_LEVEL - self.level)

    @property
    def next_stars(self) -> str:
        return "★" * (self.level + 1) if self.next_hours else ""

    @property
    def aria_now(self) -> str:
        """``aria-valuenow`` of the bar: a plain number, at most the next level's hours."""
        return f"{min(self.hours, Decimal(self.next_hours or self.hours)).normalize():f}"

    @property
    def bar_width(self) -> str:
        """The share of the next level's hours already served, for the bar's CSS width."""
        if not self.next_hours:
            return "100.0"
        return f"{min(self.hours * 100 / self.next_hours, Decimal(100)):.1f}"

    @property
    def levels(self) -> list[dict]:
        return [
            {
                "level": n,
                "stars": "★" * n,
                "name": star_name(n),
                "threshold": threshold,
                "reached": self.level >= n,
            }
            for n, threshold in enumerate(STAR_THRESHOLDS, start=1)
        ]


def my_star_level(user) -> StarLevel:
    """From the rollup of approved hours: one query, and zero for someone without a row."""
    row = HoursByVolunteer.objects.filter(user=user).values_list("approved_hours", "records")
    hours, records = row.first() or (Decimal(0), 0)
    return StarLevel(hours=hours, records=records)


@login_required
def my_events(request):
    upcoming, past = my_signups(user=request.user)
    upcoming, now = list(upcoming), timezone.now()
    for signup in upcoming:
        # The sign-up service's rule decides whether the row offers to cancel.
        signup.cancel_refusal = signup_cancel_refusal(signup, now=now)
        if signup.status == SignupStatus.WAITLISTED:
            signup.waitlist_text = waitlist_text(signup.queue_ahead + 1)
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
        "volunteers/accounts/my_events.html",
        {
            "upcoming": upcoming,
            "past": Paginator(past, PAST_PER_PAGE).get_page(request.GET.get("page")),
            "memberships": memberships,
            "star": my_star_level(request.user),
        },
    )


# --- A team leader's to-do list --------------------------------------------------------


@never_cache
@login_required
def lead(request):
    """What waits for the leader, each with its action, and how they hear of join requests."""
    work = leader_work(request.user)
    if not work.teams:
        raise PermissionDenied
    profile = getattr(request.user, "volunteer", None)
    form = JoinAlertsForm(
        request.POST or None, initial={"join_alerts": profile.join_alerts if profile else ""}
    )
    if request.method == "POST" and profile is not None and form.is_valid():
        try:
            join_alerts_set(user=request.user, choice=form.cleaned_data["join_alerts"])
        except ServiceError as error:
            form.add_error("join_alerts", error)
        else:
            messages.success(request, _("Saved: %(choice)s") % {"choice": form.chosen_label()})
            return redirect("volunteers:lead")
    return render(
        request,
        "volunteers/accounts/lead.html",
        # Given as leader_work too, so the header does not count it all again.
        {"work": work, "leader_work": work, "alerts_form": form, **leader_lists(request.user)},
        status=400 if request.method == "POST" else 200,
    )


# --- Service hours -------------------------------------------------------------------


def _my_records(user):
    return (
        ServiceRecord.objects.filter(volunteer=user)
        .select_related("event", "report", "team")
        .order_by("-date", "-pk")
    )


def _render_hours(request, *, page, flag_error=None, status=200):
    return render(
        request,
        "volunteers/accounts/hours.html",
        {
            "star": my_star_level(request.user),
            "records": Paginator(_my_records(request.user), HOURS_PER_PAGE).get_page(page),
            "flag_error": flag_error,
            "flag_max_length": FLAG_COMMENT_LENGTH,
        },
        status=status,
    )


@login_required
def my_hours(request):
    return _render_hours(request, page=request.GET.get("page"))


def _page_of(record: ServiceRecord) -> int:
    """The page of the hours list that shows ``record`` (newest first)."""
    newer = ServiceRecord.objects.filter(volunteer_id=record.volunteer_id).filter(
        Q(date__gt=record.date) | Q(date=record.date, pk__gt=record.pk)
    )
    return newer.count() // HOURS_PER_PAGE + 1


@require_POST
@login_required
def my_record_flag(request, pk):
    """The volunteer says one of their records is wrong; someone else's record is not found."""
    record = get_object_or_404(ServiceRecord, pk=pk, volunteer=request.user)
    comment = request.POST.get("comment", "")
    page = _page_of(record)
    try:
        record_flag(record=record, user=request.user, comment=comment)
    except PermissionDenied:
        raise Http404 from None
    except ServiceError as error:
        flag_error = {"pk": record.pk, "messages": error.messages, "comment": comment}
        return _render_hours(request, page=page, flag_error=flag_error, status=400)
    messages.success(request, _("Thank you — the team's leaders and staff have been told."))
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{reverse('volunteers:my_hours')}{query}#record-{record.pk}")


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
    next_url = safe_next_url(request)
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
        "volunteers/accounts/profile.html",
        {
            "form": form,
            "volunteer": volunteer,
            "next": next_url,
            "star": my_star_level(request.user),
        },
    )


@cached_page()
def privacy(request):
    return render(
        request, "volunteers/accounts/privacy.html", {"notice_version": PRIVACY_NOTICE_VERSION}
    )


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
    return render(request, "volunteers/accounts/data.html", {"form": form, "tab": "data"})


@login_required
def my_data_download(request):
    response = JsonResponse(
        account_export(user=request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="qingshui-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response
