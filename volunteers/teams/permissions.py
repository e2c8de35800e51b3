"""Who may do what. Reads only; the services enforce these rules."""

from volunteers.choices import MembershipStatus, Role
from volunteers.teams.models import Membership, Team

# Held by the "Volunteer staff" group (volunteers/roles.py), not by editors or moderators.
STAFF_PERMISSION = "volunteers.change_event"


def is_staff(user) -> bool:
    """Staff of the volunteer domain: superusers, staff users, and the "Volunteer staff" role.

    The role is given by putting someone in the group (its permissions include
    changing events), which is all an administrator can do from Wagtail's user form.
    """
    if not (user and user.is_authenticated):
        return False
    return user.is_staff or user.is_superuser or user.has_perm(STAFF_PERMISSION)


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
