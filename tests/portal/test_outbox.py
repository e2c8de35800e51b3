from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from portal import tasks
from portal.mail import mail_deliver, mail_queue
from portal.outbox import OutgoingMail

pytestmark = pytest.mark.django_db


def queue(**kwargs):
    defaults = {"to": "v@example.com", "subject": "报名成功", "text_body": "你已报名。"}
    return mail_queue(**(defaults | kwargs))


def test_queued_mail_is_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = queue()
    row.refresh_from_db()
    assert row.sent_at is not None
    assert [m.subject for m in mail.outbox] == ["报名成功"]


def test_nothing_is_sent_if_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue()
    assert len(callbacks) == 1  # queued for after commit, not sent inline
    assert mail.outbox == []


def test_running_the_send_task_twice_sends_once():
    row = queue()
    assert tasks.send_outgoing_mail(row.pk) is True
    assert tasks.send_outgoing_mail(row.pk) is False
    assert len(mail.outbox) == 1


def test_broker_outage_delays_mail_and_the_sweep_delivers_it(django_capture_on_commit_callbacks):
    with (
        mock.patch.object(
            tasks.send_outgoing_mail, "apply_async", side_effect=ConnectionError("broker down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        row = queue()
    row.refresh_from_db()
    assert row.sent_at is None
    assert mail.outbox == []

    OutgoingMail.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert tasks.sweep_outgoing_mail() == 1
    row.refresh_from_db()
    assert row.sent_at is not None
    assert len(mail.outbox) == 1


def test_failed_delivery_is_recorded_and_retried_until_the_limit():
    row = queue()
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down")
    ):
        for _ in range(OutgoingMail.MAX_ATTEMPTS):
            assert mail_deliver(mail_id=row.pk) is False
    row.refresh_from_db()
    assert row.attempts == OutgoingMail.MAX_ATTEMPTS
    assert "smtp down" in row.last_error
    assert row.failed_at is not None
    assert mail_deliver(mail_id=row.pk) is False  # given up: not retried forever
