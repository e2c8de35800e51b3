"""Totals of approved hours, kept as rollup rows so pages never scan the records.

``rollups_apply`` adds one record's change to every rollup in the caller's
transaction; ``rollups_rebuild`` checks all of them against a recount of the
approved records and corrects them, in small transactions that approvals never
wait behind for long (the ``rebuild_rollups`` command and the nightly beat task).
"""

import datetime
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, F, Max, Min, Q, Sum
from django.db.models.functions import Round, TruncMonth

from portal.pagecache.tags import tag_versions, tags_touch
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.models.reports import ActivityReport, ActivityTotals, TotalsScope
from volunteers.participation.models.rollups import (
    HoursByCounty,
    HoursByMonth,
    HoursByTeam,
    HoursByTownship,
    HoursByVolunteer,
)
from volunteers.participation.stars import star_level
from volunteers.places.models import County, Township
from volunteers.teams.models import Team

BATCH_SIZE = 5000


def _bump(model, key: dict, hours: Decimal, records: int) -> None:
    """Add to one rollup row, creating it when missing; correct under concurrent approvals.

    The UPDATE takes the row lock, so two approvals touching the same team
    queue up instead of overwriting each other's totals.
    """
    # SQLite adds decimals as floats; rounding stops 2.01 - 2.00 - 0.01 drifting below zero.
    values = {
        "approved_hours": Round(F("approved_hours") + hours, 2),
        "records": F("records") + records,
    }
    if model.objects.filter(**key).update(**values):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, approved_hours=hours, records=records)
            return
    except IntegrityError:
        # Another transaction created the row meanwhile; it has committed by now.
        pass
    if not model.objects.filter(**key).update(**values):
        raise IntegrityError(f"{model.__name__} {key}: cannot apply {hours} h / {records}")


FIGURES_TAG = "figures"


def approved_figures_version() -> str:
    """Moves on whenever approved hours or reports change (for caches of figures)."""
    return tag_versions([FIGURES_TAG])[FIGURES_TAG]


def _approved_figures_changed() -> None:
    tags_touch(FIGURES_TAG)


def rollups_apply(*, record: ServiceRecord, hours: Decimal, records: int) -> HoursByVolunteer:
    """Add ``hours`` and ``records`` (either may be negative) for ``record`` everywhere.

    The caller holds the record's lock and its transaction. Returns the
    volunteer's rollup row, locked, with ``star_level`` brought up to date.
    """
    hours = Decimal(hours)
    county_id = Township.objects.values_list("county_id", flat=True).get(pk=record.township_id)
    month = record.date.replace(day=1)
    # Always the same order, so concurrent approvals cannot deadlock on rollup rows.
    _bump(HoursByVolunteer, {"user_id": record.volunteer_id}, hours, records)
    if record.team_id is not None:
        _bump(HoursByTeam, {"team_id": record.team_id}, hours, records)
    _bump(HoursByTownship, {"township_id": record.township_id}, hours, records)
    _bump(HoursByCounty, {"county_id": county_id}, hours, records)
    _bump(HoursByMonth, {"month": month, "team_id": None, "county_id": None}, hours, records)
    if record.team_id is not None:
        _bump(HoursByMonth, {"month": month, "team_id": record.team_id}, hours, records)
    _bump(HoursByMonth, {"month": month, "county_id": county_id}, hours, records)

    _approved_figures_changed()

    total = HoursByVolunteer.objects.select_for_update().get(user_id=record.volunteer_id)
    level = star_level(total.approved_hours)
    if level != total.star_level:
        total.star_level = level
        total.save(update_fields=["star_level"])
    return total


def _report_scopes(report: ActivityReport) -> list[tuple[str, int]]:
    county_id = Township.objects.values_list("county_id", flat=True).get(pk=report.township_id)
    return [
        (TotalsScope.CITY, 0),
        (TotalsScope.COUNTY, county_id),
        (TotalsScope.TOWNSHIP, report.township_id),
        (TotalsScope.TEAM, report.team_id),
    ]


