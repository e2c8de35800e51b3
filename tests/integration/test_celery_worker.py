import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from portal.mail import mail_queue
from portal.outbox import OutgoingMail
from tests.factories import EventFactory, TeamFactory, VolunteerFactory
from volunteers.events.models import Signup
from volunteers.events.services.signups import event_signup

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


def test_beat_and_worker_deliver_a_reminder_once(celery_worker_with_beat):
    start = timezone.now() + datetime.timedelta(hours=3)
    event = EventFactory(
        team=TeamFactory(),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        signup_deadline=start - datetime.timedelta(hours=1),
    )
    volunteer = VolunteerFactory().user
    event_signup(
        event=event, user=volunteer
    )  # committed: this test runs without a wrapping transaction

    def reminded():
        return OutgoingMail.objects.filter(
            kind="volunteers/email/event_reminder", to=volunteer.email, sent_at__isnull=False
        ).exists()

    try:
        wait_for(reminded, timeout=60, what="beat to schedule and the worker to send the reminder")
    except AssertionError:
        print(log_text(celery_worker_with_beat)[-3000:])
        raise
    assert Signup.objects.get(event=event).reminded_at is not None
    # Beat keeps scanning every second; later scans find nothing left to send.
    scans_so_far = scans(celery_worker_with_beat)
    wait_for(
        lambda: scans(celery_worker_with_beat) >= scans_so_far + 2,
        timeout=15,
        what="two more reminder scans",
    )
    assert OutgoingMail.objects.filter(kind="volunteers/email/event_reminder").count() == 1


def scans(worker) -> int:
    return log_text(worker).count("volunteers.tasks.send_event_reminders[") // 2


def log_text(worker):
    return worker["log"].read_text()
