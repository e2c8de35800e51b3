"""Reads that feed the team pages; each runs a fixed number of queries."""

from django.db.models import Q

from volunteers.choices import MembershipStatus
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
