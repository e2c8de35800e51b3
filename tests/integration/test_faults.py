"""Faults made on purpose, on processes these tests start themselves (127.0.0.1 only):
Redis stopped while volunteers use the site, a worker killed in the middle of drawing a
certificate. The portal keeps serving, and the work left behind is done once afterwards."""

import os
import shutil
import signal
import socket
import subprocess
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from portal.celery import app as celery_app
from portal.outbox import OutgoingMail
from tests.factories import EventFactory, TeamFactory, VolunteerFactory
from volunteers.events.models import Signup
from volunteers.participation.models.hours import ServiceRecord
from volunteers.recognition.models.certificates import Certificate
from volunteers.recognition.services.certificates import certificate_request

from .conftest import celery_processes, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs Debian's redis-server"),
]

FAST_RECOVERY = {"WORK_SWEEP_SECONDS": "1", "WORK_RETRY_AFTER_SECONDS": "2"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A redis-server of this test's own, stopped and started again by its PID."""

    def __init__(self, tmp_path):
        self.port, self.dir = free_port(), tmp_path
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        wait_for(lambda: _answers(client), timeout=20, what="redis-server to answer")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=20)


def _answers(client) -> bool:
    try:
        return client.ping()
    except redis.exceptions.ConnectionError:
        return False


@contextmanager
def celery_broker(url):
    """This process publishes to ``url`` (the worker's broker) for the duration."""
    conf = celery_app.conf
    before = conf.broker_url
    conf.broker_url = url
    celery_app._pool = celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        conf.broker_url = before
        celery_app._pool = celery_app.amqp._producer_pool = None


@pytest.fixture
def own_redis(tmp_path, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("the worker must share the test database: set DATABASE_URL to PostgreSQL")
    from portal import demo
    from tests.conftest import QuietOutput

    demo.load(out=QuietOutput())  # earlier tests flushed the database, the site with it
    server = OwnRedis(tmp_path)
    server.start()
    cache = {
        "BACKEND": "portal.cache.FailoverRedisCache",
        "LOCATION": server.url.replace("/0", "/1"),
        "KEY_PREFIX": "qingshui-fault",
        "FALLBACK": "fallback",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
    }
    try:
        with (
            override_settings(
                CACHES={"default": cache, "fallback": settings.CACHE_FALLBACK},
                PAGECACHE_ENABLED=True,
            ),
            celery_broker(server.url),
        ):
            yield server
    finally:
        if server.process.poll() is None:
            server.stop()


@pytest.fixture
def services(own_redis, tmp_path):
    """A Celery worker and beat on this test's Redis, sweeping lost work every second."""
    yield from celery_processes(
        tmp_path, beat=True, redis_url=own_redis.url, extra_env=FAST_RECOVERY
    )


def test_with_redis_stopped_volunteers_sign_up_and_the_mail_follows_once_it_returns(
    own_redis, services, client
):
    start = timezone.now() + timedelta(days=3)
    event = EventFactory(
        team=TeamFactory(),
        capacity=20,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        signup_deadline=start - timedelta(hours=12),
    )
    volunteer = VolunteerFactory().user
    assert client.get("/").status_code == 200  # a page stored in Redis

    own_redis.stop()
    for url in ("/", "/events/", f"/events/{event.pk}/", "/accounts/login/", "/teams/"):
        assert client.get(url).status_code == 200, url
    assert caches["default"].is_down
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["broker"]["ok"] is False

    client.force_login(volunteer)
    response = client.post(f"/events/{event.pk}/signup/")
    assert response.status_code == 302
    assert Signup.objects.get(event=event, user=volunteer).status == "confirmed"
    mail = OutgoingMail.objects.get(to=volunteer.email)
    assert mail.sent_at is None  # waiting for the broker

    own_redis.start()
    wait_for(
        lambda: OutgoingMail.objects.filter(pk=mail.pk, sent_at__isnull=False).exists(),
        timeout=60,
        what="the sweep to send the mail once Redis is back",
    )
    sent = [f for f in services["mail_dir"].iterdir() if volunteer.email in f.read_text()]
    assert len(sent) == 1
    wait_for(lambda: client.get("/readyz").status_code == 200, timeout=30, what="ready again")


def test_a_certificate_whose_worker_was_killed_is_drawn_once_by_another(own_redis, services):
    volunteer = VolunteerFactory().user
    team = TeamFactory()
    # Enough activities that drawing takes long enough to be caught in the middle.
    ServiceRecord.objects.bulk_create(
        ServiceRecord(
            volunteer=volunteer,
            team=team,
            date=date(2025, 1, 1) + timedelta(days=n % 600),
            township=team.township,
            hours=Decimal("2.00"),
            status="approved",
            source="manual",
        )
        for n in range(6000)
    )
    worker = services["worker"]
    certificate = certificate_request(user=volunteer, language="zh-hans")

    def drawing() -> bool:
        # The worker holds the certificate's row lock for as long as it draws.
        with transaction.atomic():
            free = Certificate.objects.select_for_update(skip_locked=True).filter(
                pk=certificate.pk, status="pending"
            )
            return not free.exists()

    wait_for(drawing, timeout=60, what="the worker to start drawing the certificate")
    os.kill(worker.pid, signal.SIGKILL)  # the whole worker, as the OOM killer would
    worker.wait(timeout=20)
    certificate.refresh_from_db()
    assert certificate.status == "pending"

    killed_at = timezone.now()
    services["start_worker"]()
    wait_for(
        lambda: Certificate.objects.filter(pk=certificate.pk, status="ready").exists(),
        timeout=120,
        what="another worker to draw the certificate",
    )
    certificate.refresh_from_db()
    assert certificate.pdf and certificate.issued_at > killed_at
    assert Certificate.objects.filter(volunteer=volunteer).count() == 1
