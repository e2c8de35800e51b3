"""Versions of the data tags that cached pages depend on."""

import logging
import secrets

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

PREFIX = "pagecache:tag:"
# A tag every stored page and fragment depends on: touching it starts a new
# generation (after a cache outage, when invalidations may have been lost).
EVERYTHING = "*"


def _key(tag: str) -> str:
    return PREFIX + tag


def tag_versions(tags) -> dict[str, str]:
    """The current version of each tag; a tag never touched (or evicted) gets one now.

    Raises on cache errors: callers treat that as "not cacheable now".
    """
    tags = list(dict.fromkeys([EVERYTHING, *tags]))
    found = cache.get_many([_key(t) for t in tags])
    versions = {t: found.get(_key(t)) for t in tags}
    for tag, version in versions.items():
        if version is None:
            version = secrets.token_hex(4)
            # add(), not set(): two processes meeting a missing tag agree on one version.
            if not cache.add(_key(tag), version, timeout=None):
                version = cache.get(_key(tag)) or version
            versions[tag] = version
    return versions


def _touch(tags: tuple[str, ...]) -> None:
    try:
        cache.set_many({_key(t): secrets.token_hex(4) for t in tags}, timeout=None)
    except Exception:  # noqa: BLE001  the cache is down: pages expire on their own
        logger.warning("Could not invalidate cached pages for %s", ", ".join(tags), exc_info=True)


def tags_touch_everything() -> None:
    """Invalidate every stored page and fragment."""
    _touch((EVERYTHING,))


def tags_touch(*tags: str) -> None:
    """Invalidate every cached page that shows data of ``tags``.

    Twice: at once, so the next read in this process sees the change (as do
    tests, whose transactions never commit), and again after the transaction
    commits, so a page another process rendered from the data as it was before
    the commit does not outlive it. A random new version (rather than a
    counter) needs no read and cannot be set back by a concurrent writer.
    """
    tags = tuple(dict.fromkeys(t for t in tags if t))
    if tags:
        _touch(tags)
        transaction.on_commit(lambda: _touch(tags))
