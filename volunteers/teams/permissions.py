"""Who may do what. Reads only; the services enforce these rules."""

from volunteers.choices import MembershipStatus, Role
from volunteers.teams.models import Membership, Team


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


def can_see_team(user, team: Team) -> bool:
    return (
        team.is_approved
        or is_staff(user)
        or (user.is_authenticated and Membership.objects.filter(team=team, user=user).exists())
    )
