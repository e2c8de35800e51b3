"""``scale_load``: plan, write, count and total a seed-scale data set in one transaction.

Nothing is half-saved: a run that fails (or is interrupted) rolls back whole,
leaving only gaps in the id sequences behind.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from portal.pagecache.tags import tags_touch
from volunteers.events.models import Event, Signup
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport, ActivityTotals
from volunteers.participation.models.rollups import (
    HoursByCounty,
    HoursByMonth,
    HoursByTeam,
    HoursByTownship,
    HoursByVolunteer,
)
from volunteers.participation.services.rollups import rollups_rebuild
from volunteers.people.models import VolunteerProfile
from volunteers.scale.constraints import bulk_mode
from volunteers.scale.copying import CopyWriter, StepTiming
from volunteers.scale.events import events_plan, events_write, records_allocate, signups_settle
from volunteers.scale.people import places_load, volunteers_plan, volunteers_write
from volunteers.scale.records import records_write, reports_write
from volunteers.scale.removal import scale_data_exists, scale_data_remove
from volunteers.scale.signups import signups_write
from volunteers.scale.sizes import SCALE_PREFIX, ScaleError, ScaleSizes
from volunteers.scale.teams import memberships_plan, memberships_write, teams_plan, teams_write
from volunteers.teams.models import Membership, Team

COPIED = (
    get_user_model(), VolunteerProfile, Team, Membership, Event, Signup, ActivityReport,
    ServiceRecord,
)  # fmt: skip
WRITTEN = (
    *COPIED, HoursByVolunteer, HoursByTeam, HoursByTownship, HoursByCounty, HoursByMonth,
    ActivityTotals,
)  # fmt: skip


@dataclass
class LoadSummary:
    timings: list[StepTiming]
    seconds: float
    removed: dict[str, int]
    database_size: str


def _check_database() -> None:
    if connection.vendor != "postgresql":
        raise ScaleError(
            "load_scale needs PostgreSQL: it writes through PostgreSQL's COPY and its "
            f"sequences, and this database is {connection.vendor}. Set DATABASE_URL to a "
            "PostgreSQL database."
        )


def _plan(writer: CopyWriter, sizes: ScaleSizes, *, seed: int, now):
    def rng(part: str) -> random.Random:
        # Each part draws from its own stream, so changing one leaves the others as they were.
        return random.Random(f"{seed}:{part}")

    places = places_load()
    first_user = writer.reserve_ids(get_user_model(), sizes.volunteers)
    volunteers = volunteers_plan(
        count=sizes.volunteers, places=places, first_id=first_user, rng=rng("volunteers")
    )
    teams = teams_plan(
        count=sizes.teams, places=places, first_id=writer.reserve_ids(Team, sizes.teams),
        rng=rng("teams"),
    )  # fmt: skip
    memberships_plan(teams, volunteers, places, rng("memberships"))
    events = events_plan(
        count=sizes.events, teams=teams, places=places,
        first_id=writer.reserve_ids(Event, sizes.events), now=now, rng=rng("events"),
    )  # fmt: skip
    records_allocate(events, sizes.records, volunteers, now, rng("allocation"))
    settle = rng("signups-settle")
    for event in events:
        signups_settle(event, volunteers, now, settle)
    return places, volunteers, teams, events


def _write(writer: CopyWriter, sizes: ScaleSizes, *, seed: int, now) -> None:
    with writer.step("planning"):
        places, volunteers, teams, events = _plan(writer, sizes, seed=seed, now=now)
    rng = random.Random(f"{seed}:rows")
    volunteers_write(writer, volunteers, places, now=now, rng=rng)
    teams_write(writer, teams, places, now=now, rng=rng)
    memberships_write(writer, teams, now=now, rng=rng)
    events_write(writer, events, places, now=now, rng=rng)
    attendees = signups_write(writer, events, volunteers, now=now, rng=rng)
    reports_write(writer, events, places, now=now, rng=rng)
    records_write(writer, events, attendees, places, now=now, rng=rng)


def _levels_announced() -> None:
    # As in the demo: the generated volunteers' star levels count as already told.
    HoursByVolunteer.objects.filter(
        user__username__startswith=SCALE_PREFIX, star_level__gt=F("announced_level")
    ).update(announced_level=F("star_level"))


def _statistics(writer: CopyWriter) -> None:
    """Fresh planner statistics; outside a transaction also VACUUM, which sets the
    visibility map (index-only scans) and makes the rows a --replace removed reusable."""
    verb = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with writer.step(verb), connection.cursor() as cursor:
        for model in WRITTEN:
            cursor.execute(f"{verb} {connection.ops.quote_name(model._meta.db_table)}")


def scale_load(
    *,
    sizes: ScaleSizes,
    seed: int = 2026,
    replace: bool = False,
    progress: bool | None = None,
    say: Callable[[str], None] = print,
) -> LoadSummary:
    """Build the data set; refuses if one is there already unless ``replace``."""
    _check_database()
    started, now = time.monotonic(), timezone.now()
    writer = CopyWriter(progress=progress, say=say)
    removed = {}
    with transaction.atomic():
        earlier = scale_data_exists()
        if earlier and not replace:
            raise ScaleError(
                f"This database already holds scale data (accounts named {SCALE_PREFIX}…). "
                "Pass --replace to remove it and load it again."
            )
        with bulk_mode(COPIED, restored=writer.step("indexes built, foreign keys checked")):
            if earlier:
                with writer.step("removing the earlier scale data"):
                    removed = scale_data_remove()
            _write(writer, sizes, seed=seed, now=now)
        with writer.step("rollups and activity totals"):
            rollups_rebuild()
            _levels_announced()
    _statistics(writer)
    # COPY sends no signals: every page and map showing events, teams or figures is stale.
    tags_touch("events", "teams", "figures")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        (size,) = cursor.fetchone()
    return LoadSummary(writer.timings, time.monotonic() - started, removed, size)
