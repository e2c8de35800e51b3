"""Parts of pages that are the same for every visitor, kept until their tags change.

Signed-in visitors always get freshly rendered pages; these parts (navigation,
breadcrumbs, language links, site settings, home sections, maps' data) are still
built once for everyone, so a personal page costs only its personal queries.
"""

import contextlib

from django.core.cache import cache

from portal.pagecache.pages import SITE
from portal.pagecache.tags import tag_versions

PREFIX = "pagecache:part:"


def shared_part(name: str, build, *, tags=(SITE,), timeout: int = 60 * 60):
    """``build()``, or what it returned before while ``tags`` are unchanged.

    With the cache down it simply builds: a slower page, never a failed one.
    """
    try:
        key = PREFIX + name + ":" + "-".join(tag_versions(tags).values())
        value = cache.get(key)
    except Exception:  # noqa: BLE001
        return build()
    if value is None:
        value = build()
        with contextlib.suppress(Exception):
            cache.set(key, value, timeout)
    return value
