"""With Redis unreachable the portal keeps serving: pages render, rate limits keep
counting (in the database), and the readiness probe says what is wrong."""

import datetime
import re
import socket

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings
from django.utils import timezone

from portal.cache import FailoverRedisCache
from portal.outbox import OutgoingMail, OutgoingSms
from portal.pagecache.tags import EVERYTHING, tag_versions

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(url):
    return {
        "default": {
            "BACKEND": "portal.cache.FailoverRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "qingshui-failover-test",
            "FALLBACK": "fallback",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        },
        "fallback": settings.CACHE_FALLBACK,
    }


@pytest.fixture
def redis_down():
    with override_settings(
        CACHES=redis_cache(f"redis://127.0.0.1:{closed_port()}/0"), PAGECACHE_ENABLED=True
    ):
        caches["fallback"].clear()
        yield caches["default"]
        caches["fallback"].clear()


def test_pages_render_and_are_kept_in_the_database_while_redis_is_down(client, home, redis_down):
    assert client.get("/").status_code == 200
    assert redis_down.is_down
    assert client.get("/events/").status_code == 200
    # Stored in the fallback: the next visitor is served from it.
    assert caches["fallback"].get(f"pagecache:tag:{EVERYTHING}") is not None


def test_failed_logins_are_still_limited_while_redis_is_down(client, home, redis_down):
    for _ in range(5):
        client.post("/accounts/login/", {"login": "staff@qingshui.example", "password": "wrong"})
    client.post(
        "/accounts/login/", {"login": "staff@qingshui.example", "password": "qingshui-staff-2026"}
    )
    assert "_auth_user_id" not in client.session


def test_staff_sign_in_while_redis_is_down(client, home, redis_down):
    response = client.post(
        "/accounts/login/", {"login": "staff@qingshui.example", "password": "qingshui-staff-2026"}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_dead_redis_is_tried_once_then_left_alone_for_a_while(redis_down, monkeypatch):
    calls = []
    real = FailoverRedisCache._call

    def counting(self, name, *args, **kwargs):
        calls.append(self._down)
        return real(self, name, *args, **kwargs)

    monkeypatch.setattr(FailoverRedisCache, "_call", counting)
    redis_down.set("a", 1)
    for _ in range(20):
        assert redis_down.get("a") == 1
    # The first call found Redis down; the rest went straight to the database.
    assert calls[0] is False and all(calls[1:])


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL: a Redis that comes back")
def test_when_redis_returns_pages_stored_before_the_outage_are_dropped():
    with override_settings(CACHES=redis_cache(settings.CACHES["default"]["LOCATION"])):
        cache = caches["default"]
        before = tag_versions(["events"])
        cache._down, cache._down_until = True, 0.0  # an outage that has just ended
        assert cache.get("anything") is None
        assert not cache.is_down
        after = tag_versions(["events"])
        assert after[EVERYTHING] != before[EVERYTHING]
        assert after["events"] == before["events"]


def test_readiness_reports_a_dead_redis_with_503(client, redis_down):
    response = client.get("/readyz")
    assert response.status_code == 503
    report = response.json()
    assert report["ready"] is False
    assert report["checks"]["database"]["ok"] is True
    assert report["checks"]["cache"]["ok"] is False
    assert "using the database" in report["checks"]["cache"]["detail"]
    assert response["Cache-Control"].startswith("max-age=0")


def test_readiness_reports_mail_waiting_too_long(client):
    mail = OutgoingMail.objects.create(to="a@example.com", subject="s", text_body="b")
    assert client.get("/readyz").status_code == 200
    OutgoingMail.objects.filter(pk=mail.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=6)
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    outbox = response.json()["checks"]["outbox"]
    assert outbox["ok"] is False
    assert re.fullmatch(r"oldest unsent mail waiting 36\d s", outbox["detail"])


def test_liveness_stays_ok_while_redis_is_down(client, redis_down):
    assert client.get("/healthz").content == b"ok"


def test_readiness_reports_a_text_message_waiting_too_long(client):
    OutgoingMail.objects.create(to="a@example.com", subject="s", text_body="b")
    sms = OutgoingSms.objects.create(
        to="+8613800138000", kind="code", text="验证码 123456", language="zh-hans"
    )
    OutgoingSms.objects.filter(pk=sms.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=7)
    )
    outbox = client.get("/readyz").json()["checks"]["outbox"]
    assert outbox["ok"] is False
    assert re.fullmatch(r"oldest unsent text message waiting 42\d s", outbox["detail"])
