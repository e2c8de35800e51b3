"""Events of the last three years and the coming three months, with their sign-up figures.

Each event's numbers (records to come, places taken, waiting list, cancelled
sign-ups) are settled here, so the event row is written with its kept counts
and the sign-ups and records written later match them exactly.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from volunteers.choices import EventKind, EventStatus, Visibility
from volunteers.demo.core import EVENT_TITLES, WHAT_TO_BRING
from volunteers.events.models import Event
from volunteers.scale.people import Places, Volunteers
from volunteers.scale.sizes import ScaleError
from volunteers.scale.teams import TeamPlan

PAST_DAYS, AHEAD_DAYS = 3 * 365, 90
HOURS = (8, 9, 14)
LENGTHS, LENGTH_WEIGHTS = (2, 3, 4, 6, 8), (3, 4, 3, 1, 0.5)
MEMBERS_ONLY, CANCELLED, FULL = 0.10, 0.02, 0.2
FROM_TEAM = 0.85  # share of a public event's sign-ups that come from the team's members
TITLES = {**EVENT_TITLES, EventKind.OTHER: "{place}护水志愿服务活动"}
BRING = {**WHAT_TO_BRING, EventKind.OTHER: "志愿者马甲、饮用水"}
DESCRIPTION = "活动前十分钟集合，由队长讲解安全注意事项后分组开展。"
CANCEL_REASON = "天气预警，活动取消，改期另行通知。"


@dataclass(slots=True)
class EventPlan:
    id: int
    team: TeamPlan
    township: int
    kind: str
    starts: datetime
    ends: datetime
    members_only: bool
    cancelled: bool
    capacity: int = 0
    records: int = 0
    confirmed: int = 0
    waitlisted: int = 0
    withdrawn: int = 0  # sign-ups cancelled by the volunteer

    def pool(self, volunteers: Volunteers) -> int:
        """How many different people could sign up."""
        return len(self.team.members) if self.members_only else volunteers.count

    def is_past(self, now) -> bool:
        return self.ends < now

    def takes_records(self, now) -> bool:
        return self.is_past(now) and not self.cancelled


def _start(rng, today, zone) -> datetime:
    day = today + timedelta(days=rng.randint(-PAST_DAYS, AHEAD_DAYS))
    return datetime.combine(day, time(rng.choice(HOURS)), tzinfo=zone)


def events_plan(*, count, teams, places: Places, first_id, now, rng) -> list[EventPlan]:
    """Events of approved teams (bigger teams hold more), numbered in date order."""
    hosts = [t for t in teams if t.approved] or teams
    cum, total = [], 0
    for team in hosts:
        total += len(team.members)
        cum.append(total)
    zone, today = timezone.get_current_timezone(), timezone.localdate(now)
    kinds = list(EventKind.values)
    events = []
    for team in rng.choices(hosts, cum_weights=cum, k=count):
        starts = _start(rng, today, zone)
        here = places.by_county[team.county_id]
        township = team.township if rng.random() < 0.65 else rng.choice(here)
        length = rng.choices(LENGTHS, weights=LENGTH_WEIGHTS)[0]
        events.append(
            EventPlan(
                id=0,
                team=team,
                township=township,
                kind=rng.choice(kinds),
                starts=starts,
                ends=starts + timedelta(hours=length),
                members_only=rng.random() < MEMBERS_ONLY,
                cancelled=rng.random() < CANCELLED,
            )
        )
    events.sort(key=lambda e: e.starts)
    for n, event in enumerate(events):
        event.id = first_id + n
    return events


def records_allocate(events: list[EventPlan], total: int, volunteers: Volunteers, now, rng):
    """Share ``total`` service records among past events, by chance, never beyond who could come."""
    past = [e for e in events if e.takes_records(now)]
    caps = [e.pool(volunteers) for e in past]
    if sum(caps) < total:
        raise ScaleError(
            f"{total:,} service records do not fit: the {len(past):,} past events can take at "
            f"most {sum(caps):,} (one per volunteer and event). Ask for more --events or "
            "--volunteers, or fewer --records."
        )
    weights = [rng.uniform(0.3, 1.7) for _ in past]
    left, open_ = total, [i for i in range(len(past)) if caps[i]]
    while left and open_:
        share = sum(weights[i] for i in open_)
        given = 0
        for i in open_:
            extra = min(caps[i] - past[i].records, int(left * weights[i] / share))
            past[i].records += extra
            given += extra
        if not given:  # fewer records left than events: one each, in a random order
            for i in rng.sample(open_, min(left, len(open_))):
                past[i].records += 1
                given += 1
        left -= given
        open_ = [i for i in open_ if past[i].records < caps[i]]


def signups_settle(event: EventPlan, volunteers: Volunteers, now, rng) -> None:
    """Places, waiting list and cancelled sign-ups, within capacity and the pool of people."""
    pool = event.pool(volunteers)
    if event.takes_records(now):
        confirmed = event.records + round(event.records * rng.uniform(0.03, 0.12))
    else:
        event.capacity = rng.randint(10, 150)
        confirmed = round(event.capacity * rng.uniform(0.15, 1.0))
    confirmed = min(confirmed, pool)
    full = confirmed > 0 and rng.random() < FULL
    if event.takes_records(now):
        spare = 0 if full else rng.randint(1, max(1, confirmed // 4))
        event.capacity = confirmed + spare if confirmed else rng.randint(10, 60)
    elif full:
        event.capacity = confirmed
    event.confirmed = confirmed
    event.waitlisted = min(
        rng.randint(1, 8) if event.capacity == confirmed else 0, pool - confirmed
    )
    room = pool - confirmed - event.waitlisted
    event.withdrawn = min(round(confirmed * rng.uniform(0, 0.1)), room)


def events_write(writer, events: list[EventPlan], places: Places, *, now, rng) -> None:
    columns = [
        "id", "team", "title", "kind", "description", "township", "lat", "lon",
        "meeting_point", "what_to_bring", "starts_at", "ends_at", "signup_deadline",
        "capacity", "places_taken", "waitlist_length", "visibility", "status",
        "cancel_reason", "created_by", "created_at", "updated_at",
    ]  # fmt: skip

    def rows():
        for event in events:
            place = places.townships[event.township]
            lat = lon = None
            if place.lat is not None and place.lon is not None:
                lat = round(place.lat + rng.uniform(-0.02, 0.02), 6)
                lon = round(place.lon + rng.uniform(-0.02, 0.02), 6)
            created = min(now, event.starts - timedelta(days=rng.uniform(7, 30)))
            yield (
                event.id, event.team.id, TITLES[event.kind].format(place=place.name), event.kind,
                DESCRIPTION, place.id, lat, lon, f"{place.name}政府门口", BRING[event.kind],
                event.starts, event.ends, event.starts - timedelta(days=1),
                event.capacity, event.confirmed, event.waitlisted,
                Visibility.MEMBERS if event.members_only else Visibility.PUBLIC,
                EventStatus.CANCELLED if event.cancelled else EventStatus.SCHEDULED,
                CANCEL_REASON if event.cancelled else "", event.team.leader, created, created,
            )  # fmt: skip

    writer.copy(Event, columns, rows(), total=len(events))
