"""The leader's attendance list: who came, how many hours, and handing them to staff."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from tests.factories import (
    EventFactory,
    MembershipFactory,
    ServiceRecordFactory,
    SignupFactory,
)
from tests.utils import en, messages_of, queries_for, text
from volunteers.events.models import Signup
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.services.checkins import check_in, check_out

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


def row_html(response, signup) -> str:
    """The card of one sign-up on the page."""
    return text(response).split(f'id="signup-{signup.pk}"')[1].split("</li>")[0]


@pytest.fixture
def today_event(team):
    starts = timezone.now() - datetime.timedelta(hours=2)
    return EventFactory(
        team=team,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        signup_deadline=starts - datetime.timedelta(hours=2),
        lat=32.70,
        lon=111.00,
        capacity=30,
    )


@pytest.fixture
def people(today_event, make_volunteer):
    """Three confirmed sign-ups, in the order they signed up."""
    return [
        SignupFactory(event=today_event, user=make_volunteer(display_name=name))
        for name in ("小水滴甲", "小水滴乙", "小水滴丙")
    ]


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


def form_data(people, marks):
    data = {}
    for signup, (attendance, hours) in zip(people, marks, strict=True):
        data[f"attendance-{signup.pk}"] = attendance
        data[f"hours-{signup.pk}"] = hours
    return data


def test_the_leader_sees_a_card_for_each_confirmed_person(
    leader_client, today_event, people, make_volunteer
):
    SignupFactory(
        event=today_event, user=make_volunteer(display_name="候补者"), status="waitlisted"
    )
    response = leader_client.get(en("attendance", today_event.pk))
    page = text(response)
    assert response.status_code == 200
    for signup in people:
        assert signup.user.volunteer.display_name in page
        assert f'name="attendance-{signup.pk}" value="present"' in page
    assert "候补者" not in page
    # Personal data stays on the roster, not here.
    for signup in people:
        assert signup.user.volunteer.real_name not in page
        assert signup.user.volunteer.phone not in page
    assert "Mark everyone present" in page
    assert "Save and submit for approval" in page


def test_hours_are_prefilled_from_the_draft_then_the_check_out_then_the_event(
    leader_client, today_event, people
):
    first, second, third = people
    arrived = timezone.now() - datetime.timedelta(hours=2)
    check_in(event=today_event, user=second.user, now=arrived)
    check_out(
        event=today_event, user=second.user, now=arrived + datetime.timedelta(hours=1, minutes=45)
    )
    ServiceRecordFactory(
        event=today_event, volunteer=first.user, team=today_event.team, hours=Decimal("2.5")
    )
    response = leader_client.get(en("attendance", today_event.pk))
    assert 'value="2.5"' in row_html(response, first)
    second_row = row_html(response, second)
    assert 'value="1.75"' in second_row
    assert f"{timezone.localtime(arrived):%H:%M}" in second_row
    assert 'value="3"' in row_html(response, third)
    assert "Did not check in" in row_html(response, third)


def test_saving_records_hours_for_those_present(leader_client, today_event, people, leader):
    first, second, third = people
    response = leader_client.post(
        en("attendance", today_event.pk),
        {
            **form_data(people, [("present", "2.5"), ("absent", ""), ("no_show", "3")]),
            "save": "1",
        },
        follow=True,
    )
    assert "Attendance saved." in messages_of(response)
    assert [s.attendance for s in Signup.objects.order_by("pk")] == [
        "present",
        "absent",
        "no_show",
    ]
    record = ServiceRecord.objects.get()
    assert (record.volunteer, record.hours, record.status) == (
        first.user,
        Decimal("2.50"),
        RecordStatus.DRAFT,
    )
    # The page shows what was saved.
    assert 'value="present" checked' in row_html(response, first)
    assert 'value="absent" checked' in row_html(response, second)


def test_save_and_submit_hands_the_hours_to_staff(leader_client, today_event, people):
    response = leader_client.post(
        en("attendance", today_event.pk),
        {
            **form_data(people, [("present", "3"), ("present", "2"), ("absent", "")]),
            "submit": "1",
        },
        follow=True,
    )
    assert "2 records sent to staff for approval." in messages_of(response)
    assert set(ServiceRecord.objects.values_list("status", flat=True)) == {"submitted"}
    # Submitted rows are read-only now.
    row = row_html(response, people[0])
    assert "Awaiting approval" in row
    assert 'name="attendance-' not in row
    assert 'name="hours-' not in row


def test_submitting_with_no_drafts_says_so(leader_client, today_event, people):
    response = leader_client.post(
        en("attendance", today_event.pk),
        {**form_data(people, [("absent", "")] * 3), "submit": "1"},
        follow=True,
    )
    assert "There are no draft records to submit for this event." in messages_of(response)
    assert not ServiceRecord.objects.exists()


@pytest.mark.parametrize(
    "hours, message",
    [
        ("30", "No one serves more than 24 hours in a day."),
        ("4", "The event lasted 3 hours; enter at most that."),
        ("abc", "Enter the hours as a number, e.g. 2.5."),
        ("", "Enter the hours as a number, e.g. 2.5."),
    ],
)
def test_a_bad_row_is_shown_on_its_card_and_nothing_is_saved(
    leader_client, today_event, people, hours, message
):
    first, second, third = people
    response = leader_client.post(
        en("attendance", today_event.pk),
        {
            **form_data(people, [("present", "2"), ("present", hours), ("absent", "")]),
            "save": "1",
        },
    )
    assert response.status_code == 400
    bad = row_html(response, second)
    assert message in bad
    assert "attendance-row--error" in text(response).split(f'id="signup-{second.pk}"')[0][-200:]
    assert message not in row_html(response, first)
    assert "Nothing was saved" in text(response)
    # What the leader typed is still there to correct.
    assert f'value="{hours}"' in bad
    assert 'value="absent" checked' in row_html(response, third)
    assert not ServiceRecord.objects.exists()
    assert set(Signup.objects.values_list("attendance", flat=True)) == {""}


def test_marking_someone_absent_withdraws_their_draft(leader_client, today_event, people):
    first = people[0]
    leader_client.post(
        en("attendance", today_event.pk),
        {**form_data([first], [("present", "2")]), "save": "1"},
    )
    leader_client.post(
        en("attendance", today_event.pk),
        {**form_data([first], [("no_show", "2")]), "save": "1"},
    )
    assert ServiceRecord.objects.get().status == RecordStatus.WITHDRAWN
    page = leader_client.get(en("attendance", today_event.pk))
    assert 'value="no_show" checked' in row_html(page, first)


def test_mark_everyone_present_without_javascript(leader_client, today_event, people):
    response = leader_client.post(
        en("attendance", today_event.pk),
        {**form_data(people, [("absent", "1"), ("", "2"), ("", "")]), "mark_all": "present"},
    )
    assert response.status_code == 200
    for signup in people:
        assert 'value="present" checked' in row_html(response, signup)
    assert 'value="1"' in row_html(response, people[0])
    assert "Everyone is marked present. Check the hours, then save." in messages_of(response)
    # Nothing is saved until the leader presses Save.
    assert not ServiceRecord.objects.exists()
    assert set(Signup.objects.values_list("attendance", flat=True)) == {""}


def test_approved_records_are_shown_but_not_changed(leader_client, today_event, people):
    first = people[0]
    ServiceRecordFactory(
        event=today_event,
        volunteer=first.user,
        team=today_event.team,
        hours=Decimal("2.75"),
        status="approved",
    )
    response = leader_client.post(
        en("attendance", today_event.pk),
        {
            **form_data(people, [("absent", ""), ("present", "1"), ("present", "1")]),
            "save": "1",
        },
        follow=True,
    )
    assert "Attendance saved." in messages_of(response)
    row = row_html(response, first)
    assert "Approved" in row and "2.75 hours" in row
    assert ServiceRecord.objects.get(volunteer=first.user).status == "approved"


def test_before_the_event_starts_there_is_nothing_to_mark(client, team, leader):
    event = EventFactory(team=team)
    SignupFactory(event=event)
    client.force_login(leader)
    response = client.get(en("attendance", event.pk))
    assert "Attendance can be taken once the event has started." in text(response)
    assert "Save and submit for approval" not in text(response)
    signup = event.signups.get()
    client.post(en("attendance", event.pk), {f"attendance-{signup.pk}": "present", "save": "1"})
    assert not ServiceRecord.objects.exists()


def test_only_leaders_and_staff_take_attendance(
    client, today_event, people, team, make_volunteer, staff
):
    url = en("attendance", today_event.pk)
    data = {**form_data(people, [("present", "2")] * 3), "save": "1"}
    assert client.get(url).url.startswith("/en/accounts/login/")
    member = make_volunteer()
    MembershipFactory(team=team, user=member)
    for outsider in (member, people[0].user):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.post(url, data).status_code == 403
    assert not ServiceRecord.objects.exists()
    client.force_login(staff)
    assert client.post(url, data).status_code == 302
    assert ServiceRecord.objects.count() == 3


def test_the_roster_shows_who_came(leader_client, today_event, people):
    leader_client.post(
        en("attendance", today_event.pk),
        {**form_data(people, [("present", "2"), ("no_show", ""), ("", "")]), "save": "1"},
    )
    page = text(leader_client.get(en("event_roster", today_event.pk)))
    assert 'data-attendance="present">Present</span>' in page
    assert 'data-attendance="no_show">No-show</span>' in page
    assert page.count("data-attendance=") == 2


def test_the_list_runs_the_same_queries_for_few_or_many_people(
    leader_client, today_event, make_volunteer
):
    def add(n):
        for i in range(n):
            signup = SignupFactory(event=today_event, user=make_volunteer())
            if i % 2 == 0:
                check_in(event=today_event, user=signup.user)
            if i % 3 == 0:
                ServiceRecordFactory(
                    event=today_event, volunteer=signup.user, team=today_event.team
                )

    add(3)
    few = queries_for(leader_client, en("attendance", today_event.pk))
    add(12)
    many = queries_for(leader_client, en("attendance", today_event.pk))
    assert leader_client.get(en("attendance", today_event.pk)).context["summary"]["confirmed"] == 15
    assert many == few
