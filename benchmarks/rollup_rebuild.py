"""How long ``rollups_rebuild`` takes, and how long approvals wait while it runs.

    .venv/bin/python benchmarks/rollup_rebuild.py --database-url postgres://qingshui:qingshui@127.0.0.1:5432/qingshui
    .venv/bin/python benchmarks/rollup_rebuild.py --records 30000            # SQLite, quick
    DATABASE_URL=… .venv/bin/python benchmarks/rollup_rebuild.py --existing --approvals 200

Builds a throwaway database (``test_<name>`` next to the PostgreSQL database
given, or a temporary SQLite file; dropped afterwards) and fills it with
``--records`` approved service records (bulk_create: one volunteer per ten
records, 300 teams in 40 townships of 4 counties, 1,000 events over two years)
and no rollups, then times three rebuilds:

1. from nothing: every rollup row is missing and created;
2. nothing to correct (the nightly case);
3. the same, while another thread approves submitted records one by one
   through ``record_approve``: how many went through during the rebuild, and
   the slowest approval.

``--existing`` uses the database ``DATABASE_URL`` names as it is (for instance
one filled by ``load_scale``): runs 2 and 3 only, approving up to
``--approvals`` records already submitted there (the approvals are real).
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTIES = 4
TOWNSHIPS = 40
TEAMS = 300
EVENTS = 1_000
RECORDS_PER_VOLUNTEER = 10


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()


def fill(records: int, approvals: int) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from volunteers.events.models import Event
    from volunteers.participation.models.hours import ServiceRecord
    from volunteers.people.models import VolunteerProfile
    from volunteers.places.models import County, Township
    from volunteers.teams.models import Team

    User = get_user_model()
    volunteers = max(approvals, records // RECORDS_PER_VOLUNTEER, 1)
    now = timezone.now()
    with transaction.atomic():
        counties = County.objects.bulk_create(
            County(code=f"42039{i}000000", name_zh=f"基准县{i}", name_en=f"Bench {i}")
            for i in range(COUNTIES)
        )
        townships = Township.objects.bulk_create(
            Township(
                county=counties[i % COUNTIES],
                code=f"42039{i % COUNTIES}{i:03d}000",
                name_zh=f"基准镇{i}",
                name_en=f"Bench town {i}",
            )
            for i in range(TOWNSHIPS)
        )
        teams = Team.objects.bulk_create(
            Team(
                name=f"基准护水队{i}",
                county=townships[i % TOWNSHIPS].county,
                township=townships[i % TOWNSHIPS],
                description="巡河、清漂。",
                status="approved",
            )
            for i in range(TEAMS)
        )
        events = Event.objects.bulk_create(
            Event(
                team=teams[i % TEAMS],
                title=f"汉江巡河第{i}次",
                kind="patrol",
                township=teams[i % TEAMS].township,
                starts_at=now - datetime.timedelta(days=730 * i // EVENTS + 1, hours=3),
                ends_at=now - datetime.timedelta(days=730 * i // EVENTS + 1),
                signup_deadline=now - datetime.timedelta(days=730 * i // EVENTS + 2),
                capacity=10_000,
            )
            for i in range(EVENTS)
        )
        User.objects.create_user("bench-staff", is_staff=True)
    users = []
    for start in range(0, volunteers, 10_000):
        with transaction.atomic():
            batch = User.objects.bulk_create(
                User(username=f"bench{i}", password=make_password(None))
                for i in range(start, min(start + 10_000, volunteers))
            )
            VolunteerProfile.objects.bulk_create(
                VolunteerProfile(
                    user=user,
                    display_name=f"小水滴{start + i}",
                    real_name=f"张{start + i}",
                    phone=f"+86138{start + i:08d}",
                    privacy_notice_version="2026-11",
                    privacy_accepted_at=now,
                )
                for i, user in enumerate(batch)
            )
            users += batch

    def record(k: int, status: str, event) -> ServiceRecord:
        return ServiceRecord(
            volunteer=users[k % volunteers],
            event=event,
            team=event.team,
            township=event.township,
            date=timezone.localdate(event.starts_at),
            hours="2.50",
            source="attendance",
            status=status,
        )

    for start in range(0, records, 10_000):
        with transaction.atomic():
            ServiceRecord.objects.bulk_create(
                (
                    # A volunteer's records at different events, spread over all of them.
                    record(k, "approved", events[(k // volunteers + k) % (EVENTS - 1)])
                    for k in range(start, min(start + 10_000, records))
                ),
                batch_size=2_000,
            )
    # Waiting for approval, at an event no approved record above uses.
    ServiceRecord.objects.bulk_create(record(k, "submitted", events[-1]) for k in range(approvals))


def build(args, workdir: Path):
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    setup_django()
    from django.conf import settings
    from django.db import connection

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        db.setdefault("TEST", {})["NAME"] = str(workdir / "bench.sqlite3")
    started = time.perf_counter()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    migrated = time.perf_counter()
    fill(args.records, args.approvals)
    print(
        f"database: migrated in {migrated - started:.1f} s, {args.records:,} approved records "
        f"in {time.perf_counter() - migrated:.1f} s ({connection.vendor})"
    )
    return lambda: connection.creation.destroy_test_db(name, verbosity=0)


def approving(stop: threading.Event, limit: int, latencies: list, errors: list) -> None:
    """Approve submitted records one at a time until ``stop``; each approval's seconds."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from volunteers.participation.models.hours import ServiceRecord
    from volunteers.participation.services.hours import record_approve

    try:
        staff = get_user_model().objects.filter(is_staff=True).order_by("pk").first()
        waiting = list(ServiceRecord.objects.filter(status="submitted").order_by("pk")[:limit])
        for record in waiting:
            if stop.is_set():
                break
            started = time.perf_counter()
            record_approve(record=record, by=staff)
            latencies.append(time.perf_counter() - started)
    except Exception as error:  # noqa: BLE001 - reported by the main thread
        errors.append(error)
    finally:
        connection.close()


