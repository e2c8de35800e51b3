"""A team's member count, kept on its row."""

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from volunteers.choices import MembershipStatus
from volunteers.teams.models import Membership, Team


def active_member_count():
    rows = (
        Membership.objects.filter(team=OuterRef("pk"), status=MembershipStatus.ACTIVE)
        .order_by()
        .values("team")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), Value(0))


@transaction.atomic
def team_member_count_refresh(team_id: int) -> None:
    """Store the team's number of active members (one UPDATE, row locked)."""
    Team.objects.filter(pk=team_id).select_for_update().values_list("pk").first()
    Team.objects.filter(pk=team_id).update(member_count=active_member_count())
