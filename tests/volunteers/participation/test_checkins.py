"""QR check-in and check-out: tokens, the rules of checking in and out, hours from the times."""

import datetime
import time
from decimal import Decimal

import pytest
from django.utils import translation

from portal.errors import ServiceError
from tests.factories import EventFactory, SignupFactory, VolunteerFactory
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import RecordSource, RecordStatus, ServiceRecord
from volunteers.participation.services.checkins import (
    IN,
    OUT,
    check_in,
    check_out,
    checkin_pass_action,
    checkin_pass_grant,
    checkin_token,
    checkin_token_action,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


class TestTokens:
    def test_a_fresh_token_is_accepted_for_its_event_and_action(self, today_event):
        token = checkin_token(event=today_event, action=IN)
        assert checkin_token_action(event=today_event, token=token) == IN
        assert (
            checkin_token_action(
                event=today_event, token=checkin_token(event=today_event, action=OUT)
            )
            == OUT
        )

    def test_a_token_expires_after_two_minutes(self, today_event):
        made = time.time() - 130
        token = checkin_token(event=today_event, action=IN, at=made)
        with pytest.raises(ServiceError, match="expired"):
            checkin_token_action(event=today_event, token=token)
        # Within its validity it still works.
        assert checkin_token_action(event=today_event, token=token, at=made + 30) == IN

    def test_a_token_from_another_day_is_refused(self, today_event):
        yesterday = time.time() - 86400
        token = checkin_token(event=today_event, action=IN, at=yesterday)
        with pytest.raises(ServiceError):
            checkin_token_action(event=today_event, token=token)

    def test_a_token_cannot_be_replayed_for_another_event(self, today_event, team):
        other = EventFactory(team=team)
        token = checkin_token(event=today_event, action=IN)
        with pytest.raises(ServiceError, match="not valid"):
            checkin_token_action(event=other, token=token)

    def test_the_action_cannot_be_swapped(self, today_event):
        token = checkin_token(event=today_event, action=IN)
        forged = OUT + token[1:]
        with pytest.raises(ServiceError, match="not valid"):
            checkin_token_action(event=today_event, token=forged)

    @pytest.mark.parametrize(
        "token",
        [
            "",
            "i",
            "x1-abc",
            "i-zz",
            "izz-0000",
            "i1a2b3c-" + "0" * 20,
            "i" + "f" * 40 + "-a",
            "-",
            "i1-",
        ],
    )
    def test_forged_or_malformed_tokens_are_refused(self, today_event, token):
        with pytest.raises(ServiceError, match="not valid"):
            checkin_token_action(event=today_event, token=token)

    def test_a_token_made_in_the_future_is_refused(self, today_event):
        token = checkin_token(event=today_event, action=IN, at=time.time() + 300)
        with pytest.raises(ServiceError):
            checkin_token_action(event=today_event, token=token)

    def test_a_session_pass_is_for_one_event(self, today_event, team):
        session = {}
        checkin_pass_grant(session, event=today_event, action=IN)
        assert checkin_pass_action(session, event=today_event) == IN
        assert checkin_pass_action(session, event=EventFactory(team=team)) is None


class TestCheckInAndOut:
    def test_check_in_then_out_puts_the_hours_on_a_draft_record(self, today_event, signed_up):
        arrived = today_event.starts_at + datetime.timedelta(minutes=10)
        check_in(event=today_event, user=signed_up, now=arrived)
        left = arrived + datetime.timedelta(hours=2, minutes=15)
        checkin = check_out(event=today_event, user=signed_up, now=left)
        assert checkin.checked_out_at == left
        record = ServiceRecord.objects.get(event=today_event, volunteer=signed_up)
        assert (record.hours, record.status, record.source) == (
            Decimal("2.25"),
            RecordStatus.DRAFT,
            RecordSource.CHECKIN,
        )
        assert record.changes.get().changed_by == signed_up

    def test_hours_are_capped_at_the_events_length(self, today_event, signed_up):
        check_in(
            event=today_event,
            user=signed_up,
            now=today_event.starts_at - datetime.timedelta(minutes=50),
        )
        check_out(
            event=today_event, user=signed_up, now=today_event.ends_at + datetime.timedelta(hours=2)
        )
        record = ServiceRecord.objects.get(event=today_event, volunteer=signed_up)
        assert record.hours == Decimal("3.00")

    def test_check_out_before_check_in_is_refused(self, today_event, signed_up):
        with pytest.raises(ServiceError, match="before checking in"):
            check_out(event=today_event, user=signed_up)
        assert not ServiceRecord.objects.exists()

    def test_checking_in_twice_says_when(self, today_event, signed_up):
        check_in(event=today_event, user=signed_up)
        with pytest.raises(ServiceError, match="already"):
            check_in(event=today_event, user=signed_up)
        assert CheckIn.objects.count() == 1

    def test_only_volunteers_with_a_confirmed_place_check_in(self, today_event):
        stranger = VolunteerFactory().user
        with pytest.raises(ServiceError, match="confirmed place"):
            check_in(event=today_event, user=stranger)
        waiting = VolunteerFactory().user
        SignupFactory(event=today_event, user=waiting, status="waitlisted")
        with pytest.raises(ServiceError, match="confirmed place"):
            check_in(event=today_event, user=waiting)
        assert not CheckIn.objects.exists()

    def test_check_in_is_open_only_around_the_event(self, today_event, signed_up):
        with pytest.raises(ServiceError, match="opens an hour before"):
            check_in(
                event=today_event,
                user=signed_up,
                now=today_event.starts_at - datetime.timedelta(hours=2),
            )
        with pytest.raises(ServiceError, match="closed"):
            check_in(
                event=today_event,
                user=signed_up,
                now=today_event.ends_at + datetime.timedelta(hours=4),
            )

    def test_a_cancelled_event_takes_no_check_ins(self, today_event, signed_up):
        today_event.status = "cancelled"
        today_event.save()
        with pytest.raises(ServiceError, match="cancelled"):
            check_in(event=today_event, user=signed_up)

    def test_a_far_position_is_stored_and_flagged(self, today_event, signed_up):
        # About 11 km north of the event point.
        checkin = check_in(event=today_event, user=signed_up, lat="32.80", lon="111.00")
        assert checkin.far_from_event is True
        assert 10_000 < checkin.in_distance_m < 12_000

    def test_a_near_position_is_not_flagged(self, today_event, signed_up):
        checkin = check_in(event=today_event, user=signed_up, lat=32.7005, lon=111.0004)
        assert checkin.far_from_event is False
        assert checkin.in_distance_m < 100

    @pytest.mark.parametrize("lat,lon", [("nan", "1"), ("95", "111"), ("abc", ""), (None, "111")])
    def test_a_nonsense_position_is_ignored(self, today_event, signed_up, lat, lon):
        checkin = check_in(event=today_event, user=signed_up, lat=lat, lon=lon)
        assert (checkin.in_lat, checkin.in_distance_m, checkin.far_from_event) == (
            None,
            None,
            False,
        )

    def test_check_out_leaves_a_submitted_record_to_staff(self, today_event, signed_up, leader):
        from volunteers.participation.services.attendance import attendance_save, records_submit

        check_in(event=today_event, user=signed_up)
        signup = today_event.signups.get()
        attendance_save(event=today_event, marks={signup.pk: ("present", "1.5")}, by=leader)
        records_submit(event=today_event, by=leader)
        check_out(event=today_event, user=signed_up)
        record = ServiceRecord.objects.get()
        assert (record.hours, record.status) == (Decimal("1.50"), RecordStatus.SUBMITTED)


def test_check_out_keeps_the_hours_the_leader_entered(today_event, signed_up, leader):
    from volunteers.participation.services.attendance import attendance_save

    check_in(event=today_event, user=signed_up)
    signup = today_event.signups.get()
    attendance_save(event=today_event, marks={signup.pk: ("present", "2.75")}, by=leader)
    check_out(event=today_event, user=signed_up)
    record = ServiceRecord.objects.get()
    assert (record.hours, record.source) == (Decimal("2.75"), RecordSource.ATTENDANCE)


def test_no_check_in_on_a_cancelled_event_even_in_its_window(today_event):
    from volunteers.participation.services.checkins import checkin_window_open

    assert checkin_window_open(today_event)
    today_event.status = "cancelled"
    assert not checkin_window_open(today_event)


def test_a_token_with_an_absurd_minute_is_refused_not_crashed(today_event):
    for token in ("ifffffffffff-x", "i" + "f" * 11 + "-" + "0" * 20):
        with pytest.raises(ServiceError):
            checkin_token_action(event=today_event, token=token)
