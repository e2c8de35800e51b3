"""Reads that feed the team pages; each runs a fixed number of queries."""

from django.db.models import Case, IntegerField, Q, Value, When

from volunteers.choices import MembershipStatus, Role
from volunteers.teams.models import Membership, Team


def my_memberships(*, user):
    return (
        Membership.objects.filter(user=user)
        .exclude(status__in=[MembershipStatus.LEFT, MembershipStatus.DECLINED])
        .select_related("team__county", "team__township")
        .order_by("team__name")
    )


def teams_for_directory(*, filters: dict):
    teams = Team.objects.approved().select_related("county", "township", "logo").order_by("name")
    if filters.get("q"):
        teams = teams.filter(
            Q(name__icontains=filters["q"]) | Q(description__icontains=filters["q"])
        )
    if filters.get("county"):
        teams = teams.filter(county__code=filters["county"])
    if filters.get("township"):
        teams = teams.filter(township__code=filters["township"])
    if filters.get("reservoir"):
        teams = teams.filter(
            Q(township__in_reservoir_area=True)
            | Q(township__isnull=True, county__in_reservoir_area=True)
        )
    return teams


ROLE_RANK = Case(
    When(role=Role.LEADER, then=Value(0)),
    When(role=Role.CO_LEADER, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def active_members(team):
    """Active memberships, leaders first, with profiles and star levels loaded."""
    return (
        Membership.objects.filter(team=team, status=MembershipStatus.ACTIVE)
        .select_related("user__volunteer", "user__hours_total")
        .annotate(role_rank=ROLE_RANK)
        .order_by("role_rank", "user__volunteer__display_name", "pk")
    )


def approved_team_count() -> int:
    return Team.objects.approved().count()
