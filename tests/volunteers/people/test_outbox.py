from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from portal import tasks as portal_tasks
from portal.outbox import OutgoingMail
from volunteers.events.models import Signup
from volunteers.events.services.signups import event_signup

pytestmark = pytest.mark.django_db


def test_sign_up_succeeds_with_the_broker_down_and_the_sweep_sends_the_mail(
    event, volunteer, django_capture_on_commit_callbacks
):
    broker_down = ConnectionError("Error 111 connecting to 127.0.0.1:6379")
    with (
        mock.patch.object(portal_tasks.send_outgoing_mail, "apply_async", side_effect=broker_down),
        django_capture_on_commit_callbacks(execute=True),
    ):
        signup = event_signup(event=event, user=volunteer)
    assert Signup.objects.get(pk=signup.pk).status == "confirmed"
    assert mail.outbox == []

    OutgoingMail.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    portal_tasks.sweep_outgoing_mail()
    assert [m.to for m in mail.outbox] == [[volunteer.email]]
    assert event.title in mail.outbox[0].subject


def test_a_failed_sign_up_writes_no_mail(event, volunteer):
    event_signup(event=event, user=volunteer)
    before = OutgoingMail.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - any refusal
        event_signup(event=event, user=volunteer)
    assert OutgoingMail.objects.count() == before
