"""Sign-ups of every event: places, waiting lists, cancellations and, afterwards, attendance."""

from array import array
from datetime import timedelta

from volunteers.choices import Attendance, SignupStatus
from volunteers.events.models import Signup
from volunteers.scale.events import FROM_TEAM, EventPlan
from volunteers.scale.people import Volunteers

REMINDED_BEFORE = timedelta(hours=23, minutes=55)  # the beat scan's 24 h, a tick later
# A dozen regulars of each team come to most of its events, so the most active
# volunteers of busy teams reach star levels, as in a real city.
CORE, CORE_SHARE = 12, 0.15


def _from_team(members: list[int], wanted: int, rng) -> list[int]:
    """``wanted`` different members; the core (leader first) come to most events."""
    core, rest = members[:CORE], members[CORE:]
    from_rest = min(len(rest), wanted - min(len(core), round(wanted * CORE_SHARE)))
    return rng.sample(core, wanted - from_rest) + rng.sample(rest, from_rest)


def _people(event: EventPlan, volunteers: Volunteers, rng) -> list[int]:
    """Different people for every sign-up: mostly the team's members, the rest anyone."""
    wanted = event.confirmed + event.waitlisted + event.withdrawn
    members = event.team.members
    if event.members_only:
        chosen = _from_team(members, wanted, rng)
        rng.shuffle(chosen)
        return chosen
    chosen = _from_team(members, min(len(members), round(wanted * FROM_TEAM)), rng)
    seen = set(chosen)
    while len(chosen) < wanted:
        user_id = volunteers.first_id + rng.randrange(volunteers.count)
        if user_id not in seen:
            seen.add(user_id)
            chosen.append(user_id)
    rng.shuffle(chosen)
    return chosen


def _statuses(event: EventPlan, now, rng):
    """(status, attendance) for each sign-up in order; the first ``records`` came."""
    past = event.takes_records(now)
    for n in range(event.confirmed):
        if not past:
            yield SignupStatus.CONFIRMED, Attendance.UNKNOWN
        elif n < event.records:
            yield SignupStatus.CONFIRMED, Attendance.PRESENT
        else:
            missed = Attendance.NO_SHOW if rng.random() < 0.7 else Attendance.ABSENT
            yield SignupStatus.CONFIRMED, missed
    for _n in range(event.waitlisted):
        yield SignupStatus.WAITLISTED, Attendance.UNKNOWN
    for _n in range(event.withdrawn):
        yield SignupStatus.CANCELLED, Attendance.UNKNOWN


def signups_write(writer, events, volunteers: Volunteers, *, now, rng) -> dict[int, array]:
    """Write every sign-up; returns, per event that takes records, who came."""
    total = sum(e.confirmed + e.waitlisted + e.withdrawn for e in events)
    first = writer.reserve_ids(Signup, total)
    columns = [
        "id", "event", "user", "status", "created_at", "queued_at",
        "cancelled_at", "reminded_at", "attendance",
    ]  # fmt: skip
    attendees: dict[int, array] = {}

    def rows():
        pk = first
        for event in events:
            people = _people(event, volunteers, rng)
            if event.records:
                attendees[event.id] = array("q", people[: event.records])
            opened = min(event.starts - timedelta(days=1), now)
            reminder = event.starts - REMINDED_BEFORE
            reminded = reminder if reminder <= now else None
            for user_id, (status, attendance) in zip(
                people, _statuses(event, now, rng), strict=True
            ):
                created = opened - timedelta(seconds=rng.uniform(60, 14 * 86400))
                cancelled = None
                if status == SignupStatus.CANCELLED:
                    cancelled = min(now, created + timedelta(seconds=rng.uniform(600, 86400)))
                confirmed = status == SignupStatus.CONFIRMED
                yield (
                    pk, event.id, user_id, status, created, created, cancelled,
                    reminded if confirmed else None, attendance,
                )  # fmt: skip
                pk += 1

    writer.copy(Signup, columns, rows(), total=total)
    return attendees
