"""Text messages go through an outbox like e-mail: written first, sent after commit, once."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from portal import tasks
from portal.outbox import OutgoingSms
from portal.sms import backends
from portal.sms.services import SINGLE_SMS_CHARS, sms_deliver, sms_queue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sent():
    backends.sent.clear()
    yield backends.sent
    backends.sent.clear()


def queue(**kwargs):
    defaults = {
        "to": "+8613800138000",
        "kind": "phone_code",
        "params": {"code": "402913", "minutes": 10},
    }
    return sms_queue(**(defaults | kwargs))


def test_a_code_is_texted_after_commit_in_the_recipients_language(
    sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        chinese = queue(language="zh-hans")
        english = queue(language="en")
    chinese.refresh_from_db()
    assert chinese.sent_at is not None and chinese.provider_id == f"memory-{chinese.pk}"
    assert [m.pk for m in sent] == [chinese.pk, english.pk]
    assert "402913" in chinese.text and "10" in chinese.text
    assert "验证码" in chinese.text and len(chinese.text) <= SINGLE_SMS_CHARS
    assert english.text.startswith("Your Qingshui code is 402913.")
    # The provider's template gets its parameters as strings.
    assert chinese.params == {"code": "402913", "minutes": "10"}


def test_nothing_is_texted_if_the_transaction_rolls_back(sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue()
    assert len(callbacks) == 1
    assert sent == []


def test_running_the_send_task_twice_texts_once(sent):
    row = queue()
    assert tasks.send_outgoing_sms(row.pk) is True
    assert tasks.send_outgoing_sms(row.pk) is False
    assert len(sent) == 1


def test_broker_outage_delays_the_text_and_the_sweep_sends_it(
    sent, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(
            tasks.send_outgoing_sms, "apply_async", side_effect=ConnectionError("broker down")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        row = queue()
    assert sent == []
    OutgoingSms.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert tasks.sweep_outgoing_sms() == 1
    row.refresh_from_db()
    assert row.sent_at is not None and len(sent) == 1


def test_a_provider_failure_is_recorded_and_retried_until_the_limit():
    row = queue()
    with mock.patch.object(
        backends.MemoryBackend, "send", side_effect=RuntimeError("isv.BUSINESS_LIMIT_CONTROL")
    ):
        for _ in range(OutgoingSms.MAX_ATTEMPTS):
            assert sms_deliver(sms_id=row.pk) is False
    row.refresh_from_db()
    assert row.attempts == OutgoingSms.MAX_ATTEMPTS
    assert "BUSINESS_LIMIT_CONTROL" in row.last_error and row.failed_at is not None
    assert sms_deliver(sms_id=row.pk) is False


def test_the_console_backend_prints_the_code_for_developers(capsys, settings):
    settings.SMS_BACKEND = "portal.sms.backends.ConsoleBackend"
    row = queue(language="en")
    assert sms_deliver(sms_id=row.pk) is True
    assert (
        "SMS to +8613800138000 [phone_code]: Your Qingshui code is 402913."
        in capsys.readouterr().out
    )