def activity_totals_apply(*, report: ActivityReport) -> None:
    """Add an approved report's figures to the city's, its county's, township's and team's."""
    _approved_figures_changed()
    values = {name: getattr(report, name) for name in ActivityTotals.FIGURES if name != "reports"}
    values["reports"] = 1
    for scope, key in _report_scopes(report):  # always this order: no deadlocks
        updated = ActivityTotals.objects.filter(scope=scope, key=key).update(
            **{name: F(name) + value for name, value in values.items()}
        )
        if updated:
            continue
        try:
            with transaction.atomic():
                ActivityTotals.objects.create(scope=scope, key=key, **values)
        except IntegrityError:
            ActivityTotals.objects.filter(scope=scope, key=key).update(
                **{name: F(name) + value for name, value in values.items()}
            )


# --- The rebuild ------------------------------------------------------------------------
#
# Approvals go on while the rollups are checked: the rebuild never locks a
# table, an approval waits at most for one chunk's recount, and the rebuild
# gives way to approvals. It walks each table in chunks of keys (about
# ``RECORDS_PER_CHUNK`` approved records each), one short transaction per
# chunk that
#
# 1. locks the chunk's rollup rows, SELECT … FOR UPDATE SKIP LOCKED: a row held
#    by an approval in progress is skipped ("busy") and checked again at the end;
# 2. recounts those keys from the approved records. Under READ COMMITTED this
#    statement starts after the locks are granted, so it sees every approval
#    committed before them; an approval still to come waits for the row and
#    adds its change after the rebuild's write, on top of the right figure;
# 3. rewrites the locked rows whose figures differ, and zeroes those left
#    without approved records. Rows are never deleted: a volunteer's
#    ``announced_level`` stays, so a rebuild never announces a star level again
#    (it sends no mail at all).
#
# Busy chunks are checked again once the others are done, up to ``RETRIES``
# times; then the lock statement waits for the rows, but never longer than
# ``RETRY_WAIT`` (a statement timeout), and a chunk still held is left for the
# next rebuild and reported.
#
# A key with approved records but no row cannot be locked. Its row is created
# empty in a transaction of its own (INSERT … ON CONFLICT DO NOTHING, the same
# rule ``_bump`` relies on) that waits at most ``LOCK_WAIT`` for an approval
# creating the same row; then the chunk is checked again, which locks the new
# row and writes its figures. An approval that created the row meanwhile has
# committed, and the recount sees it.
#
# Both waits are far below PostgreSQL's ``deadlock_timeout`` (1 s). An approval
# bumps one row per kind, but a report's approval bumps several volunteers'
# rows in its own order; should it ever wait for a row the rebuild has just
# locked or created while the rebuild waits for one of its rows, the rebuild
# gives way long before the deadlock check runs, so an approval is never the
# transaction PostgreSQL cancels.
#
# SQLite has no row locks and lets one writer in at a time; the same steps run
# there one after the other.

RECORDS_PER_CHUNK = 20_000
# Both far below PostgreSQL's deadlock_timeout (1 s): see above.
LOCK_WAIT = "100ms"
RETRY_WAIT = "200ms"
RETRIES = 2
MONTHS = "months"
TABLES = ("volunteer", "team", "township", "county", "month", "activities")


@dataclass(frozen=True)
class _Figures:
    """What a rollup sums, and from which rows."""

    model: type
    fields: tuple[str, ...]
    count: str  # the field that counts source rows

    def source(self):
        if self.model is ActivityTotals:
            return ActivityReport.objects.approved().order_by()
        return ServiceRecord.objects.filter(status=RecordStatus.APPROVED).order_by()

    def sums(self) -> dict:
        if self.model is ActivityTotals:
            sums = {name: Sum(name) for name in self.fields if name != self.count}
        else:
            sums = {"approved_hours": Sum("hours")}
        return {**sums, self.count: Count("pk")}

    def values(self, row: dict) -> tuple:
        """The figures in the stored form: decimals at the field's places, no NULLs."""
        values = []
        for name in self.fields:
            field, value = self.model._meta.get_field(name), row[name] or 0
            if field.get_internal_type() == "DecimalField":
                places = Decimal(1).scaleb(-field.decimal_places)
                value = Decimal(value).quantize(places, rounding=ROUND_HALF_UP)
            values.append(value)
        return tuple(values)

    def zero(self) -> tuple:
        return self.values(dict.fromkeys(self.fields, 0))


