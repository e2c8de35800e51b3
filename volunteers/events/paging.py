"""Slicing the public events feed: a bounding box, and pages by keyset.

``/api/events.geojson`` may hold thousands of upcoming events; a map that asks
for its viewport (``bbox``) and a client that walks pages (``limit`` and the
``next`` link's ``cursor``) never make the server build or send all of them.
Unusable values are ignored, as the list's filters are: open data never
answers a typo with an error page.
"""

import base64
import datetime

from django.db.models import Q

DEFAULT_LIMIT = 500
MAX_LIMIT = 1000


def parse_bbox(value: str) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in WGS-84 degrees (RFC 7946 order), or None."""
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except (AttributeError, ValueError):
        return None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        return None
    return west, south, east, north


def in_bbox(bbox) -> Q:
    """Events whose drawn point (their own, else their township's) lies in ``bbox``."""
    west, south, east, north = bbox
    own = Q(lat__gte=south, lat__lte=north, lon__gte=west, lon__lte=east)
    township = Q(lat__isnull=True) & Q(
        township__lat__gte=south,
        township__lat__lte=north,
        township__lon__gte=west,
        township__lon__lte=east,
    )
    return own | township


def parse_limit(value) -> int:
    try:
        return min(max(int(value), 1), MAX_LIMIT)
    except (TypeError, ValueError):
        return DEFAULT_LIMIT


def cursor_make(event) -> str:
    raw = f"{event.starts_at.isoformat()}|{event.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def cursor_after(value: str) -> Q | None:
    """Events after the cursor's event in (starts_at, id) order, or None if unreadable."""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        when, pk = raw.split("|")
        starts = datetime.datetime.fromisoformat(when)
        pk = int(pk)
    except (ValueError, UnicodeDecodeError, TypeError):
        return None
    if starts.tzinfo is None:
        return None
    return Q(starts_at__gt=starts) | Q(starts_at=starts, pk__gt=pk)
