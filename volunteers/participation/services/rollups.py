"""Totals of approved hours and report figures, kept as rollup rows so pages never
scan the records, and their rebuild.

Approvals change the rollups in their own transaction (``rollup_apply``).
``rollups_rebuild`` checks every rollup against a recount of the approved
records and reports and corrects it, while approvals carry on (the
``rebuild_rollups`` command and the nightly beat task); how it stays out of
the approvals' way is told below. Pages that cache figures follow
``approved_figures_version``.
"""

import datetime
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import OperationalError, connection, transaction
from django.db.models import Max, Min, Q
from django.db.models.functions import TruncMonth

from portal.pagecache.tags import tag_versions, tags_touch
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.models.rollups import HoursByMonth
from volunteers.participation.services.rollup_grains import (
    ACTIVITIES,
    HOURS,
    MONTHS,
    TABLES,
    RollupGrain,
    rollup_grains,
)

FIGURES_TAG = "figures"


def approved_figures_version() -> str:
    """Moves on whenever approved hours or reports change (for caches of figures)."""
    return tag_versions([FIGURES_TAG])[FIGURES_TAG]


def approved_figures_changed() -> None:
    """Move ``approved_figures_version`` on (after a change, or a rebuild that corrected one)."""
    tags_touch(FIGURES_TAG)


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
# rule ``rollup_apply`` relies on) that waits at most ``LOCK_WAIT`` for an approval
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
BATCH_SIZE = 5000


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


def _recount(grain: RollupGrain, lo, hi) -> dict[tuple, tuple]:
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


def _check_locked(grain: RollupGrain, lo, hi, *, wait: bool = False) -> tuple[_Checked, set]:
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


def _create_empty(grain: RollupGrain, keys: set) -> bool:
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


def _check(grain: RollupGrain, lo, hi, *, wait: bool = False) -> _Checked:
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


def _chunks(grain: RollupGrain, per_chunk: int, months: list):
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


def _keys_per_chunk(grain: RollupGrain, records_per_chunk: int, sources: dict, months: list) -> int:
    if grain.walk is None:
        return 1
    keys = len(months) if grain.walk == MONTHS else grain.walk.objects.count()
    return max(1, records_per_chunk * keys // max(1, sources[grain.figures]))


def _table_plan(table: str, grains, records_per_chunk: int, sources: dict, months: list):
    """The grains of ``table`` with their chunks, and about how many chunks in all."""
    plan, chunks_total = [], 0
    for index, grain in enumerate(grains):
        if grain.table != table:
            continue
        per_chunk = _keys_per_chunk(grain, records_per_chunk, sources, months)
        count, chunks = _chunks(grain, per_chunk, months)
        plan.append((index, grain, chunks))
        chunks_total += count
    return plan, chunks_total


def _table_check(table: str, plan, chunks_total: int, counts: dict, busy_chunks: dict, on_chunk):
    """Check every chunk of one table once, noting the chunks left busy."""
    done = 0
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


def _busy_retry(grains, busy_chunks: dict, report: dict) -> None:
    """One more pass over the busy chunks, waiting a little for the rows this time."""
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
    grains = rollup_grains()
    months = _months()
    sources = {HOURS: HOURS.source().count(), ACTIVITIES: ACTIVITIES.source().count()}
    report = {table: {"checked": 0, "corrected": 0, "busy": 0} for table in TABLES}
    busy_chunks: dict[tuple, int] = {}
    for table in TABLES:
        plan, chunks_total = _table_plan(table, grains, records_per_chunk, sources, months)
        _table_check(table, plan, chunks_total, report[table], busy_chunks, on_chunk)
    for _round in range(RETRIES):
        _busy_retry(grains, busy_chunks, report)
    if any(counts["corrected"] for counts in report.values()):
        approved_figures_changed()
    return report