HOURS = _Figures(HoursByVolunteer, ("approved_hours", "records"), "records")
ACTIVITIES = _Figures(ActivityTotals, ActivityTotals.FIGURES, "reports")


@dataclass(frozen=True)
class _Grain:
    """One kind of rollup row: its key on the row and in the source, and how chunks walk it.

    A chunk is a range [lo, hi) over ``row_walk`` on the rollup rows and over
    ``source_walk`` on the source rows; ``walk`` gives the range bounds: the
    ids of a model, the months, or None for a single row (the city).
    """

    table: str
    model: type
    figures: _Figures
    keys: tuple[str, ...]
    source_keys: tuple[str, ...]
    walk: object
    row_walk: str = ""
    source_walk: str = ""
    row_filter: Q = field(default_factory=Q)
    source_filter: Q = field(default_factory=Q)
    constants: dict = field(default_factory=dict)
    stars: bool = False

    @property
    def stored(self) -> tuple[str, ...]:
        return (*self.figures.fields, "star_level") if self.stars else self.figures.fields

    def changes(self, stored: tuple, counted: tuple) -> dict:
        wanted = dict(zip(self.figures.fields, counted, strict=True))
        if self.stars:
            wanted["star_level"] = star_level(wanted["approved_hours"])
        current = dict(zip(self.stored, stored, strict=True))
        return {name: value for name, value in wanted.items() if current[name] != value}


def _grains() -> tuple[_Grain, ...]:
    from django.contrib.auth import get_user_model

    on_team = Q(team__isnull=False)
    city, county, township, team = (
        TotalsScope.CITY,
        TotalsScope.COUNTY,
        TotalsScope.TOWNSHIP,
        TotalsScope.TEAM,
    )
    return (
        _Grain(
            "volunteer",
            HoursByVolunteer,
            HOURS,
            ("user_id",),
            ("volunteer_id",),
            get_user_model(),
            "user_id",
            "volunteer_id",
            stars=True,
        ),
        _Grain(
            "team",
            HoursByTeam,
            HOURS,
            ("team_id",),
            ("team_id",),
            Team,
            "team_id",
            "team_id",
            source_filter=on_team,
        ),
        _Grain(
            "township",
            HoursByTownship,
            HOURS,
            ("township_id",),
            ("township_id",),
            Township,
            "township_id",
            "township_id",
        ),
        _Grain(
            "county",
            HoursByCounty,
            HOURS,
            ("county_id",),
            ("township__county_id",),
            County,
            "county_id",
            "township__county_id",
        ),
        _Grain(
            "month",
            HoursByMonth,
            HOURS,
            ("month",),
            ("m",),
            MONTHS,
            "month",
            "date",
            row_filter=Q(team__isnull=True, county__isnull=True),
        ),
        _Grain(
            "month",
            HoursByMonth,
            HOURS,
            ("month", "team_id"),
            ("m", "team_id"),
            Team,
            "team_id",
            "team_id",
            row_filter=on_team,
            source_filter=on_team,
        ),
        _Grain(
            "month",
            HoursByMonth,
            HOURS,
            ("month", "county_id"),
            ("m", "township__county_id"),
            County,
            "county_id",
            "township__county_id",
            row_filter=Q(county__isnull=False),
        ),
        _Grain(
            "activities",
            ActivityTotals,
            ACTIVITIES,
            ("key",),
            (),
            None,
            row_filter=Q(scope=city),
            constants={"scope": city},
        ),
        *(
            _Grain(
                "activities",
                ActivityTotals,
                ACTIVITIES,
                ("key",),
                (source,),
                walk,
                "key",
                source,
                row_filter=Q(scope=scope),
                constants={"scope": scope},
            )
            for scope, source, walk in (
                (county, "township__county_id", County),
                (township, "township_id", Township),
                (team, "team_id", Team),
            )
        ),
    )


@dataclass
class RebuildProgress:
    """How far the rebuild of one table is, told to ``on_chunk`` after every chunk.

    ``chunks_total`` is an estimate made when the table is started; ``finished``
    is set on one last call once the table's chunks are all done.
    """

    table: str
    chunks_done: int
    chunks_total: int
    checked: int
    corrected: int
    busy: int
    finished: bool = False


