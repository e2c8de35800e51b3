"""What the readiness probe reports: the parts the portal needs, each checked cheaply.

Liveness (``/healthz``) says only that a web process answers. Readiness
(``/readyz``) says whether it can do its work: the database answers, Redis
answers as cache and as broker, and the outbox is being delivered. A
degraded part makes the whole answer 503, so a load balancer or an operator
notices, even though the site itself keeps serving (portal/cache.py,
portal/enqueue.py).
"""

from dataclasses import asdict, dataclass
from datetime import timedelta

from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from portal.cache import FailoverRedisCache
from portal.celery import app
from portal.outbox import OutgoingMail, OutgoingSms

# A message older than this still unsent means no worker is delivering (the sweeps
# re-send every minute).
OUTBOX_LAG_LIMIT = timedelta(minutes=5)


@dataclass
class Check:
    ok: bool
    detail: str


def _database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure is "not ready"
        return Check(False, f"unreachable: {type(error).__name__}")
    return Check(True, connection.vendor)


def _cache() -> Check:
    cache = caches["default"]
    if not isinstance(cache, FailoverRedisCache):
        return Check(True, "local memory")
    try:
        cache._cache.get_client(write=True).ping()
    except Exception as error:  # noqa: BLE001
        return Check(False, f"Redis unreachable ({type(error).__name__}); using the database")
    return Check(True, "redis")


def _broker() -> Check:
    if app.conf.task_always_eager:
        return Check(True, "tasks run in-process")
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=1)
    except Exception as error:  # noqa: BLE001
        return Check(False, f"unreachable ({type(error).__name__}); work waits in the database")
    return Check(True, conn.transport_cls)


def _outbox() -> Check:
    """The oldest message still waiting, mail or SMS: both are sent by the same workers."""
    waiting = []
    for kind, model in (("mail", OutgoingMail), ("text message", OutgoingSms)):
        try:
            oldest = (
                model.objects.pending()
                .order_by("created_at")
                .values_list("created_at", flat=True)
                .first()
            )
        except Exception as error:  # noqa: BLE001
            return Check(False, f"unknown ({type(error).__name__})")
        if oldest is not None:
            waiting.append((oldest, kind))
    if not waiting:
        return Check(True, "nothing waiting")
    oldest, kind = min(waiting)
    age = timezone.now() - oldest
    seconds = int(age.total_seconds())
    return Check(age <= OUTBOX_LAG_LIMIT, f"oldest unsent {kind} waiting {seconds} s")


def readiness() -> dict:
    checks = {
        "database": _database(),
        "cache": _cache(),
        "broker": _broker(),
        "outbox": _outbox(),
    }
    return {
        "ready": all(check.ok for check in checks.values()),
        "checks": {name: asdict(check) for name, check in checks.items()},
    }
