import datetime

import pytest
from django.core import mail
from django.utils import timezone

from portal.outbox import OutgoingMail, OutgoingSms
from tests.factories import EventFactory, VolunteerFactory
from volunteers.events import tasks
from volunteers.events.services.events import event_cancel
from volunteers.events.services.reminders import reminders_send
from volunteers.events.services.signups import event_signup

pytestmark = pytest.mark.django_db


@pytest.fixture
def tomorrow_event(team):
    start = timezone.now() + datetime.timedelta(hours=20)
    return EventFactory(
        team=team,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        signup_deadline=start - datetime.timedelta(hours=2),
    )


def reminder_rows():
    return OutgoingMail.objects.filter(kind="volunteers/email/event_reminder")


def test_confirmed_volunteers_are_reminded_once(
    tomorrow_event, volunteer, django_capture_on_commit_callbacks
):
    event_signup(event=tomorrow_event, user=volunteer)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send() == 1
    assert reminders_send() == 0  # the next beat tick finds nothing left to do
    assert tasks.send_event_reminders() == 0
    assert reminder_rows().count() == 1
    reminder = [
        m for m in mail.outbox if m.to == [volunteer.email] and tomorrow_event.title in m.subject
    ]
    assert len(reminder) == 1


def test_events_further_away_are_not_reminded_yet(team, volunteer):
    event_signup(event=EventFactory(team=team), user=volunteer)  # a week away
    assert reminders_send() == 0


def test_waitlisted_and_cancelled_events_get_no_reminder(tomorrow_event, make_volunteer, leader):
    tomorrow_event.capacity = 1
    tomorrow_event.save()
    first, second = make_volunteer(), make_volunteer()
    event_signup(event=tomorrow_event, user=first)
    event_signup(event=tomorrow_event, user=second)  # waitlisted
    assert reminders_send() == 1
    assert list(reminder_rows().values_list("to", flat=True)) == [first.email]


def test_volunteers_who_turned_reminders_off_get_none(tomorrow_event):
    quiet = VolunteerFactory(reminders_enabled=False).user
    event_signup(event=tomorrow_event, user=quiet)
    reminders_send()
    assert not reminder_rows().exists()


def test_reminder_is_written_in_the_volunteers_language(tomorrow_event):
    english = VolunteerFactory(language="en").user
    event_signup(event=tomorrow_event, user=english)
    reminders_send()
    row = reminder_rows().get()
    assert row.subject.startswith("Tomorrow:")
    assert "Meeting point" in row.text_body


# --- By SMS, as the volunteer chose -------------------------------------------------------


def sms_rows(kind="event_reminder"):
    return OutgoingSms.objects.filter(kind=kind)


@pytest.mark.parametrize(
    ("notify_by", "by_mail", "by_sms"),
    [("email", 1, 0), ("sms", 0, 1), ("both", 1, 1)],
)
def test_the_reminder_goes_the_way_the_volunteer_chose(tomorrow_event, notify_by, by_mail, by_sms):
    profile = VolunteerFactory(phone="13912345678", phone_verified=True, notify_by=notify_by)
    event_signup(event=tomorrow_event, user=profile.user)
    reminders_send()
    assert reminder_rows().count() == by_mail
    assert sms_rows().count() == by_sms
    if by_sms:
        text = sms_rows().get().text
        assert tomorrow_event.title[:20] in text and str(tomorrow_event.township) in text
        assert sms_rows().get().to == "+8613912345678"


def test_an_unverified_number_gets_no_text_and_the_mail_goes_instead(tomorrow_event):
    profile = VolunteerFactory(phone="13912345678", phone_verified=False, notify_by="sms")
    event_signup(event=tomorrow_event, user=profile.user)
    reminders_send()
    assert reminder_rows().count() == 1 and not sms_rows().exists()


def test_a_volunteer_without_e_mail_is_reminded_by_text(tomorrow_event):
    profile = VolunteerFactory(phone="13912345678", phone_verified=True, user__email="")
    event_signup(event=tomorrow_event, user=profile.user)
    reminders_send()
    assert not reminder_rows().exists() and sms_rows().count() == 1


def test_a_cancelled_event_is_texted_to_those_who_chose_sms(tomorrow_event, leader):
    profile = VolunteerFactory(phone="13912345678", phone_verified=True, notify_by="sms")
    event_signup(event=tomorrow_event, user=profile.user)
    event_cancel(event=tomorrow_event, by=leader, reason="暴雨")
    assert sms_rows("event_cancelled").count() == 1
    # Sign-up confirmations are not time-sensitive: they stay e-mail only.
    assert not sms_rows("signup_confirmed").exists()
