"""The leader's attendance list: drafts follow the marks, one bad row saves nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from portal.errors import ServiceError
from tests.factories import EventFactory, SignupFactory, VolunteerFactory
from tests.utils import past_event
from tests.volunteers.participation.helpers import history
from volunteers.events.models import Signup
from volunteers.participation.models.hours import ServiceRecord, ServiceRecordChange
from volunteers.participation.services.attendance import attendance_save, records_submit
from volunteers.participation.services.hours import record_approve

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


@pytest.fixture
def signups(done_event):
    return [SignupFactory(event=done_event) for _ in range(3)]


def marks(signups, *rows):
    return {s.pk: row for s, row in zip(signups, rows, strict=True)}


def test_present_volunteers_get_draft_records_and_absentees_none(done_event, signups, leader):
    changed = attendance_save(
        event=done_event,
        marks=marks(signups, ("present", "3"), ("absent", ""), ("no_show", "")),
        by=leader,
    )

    assert changed == 3
    record = ServiceRecord.objects.get()
    assert (record.volunteer, record.hours, record.status, record.source) == (
        signups[0].user,
        Decimal("3.00"),
        "draft",
        "attendance",
    )
    assert [s.attendance for s in Signup.objects.order_by("pk")] == ["present", "absent", "no_show"]


def test_changing_a_mark_keeps_the_history(done_event, signups, leader):
    first = marks(signups, ("present", "2"), ("present", "2"), ("present", "2"))
    attendance_save(event=done_event, marks=first, by=leader)
    attendance_save(
        event=done_event,
        marks=marks(signups, ("present", "2.5"), ("no_show", ""), ("present", "2")),
        by=leader,
    )

    changed = ServiceRecord.objects.get(volunteer=signups[0].user)
    withdrawn = ServiceRecord.objects.get(volunteer=signups[1].user)
    assert [h[0] for h in history(changed)] == ["create", "edit"]
    assert history(changed)[1][1:3] == (Decimal("2.00"), Decimal("2.50"))
    assert withdrawn.status == "withdrawn"
    assert [h[0] for h in history(withdrawn)] == ["create", "withdraw"]

    # Marked present again, the withdrawn record comes back as a draft.
    attendance_save(event=done_event, marks={signups[1].pk: ("present", "1")}, by=leader)
    withdrawn.refresh_from_db()
    assert (withdrawn.status, withdrawn.hours) == ("draft", Decimal("1.00"))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("present", "30"), "No one serves more than 24 hours in a day."),
        (("present", "4"), "The event lasted 3 hours; enter at most that."),
        (("present", "abc"), "Enter the hours as a number, e.g. 2.5."),
        (("present", "-1"), "Hours cannot be negative."),
        (("maybe", ""), "Choose present, absent or no-show."),
    ],
)
def test_one_bad_row_saves_nothing(done_event, signups, leader, row, message):
    with pytest.raises(ServiceError) as excinfo:
        attendance_save(
            event=done_event,
            marks=marks(signups, ("present", "2"), row, ("absent", "")),
            by=leader,
        )

    assert excinfo.value.message_dict == {f"signup-{signups[1].pk}": [message]}
    assert not ServiceRecord.objects.exists()
    assert not ServiceRecordChange.objects.exists()
    assert set(Signup.objects.values_list("attendance", flat=True)) == {""}


def test_a_signup_of_another_event_is_refused(done_event, signups, leader, team):
    other = SignupFactory(event=past_event(team, days_ago=5))
    with pytest.raises(ServiceError) as excinfo:
        attendance_save(event=done_event, marks={other.pk: ("present", "1")}, by=leader)
    assert excinfo.value.message_dict == {
        f"signup-{other.pk}": ["This person has no confirmed place at the event."]
    }
    assert not ServiceRecord.objects.exists()


def test_a_volunteer_cannot_pass_thirty_hours_across_two_events_on_one_day(team, leader):
    person = VolunteerFactory().user
    long_one = past_event(team, hours=14, days_ago=2)
    # A second, overlapping event on the same day (the leader's mistake, or a double booking).
    second = EventFactory(
        team=team,
        starts_at=long_one.starts_at,
        ends_at=long_one.ends_at,
        signup_deadline=long_one.signup_deadline,
    )
    a = SignupFactory(event=long_one, user=person)
    b = SignupFactory(event=second, user=person)
    attendance_save(event=long_one, marks={a.pk: ("present", "14")}, by=leader)

    with pytest.raises(ServiceError) as excinfo:
        attendance_save(event=second, marks={b.pk: ("present", "11")}, by=leader)

    assert "a day has only 24" in excinfo.value.message_dict[f"signup-{b.pk}"][0]
    assert ServiceRecord.objects.count() == 1


def test_submitted_records_are_left_to_staff(done_event, signups, leader, staff):
    attendance_save(event=done_event, marks={signups[0].pk: ("present", "2")}, by=leader)
    records_submit(event=done_event, by=leader)

    with pytest.raises(ServiceError, match="submitted already"):
        attendance_save(event=done_event, marks={signups[0].pk: ("no_show", "")}, by=leader)
    record = ServiceRecord.objects.get()
    record_approve(record=record, by=staff)
    with pytest.raises(ServiceError, match="submitted already"):
        attendance_save(event=done_event, marks={signups[0].pk: ("present", "1")}, by=leader)
    record.refresh_from_db()
    assert (record.status, record.hours) == ("approved", Decimal("2.00"))


def test_only_the_events_leaders_and_staff_take_attendance(done_event, signups, volunteer, staff):
    with pytest.raises(PermissionDenied):
        attendance_save(event=done_event, marks={signups[0].pk: ("present", "1")}, by=volunteer)
    attendance_save(event=done_event, marks={signups[0].pk: ("present", "1")}, by=staff)
    assert ServiceRecord.objects.get().changes.get().changed_by == staff


def test_attendance_waits_for_the_event_to_start(team, leader):
    upcoming = EventFactory(team=team)
    signup = SignupFactory(event=upcoming)
    with pytest.raises(ServiceError, match="once the event has started"):
        attendance_save(event=upcoming, marks={signup.pk: ("present", "1")}, by=leader)


def test_staff_cannot_decide_drafts_or_withdrawn_records(done_event, signups, leader, staff):
    from volunteers.participation.services.hours import record_adjust, record_reject

    attendance_save(
        event=done_event,
        marks=marks(signups, ("present", "2"), ("present", "2"), ("absent", "")),
        by=leader,
    )
    attendance_save(event=done_event, marks={signups[1].pk: ("no_show", "")}, by=leader)
    draft, withdrawn = (ServiceRecord.objects.get(volunteer=s.user) for s in signups[:2])
    assert withdrawn.status == "withdrawn"
    for record in (draft, withdrawn):
        for decide in (
            lambda r: record_approve(record=r, by=staff),
            lambda r: record_adjust(record=r, hours="1", reason="更正", by=staff),
            lambda r: record_reject(record=r, reason="无效", by=staff),
        ):
            with pytest.raises(ServiceError):
                decide(record)
    assert set(ServiceRecord.objects.values_list("status", flat=True)) == {"draft", "withdrawn"}


def test_unmarking_a_volunteer_withdraws_their_draft(done_event, signups, leader):
    attendance_save(event=done_event, marks={signups[0].pk: ("present", "2")}, by=leader)
    attendance_save(event=done_event, marks={signups[0].pk: ("", "")}, by=leader)
    assert ServiceRecord.objects.get().status == "withdrawn"
    assert Signup.objects.get(pk=signups[0].pk).attendance == ""
