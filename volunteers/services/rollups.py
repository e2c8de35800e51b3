"""Totals of approved hours, kept as rollup rows so pages never scan the records.

``rollups_apply`` adds one record's change to every rollup in the caller's
transaction; ``rollups_rebuild`` recomputes all of them from the approved
records (the ``rebuild_rollups`` command and the nightly beat task).
"""

from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import Round, TruncMonth

from portal.pagecache.tags import tag_versions, tags_touch

from ..models import (
    ActivityReport,
    ActivityTotals,
    HoursByCounty,
    HoursByMonth,
    HoursByTeam,
    HoursByTownship,
    HoursByVolunteer,
    RecordStatus,
    ServiceRecord,
    TotalsScope,
    Township,
)
from ..stars import star_level

ROLLUP_MODELS = (
    HoursByVolunteer,
    HoursByTeam,
    HoursByTownship,
    HoursByCounty,
    HoursByMonth,
    ActivityTotals,
)
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


def _lock_rollups() -> None:
    # Approvals wait while the tables are rebuilt (reads carry on), and the
    # recount below sees every approval committed before the lock was granted.
    if connection.vendor != "postgresql":
        return  # SQLite lets one writer in at a time anyway
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in ROLLUP_MODELS)
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")


def _insert(model, rows) -> int:
    batch, count = [], 0
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH_SIZE:
            model.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)
        count += len(batch)
    return count


def _totals(queryset, *fields):
    return (
        queryset.values(*fields)
        .annotate(total_hours=Sum("hours"), total_records=Count("pk"))
        .order_by()
        .iterator(chunk_size=BATCH_SIZE)
    )


@transaction.atomic
def rollups_rebuild() -> dict[str, int]:
    """Recompute every rollup from the approved records; returns rows written per table.

    Levels already announced to volunteers are kept, so a rebuild never
    sends (or re-sends) a star-level e-mail.
    """
    _lock_rollups()
    announced = dict(
        HoursByVolunteer.objects.filter(announced_level__gt=0).values_list(
            "user_id", "announced_level"
        )
    )
    for model in ROLLUP_MODELS:
        model.objects.all().delete()

    approved = ServiceRecord.objects.filter(status=RecordStatus.APPROVED).order_by()
    by_month = approved.annotate(m=TruncMonth("date"))
    written = {}

    def volunteers():
        for row in _totals(approved, "volunteer_id"):
            hours = row["total_hours"]
            yield HoursByVolunteer(
                user_id=row["volunteer_id"],
                approved_hours=hours,
                records=row["total_records"],
                star_level=star_level(hours),
                announced_level=announced.pop(row["volunteer_id"], 0),
            )
        # Volunteers told about a level who no longer have approved hours keep the marker.
        for user_id, level in announced.items():
            yield HoursByVolunteer(user_id=user_id, announced_level=level)

    written["volunteer"] = _insert(HoursByVolunteer, volunteers())
    written["team"] = _insert(
        HoursByTeam,
        (
            HoursByTeam(
                team_id=r["team_id"], approved_hours=r["total_hours"], records=r["total_records"]
            )
            for r in _totals(approved.filter(team__isnull=False), "team_id")
        ),
    )
    written["township"] = _insert(
        HoursByTownship,
        (
            HoursByTownship(
                township_id=r["township_id"],
                approved_hours=r["total_hours"],
                records=r["total_records"],
            )
            for r in _totals(approved, "township_id")
        ),
    )
    written["county"] = _insert(
        HoursByCounty,
        (
            HoursByCounty(
                county_id=r["township__county_id"],
                approved_hours=r["total_hours"],
                records=r["total_records"],
            )
            for r in _totals(approved, "township__county_id")
        ),
    )

    def months():
        for r in _totals(by_month, "m"):
            yield HoursByMonth(
                month=r["m"], approved_hours=r["total_hours"], records=r["total_records"]
            )
        for r in _totals(by_month.filter(team__isnull=False), "m", "team_id"):
            yield HoursByMonth(
                month=r["m"],
                team_id=r["team_id"],
                approved_hours=r["total_hours"],
                records=r["total_records"],
            )
        for r in _totals(by_month, "m", "township__county_id"):
            yield HoursByMonth(
                month=r["m"],
                county_id=r["township__county_id"],
                approved_hours=r["total_hours"],
                records=r["total_records"],
            )

    written["month"] = _insert(HoursByMonth, months())

    reports = ActivityReport.objects.approved().order_by()
    sums = {name: Sum(name) for name in ActivityTotals.FIGURES if name != "reports"}
    sums["reports"] = Count("pk")

    def activity_totals():
        city = reports.aggregate(**sums)
        if city["reports"]:
            yield ActivityTotals(scope=TotalsScope.CITY, key=0, **city)
        for scope, field in (
            (TotalsScope.COUNTY, "township__county_id"),
            (TotalsScope.TOWNSHIP, "township_id"),
            (TotalsScope.TEAM, "team_id"),
        ):
            for row in reports.values(field).annotate(**sums).order_by():
                yield ActivityTotals(
                    scope=scope, key=row[field], **{n: row[n] for n in ActivityTotals.FIGURES}
                )

    written["activities"] = _insert(ActivityTotals, activity_totals())
    _approved_figures_changed()
    return written
