"""Helpers shared by the recognition tests: the impact dashboard and the exports."""

import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone

from portal.csv_stream import end_of_file_rows
from tests.factories import VolunteerFactory
from tests.volunteers.helpers import fields, in_english
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport
from volunteers.participation.services.reports import report_approve, report_save, report_submit
from volunteers.roles import volunteer_staff_group_ensure

# --- The impact dashboard ------------------------------------------------------------

URL = "/en/impact/"


def approved_report(team, leader, staff, *, participants=None, days_ago=1, **figures):
    data = fields(team, date=timezone.localdate() - datetime.timedelta(days=days_ago), **figures)
    report = report_save(team=team, by=leader, data=data, participants=participants)
    report_submit(report=report, by=leader)
    return report_approve(report=report, by=staff)


def recount() -> dict:
    records = ServiceRecord.objects.filter(status="approved")
    reports = ActivityReport.objects.filter(status="approved")
    hours = records.aggregate(hours=Sum("hours"))["hours"] or Decimal(0)
    sums = reports.aggregate(
        reports=Count("pk"),
        litter_kg=Sum("litter_kg"),
        river_km=Sum("river_km"),
        households=Sum("households"),
        samples=Sum("samples"),
        trees=Sum("trees"),
    )
    return {
        "hours": hours,
        "volunteers_with_hours": records.values("volunteer").distinct().count(),
        **sums,
    }


# --- Exports ---------------------------------------------------------------------------

EXPORTS = "/admin/volunteers/exports/"


def make_officer(name):
    user = VolunteerFactory(display_name=name).user
    volunteer_staff_group_ensure(users=[user])
    return in_english(user)


def post_form(client, button, **choices):
    data = {"kind": "records", "format": "csv", button: "1"}
    data.update(choices)
    return client.post(EXPORTS, data)


def complete_rows(text: str) -> list[list[str]] | None:
    """The heading and data rows of a CSV export; None if its end-of-file line is missing."""
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) < 2 or len(rows[-1]) != 1:
        return None
    if end_of_file_rows(rows[-1][0]) != len(rows) - 2:  # the heading and the line itself
        return None
    return rows[:-1]


def first_column(rows):
    return [int(row[0]) for row in rows[1:]]


# --- Certificates -----------------------------------------------------------------------

# The marks of every certificate test: the PDFs are drawn with a font that may be missing.
CERTIFICATE_MARKS = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not Path(settings.CERTIFICATE_FONT).exists(),
        reason="needs the certificate font: run scripts/ensure-fonts.sh",
    ),
]
