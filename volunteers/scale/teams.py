"""Teams in every county, each with a leader, and volunteers joining teams near home."""

from dataclasses import dataclass, field
from datetime import timedelta

from volunteers.choices import MembershipStatus, Role, TeamStatus
from volunteers.demo.core import TEAM_SUFFIXES
from volunteers.scale.people import Places, Volunteers
from volunteers.teams.models import Membership, Team

PENDING_TEAMS = 0.01  # share of teams still awaiting approval
NO_TEAM, SECOND_TEAM, ASKED, LEFT = 0.04, 0.05, 0.02, 0.015  # shares of volunteers
DESCRIPTION = (
    "我们是活跃在{place}的节水护水志愿者，定期巡河、清理库湾漂浮物，"
    "走进村组宣传节水护水，欢迎加入。"
)
CONTACT = "每周六上午在镇文化站集合；队内微信群由队长拉入。"


@dataclass
class TeamPlan:
    id: int
    township: int  # index into Places.townships
    county_id: int
    name: str
    approved: bool
    weight: float
    leader: int = 0
    members: list[int] = field(default_factory=list)  # active, leader first
    others: list[tuple[int, str]] = field(default_factory=list)  # (user id, status)


def _names(places: Places, homes: list[int], taken: set[str]) -> list[str]:
    """Unique names like 丹江口市均县镇巡河护水队第1分队.

    Always numbered, so they never take a name the demo's teams (unnumbered) use.
    """
    names, seen = [], {}
    for home in homes:
        place = places.townships[home]
        n = seen.get(home, 0)
        while True:
            n += 1
            suffix = TEAM_SUFFIXES[(home + n) % len(TEAM_SUFFIXES)]
            name = f"{place.county_name}{place.name}{suffix}第{n}分队"
            if name not in taken:
                break
        seen[home] = n
        taken.add(name)
        names.append(name)
    return names


def teams_plan(*, count: int, places: Places, first_id: int, rng) -> list[TeamPlan]:
    """At least one team per county (when there are enough), then by township weight."""
    homes = [rng.choice(indexes) for indexes in places.by_county.values()][:count]
    homes += places.pick(rng, count - len(homes))
    rng.shuffle(homes)
    names = _names(places, homes, set(Team.objects.values_list("name", flat=True)))
    pending = max(0, round(count * PENDING_TEAMS)) if count > 1 else 0
    return [
        TeamPlan(
            id=first_id + n,
            township=home,
            county_id=places.townships[home].county_id,
            name=names[n],
            approved=n >= pending,
            weight=rng.lognormvariate(0, 0.6),
        )
        for n, home in enumerate(homes)
    ]


def _choosers(teams: list[TeamPlan]):
    """Per county: the approved teams and their cumulative weights (any county if none)."""
    by_county: dict[int, list[TeamPlan]] = {}
    for team in teams:
        if team.approved:
            by_county.setdefault(team.county_id, []).append(team)
    everywhere = [t for t in teams if t.approved] or teams
    table = {}
    for county_id, members in [*by_county.items(), (None, everywhere)]:
        cum, total = [], 0.0
        for team in members:
            total += team.weight
            cum.append(total)
        table[county_id] = (members, cum)
    return table


def memberships_plan(teams: list[TeamPlan], volunteers: Volunteers, places: Places, rng) -> None:
    """Most volunteers join a team in their county; a few join two, ask, or have left one."""
    choosers = _choosers(teams)
    for n, user_id in enumerate(volunteers.ids()):
        county_id = places.townships[volunteers.township[n]].county_id
        candidates, cum = choosers.get(county_id, choosers[None])
        roll = rng.random()
        if roll < NO_TEAM:
            continue
        first, second = rng.choices(candidates, cum_weights=cum, k=2)
        first.members.append(user_id)
        if second is first:
            continue
        if roll < NO_TEAM + SECOND_TEAM:
            second.members.append(user_id)
        elif roll < NO_TEAM + SECOND_TEAM + ASKED:
            second.others.append((user_id, MembershipStatus.PENDING))
        elif roll < NO_TEAM + SECOND_TEAM + ASKED + LEFT:
            second.others.append((user_id, MembershipStatus.LEFT))
    for team in teams:
        _choose_leader(team, volunteers, rng)


def _choose_leader(team: TeamPlan, volunteers: Volunteers, rng) -> None:
    if not team.approved:
        # A team awaiting approval has its founder only; those who asked to join wait.
        team.others = [(u, MembershipStatus.PENDING) for u, _s in team.others] + [
            (u, MembershipStatus.PENDING) for u in team.members
        ]
        team.members = []
    if not team.members:
        leader = rng.choice(volunteers.ids())
        team.others = [(u, s) for u, s in team.others if u != leader]
        team.members.append(leader)
    index = rng.randrange(len(team.members))
    team.members[0], team.members[index] = team.members[index], team.members[0]
    team.leader = team.members[0]


def teams_write(writer, teams: list[TeamPlan], places: Places, *, now, rng) -> None:
    columns = [
        "id", "name", "county", "township", "description", "contact", "status",
        "created_by", "member_count", "created_at", "approved_at",
    ]  # fmt: skip

    def rows():
        for team in teams:
            place = places.townships[team.township]
            created = now - timedelta(days=rng.uniform(30, 4 * 365))
            status = TeamStatus.APPROVED if team.approved else TeamStatus.PENDING
            approved = created + timedelta(days=rng.uniform(1, 10)) if team.approved else None
            yield (
                team.id, team.name, team.county_id, place.id,
                DESCRIPTION.format(place=f"{place.county_name}{place.name}"), CONTACT, status,
                team.leader, len(team.members), created, approved,
            )  # fmt: skip

    writer.copy(Team, columns, rows(), total=len(teams))


def memberships_write(writer, teams: list[TeamPlan], *, now, rng) -> None:
    total = sum(len(t.members) + len(t.others) for t in teams)
    first = writer.reserve_ids(Membership, total)
    columns = ["id", "team", "user", "role", "status", "requested_at", "decided_at"]

    def rows():
        pk = first
        for team in teams:
            co_leaders = 2 if len(team.members) >= 100 else 1 if len(team.members) >= 10 else 0
            for n, user_id in enumerate(team.members):
                role = Role.LEADER if n == 0 else Role.CO_LEADER if n <= co_leaders else Role.MEMBER
                asked = now - timedelta(days=rng.uniform(2, 3 * 365))
                yield (
                    pk,
                    team.id,
                    user_id,
                    role,
                    MembershipStatus.ACTIVE,
                    asked,
                    asked + timedelta(days=1),
                )
                pk += 1
            for user_id, status in team.others:
                asked = now - timedelta(days=rng.uniform(1, 365))
                decided = None if status == MembershipStatus.PENDING else asked + timedelta(days=30)
                yield (pk, team.id, user_id, Role.MEMBER, status, asked, decided)
                pk += 1

    writer.copy(Membership, columns, rows(), total=total)
