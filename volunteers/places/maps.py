"""The volunteer domain's maps: events, teams and townships.

Event maps must stay small with thousands of events, so each marker carries only
``[lat, lon, kind, id]`` and its popup (title, time, places left, link) is fetched
from ``events/<id>/popup/`` when opened. Rendered maps are cached per filter and
language; any change to events, sign-ups, teams or places gives their page-cache
tags new versions, which are part of every map's key, so stale maps are never served.
"""

import hashlib
import json

import folium
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.translation import get_language, gettext

from portal.maps.builder import SharedGeoJson, make_map, point_map, render_map
from portal.maps.geo import wgs84_to_gcj02
from portal.maps.providers import DATA_ATTRIBUTION, tile_provider
from portal.pagecache.fragments import shared_part
from volunteers.places.models import Township

SHIYAN_CENTRE = (32.62, 110.80)
# The page-cache tags of what the maps show.
MAP_TAGS = ("events", "teams")
CACHE_SECONDS = 60 * 60


def cached_map(name: str, params: dict, build):
    """The rendered map for ``params``, built by ``build()`` once until events, sign-ups,
    teams or places change (see signals.py)."""
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
    key = f"map:{name}:{get_language()}:{settings.MAP_TILE_PROVIDER}:{digest[:24]}"
    return shared_part(key, build, tags=MAP_TAGS, timeout=CACHE_SECONDS)


# The reservoir and the Han River (Natural Earth, WGS-84; volunteers/places/data/SOURCES.md),
# drawn on every map from a static file, and its copy shifted to GCJ-02 for AutoNavi's tiles,
# written from it by `manage.py build_water_outline`.
WATER_GEOJSON = "maps/danjiangkou_water.geojson"
WATER_GEOJSON_GCJ02 = "maps/danjiangkou_water.gcj02.geojson"
WATER_STYLES = {
    "MultiLineString": {"color": "#0b5f78", "weight": 2},  # the Han River
    "default": {"color": "#0b5f78", "weight": 1, "fillColor": "#3aa6c4", "fillOpacity": 0.25},
}
STATIC_DIR = settings.BASE_DIR / "static"


def water_geojson_gcj02() -> str:
    """The GCJ-02 copy of the outline, as the file holds it."""
    data = json.loads((STATIC_DIR / WATER_GEOJSON).read_text(encoding="utf-8"))

    def shift(coords):
        if isinstance(coords[0], (int, float)):
            lat, lon = wgs84_to_gcj02(coords[1], coords[0])
            return [round(lon, 6), round(lat, 6)]
        return [shift(c) for c in coords]

    for feature in data["features"]:
        feature["geometry"]["coordinates"] = shift(feature["geometry"]["coordinates"])
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def add_water(m) -> None:
    SharedGeoJson(
        static(WATER_GEOJSON_GCJ02 if m.tiles.gcj02 else WATER_GEOJSON), styles=WATER_STYLES
    ).add_to(m)


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
