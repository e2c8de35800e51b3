"""Events near the visitor, nearest first.

"Near" is ``?near=`` in the page's address: either a phone's position (``32.56,110.88``),
which the browser gives only when the visitor taps "near me" and which is rounded to two
decimals (about a kilometre) and never saved, or a township's code when the visitor would
rather not share their position. Pages with a position are never stored in the page cache.
"""

import math
from dataclasses import dataclass

from django.db.models import F
from django.db.models.functions import Coalesce

from portal.maps.geo import distance_m, out_of_china

DECIMALS = 2


@dataclass(frozen=True)
class Near:
    lat: float
    lon: float
    township: object = None  # the township picked instead of a position

    @property
    def value(self) -> str:
        """The ``near`` value that leads back here."""
        return self.township.code if self.township else f"{self.lat:.2f},{self.lon:.2f}"


def near_from(value: str, townships) -> Near | None:
    """The place ``value`` names, or None for anything else (never an error page)."""
    value = (value or "").strip()
    if not value:
        return None
    for township in townships:
        if township.code == value and township.lat is not None and township.lon is not None:
            return Near(lat=township.lat, lon=township.lon, township=township)
    try:
        lat, lon = (float(part) for part in value.split(","))
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)) or out_of_china(lat, lon):
        return None
    return Near(lat=round(lat, DECIMALS), lon=round(lon, DECIMALS))


def nearest_first(events, near: Near):
    """``events`` ordered by distance from ``near`` (their own point, else their
    township's), then by time. An equirectangular distance keeps the ordering to plain
    arithmetic, which every database does, and is exact enough across one city."""
    stretch = math.cos(math.radians(near.lat))  # a degree of longitude is shorter up north
    lat = Coalesce("lat", "township__lat")
    lon = Coalesce("lon", "township__lon")
    north, east = lat - near.lat, (lon - near.lon) * stretch
    return events.annotate(far=north * north + east * east).order_by(
        F("far").asc(nulls_last=True), "starts_at", "pk"
    )


def with_distances(events, near: Near) -> list:
    """The events of one page, each with ``distance_km`` from ``near`` (None without a point)."""
    events = list(events)
    for event in events:
        point = event.point
        event.distance_km = (
            round(distance_m(point, (near.lat, near.lon)) / 1000, 1) if point else None
        )
    return events
