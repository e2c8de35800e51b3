"""Keeping the rollups in step: each approval's change is added in its own transaction.

``rollups_apply`` adds one record's change to every rollup of approved hours,
``activity_totals_apply`` an approved report's figures to the activity totals.
``rollups.rollups_rebuild`` checks them all against a recount.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Round

from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport, ActivityTotals, TotalsScope
from volunteers.participation.models.rollups import (
    HoursByCounty,
    HoursByMonth,
    HoursByTeam,
    HoursByTownship,
    HoursByVolunteer,
)
from volunteers.participation.services.rollups import approved_figures_changed
from volunteers.participation.stars import star_level
from volunteers.places.models import Township


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

    approved_figures_changed()

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
    approved_figures_changed()
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