@dataclass
class _Checked:
    checked: int = 0
    corrected: int = 0
    busy: int = 0


def _range(name: str, lo, hi) -> Q:
    q = Q()
    if lo is not None:
        q &= Q(**{f"{name}__gte": lo})
    if hi is not None:
        q &= Q(**{f"{name}__lt": hi})
    return q


def _recount(grain: _Grain, lo, hi) -> dict[tuple, tuple]:
    source = grain.figures.source().filter(grain.source_filter)
    if grain.source_walk:
        source = source.filter(_range(grain.source_walk, lo, hi))
    if "m" in grain.source_keys:
        source = source.annotate(m=TruncMonth("date"))
    if grain.source_keys:
        rows = source.values(*grain.source_keys).annotate(**grain.figures.sums()).order_by()
        keyed = ((tuple(row[name] for name in grain.source_keys), row) for row in rows)
    else:
        keyed = [((0,), source.aggregate(**grain.figures.sums()))]
    return {key: grain.figures.values(row) for key, row in keyed if row[grain.figures.count]}


def _check_locked(grain: _Grain, lo, hi, *, wait: bool = False) -> tuple[_Checked, set]:
    """Steps 1-3 for one chunk; also the keys that have approved records but no row.

    With ``wait`` (the retries) rows held by approvals are waited for, for at
    most ``RETRY_WAIT`` in all.
    """
    with transaction.atomic():
        rows = grain.model.objects.filter(grain.row_filter)
        if grain.row_walk:
            rows = rows.filter(_range(grain.row_walk, lo, hi))
        width = len(grain.keys)
        lock = rows.select_for_update(skip_locked=not wait).order_by(*grain.keys)
        with _setting("statement_timeout", RETRY_WAIT if wait else None):
            locked = {
                values[:width]: values[width:]
                for values in lock.values_list(*grain.keys, *grain.stored)
            }
        visible = set(rows.values_list(*grain.keys))
        counted = _recount(grain, lo, hi)
        zero = grain.figures.zero()
        corrected = 0
        for key, stored in locked.items():
            changes = grain.changes(stored, counted.get(key, zero))
            if changes:
                rows.filter(**dict(zip(grain.keys, key, strict=True))).update(**changes)
                corrected += 1
    result = _Checked(len(visible | counted.keys()), corrected, len(visible - locked.keys()))
    return result, counted.keys() - visible


@contextmanager
def _setting(name: str, value: str | None):
    """A PostgreSQL setting for the statements inside, in the current transaction only."""
    if value is None or connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s)", [name])
        (previous,) = cursor.fetchone()
        cursor.execute("SELECT set_config(%s, %s, true)", [name, value])
    yield
    # Restored for the rest of an enclosing transaction; after an error the
    # rollback restores it.
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [name, previous])


def _gave_way(error: OperationalError) -> bool:
    """The rebuild stopped waiting for an approval (lock_timeout or statement_timeout)."""
    return getattr(error.__cause__, "sqlstate", None) in ("55P03", "57014")


def _create_empty(grain: _Grain, keys: set) -> bool:
    """Empty rows for ``keys``; False if an approval held one of them longer than LOCK_WAIT."""
    rows = [
        grain.model(**grain.constants, **dict(zip(grain.keys, key, strict=True)))
        for key in sorted(keys)
    ]
    try:
        with transaction.atomic(), _setting("lock_timeout", LOCK_WAIT):
            grain.model.objects.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)
    except OperationalError as error:
        if not _gave_way(error):
            raise
        return False
    return True


def _check(grain: _Grain, lo, hi, *, wait: bool = False) -> _Checked:
    result, missing = _check_locked(grain, lo, hi, wait=wait)
    if missing:
        if _create_empty(grain, missing):
            again, still_missing = _check_locked(grain, lo, hi, wait=wait)
            result.corrected += again.corrected
            result.busy = again.busy + len(still_missing)
        else:
            result.busy += len(missing)
    return result


