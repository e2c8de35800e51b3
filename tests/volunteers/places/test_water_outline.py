"""The reservoir outline every map draws: one static file per datum, not a copy per page."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from portal.maps.builder import make_map, render_map
from portal.maps.geo import wgs84_to_gcj02
from volunteers.places import maps
from volunteers.places.maps import STATIC_DIR, WATER_GEOJSON, WATER_GEOJSON_GCJ02, add_water


def outline(path):
    return json.loads((STATIC_DIR / path).read_text(encoding="utf-8"))


def test_the_committed_gcj02_copy_is_current():
    call_command("build_water_outline", "--check")


def test_the_check_fails_once_the_source_changes(tmp_path, monkeypatch):
    source = outline(WATER_GEOJSON)
    source["features"][0]["geometry"]["coordinates"][0][0] = [111.0, 32.7]
    (tmp_path / "maps").mkdir()
    (tmp_path / WATER_GEOJSON).write_text(json.dumps(source), encoding="utf-8")
    (tmp_path / WATER_GEOJSON_GCJ02).write_text(
        (STATIC_DIR / WATER_GEOJSON_GCJ02).read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.setattr(maps, "STATIC_DIR", tmp_path)
    with pytest.raises(CommandError, match="out of date"):
        call_command("build_water_outline", "--check")
    call_command("build_water_outline")
    call_command("build_water_outline", "--check")


def test_the_gcj02_copy_is_the_same_outline_shifted():
    wgs, gcj = outline(WATER_GEOJSON), outline(WATER_GEOJSON_GCJ02)
    assert [f["properties"] for f in gcj["features"]] == [f["properties"] for f in wgs["features"]]
    lon, lat = wgs["features"][1]["geometry"]["coordinates"][0][0]
    shifted_lat, shifted_lon = wgs84_to_gcj02(lat, lon)
    assert gcj["features"][1]["geometry"]["coordinates"][0][0] == [
        round(shifted_lon, 6),
        round(shifted_lat, 6),
    ]


@pytest.mark.parametrize(
    ("provider", "path"), [("osm", WATER_GEOJSON), ("gaode", WATER_GEOJSON_GCJ02)]
)
def test_each_map_loads_the_outline_for_its_tiles(provider, path):
    with override_settings(MAP_TILE_PROVIDER=provider):
        m = make_map(center=(32.62, 110.8), zoom=9)
        add_water(m)
        script = render_map(m).script
    assert f'fetch("/static/{path}")' in script
    assert '"coordinates"' not in script
