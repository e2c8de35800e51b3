"""Approvals go through while the rollups are rebuilt, and the totals still add up.

The rebuild works in small transactions and skips rows that an approval in
progress holds; these tests run it next to real approvals on PostgreSQL. A
blocked approval would wait for ``lock_timeout`` and fail the test rather than
hang it.
"""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from tests.factories import (
    CountyFactory,
    ServiceRecordFactory,
    TeamFactory,
    TownshipFactory,
    VolunteerFactory,
)
from tests.utils import event_at, recount, snapshot
from volunteers.accounts.views import my_star_level
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.rollups import HoursByVolunteer
from volunteers.participation.services.attendance import (
    record_create_for_attendance,
    records_submit,
)
from volunteers.participation.services.hours import record_approve
from volunteers.participation.services.rollups import rollups_rebuild

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

WAIT = 60  # seconds: a deadline for the other thread, never a pause


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "row locks between concurrent transactions are under test; SQLite lets one "
            "writer in at a time: set DATABASE_URL to PostgreSQL"
        )


@pytest.fixture
def blocked_approvals_fail():
    """An approval that waits for a lock fails after a second instead of hanging the test."""
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '1s'")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET lock_timeout")


class World:
    """One team, three volunteers with approved hours, and records waiting for approval."""


@pytest.fixture
def world():
    # Saving a membership recounts the team under a row lock, which needs a transaction.
    with transaction.atomic():
        return _world()


def _world():
    w = World()
    # Made first: the lowest user id, so the first volunteer chunk of a rebuild.
    w.first = VolunteerFactory(display_name="小水滴甲").user
    w.staff = VolunteerFactory(display_name="工作人员").user
    w.staff.is_staff = True
    w.staff.save()
    county = CountyFactory()
    township = TownshipFactory(county=county)
    w.leader = VolunteerFactory().user
    w.team = TeamFactory(county=county, township=township, leader=w.leader)
    # Both events early last month: every approval below bumps the same month rows.
    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    starts = timezone.make_aware(datetime.datetime.combine(last_month, datetime.time(9)))
    w.event = event_at(w.team, township, starts)
    w.later_event = event_at(w.team, township, starts + datetime.timedelta(days=7))
    w.middle = VolunteerFactory().user
    # Made last: the highest user id, in the last volunteer chunk.
    w.last = VolunteerFactory(display_name="小水滴乙").user
    for user, hours in ((w.first, "2"), (w.middle, "3"), (w.last, "1.5")):
        record = record_create_for_attendance(event=w.event, user=user, hours=hours, by=w.leader)
        records_submit(event=w.event, by=w.leader)
        record_approve(record=record, by=w.staff)
    w.waiting = {
        user: record_create_for_attendance(event=w.later_event, user=user, hours=2, by=w.leader)
        for user in (w.first, w.last)
    }
    records_submit(event=w.later_event, by=w.leader)
    assert snapshot() == recount()
    return w


def in_a_thread(target):
    """Run ``target`` in a thread with its own connection; its result or error, when joined."""
    outcome = {}

    def run():
        try:
            outcome["result"] = target()
        except Exception as error:  # noqa: BLE001 - handed to the test, which asserts on it
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()

    def joined():
        thread.join(timeout=WAIT)
        assert not thread.is_alive(), "the other thread did not finish"
        assert "error" not in outcome, outcome.get("error")
        return outcome["result"]

    return thread, joined