def _months() -> list:
    """Every month from the first to the last that has approved hours or a month rollup."""
    records = ServiceRecord.objects.filter(status=RecordStatus.APPROVED).aggregate(
        low=Min("date"), high=Max("date")
    )
    rows = HoursByMonth.objects.aggregate(low=Min("month"), high=Max("month"))
    lows = [value for value in (records["low"], rows["low"]) if value]
    highs = [value for value in (records["high"], rows["high"]) if value]
    if not lows:
        return []
    month, last, months = min(lows).replace(day=1), max(highs), []
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _chunks(grain: _Grain, per_chunk: int, months: list):
    """How many chunks, and the [lo, hi) bounds of each (None: open-ended)."""
    if grain.walk is None:
        return 1, iter([(None, None)])
    if grain.walk == MONTHS:
        starts = months[per_chunk::per_chunk]
        return len(starts) + 1, zip([None, *starts], [*starts, None], strict=True)
    ids = grain.walk.objects.order_by("pk").values_list("pk", flat=True)

    def bounds():
        lo = None
        while True:
            rest = ids if lo is None else ids.filter(pk__gte=lo)
            hi = next(iter(rest[per_chunk : per_chunk + 1]), None)
            yield lo, hi
            if hi is None:
                return
            lo = hi

    return max(1, -(-grain.walk.objects.count() // per_chunk)), bounds()


def _keys_per_chunk(grain: _Grain, records_per_chunk: int, sources: dict, months: list) -> int:
    if grain.walk is None:
        return 1
    keys = len(months) if grain.walk == MONTHS else grain.walk.objects.count()
    return max(1, records_per_chunk * keys // max(1, sources[grain.figures]))


def rollups_rebuild(
    *,
    records_per_chunk: int = RECORDS_PER_CHUNK,
    on_chunk: Callable[[RebuildProgress], None] | None = None,
) -> dict[str, dict[str, int]]:
    """Check every rollup against a recount of the approved records and correct it.

    Approvals carry on meanwhile (see above). Returns, per table, how many
    rows were ``checked``, how many were ``corrected`` (figures rewritten,
    including rows that were missing), and how many were ``busy`` (held by
    approvals in progress through every retry; the next rebuild checks them).
    ``on_chunk`` is called after each chunk has committed, outside any
    transaction, and once more when a table is finished: the command shows
    progress with it, and tests use it to act at a known point of a rebuild.
    """
    grains = _grains()
    months = _months()
    sources = {HOURS: HOURS.source().count(), ACTIVITIES: ACTIVITIES.source().count()}
    report = {table: {"checked": 0, "corrected": 0, "busy": 0} for table in TABLES}
    busy_chunks: dict[tuple, int] = {}
    for table in TABLES:
        plan, chunks_total = [], 0
        for index, grain in enumerate(grains):
            if grain.table != table:
                continue
            per_chunk = _keys_per_chunk(grain, records_per_chunk, sources, months)
            count, chunks = _chunks(grain, per_chunk, months)
            plan.append((index, grain, chunks))
            chunks_total += count
        counts, done = report[table], 0
        for index, grain, chunks in plan:
            for lo, hi in chunks:
                result = _check(grain, lo, hi)
                counts["checked"] += result.checked
                counts["corrected"] += result.corrected
                counts["busy"] += result.busy
                if result.busy:
                    busy_chunks[index, lo, hi] = result.busy
                done += 1
                if on_chunk is not None:
                    on_chunk(RebuildProgress(table, done, max(done, chunks_total), **counts))
        if on_chunk is not None:
            on_chunk(RebuildProgress(table, done, done, **counts, finished=True))
    for _round in range(RETRIES):
        for (index, lo, hi), busy in list(busy_chunks.items()):
            grain = grains[index]
            try:
                result = _check(grain, lo, hi, wait=True)
            except OperationalError as error:
                if not _gave_way(error):
                    raise
                continue  # still held: left for the next rebuild
            report[grain.table]["corrected"] += result.corrected
            report[grain.table]["busy"] += result.busy - busy
            if result.busy:
                busy_chunks[index, lo, hi] = result.busy
            else:
                del busy_chunks[index, lo, hi]
    if any(counts["corrected"] for counts in report.values()):
        _approved_figures_changed()
    return report
