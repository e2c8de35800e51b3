"""Peak memory of the staff exports of 100,000 service records.

    .venv/bin/python benchmarks/export_memory.py
    .venv/bin/python benchmarks/export_memory.py --rows 20000
    .venv/bin/python benchmarks/export_memory.py --database-url postgres://qingshui:qingshui@127.0.0.1:5432/qingshui
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/export_memory.py --existing --no-trace

Builds a throwaway database (a temporary SQLite file, or ``test_<name>`` next
to the PostgreSQL database given, dropped afterwards), fills it with
``--rows`` approved service records (bulk_create: one county, ten townships,
twenty teams, fifty events, 2,000 volunteers), then measures, each in a fresh
Python process so one case's peak does not hide the next one's:

(a) the CSV the "Download CSV now" button streams, consumed to the end;
(b) ``export_run`` writing a CSV file into the private storage;
(c) ``export_run`` writing an Excel file (XlsxWriter's constant_memory mode);
(d) the naive way: ``list()`` of the records with the same joins.

Each file must end with its end-of-file line stating the number of rows
written, or the case fails. ``--existing`` measures the database that
``DATABASE_URL`` names as it is (for instance one filled by ``load_scale``),
without building or dropping anything; it leaves out (d), which would need
gigabytes at that size, and (c) when the records are more than one sheet
holds. ``--cases`` picks cases by name.

"traced peak" is the largest amount of memory Python objects held at once
(``tracemalloc``); "RSS growth" is how far the process's maximum resident
size (``getrusage``) rose above what it was after Django had started and the
case's modules were imported. Times are measured under tracemalloc, which
slows Python code down; they compare the cases, not production speeds.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VOLUNTEERS = 2_000
EVENTS = 50
TEAMS = 20
TOWNSHIPS = 10
CASES = {
    "stream": "(a) streamed CSV, read to the end",
    "run-csv": "(b) export_run → CSV file",
    "run-xlsx": "(c) export_run → XLSX file",
    "naive": "(d) list(queryset), model objects",
}
# Above this many records the naive case would take gigabytes: left out unless named.
NAIVE_MAX_ROWS = 200_000


def setup_django() -> None:
    # Test settings: DEBUG off (no query log growing in memory), tasks in-process.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


# --- Building the database ---------------------------------------------------------------


def fill(rows: int) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from volunteers.events.models import Event
    from volunteers.participation.models.hours import ServiceRecord
    from volunteers.people.models import VolunteerProfile
    from volunteers.places.models import County, Township
    from volunteers.teams.models import Team

    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic():
        county = County.objects.create(code="420399000000", name_zh="基准县", name_en="Bench")
        townships = Township.objects.bulk_create(
            Township(
                county=county,
                code=f"4203990{i:02d}000",
                name_zh=f"基准镇{i}",
                name_en=f"Bench town {i}",
            )
            for i in range(TOWNSHIPS)
        )
        teams = Team.objects.bulk_create(
            Team(
                name=f"基准护水队{i}",
                county=county,
                township=townships[i % TOWNSHIPS],
                description="巡河、清漂。",
                status="approved",
            )
            for i in range(TEAMS)
        )
        users = get_user_model().objects.bulk_create(
            get_user_model()(
                username=f"bench{i}", email=f"bench{i}@example.com", password=make_password(None)
            )
            for i in range(VOLUNTEERS)
        )
        VolunteerProfile.objects.bulk_create(
            VolunteerProfile(
                user=user,
                display_name=f"小水滴{i}",
                real_name=f"张{i}",
                phone=f"+86138{i:08d}",
                privacy_notice_version="2026-11",
                privacy_accepted_at=now,
            )
            for i, user in enumerate(users)
        )
        events = Event.objects.bulk_create(
            Event(
                team=teams[i % TEAMS],
                title=f"汉江巡河第{i}次",
                kind="patrol",
                township=teams[i % TEAMS].township,
                starts_at=now - datetime.timedelta(days=i + 1, hours=3),
                ends_at=now - datetime.timedelta(days=i + 1),
                signup_deadline=now - datetime.timedelta(days=i + 2),
                capacity=VOLUNTEERS,
            )
            for i in range(EVENTS)
        )
    batch = 10_000
    for start in range(0, rows, batch):
        with transaction.atomic():
            ServiceRecord.objects.bulk_create(
                (
                    ServiceRecord(
                        volunteer=users[k % VOLUNTEERS],
                        event=events[(k // VOLUNTEERS) % EVENTS],
                        team=events[(k // VOLUNTEERS) % EVENTS].team,
                        township=events[(k // VOLUNTEERS) % EVENTS].township,
                        date=today - datetime.timedelta(days=(k // VOLUNTEERS) % EVENTS + 1),
                        hours="3.00",
                        source="attendance",
                        status="approved",
                    )
                    for k in range(start, min(start + batch, rows))
                ),
                batch_size=2_000,
            )


def build(rows: int, database_url: str | None, workdir: Path) -> tuple[str, callable]:
    """Create and fill the throwaway database; its URL for the measuring processes, and a drop."""
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    setup_django()
    from django.conf import settings
    from django.db import connection

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db.setdefault("TEST", {})["NAME"] = str(workdir / "bench.sqlite3")
    started = time.perf_counter()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    migrated = time.perf_counter()
    fill(rows)
    filled = time.perf_counter()
    print(
        f"database: migrated in {migrated - started:.1f} s, {rows:,} records in "
        f"{filled - migrated:.1f} s ({connection.vendor})"
    )
    if connection.vendor == "sqlite":
        url = f"sqlite:///{name}"
    else:
        url = (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{name}"
        )
    connection.close()

    def drop():
        connection.creation.destroy_test_db(name, verbosity=0)

    return url, drop


# --- One case, in its own process -----------------------------------------------------------


def run_case(case: str, *, trace: bool = True) -> dict:
    setup_django()
    from django.db import connection

    from portal.csv_stream import end_of_file_rows
    from volunteers.participation.models.hours import ServiceRecord
    from volunteers.recognition.admin.views import export_download
    from volunteers.recognition.models.exports import Export
    from volunteers.recognition.services.exports.files import export_run

    connection.ensure_connection()
    baseline = maxrss_mb()
    size = 0
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    if case == "stream":
        last = b""
        for chunk in export_download("records", {}).streaming_content:
            size += len(chunk)
            last = chunk
        rows = end_of_file_rows(last.decode())
        assert rows == ServiceRecord.objects.count(), f"stream ended with {last!r}"
    elif case in ("run-csv", "run-xlsx"):
        export = Export.objects.create(kind="records", format=case.removeprefix("run-"))
        try:
            export_run(export_id=export.pk)
            export.refresh_from_db()
            assert export.status == "done", export.error
            rows, size = export.rows_done, export.file.size
            if case == "run-csv":
                with export.file.open("rb") as handle:
                    handle.seek(max(0, size - 200))
                    last = handle.read().decode("utf-8", "replace").splitlines()[-1]
                assert end_of_file_rows(last) == rows, f"file ended with {last!r}"
        finally:
            if export.file:
                export.file.delete(save=False)
            export.delete()
    elif case == "naive":
        records = list(
            ServiceRecord.objects.select_related(
                "volunteer__volunteer", "event", "report", "team", "township__county"
            )
        )
        rows = len(records)
    else:
        raise SystemExit(f"unknown case {case}")
    seconds = time.perf_counter() - started
    peak = None
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {
        "case": case,
        "rows": rows,
        "bytes": size,
        "seconds": seconds,
        "traced_peak_mb": peak / 2**20 if peak is not None else None,
        "rss_growth_mb": maxrss_mb() - baseline,
        "maxrss_mb": maxrss_mb(),
    }


def existing_rows() -> int:
    setup_django()
    from django.db import connection

    from volunteers.participation.models.hours import ServiceRecord

    rows = ServiceRecord.objects.count()
    print(f"database: {connection.settings_dict['NAME']}, {rows:,} records ({connection.vendor})")
    connection.close()
    return rows


def default_cases(rows: int) -> list[str]:
    from volunteers.recognition.services.exports.files import XLSX_MAX_ROWS

    cases = ["stream", "run-csv"]
    if rows <= XLSX_MAX_ROWS:
        cases.append("run-xlsx")
    if rows <= NAIVE_MAX_ROWS:
        cases.append("naive")
    return cases


def measure(case: str, url: str | None, private: Path, *, trace: bool) -> dict:
    env = {
        **os.environ,
        "PRIVATE_MEDIA_ROOT": str(private),
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    if url:
        env["DATABASE_URL"] = url
    result = subprocess.run(
        [sys.executable, __file__, "--case", case, *([] if trace else ["--no-trace"])],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"{case} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", help="a PostgreSQL server to make the database on")
    parser.add_argument(
        "--no-trace", action="store_true", help="without tracemalloc: RSS and real times only"
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="measure the database DATABASE_URL names, as it is (nothing built or dropped)",
    )
    parser.add_argument("--cases", nargs="+", choices=CASES, help="the cases to run")
    parser.add_argument("--case", choices=CASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, trace=not args.no_trace)))
        return

    with tempfile.TemporaryDirectory(prefix="qingshui-bench-") as tmp:
        workdir = Path(tmp)
        if args.existing:
            url, drop, rows = None, lambda: None, existing_rows()
        else:
            url, drop = build(args.rows, args.database_url, workdir)
            rows = args.rows
        try:
            results = [
                measure(case, url, workdir / "private", trace=not args.no_trace)
                for case in args.cases or default_cases(rows)
            ]
        finally:
            drop()
    print()
    print(
        f"{'case':<36} {'rows':>8} {'file MB':>8} {'traced peak MB':>15} "
        f"{'RSS growth MB':>14} {'max RSS MB':>11} {'s':>6}"
    )
    for r in results:
        size = f"{r['bytes'] / 2**20:.1f}" if r["bytes"] else "-"
        peak = "-" if r["traced_peak_mb"] is None else f"{r['traced_peak_mb']:.1f}"
        print(
            f"{CASES[r['case']]:<36} {r['rows']:>8,} {size:>8} {peak:>15} "
            f"{r['rss_growth_mb']:>14.1f} {r['maxrss_mb']:>11.1f} {r['seconds']:>6.1f}"
        )


if __name__ == "__main__":
    main()
