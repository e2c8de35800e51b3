"""The volunteer domain's maps: events, teams and townships.

Event maps must stay small with thousands of events, so each marker carries only
``[lat, lon, kind, id]`` and its popup (title, time, places left, link) is fetched
from ``events/<id>/popup/`` when opened. Rendered maps are cached per filter and
language; any change to events, sign-ups, teams or places gives their page-cache
tags new versions, which are part of every map's key, so stale maps are never served.
"""

import hashlib
import json
from functools import cache as memoize
from pathlib import Path

import folium
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.translation import get_language, gettext

from portal.maps.builder import make_map, point_map, render_map
from portal.maps.providers import DATA_ATTRIBUTION, tile_provider
from portal.pagecache.fragments import shared_part
from volunteers.places.models import Township

SHIYAN_CENTRE = (32.62, 110.80)
WATER_GEOJSON = Path(__file__).resolve().parent / "data" / "danjiangkou_water.geojson"
# The page-cache tags of what the maps show.
MAP_TAGS = ("events", "teams")
CACHE_SECONDS = 60 * 60


def cached_map(name: str, params: dict, build):
    """The rendered map for ``params``, built by ``build()`` once until events, sign-ups,
    teams or places change (see signals.py)."""
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
    key = f"map:{name}:{get_language()}:{settings.MAP_TILE_PROVIDER}:{digest[:24]}"
    return shared_part(key, build, tags=MAP_TAGS, timeout=CACHE_SECONDS)


@memoize
def water_geojson() -> dict:
    return json.loads(WATER_GEOJSON.read_text(encoding="utf-8"))


def add_water(m) -> None:
    data = water_geojson()
    if m.tiles.name.lower().startswith(("gaode", "autonavi")):
        data = _project_geojson(m, data)
    folium.GeoJson(
        data,
        name=gettext("Danjiangkou reservoir and Han River"),
        style_function=lambda feature: {
            "color": "#0b5f78",
            "weight": 2 if feature["geometry"]["type"] == "LineString" else 1,
            "fillColor": "#3aa6c4",
            "fillOpacity": 0.25,
        },
        interactive=False,
    ).add_to(m)


def _project_geojson(m, data: dict) -> dict:
    def shift(coords):
        if isinstance(coords[0], (int, float)):
            lat, lon = m.project(coords[1], coords[0])
            return [lon, lat]
        return [shift(c) for c in coords]

    features = [
        {**f, "geometry": {**f["geometry"], "coordinates": shift(f["geometry"]["coordinates"])}}
        for f in data["features"]
    ]
    return {**data, "features": features}


def build_place_map(*, lat: float, lon: float, label: str, zoom: int = 13, height: int = 280):
    m = point_map(lat=lat, lon=lon, label=label, zoom=zoom, height=height)
    add_water(m)
    return render_map(m)


def build_circle_map(circles, *, label: str, height: int = 520):
    """Circles sized by a count, e.g. upcoming events per township; each links to a page.

    ``circles``: iterable of (lat, lon, count, text, url).
    """
    circles = list(circles)
    # Framed on the circles: on a phone zoom 9 alone cuts off the western counties.
    frame = [(lat, lon) for lat, lon, *_rest in circles]
    m = make_map(center=SHIYAN_CENTRE, zoom=9, height=height, label=label, frame=frame)
    add_water(m)
    for lat, lon, count, text, url in circles:
        folium.CircleMarker(
            m.project(lat, lon),
            radius=6 + min(count, 40) ** 0.5 * 4,
            color="#0b5f78",
            weight=1,
            fill=True,
            fill_color="#2e7d4f" if count else "#9fb4bd",
            fill_opacity=0.6,
            popup=folium.Popup(f'<a href="{url}">{escape(text)}</a>', max_width=260),
        ).add_to(m)
    return render_map(m)


def picker_config() -> dict:
    """What static/js/map-picker.js needs: tiles, icons and every township's point."""
    tiles = tile_provider()
    points = Township.objects.filter(lat__isnull=False, lon__isnull=False).values_list(
        "pk", "lat", "lon"
    )
    return {
        "tiles": tiles.url,
        "labels": tiles.labels_url,
        "subdomains": tiles.subdomains,
        "attribution": f"{tiles.attribution} | {DATA_ATTRIBUTION}",
        "gcj02": tiles.gcj02,
        "centre": list(SHIYAN_CENTRE),
        "townships": {str(pk): [lat, lon] for pk, lat, lon in points},
        "icons": {
            "iconUrl": static("vendor/leaflet/images/marker-icon.png"),
            "iconRetinaUrl": static("vendor/leaflet/images/marker-icon-2x.png"),
            "shadowUrl": static("vendor/leaflet/images/marker-shadow.png"),
        },
        "label": gettext("Map: click to set the exact point"),
        "hint": gettext(
            "Click the map to set the exact meeting point; drag the map to look around."
        ),
    }
