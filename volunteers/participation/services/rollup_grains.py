"""What the rollup rebuild checks: each rollup table's figures, keys and source rows.

A ``RollupGrain`` is one kind of rollup row (a volunteer's, a team's, a
month's for a county, an activity total for a township…): where its key is
on the row and in the approved records or reports it is counted from, and how
the rebuild walks it in chunks. ``rollup_rebuild`` does the walking.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum

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

# A grain walked by month rather than by the ids of a model.
MONTHS = "months"
TABLES = ("volunteer", "team", "township", "county", "month", "activities")


@dataclass(frozen=True)
class RollupFigures:
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


HOURS = RollupFigures(HoursByVolunteer, ("approved_hours", "records"), "records")
ACTIVITIES = RollupFigures(ActivityTotals, ActivityTotals.FIGURES, "reports")


@dataclass(frozen=True)
class RollupGrain:
    """One kind of rollup row: its key on the row and in the source, and how chunks walk it.

    A chunk is a range [lo, hi) over ``row_walk`` on the rollup rows and over
    ``source_walk`` on the source rows; ``walk`` gives the range bounds: the
    ids of a model, the months, or None for a single row (the city).
    """

    table: str
    model: type
    figures: RollupFigures
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


def rollup_grains() -> tuple[RollupGrain, ...]:
    on_team = Q(team__isnull=False)
    city, county, township, team = (
        TotalsScope.CITY,
        TotalsScope.COUNTY,
        TotalsScope.TOWNSHIP,
        TotalsScope.TEAM,
    )
    return (
        RollupGrain(
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
        RollupGrain(
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
        RollupGrain(
            "township",
            HoursByTownship,
            HOURS,
            ("township_id",),
            ("township_id",),
            Township,
            "township_id",
            "township_id",
        ),
        RollupGrain(
            "county",
            HoursByCounty,
            HOURS,
            ("county_id",),
            ("township__county_id",),
            County,
            "county_id",
            "township__county_id",
        ),
        RollupGrain(
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
        RollupGrain(
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
        RollupGrain(
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
        RollupGrain(
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
            RollupGrain(
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
