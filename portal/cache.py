"""A Redis cache that keeps the portal working while Redis is away.

The cache holds stored pages, shared fragments, Wagtail's site roots and
allauth's rate-limit counters. When Redis cannot be reached, each operation
goes to a second cache in the database instead (``FALLBACK``, a
``DatabaseCache``): pages render and are stored there, and the rate limits
keep counting, shared by every process — so sign-in, sign-up and password
resets stay open and stay limited, instead of every request failing or the
limits silently lapsing.

After a failure Redis is left alone for ``RETRY_SECONDS`` (one connection
attempt, not one per operation, so a dead Redis costs requests nothing).
When it answers again ``cache_recovered`` is sent: what was invalidated
meanwhile was invalidated in the fallback only, so the page cache starts a
new generation (portal.pagecache.signals).
"""

import logging
import time

import django.dispatch
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

cache_recovered = django.dispatch.Signal()

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class FailoverRedisCache(RedisCache):
    RETRY_SECONDS = 5.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._fallback_alias = params.get("FALLBACK", "fallback")
        self._down_until = 0.0  # monotonic time before which Redis is not tried
        self._down = False

    @property
    def fallback(self):
        return caches[self._fallback_alias]

    @property
    def is_down(self) -> bool:
        return self._down

    def _call(self, name, *args, **kwargs):
        if self._down and time.monotonic() < self._down_until:
            return getattr(self.fallback, name)(*args, **kwargs)
        try:
            result = getattr(RedisCache, name)(self, *args, **kwargs)
        except UNREACHABLE as error:
            if not self._down:
                logger.warning("Redis unreachable (%s); caching in the database meanwhile", error)
            self._down, self._down_until = True, time.monotonic() + self.RETRY_SECONDS
            return getattr(self.fallback, name)(*args, **kwargs)
        if self._down:
            self._down = False
            logger.warning("Redis is back; caching there again")
            cache_recovered.send(sender=type(self))
        return result


def _through_failover(name):
    def operation(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    operation.__name__ = name
    return operation


# Every public operation of RedisCache (the others, such as decr and
# get_or_set, are built on these).
for _name in (
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many",
    "delete_many", "clear",
):  # fmt: skip
    setattr(FailoverRedisCache, _name, _through_failover(_name))
