import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.utils import timezone, translation

from portal.errors import ServiceError
from portal.outbox import OutgoingMail
from tests.factories import EventFactory, MembershipFactory
from volunteers.events.models import Signup
from volunteers.events.selectors import signups_overlapping
from volunteers.events.services.events import event_cancel, event_update
from volunteers.events.services.signups import event_signup, signup_cancel

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    # The assertions read the services' messages; they are in the active language.
    with translation.override("en"):
        yield


def statuses(event):
    return {
        s.user.volunteer.display_name: s.status
        for s in event.signups.select_related("user__volunteer")
    }


def test_places_are_given_until_full_then_the_waitlist(event, make_volunteer):
    people = [make_volunteer(display_name=f"v{n}") for n in range(4)]
    results = [event_signup(event=event, user=p).status for p in people]
    assert results == ["confirmed", "confirmed", "waitlisted", "waitlisted"]


def test_cancelling_promotes_the_first_on_the_waitlist(
    event, make_volunteer, django_capture_on_commit_callbacks
):
    a, b, c, d = (make_volunteer(display_name=n) for n in "abcd")
    for person in (a, b, c, d):
        event_signup(event=event, user=person)
    with django_capture_on_commit_callbacks(execute=True):
        signup_cancel(signup=Signup.objects.get(event=event, user=a), user=a)
    assert statuses(event) == {
        "a": "cancelled",
        "b": "confirmed",
        "c": "confirmed",
        "d": "waitlisted",
    }
    subjects = [m.subject for m in mail.outbox if m.to == [c.email]]
    assert any(event.title in s and "名额" in s for s in subjects), subjects


def test_rejoining_after_cancelling_goes_to_the_back_of_the_queue(event, make_volunteer):
    a, b, c, d = (make_volunteer(display_name=n) for n in "abcd")
    for person in (a, b, c):
        event_signup(event=event, user=person)  # c waits
    signup_cancel(signup=Signup.objects.get(event=event, user=b), user=b)  # c promoted
    event_signup(event=event, user=d)  # d waits
    event_signup(event=event, user=b)  # b waits behind d
    signup_cancel(signup=Signup.objects.get(event=event, user=a), user=a)
    assert statuses(event)["d"] == "confirmed"
    assert statuses(event)["b"] == "waitlisted"


def test_signing_up_twice_is_refused(event, volunteer):
    event_signup(event=event, user=volunteer)
    with pytest.raises(ServiceError, match="already signed up"):
        event_signup(event=event, user=volunteer)
    assert Signup.objects.filter(event=event, user=volunteer).count() == 1


def test_the_database_refuses_a_second_row_for_the_same_person(event, volunteer):
    Signup.objects.create(event=event, user=volunteer, status="confirmed")
    with pytest.raises(IntegrityError):
        Signup.objects.create(event=event, user=volunteer, status="waitlisted")


def test_no_sign_up_after_the_deadline(team, volunteer):
    event = EventFactory(team=team, signup_deadline=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(ServiceError, match="closed"):
        event_signup(event=event, user=volunteer)


def test_no_sign_up_for_a_cancelled_event(event, leader, volunteer):
    event_cancel(event=event, by=leader, reason="暴雨预警")
    with pytest.raises(ServiceError, match="cancelled"):
        event_signup(event=event, user=volunteer)


def test_no_sign_up_for_a_past_event(team, volunteer):
    start = timezone.now() - datetime.timedelta(days=2)
    event = EventFactory.build(
        team=team, starts_at=start, signup_deadline=start - datetime.timedelta(days=1)
    )
    event.township = team.township
    event.save()
    with pytest.raises(ServiceError):
        event_signup(event=event, user=volunteer)


def test_members_only_event_is_closed_to_non_members(team, volunteer, make_volunteer):
    event = EventFactory(team=team, visibility="members")
    with pytest.raises(PermissionDenied):
        event_signup(event=event, user=volunteer)
    member = make_volunteer()
    MembershipFactory(team=team, user=member)
    assert event_signup(event=event, user=member).status == "confirmed"


def test_cancel_after_the_deadline_is_refused_for_a_confirmed_place(team, volunteer):
    event = EventFactory(team=team)
    signup = event_signup(event=event, user=volunteer)
    event.signup_deadline = timezone.now() - datetime.timedelta(minutes=5)
    event.save()
    with pytest.raises(ServiceError, match="deadline"):
        signup_cancel(signup=signup, user=volunteer)


def test_nobody_cancels_someone_elses_place(event, volunteer, make_volunteer):
    signup = event_signup(event=event, user=volunteer)
    with pytest.raises(PermissionDenied):
        signup_cancel(signup=signup, user=make_volunteer())


def test_overlapping_sign_ups_are_reported(team, volunteer):
    first = EventFactory(team=team)
    second = EventFactory(
        team=team,
        starts_at=first.starts_at + datetime.timedelta(hours=1),
        ends_at=first.ends_at + datetime.timedelta(hours=1),
    )
    later = EventFactory(
        team=team,
        starts_at=first.ends_at + datetime.timedelta(hours=1),
        ends_at=first.ends_at + datetime.timedelta(hours=3),
    )
    event_signup(event=first, user=volunteer)
    assert [s.event for s in signups_overlapping(user=volunteer, event=second)] == [first]
    assert list(signups_overlapping(user=volunteer, event=later)) == []


def test_raising_capacity_promotes_the_waitlist(event, leader, make_volunteer):
    people = [make_volunteer(display_name=f"p{n}") for n in range(3)]
    for p in people:
        event_signup(event=event, user=p)
    event_update(event=event, by=leader, capacity=3)
    assert set(statuses(event).values()) == {"confirmed"}


def test_capacity_cannot_drop_below_the_places_taken(event, leader, make_volunteer):
    for _ in range(2):
        event_signup(event=event, user=make_volunteer())
    with pytest.raises(ServiceError) as raised:
        event_update(event=event, by=leader, capacity=1)
    assert "capacity" in raised.value.message_dict
    event.refresh_from_db()
    assert event.capacity == 2


def test_sign_up_writes_a_confirmation_to_the_outbox_in_the_same_transaction(event, volunteer):
    event_signup(event=event, user=volunteer)
    row = OutgoingMail.objects.get(to=volunteer.email)
    assert row.kind == "volunteers/email/signup_confirmed"
    assert event.meeting_point in row.text_body
    assert row.sent_at is None  # sent only after commit


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"lat": 95.0, "lon": 110.0}, "lat"),
        ({"lat": 32.6, "lon": None}, "lat"),
        ({"capacity": 10_001}, "capacity"),
    ],
)
def test_event_service_refuses_bad_points_and_capacities_without_a_database_error(
    event, leader, changes, field
):
    with pytest.raises(ServiceError) as raised:
        event_update(event=event, by=leader, **changes)
    assert field in raised.value.message_dict


@pytest.mark.django_db(transaction=True)
def test_a_sign_up_saved_outside_any_transaction_still_moves_the_count():
    """The admin and scripts save rows in autocommit mode; the recount still locks the row."""
    from tests.factories import EventFactory, MembershipFactory, SignupFactory, TeamFactory

    team = TeamFactory()
    event = EventFactory(team=team, capacity=3)
    SignupFactory(event=event)
    MembershipFactory(team=team)
    event.refresh_from_db()
    team.refresh_from_db()
    assert event.places_taken == 1 and team.member_count == 1
