"""Counting what someone does in a time window, for the limits on actions that send mail.

Where the actions leave rows (teams, pledges, flags) the services count the
rows; this counter is for actions that leave none of their own (a sign-up
cancelled and made again reuses one row, a visitor's pledges are anonymous).
It lives in the cache, which falls back to the database while Redis is away
(portal/cache.py), so the limits hold through an outage.
"""

from django.core.cache import cache


def allowance_use(action: str, who: str, *, limit: int, seconds: int) -> bool:
    """Count one more ``action`` by ``who``; False once more than ``limit`` in the window."""
    key = f"limits:{action}:{who}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ran out between add() and incr()
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit
