import math

import pytest

from portal.maps.geo import out_of_china, wgs84_to_gcj02


def haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


# (WGS-84, GCJ-02) pairs published with eviltransform's tests (Shanghai, Shenzhen, Beijing)
# and the coordtransform README (Tian'anmen).
REFERENCE_PAIRS = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),
    ((39.915, 116.404), (39.91640428150164, 116.41024449916938)),
]


@pytest.mark.parametrize(("wgs", "gcj"), REFERENCE_PAIRS)
def test_matches_published_pairs_within_a_metre(wgs, gcj):
    assert haversine_m(wgs84_to_gcj02(*wgs), gcj) < 1.0


def test_shift_in_shiyan_is_hundreds_of_metres():
    shiyan = (32.6292, 110.7980)
    assert 100 < haversine_m(shiyan, wgs84_to_gcj02(*shiyan)) < 1000


@pytest.mark.parametrize(
    "point",
    [(51.5074, -0.1278), (35.6762, 139.6503), (40.7128, -74.0060), (-33.8688, 151.2093)],
    ids=["London", "Tokyo", "New York", "Sydney"],
)
def test_points_outside_china_are_unchanged(point):
    assert out_of_china(*point)
    assert wgs84_to_gcj02(*point) == point
