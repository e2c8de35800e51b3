"""Leaders record service hours as drafts and submit them: who may, the audit row, bad input."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from portal.errors import ServiceError
from tests.factories import EventFactory, MembershipFactory, TeamFactory, VolunteerFactory
from tests.utils import past_event
from tests.volunteers.participation.helpers import history
from volunteers.participation.models.hours import ServiceRecord, ServiceRecordChange
from volunteers.participation.services.attendance import (
    record_create_for_attendance,
    records_submit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


# --- Recording and submitting ------------------------------------------------------


def test_leader_records_attendance_as_a_draft_with_an_audit_row(done_event, leader, volunteer):
    record = record_create_for_attendance(event=done_event, user=volunteer, hours="2.5", by=leader)

    assert record.status == "draft"
    assert record.source == "attendance"
    assert record.hours == Decimal("2.50")
    assert record.team == done_event.team
    assert record.township == done_event.township
    assert record.date == timezone.localdate(done_event.starts_at)
    assert history(record) == [("create", None, Decimal("2.50"), "", "draft", leader.pk, "")]


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("-1", "Hours cannot be negative."),
        ("-0.5", "Hours cannot be negative."),
        ("3.5", "The event lasted 3 hours; enter at most that."),
        ("abc", "Enter the hours as a number, e.g. 2.5."),
        ("NaN", "Enter the hours as a number, e.g. 2.5."),
        ("Infinity", "Enter the hours as a number, e.g. 2.5."),
        (None, "Enter the hours as a number, e.g. 2.5."),
    ],
)
def test_bad_hours_are_refused_and_nothing_is_saved(done_event, leader, volunteer, hours, message):
    with pytest.raises(ServiceError) as excinfo:
        record_create_for_attendance(event=done_event, user=volunteer, hours=hours, by=leader)

    assert excinfo.value.message_dict == {"hours": [message]}
    assert not ServiceRecord.objects.exists()
    assert not ServiceRecordChange.objects.exists()


def test_thirty_hours_in_a_day_is_refused_even_for_a_long_event(team, leader, volunteer):
    event = past_event(team, hours=48, days_ago=3)

    with pytest.raises(ServiceError) as excinfo:
        record_create_for_attendance(event=event, user=volunteer, hours=30, by=leader)

    assert excinfo.value.message_dict == {"hours": ["No one serves more than 24 hours in a day."]}
    assert not ServiceRecord.objects.exists()


def test_the_full_length_of_the_event_is_accepted(done_event, leader, volunteer):
    record = record_create_for_attendance(event=done_event, user=volunteer, hours=3, by=leader)
    assert record.hours == Decimal("3.00")


def test_one_record_per_volunteer_per_event(done_event, leader, volunteer):
    record_create_for_attendance(event=done_event, user=volunteer, hours=1, by=leader)

    with pytest.raises(ServiceError, match="already has a service record"):
        record_create_for_attendance(event=done_event, user=volunteer, hours=2, by=leader)

    assert ServiceRecord.objects.count() == 1
    assert ServiceRecordChange.objects.count() == 1


def test_hours_cannot_be_recorded_for_a_future_or_cancelled_event(team, leader, volunteer):
    with pytest.raises(ServiceError, match="once the event has started"):
        record_create_for_attendance(
            event=EventFactory(team=team), user=volunteer, hours=1, by=leader
        )
    cancelled = past_event(team)
    cancelled.status = "cancelled"
    cancelled.save()
    with pytest.raises(ServiceError, match="cancelled"):
        record_create_for_attendance(event=cancelled, user=volunteer, hours=1, by=leader)
    assert not ServiceRecord.objects.exists()


def test_only_the_events_leaders_and_staff_record_and_submit(done_event, volunteer, staff):
    other_leader = VolunteerFactory().user
    TeamFactory(leader=other_leader)
    member = VolunteerFactory().user
    MembershipFactory(team=done_event.team, user=member)

    for outsider in (volunteer, member, other_leader):
        with pytest.raises(PermissionDenied):
            record_create_for_attendance(event=done_event, user=volunteer, hours=1, by=outsider)
    record = record_create_for_attendance(event=done_event, user=volunteer, hours=1, by=staff)
    for outsider in (volunteer, member, other_leader):
        with pytest.raises(PermissionDenied):
            records_submit(event=done_event, by=outsider)

    record.refresh_from_db()
    assert record.status == "draft"
    assert ServiceRecordChange.objects.count() == 1


def test_leader_submits_the_events_drafts(done_event, leader, make_volunteer):
    a, b = make_volunteer(), make_volunteer()
    ra = record_create_for_attendance(event=done_event, user=a, hours=1, by=leader)
    rb = record_create_for_attendance(event=done_event, user=b, hours=2, by=leader)

    submitted = records_submit(event=done_event, by=leader)

    assert {r.pk for r in submitted} == {ra.pk, rb.pk}
    for record in (ra, rb):
        record.refresh_from_db()
        assert record.status == "submitted"
        assert record.submitted_by == leader
        assert record.submitted_at is not None
        assert history(record)[-1] == (
            "submit",
            record.hours,
            record.hours,
            "draft",
            "submitted",
            leader.pk,
            "",
        )
    with pytest.raises(ServiceError, match="no draft records"):
        records_submit(event=done_event, by=leader)