def test_approvals_go_through_while_the_rollups_are_rebuilt(world, blocked_approvals_fail):
    paused, resume = threading.Event(), threading.Event()
    seen = []

    def pause_after_the_first_volunteer_chunk(step):
        if step.table == "volunteer" and step.chunks_done == 1 and not step.finished:
            seen.append(step)
            paused.set()
            if not resume.wait(timeout=WAIT):
                raise AssertionError("the test never let the rebuild go on")

    thread, rebuilt = in_a_thread(
        lambda: rollups_rebuild(records_per_chunk=1, on_chunk=pause_after_the_first_volunteer_chunk)
    )
    try:
        assert paused.wait(timeout=WAIT), "the rebuild never reached its first volunteer chunk"
        # Mid-rebuild: one volunteer already checked, the other still to come.
        for user in (world.first, world.last):
            record_approve(record=world.waiting[user], by=world.staff)
        approved = ServiceRecord.objects.filter(
            pk__in=[r.pk for r in world.waiting.values()], status="approved"
        )
        assert approved.count() == 2  # committed, with the rebuild still paused
        assert thread.is_alive()
    finally:
        resume.set()
    report = rebuilt()

    assert seen[0].chunks_total > 1  # the pause was inside the volunteer table
    assert all(counts["busy"] == 0 for counts in report.values())
    assert all(counts["corrected"] == 0 for counts in report.values())
    assert snapshot() == recount()
    assert my_star_level(world.first).hours == Decimal("4.00")
    assert my_star_level(world.last).hours == Decimal("3.50")


def test_a_rebuild_skips_what_an_approval_in_progress_holds_and_never_waits(
    world, blocked_approvals_fail
):
    holding, commit = threading.Event(), threading.Event()

    def approve_and_hold():
        with transaction.atomic():
            record_approve(record=world.waiting[world.last], by=world.staff)
            holding.set()
            if not commit.wait(timeout=WAIT):
                raise AssertionError("the test never let the approval commit")

    thread, approved = in_a_thread(approve_and_hold)
    try:
        assert holding.wait(timeout=WAIT)
        # Meanwhile someone else's total has drifted.
        HoursByVolunteer.objects.filter(user=world.middle).update(approved_hours=99)
        # The approval holds its rows until it commits: a rebuild that waited for
        # them would hit the lock timeout here.
        report = rollups_rebuild(records_per_chunk=1)
        assert thread.is_alive()
    finally:
        commit.set()
    approved()

    # The approval's rows: the volunteer, team, township and county, and three month rows.
    assert {table: counts["busy"] for table, counts in report.items()} == {
        "volunteer": 1,
        "team": 1,
        "township": 1,
        "county": 1,
        "month": 3,
        "activities": 0,
    }
    assert report["volunteer"]["corrected"] == 1  # the drifted total, fixed all the same
    assert snapshot() == recount()
    assert my_star_level(world.last).hours == Decimal("3.50")
    assert my_star_level(world.middle).hours == Decimal("3.00")


def test_a_missing_row_that_an_approval_is_creating_is_left_to_it(world, blocked_approvals_fail):
    newcomer = VolunteerFactory().user
    # Hours approved behind the rollups' back (a bulk load): the newcomer has no row yet.
    ServiceRecordFactory(
        volunteer=newcomer,
        team=world.team,
        township=world.event.township,
        date=timezone.localdate(world.event.starts_at),
        hours=3,
        status="approved",
    )
    record = record_create_for_attendance(
        event=world.later_event, user=newcomer, hours=2, by=world.leader
    )
    records_submit(event=world.later_event, by=world.leader)
    holding, commit = threading.Event(), threading.Event()

    def approve_and_hold():
        with transaction.atomic():
            record_approve(record=record, by=world.staff)  # creates the newcomer's row
            holding.set()
            if not commit.wait(timeout=WAIT):
                raise AssertionError("the test never let the approval commit")

    thread, approved = in_a_thread(approve_and_hold)
    try:
        assert holding.wait(timeout=WAIT)
        report = rollups_rebuild(records_per_chunk=1)
        assert thread.is_alive()
    finally:
        commit.set()
    approved()  # the approval went through: no deadlock, no duplicate row

    # The rebuild gave way on the row being created and said so …
    assert report["volunteer"]["busy"] == 1
    # … so the row holds the approval's 2 hours only, until the next rebuild adds the 3.
    assert my_star_level(newcomer).hours == Decimal("2.00")
    report = rollups_rebuild(records_per_chunk=1)
    assert report["volunteer"] == {
        "checked": HoursByVolunteer.objects.count(),
        "corrected": 1,
        "busy": 0,
    }
    assert snapshot() == recount()
    assert my_star_level(newcomer).hours == Decimal("5.00")
