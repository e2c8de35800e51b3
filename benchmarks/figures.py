"""The benchmark's "other figures": costs that are not a page view.

    python benchmarks/figures.py export     (run by bench.py, one step per process)

Each step is a function here, registered in ``STEPS`` with a title; bench.py
runs every registered step in a fresh Python process (so one step's peak memory
cannot hide the next one's) with the production settings and the database
being measured, and reads the JSON object the step prints. A step returns
``rows`` (what it worked through), ``bytes`` (what it produced, if anything),
``check`` (a short verdict on its result) and may add ``parts`` (seconds of its
phases). This module adds the wall time and the memory:

- ``max_rss_mb``: the process's maximum resident size (``getrusage``) at the end;
- ``rss_growth_mb``: how far that rose above its value after Django had started
  and the step's modules were imported, as in benchmarks/export_memory.py.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def export_records() -> dict:
    """The background export of every service record to CSV (``export_run`` on an Export row)."""
    from volunteers.recognition.models.exports import Export, ExportFormat, ExportKind, ExportStatus
    from volunteers.recognition.services.exports.files import export_run
    from volunteers.recognition.services.exports.rows import export_count

    expected = export_count(ExportKind.RECORDS, {})
    export = Export.objects.create(kind=ExportKind.RECORDS, format=ExportFormat.CSV)
    try:
        started = time.perf_counter()
        export_run(export_id=export.pk)
        seconds = time.perf_counter() - started
        export.refresh_from_db()
        if export.status != ExportStatus.DONE:
            return {"rows": expected, "bytes": 0, "check": f"failed: {export.error}"}
        with open(export.file.path, encoding="utf-8-sig", newline="") as text:
            lines = sum(1 for _ in csv.reader(text)) - 1  # less the heading row
        # The file may end with a line of its own after the rows (a row count).
        complete = export.rows_done == expected and lines >= expected
        check = (
            f"{export.rows_done:,} of {expected:,} records written, {lines:,} CSV rows "
            f"after the heading: {'complete' if complete else 'INCOMPLETE'}"
        )
        return {
            "rows": expected,
            "bytes": export.file.size,
            "check": check,
            "parts": {"export_run": seconds},
        }
    finally:
        if export.file:
            export.file.delete(save=False)
        export.delete()


def rollups() -> dict:
    """``rollups_rebuild()``: every rollup checked against a recount of the approved records
    (as the nightly task does: the rows are already right, so this is the checking cost)."""
    from volunteers.participation.models.hours import RecordStatus, ServiceRecord
    from volunteers.participation.services.rollups import rollups_rebuild

    approved = ServiceRecord.objects.filter(status=RecordStatus.APPROVED).count()
    report = rollups_rebuild()
    return {
        "rows": approved,
        "bytes": 0,
        "check": ", ".join(
            f"{counts['checked']:,} {table} checked, {counts['corrected']:,} corrected"
            for table, counts in report.items()
        ),
    }


def event_map() -> dict:
    """The events map as /events/map/ builds it before caching: the query, then folium."""
    from django.conf import settings
    from django.utils import translation

    from volunteers.events.maps import build_event_map, event_rows
    from volunteers.events.selectors import public_event_points

    with translation.override(settings.LANGUAGE_CODE):
        started = time.perf_counter()
        points = list(public_event_points(filters={}))
        queried = time.perf_counter()
        rows = event_rows(points)
        rendered = build_event_map(rows)
        built = time.perf_counter()
    size = sum(len(part.encode()) for part in (rendered.header, rendered.html, rendered.script))
    return {
        "rows": len(points),
        "bytes": size,
        "check": f"{len(rows):,} points drawn",
        "parts": {"query": queried - started, "build": built - queried},
    }


# name → (title in docs/performance.md, function)
STEPS: dict[str, tuple[str, Callable[[], dict]]] = {
    "export": ("Background export of all service records (CSV)", export_records),
    "rollups": ("Rollup rebuild (rollups_rebuild)", rollups),
    "map": ("Events map build (query + folium)", event_map),
}


def run_step(name: str) -> dict:
    import django

    django.setup()
    from django.db import connection

    connection.ensure_connection()
    _title, step = STEPS[name]
    baseline = maxrss_mb()
    started = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - started
    return {
        **result,
        "seconds": seconds,
        "max_rss_mb": maxrss_mb(),
        "rss_growth_mb": maxrss_mb() - baseline,
    }


def main() -> None:
    if len(sys.argv) != 2 or sys.argv[1] not in STEPS:
        raise SystemExit(f"usage: figures.py {{{','.join(STEPS)}}}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    os.environ.setdefault("PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="qingshui-figures-"))
    print(json.dumps(run_step(sys.argv[1])))


if __name__ == "__main__":
    main()
