from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import ServiceError
from volunteers.choices import MembershipStatus, Role, TeamStatus
from volunteers.people.notify import notify
from volunteers.teams.alerts import leaders_alert
from volunteers.teams.models import Membership, Team
from volunteers.teams.permissions import can_manage_team, is_head_leader, is_staff

# Each registration mails the staff who approve teams.
TEAMS_PER_DAY = 3


@transaction.atomic
def team_register(
    *, user, name: str, county, township=None, description: str, contact: str = "", logo=None
) -> Team:
    """Any volunteer may register a team; it is public once staff approve it."""
    if township is not None and township.county_id != county.pk:
        raise ServiceError(_("The township is not in the chosen county."))
    if Team.objects.filter(name__iexact=name.strip()).exists():
        raise ServiceError(_("A team with this name already exists."))
    since = timezone.now() - timedelta(days=1)
    if Team.objects.filter(created_by=user, created_at__gte=since).count() >= TEAMS_PER_DAY:
        raise ServiceError(
            _(
                "You have registered %(n)d teams today. Register the next one tomorrow, "
                "or ask the portal's staff if you run more teams."
            )
            % {"n": TEAMS_PER_DAY}
        )
    team = Team.objects.create(
        name=name.strip(),
        county=county,
        township=township,
        description=description,
        contact=contact,
        logo=logo,
        created_by=user,
    )
    Membership.objects.create(
        team=team,
        user=user,
        role=Role.LEADER,
        status=MembershipStatus.ACTIVE,
        decided_at=timezone.now(),
    )
    return team


@transaction.atomic
def team_approve(*, team: Team, by) -> Team:
    if not is_staff(by):
        raise PermissionDenied
    team = Team.objects.select_for_update().get(pk=team.pk)
    if team.status != TeamStatus.APPROVED:
        team.status = TeamStatus.APPROVED
        team.approved_at = timezone.now()
        team.save(update_fields=["status", "approved_at"])
        if team.created_by:
            notify(user=team.created_by, kind="team_approved", team=team)
    return team


@transaction.atomic
def team_reject(*, team: Team, by) -> Team:
    if not is_staff(by):
        raise PermissionDenied
    Team.objects.filter(pk=team.pk).update(status=TeamStatus.REJECTED)
    team.refresh_from_db()
    return team


@transaction.atomic
def membership_request(*, team: Team, user) -> Membership:
    """Ask to join. Asking again after leaving or being declined re-opens the request."""
    if not team.is_approved:
        raise ServiceError(_("This team is not open for members yet."))
    membership = Membership.objects.select_for_update().filter(team=team, user=user).first()
    if membership is None:
        try:
            with transaction.atomic():
                membership = Membership.objects.create(team=team, user=user)
        except IntegrityError:  # a double click raced us to it
            membership = Membership.objects.get(team=team, user=user)
        else:
            leaders_alert(membership=membership)
            return membership
    if membership.status == MembershipStatus.ACTIVE:
        raise ServiceError(_("You are already a member of this team."))
    if membership.status == MembershipStatus.PENDING:
        raise ServiceError(_("You have already asked to join; a leader will answer soon."))
    if membership.status == MembershipStatus.REMOVED:
        raise ServiceError(_("A leader removed you from this team; contact them to rejoin."))
    membership.status = MembershipStatus.PENDING
    membership.role = Role.MEMBER
    membership.requested_at = timezone.now()
    membership.decided_at = None
    membership.save()
    leaders_alert(membership=membership)
    return membership


def _decide(membership: Membership, by, status: str) -> Membership:
    if not can_manage_team(by, membership.team):
        raise PermissionDenied
    if membership.status != MembershipStatus.PENDING:
        raise ServiceError(_("This request has already been answered."))
    membership.status = status
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    kind = "membership_approved" if status == MembershipStatus.ACTIVE else "membership_declined"
    notify(user=membership.user, kind=kind, team=membership.team)
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, by) -> Membership:
    return _decide(
        Membership.objects.select_for_update().get(pk=membership.pk), by, MembershipStatus.ACTIVE
    )


@transaction.atomic
def membership_decline(*, membership: Membership, by) -> Membership:
    return _decide(
        Membership.objects.select_for_update().get(pk=membership.pk), by, MembershipStatus.DECLINED
    )


def _active_leaders(team):
    return Membership.objects.filter(team=team, status=MembershipStatus.ACTIVE, role=Role.LEADER)


@transaction.atomic
def membership_leave(*, membership: Membership, user) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.user_id != user.pk:
        raise PermissionDenied
    if membership.status not in (MembershipStatus.ACTIVE, MembershipStatus.PENDING):
        raise ServiceError(_("You are not a member of this team."))
    if membership.role == Role.LEADER and _active_leaders(membership.team).count() == 1:
        raise ServiceError(_("Hand the team over to another leader before you leave."))
    membership.status = MembershipStatus.LEFT
    membership.role = Role.MEMBER
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "role", "decided_at"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not can_manage_team(by, membership.team):
        raise PermissionDenied
    if membership.user_id == by.pk:
        raise ServiceError(_("Use “leave the team” to remove yourself."))
    if membership.role == Role.LEADER and not is_staff(by):
        raise PermissionDenied
    if membership.status != MembershipStatus.ACTIVE:
        raise ServiceError(_("This person is not an active member."))
    membership.status = MembershipStatus.REMOVED
    membership.role = Role.MEMBER
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "role", "decided_at"])
    return membership


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by) -> Membership:
    """The team's leader (or staff) appoints or relieves co-leaders."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not (is_staff(by) or is_head_leader(by, membership.team)):
        raise PermissionDenied
    if role not in (Role.MEMBER, Role.CO_LEADER, Role.LEADER):
        raise ServiceError(_("Unknown role."))
    if membership.status != MembershipStatus.ACTIVE:
        raise ServiceError(_("Only active members can be given a role."))
    if (
        membership.role == Role.LEADER
        and role != Role.LEADER
        and _active_leaders(membership.team).count() == 1
    ):
        raise ServiceError(_("A team needs at least one leader."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership
