"""Team directory, team pages, joining and leaving, and the leaders' team management.

Views only read (through selectors and permissions) and call services; every
membership URL carries the team's pk as well, and a membership of another team
is a 404, so no one can act on a team through a URL they guessed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.errors import ServiceError, error_text
from portal.filter_chips import filter_chips
from portal.next_url import next_url
from portal.pagecache.views import cached_page
from portal.share_cards import png_response
from volunteers.choices import MembershipStatus, Role
from volunteers.events.selectors import team_upcoming_events
from volunteers.participation.selectors import (
    LATEST_ON_TEAM_PAGE,
    approved_reports,
    decorate_cards,
    members_with_stars,
    team_totals,
    with_stars,
)
from volunteers.people.display import public_name
from volunteers.places.models import County, Township
from volunteers.teams.forms import TeamRegisterForm
from volunteers.teams.maps import team_location_map, teams_map
from volunteers.teams.models import Membership, Team
from volunteers.teams.permissions import (
    can_manage_team,
    can_see_team,
    is_head_leader,
    is_staff,
    membership_of,
)
from volunteers.teams.selectors import teams_for_directory
from volunteers.teams.services import (
    membership_approve,
    membership_decline,
    membership_leave,
    membership_remove,
    membership_request,
    membership_set_role,
    team_register,
)
from volunteers.teams.share import team_card, team_share

TEAMS_PER_PAGE = 12
EVENTS_ON_TEAM_PAGE = 10
AVATAR_TONES = 6


def has_profile(user) -> bool:
    return getattr(user, "volunteer", None) is not None


def profile_first(request, next_url: str):
    """Leaders see members by display name, so one is needed before joining or registering."""
    messages.info(request, _("Please complete your volunteer profile first."))
    return redirect(f"{reverse('volunteers:profile')}?{urlencode({'next': next_url})}")


def decorate_avatar(team: Team) -> Team:
    """The placeholder logo: a colour, and the first letter after the county's name
    (many teams are named after their county, which would give them all the same letter)."""
    name = team.name
    county = team.county.name_zh
    if name.startswith(county) and len(name) > len(county):
        name = name[len(county) :]
    team.initial = next((char for char in name if char.isalnum()), team.name[:1])
    team.avatar_tone = team.pk % AVATAR_TONES
    return team


def _choice(request, name: str, allowed) -> str:
    """A filter value from the query string, or "" when absent or unknown."""
    value = request.GET.get(name, "")
    return value if value in allowed else ""


# --- Public pages --------------------------------------------------------------


@cached_page("teams")
def team_list(request):
    counties = list(County.objects.order_by("code"))
    townships = list(Township.objects.select_related("county").order_by("county__code", "code"))
    filters = {
        # PostgreSQL refuses NUL characters in a query; nobody means to search for one.
        "q": request.GET.get("q", "").replace("\x00", "").strip()[:100],
        "county": _choice(request, "county", {c.code for c in counties}),
        "township": _choice(request, "township", {t.code for t in townships}),
        "reservoir": request.GET.get("reservoir") == "1",
    }
    teams = teams_for_directory(filters=filters).prefetch_related("logo__renditions")
    page = Paginator(teams, TEAMS_PER_PAGE).get_page(request.GET.get("page"))
    for team in page.object_list:
        decorate_avatar(team)
    township_groups: dict[int, tuple] = {}
    for township in townships:
        township_groups.setdefault(township.county_id, (township.county, []))[1].append(township)
    names = {c.code: c.name for c in counties} | {t.code: t.name for t in townships}
    chips = filter_chips(
        request,
        [
            ("q", f"“{filters['q']}”" if filters["q"] else ""),
            ("county", names.get(filters["county"], "")),
            ("township", names.get(filters["township"], "")),
            ("reservoir", _("Reservoir area only") if filters["reservoir"] else ""),
        ],
    )
    return render(
        request,
        "volunteers/teams/team_list.html",
        {
            "teams": page,
            "filters": filters,
            "filtering": any(filters.values()),
            "chips": chips,
            "counties": counties,
            "township_groups": list(township_groups.values()),
            "team_map": teams_map(filters),
        },
    )


@require_GET
def team_card_png(request, pk: int):
    team = get_object_or_404(Team.objects.select_related("county", "township"), pk=pk)
    if not (team.is_approved and can_see_team(request.user, team)):
        raise Http404
    return png_response(request, team_card(team))


@cached_page("teams", "events", "figures")
def team_detail(request, pk: int):
    team = get_object_or_404(
        Team.objects.select_related("county", "township", "logo", "hours_total"), pk=pk
    )
    user = request.user
    if not can_see_team(user, team):
        raise Http404
    membership = membership_of(user, team)
    is_active_member = membership is not None and membership.status == MembershipStatus.ACTIVE
    events = team_upcoming_events(team=team, user=user, limit=EVENTS_ON_TEAM_PAGE)
    decorate_avatar(team)
    can_manage = can_manage_team(user, team)
    # Members see each other's display names and star levels; the public sees only counts.
    members = members_with_stars(team) if is_active_member or can_manage else None
    return render(
        request,
        "volunteers/teams/team_detail.html",
        {
            "team": team,
            "membership": membership,
            "is_member": is_active_member,
            "is_pending": membership is not None and membership.status == MembershipStatus.PENDING,
            "can_manage": can_manage,
            "member_count": team.member_count,
            "members": members,
            "totals": team_totals(team),
            "latest_reports": decorate_cards(approved_reports(team)[:LATEST_ON_TEAM_PAGE]),
            "events": list(events),
            "team_location_map": team_location_map(team) if team.is_approved else None,
            "share": team_share(team) if team.is_approved else None,
        },
    )


# --- Joining and leaving -------------------------------------------------------


@require_POST
def team_join(request, pk: int):
    team = get_object_or_404(Team, pk=pk)
    team_url = reverse("volunteers:team_detail", args=[team.pk])
    if not request.user.is_authenticated:
        return redirect_to_login(team_url)
    if not can_see_team(request.user, team):
        raise Http404
    if not has_profile(request.user):
        return profile_first(request, team_url)
    try:
        membership_request(team=team, user=request.user)
    except ServiceError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("Your request has been sent. A team leader will answer it soon.")
        )
    return redirect(team_url)


@login_required
def team_leave(request, pk: int):
    """GET asks for confirmation; POST leaves the team (or withdraws a request)."""
    team = get_object_or_404(Team.objects.select_related("county", "township"), pk=pk)
    if not can_see_team(request.user, team):
        raise Http404
    team_url = reverse("volunteers:team_detail", args=[team.pk])
    membership = membership_of(request.user, team)
    if membership is None or membership.status not in (
        MembershipStatus.ACTIVE,
        MembershipStatus.PENDING,
    ):
        messages.info(request, _("You are not a member of this team."))
        return redirect(team_url)
    if request.method == "POST":
        was_pending = membership.status == MembershipStatus.PENDING
        try:
            membership_leave(membership=membership, user=request.user)
        except ServiceError as error:
            messages.error(request, error_text(error))
        else:
            if was_pending:
                messages.success(request, _("Your request to join has been withdrawn."))
            else:
                messages.success(request, _("You have left %(team)s.") % {"team": team.name})
        return redirect(team_url)
    return render(
        request,
        "volunteers/teams/team_leave.html",
        {"team": team, "membership": membership},
    )


# --- Registering a team ----------------------------------------------------------


@login_required
def team_create(request):
    if not has_profile(request.user):
        return profile_first(request, reverse("volunteers:team_create"))
    form = TeamRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            team = team_register(user=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Your team has been submitted for approval. Staff will review it soon; "
                    "until then only you can see its page."
                ),
            )
            return redirect("volunteers:team_detail", pk=team.pk)
    return render(request, "volunteers/teams/team_form.html", {"form": form})


# --- Managing a team ---------------------------------------------------------------

ROLE_ORDER = Case(
    When(role=Role.LEADER, then=Value(0)),
    When(role=Role.CO_LEADER, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _managed_team(request, pk: int) -> Team:
    team = get_object_or_404(Team.objects.select_related("county", "township"), pk=pk)
    if not can_manage_team(request.user, team):
        raise PermissionDenied
    return team


@login_required
def team_manage(request, pk: int):
    team = _managed_team(request, pk)
    memberships = (
        team.memberships.filter(status__in=[MembershipStatus.PENDING, MembershipStatus.ACTIVE])
        .select_related("user__volunteer__home_township", "user__hours_total")
        .annotate(role_rank=ROLE_ORDER)
        .order_by("role_rank", "requested_at", "pk")
    )
    for membership in memberships:
        with_stars(membership)
    pending = [m for m in memberships if m.status == MembershipStatus.PENDING]
    members = [m for m in memberships if m.status == MembershipStatus.ACTIVE]
    staff = is_staff(request.user)
    return render(
        request,
        "volunteers/teams/team_manage.html",
        {
            "team": team,
            "pending": pending,
            "members": members,
            "can_set_roles": staff or is_head_leader(request.user, team),
            "can_remove_leaders": staff,
            "roles": Role.choices,
        },
    )


def _membership_action(request, pk: int, membership_pk: int, action, success: str):
    """Run ``action(membership)`` for a membership of team ``pk`` the user manages."""
    team = _managed_team(request, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("team", "user__volunteer"), pk=membership_pk, team=team
    )
    try:
        membership = action(membership)
    except ServiceError as error:
        messages.error(request, error_text(error))
    else:
        role = Role(membership.role).label
        messages.success(request, success % {"name": public_name(membership.user), "role": role})
    return redirect(next_url(request, reverse("volunteers:team_manage", args=[team.pk])))


@require_POST
@login_required
def membership_approve_view(request, pk: int, membership_pk: int):
    return _membership_action(
        request,
        pk,
        membership_pk,
        lambda m: membership_approve(membership=m, by=request.user),
        _("%(name)s is now a member of the team."),
    )


@require_POST
@login_required
def membership_decline_view(request, pk: int, membership_pk: int):
    return _membership_action(
        request,
        pk,
        membership_pk,
        lambda m: membership_decline(membership=m, by=request.user),
        _("You declined the request from %(name)s."),
    )


@require_POST
@login_required
def membership_role_view(request, pk: int, membership_pk: int):
    role = request.POST.get("role", "")
    return _membership_action(
        request,
        pk,
        membership_pk,
        lambda m: membership_set_role(membership=m, role=role, by=request.user),
        _("%(name)s is now: %(role)s."),
    )


@require_POST
@login_required
def membership_remove_view(request, pk: int, membership_pk: int):
    return _membership_action(
        request,
        pk,
        membership_pk,
        lambda m: membership_remove(membership=m, by=request.user),
        _("%(name)s has been removed from the team."),
    )