def timed_rebuild(label: str, records: int, *, approvals: int = 0) -> None:
    from volunteers.participation.services.rollups import rollups_rebuild

    stop, latencies, errors = threading.Event(), [], []
    thread = None
    if approvals:
        thread = threading.Thread(target=approving, args=(stop, approvals, latencies, errors))
        thread.start()
    started = time.perf_counter()
    report = rollups_rebuild()
    seconds = time.perf_counter() - started
    stop.set()
    during = len(latencies)
    if thread is not None:
        thread.join()
    checked = sum(counts["checked"] for counts in report.values())
    corrected = sum(counts["corrected"] for counts in report.values())
    busy = sum(counts["busy"] for counts in report.values())
    print(
        f"{label:<34} {seconds:8.1f} s {records / seconds:>10,.0f} records/s "
        f"{checked:>10,} checked {corrected:>10,} corrected {busy:>4} busy"
    )
    if thread is not None:
        if errors:
            raise SystemExit(f"an approval failed: {errors[0]!r}")
        if latencies:
            print(
                f"{'':<34} {during} approvals during the rebuild: median "
                f"{statistics.median(latencies) * 1000:.0f} ms, slowest "
                f"{max(latencies) * 1000:.0f} ms"
            )


def approvals_alone(count: int) -> None:
    """The same approvals with no rebuild running, to compare with."""
    latencies, errors = [], []
    thread = threading.Thread(target=approving, args=(threading.Event(), count, latencies, errors))
    thread.start()
    thread.join()
    if errors:
        raise SystemExit(f"an approval failed: {errors[0]!r}")
    if latencies:
        print(
            f"{'   approvals alone':<34} {len(latencies)} approvals: median "
            f"{statistics.median(latencies) * 1000:.0f} ms, slowest {max(latencies) * 1000:.0f} ms"
        )


def totals_agree() -> bool:
    from django.db.models import Sum

    from volunteers.participation.models.hours import ServiceRecord
    from volunteers.participation.models.rollups import HoursByMonth, HoursByVolunteer

    records = ServiceRecord.objects.filter(status="approved").aggregate(h=Sum("hours"))["h"]
    volunteers = HoursByVolunteer.objects.aggregate(h=Sum("approved_hours"))["h"]
    city = HoursByMonth.objects.filter(team=None, county=None).aggregate(h=Sum("approved_hours"))
    return records == volunteers == city["h"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=300_000)
    parser.add_argument("--approvals", type=int, default=300)
    parser.add_argument("--database-url", help="a PostgreSQL server to make the database on")
    parser.add_argument(
        "--existing", action="store_true", help="use DATABASE_URL's database as it is"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="qingshui-bench-") as tmp:
        if args.existing:
            setup_django()
            drop = lambda: None  # noqa: E731
        else:
            drop = build(args, Path(tmp))
        try:
            from volunteers.participation.models.hours import ServiceRecord

            records = ServiceRecord.objects.filter(status="approved").count()
            if not args.existing:
                timed_rebuild("1. from nothing", records)
            timed_rebuild("2. nothing to correct", records)
            from django.db import connection

            if connection.vendor == "postgresql":  # SQLite lets one writer in at a time
                approvals_alone(min(20, args.approvals // 10))
                timed_rebuild("3. with approvals going on", records, approvals=args.approvals)
            print("totals agree with the records:", totals_agree())
        finally:
            from django.db import connection

            connection.close()
            drop()


if __name__ == "__main__":
    main()
