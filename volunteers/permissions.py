"""Who may do what. Reads only; the services enforce these rules."""

from django.db.models import Q

from volunteers.choices import MembershipStatus, Role, Visibility
from volunteers.models import Event, Membership, Team


def is_staff(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_staff or user.is_superuser))


def membership_of(user, team) -> Membership | None:
    if not (user and user.is_authenticated) or team is None:
        return None
    return Membership.objects.filter(team=team, user=user).first()


def is_member(user, team) -> bool:
    m = membership_of(user, team)
    return m is not None and m.status == MembershipStatus.ACTIVE


def is_leader(user, team) -> bool:
    m = membership_of(user, team)
    return m is not None and m.is_leader


def is_head_leader(user, team) -> bool:
    m = membership_of(user, team)
    return m is not None and m.is_leader and m.role == Role.LEADER


def can_manage_team(user, team) -> bool:
    return is_staff(user) or is_leader(user, team)


def can_manage_event(user, event: Event) -> bool:
    if is_staff(user):
        return True
    return event.team_id is not None and is_leader(user, event.team)


def can_see_team(user, team: Team) -> bool:
    return (
        team.is_approved
        or is_staff(user)
        or (user.is_authenticated and Membership.objects.filter(team=team, user=user).exists())
    )


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
