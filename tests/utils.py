"""Helpers for the tests of more than one package."""

import csv
import datetime
import io
from collections import defaultdict
from decimal import Decimal

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import EventFactory, SignupFactory
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.rollups import (
    HoursByCounty,
    HoursByMonth,
    HoursByTeam,
    HoursByTownship,
    HoursByVolunteer,
)
from volunteers.participation.services.attendance import (
    record_create_for_attendance,
    records_submit,
)
from volunteers.participation.services.hours import record_approve
from volunteers.participation.stars import star_level


def queries_for(client, url: str) -> int:
    """SQL queries rendering ``url`` runs (after a warm-up request fills per-process caches).

    The whole-page cache is bypassed: this is what a page costs when it is rendered,
    as on its first visit or for a signed-in volunteer.
    """
    with override_settings(PAGECACHE_ENABLED=False):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def en(name: str, *args) -> str:
    """The English URL of a ``volunteers`` view."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("en"):
        return reverse(f"volunteers:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def messages_of(response) -> str:
    """The flash messages a response shows, in one string."""
    return " ".join(str(m) for m in response.context["messages"])


def read_csv(response) -> tuple[bytes, list[list[str]]]:
    body = b"".join(response.streaming_content)
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


# --- Events and hours --------------------------------------------------------------


def past_event(team, *, hours=3, days_ago=2):
    starts = (timezone.localtime() - datetime.timedelta(days=days_ago)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return EventFactory(
        team=team,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        signup_deadline=starts - datetime.timedelta(days=1),
    )


def approved(team, leader, staff, user, hours, *, days_ago):
    """An approved record of ``hours`` for ``user`` at a four-hour event ``days_ago``."""
    event = past_event(team, hours=4, days_ago=days_ago)
    SignupFactory(event=event, user=user)
    record = record_create_for_attendance(event=event, user=user, hours=hours, by=leader)
    records_submit(event=event, by=leader)
    return record_approve(record=record, by=staff)


# --- Rollups -----------------------------------------------------------------------


def event_at(team, township, starts):
    return EventFactory(
        team=team,
        township=township,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        signup_deadline=starts - datetime.timedelta(days=1),
    )


def snapshot() -> dict:
    """Every rollup row that holds something, as plain values (empty rows are ignored)."""
    rows = {}
    for r in HoursByVolunteer.objects.all():
        if r.records:
            rows["volunteer", r.user_id] = (r.approved_hours, r.records, r.star_level)
    for model, key in (
        (HoursByTeam, "team_id"),
        (HoursByTownship, "township_id"),
        (HoursByCounty, "county_id"),
    ):
        for r in model.objects.all():
            if r.records:
                rows[key, getattr(r, key)] = (r.approved_hours, r.records)
    for r in HoursByMonth.objects.all():
        if r.records:
            rows["month", r.month, r.team_id, r.county_id] = (r.approved_hours, r.records)
    return rows


def recount() -> dict:
    """The same totals computed straight from the approved records."""
    sums = defaultdict(lambda: [Decimal(0), 0])
    for r in ServiceRecord.objects.filter(status="approved").select_related("township"):
        month = r.date.replace(day=1)
        county = r.township.county_id
        keys = [
            ("volunteer", r.volunteer_id),
            ("township_id", r.township_id),
            ("county_id", county),
            ("month", month, None, None),
            ("month", month, None, county),
        ]
        if r.team_id:
            keys += [("team_id", r.team_id), ("month", month, r.team_id, None)]
        for key in keys:
            sums[key][0] += r.hours
            sums[key][1] += 1
    rows = {}
    for key, (hours, count) in sums.items():
        rows[key] = (hours, count, star_level(hours)) if key[0] == "volunteer" else (hours, count)
    return rows
