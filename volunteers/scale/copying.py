"""Rows into PostgreSQL through COPY, with ids taken from the tables' own sequences.

Ids are reserved up front (the sequence is moved past the block), so rows can
refer to each other before they are written and ordinary inserts made later
never collide with them.
"""

import sys
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from tqdm import tqdm

PROGRESS_EVERY = 10_000  # rows between progress-bar updates


@dataclass
class StepTiming:
    label: str
    rows: int | None
    seconds: float


class CopyWriter:
    """Writes tables through one connection and keeps what each step took."""

    def __init__(self, *, progress: bool | None, say: Callable[[str], None]):
        # tqdm's None means "only on a terminal", so logs and tests get plain lines.
        self.progress = progress
        self.say = say
        self.timings: list[StepTiming] = []

    @staticmethod
    def _table(model) -> str:
        return connection.ops.quote_name(model._meta.db_table)

    def reserve_ids(self, model, count: int) -> int:
        """Move the model's id sequence past ``count`` new ids; returns the first of them."""
        table = model._meta.db_table
        column = model._meta.pk.column
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, column])
            (sequence,) = cursor.fetchone()
            highest = f"SELECT COALESCE(MAX({connection.ops.quote_name(column)}), 0)"
            cursor.execute(
                f"SELECT GREATEST(({highest} FROM {self._table(model)}), "  # noqa: S608
                f"(SELECT last_value FROM {sequence}))"
            )
            (last,) = cursor.fetchone()
            if count:
                cursor.execute("SELECT setval(%s, %s)", [sequence, last + count])
        return last + 1

    def copy(self, model, columns: list[str], rows: Iterable[tuple], *, total: int) -> int:
        """Stream ``rows`` (values in ``columns`` order, by field name) into the model's table."""
        label = model._meta.db_table
        names = ", ".join(
            connection.ops.quote_name(model._meta.get_field(name).column) for name in columns
        )
        started, written = time.monotonic(), 0
        bar = tqdm(
            total=total,
            desc=label,
            unit=" rows",
            unit_scale=True,
            disable=None if self.progress is None else not self.progress,
            file=sys.stderr,
            leave=False,
            mininterval=0.5,
        )
        with connection.cursor() as cursor, bar:
            with cursor.cursor.copy(f"COPY {self._table(model)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
                    if written % PROGRESS_EVERY == 0:
                        bar.update(PROGRESS_EVERY)
            bar.update(written % PROGRESS_EVERY)
        self._done(label, written, started)
        return written

    @contextmanager
    def step(self, label: str):
        """Time a step that is not a COPY (recounts, rollups, ANALYZE)."""
        started = time.monotonic()
        self.say(f"{label} …")
        yield
        self._done(label, None, started)

    def _done(self, label: str, rows: int | None, started: float) -> None:
        timing = StepTiming(label, rows, time.monotonic() - started)
        self.timings.append(timing)
        counted = f"{rows:,} rows, " if rows is not None else ""
        self.say(f"  {label}: {counted}{timing.seconds:.1f} s")
