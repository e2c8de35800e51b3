import pytest
from django.db import transaction

from portal.mail import mail_queue
from portal.outbox import OutgoingMail

from .conftest import wait_for

pytestmark = pytest.mark.integration


def test_a_real_worker_delivers_queued_mail_once(celery_worker_process):
    with transaction.atomic():
        row = mail_queue(
            to="volunteer@example.com", subject="活动提醒 Event reminder", text_body="明天见。"
        )

    def sent():
        return OutgoingMail.objects.filter(pk=row.pk, sent_at__isnull=False).exists()

    wait_for(sent, timeout=30, what="the worker to send the mail")
    files = list(celery_worker_process["mail_dir"].iterdir())
    assert len(files) == 1
    assert "volunteer@example.com" in files[0].read_text()
