"""Who may see and manage an event. Reads only; the services enforce these rules."""

from django.db.models import Q

from volunteers.choices import MembershipStatus, Visibility
from volunteers.events.models import Event
from volunteers.teams.models import Membership
from volunteers.teams.permissions import is_leader, is_member, is_staff


def can_manage_event(user, event: Event) -> bool:
    if is_staff(user):
        return True
    return event.team_id is not None and is_leader(user, event.team)


def can_see_event(user, event: Event) -> bool:
    if can_manage_event(user, event):
        return True
    if event.team_id is not None and not event.team.is_approved:
        return False
    if event.visibility == Visibility.PUBLIC:
        return True
    return is_member(user, event.team)


def visible_events_filter(user) -> Q:
    """A filter for events ``user`` may see in lists (public, or their teams' members-only)."""
    public = Q(visibility=Visibility.PUBLIC) & (Q(team__isnull=True) | Q(team__status="approved"))
    if not (user and user.is_authenticated):
        return public
    if is_staff(user):
        return Q()
    my_teams = Membership.objects.filter(
        user=user, status=MembershipStatus.ACTIVE, team__status="approved"
    ).values("team_id")
    return public | Q(team_id__in=my_teams)
