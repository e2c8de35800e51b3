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
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language, gettext

from portal.maps.builder import PointCluster, make_map, point_map, render_map
from portal.pagecache.fragments import shared_part
from volunteers.choices import EventKind

SHIYAN_CENTRE = (32.62, 110.80)
WATER_GEOJSON = Path(__file__).resolve().parent / "data" / "danjiangkou_water.geojson"
# The page-cache tags of what the maps show.
MAP_TAGS = ("events", "teams")
CACHE_SECONDS = 60 * 60
KINDS = [kind.value for kind in EventKind]


def cached_map(name: str, params: dict, build):
    """The rendered map for ``params``, built by ``build()`` once until events, sign-ups,
    teams or places change (see signals.py)."""
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()
    key = f"map:{name}:{get_language()}:{settings.MAP_TILE_PROVIDER}:{digest[:24]}"
    return shared_part(key, build, tags=MAP_TAGS, timeout=CACHE_SECONDS)


@memoize
def water_geojson() -> dict:
    return json.loads(WATER_GEOJSON.read_text(encoding="utf-8"))


def _add_water(m) -> None:
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


class EventCluster(PointCluster):
    """Clustered event markers coloured by type, with popups loaded on demand."""

    _template = PointCluster._template.__class__(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var kinds = {{ this.kinds_js }};
            var popupUrl = {{ this.popup_url_js }};
            var loading = {{ this.loading_js }};
            var cluster = L.markerClusterGroup({{ this.options|tojavascript }});
            {{ this.rows_js }}.forEach(function (row) {
                var kind = kinds[row[2]] || "other";
                var marker = L.marker([row[0], row[1]], {
                    icon: L.divIcon({className: "qs-pin qs-pin--" + kind, iconSize: [18, 18]}),
                    keyboard: true
                });
                var box = null;  // built once: Leaflet calls this again on every update()
                marker.bindPopup(function () {
                    if (box) { return box; }
                    box = document.createElement("div");
                    box.className = "qs-popup";
                    box.textContent = loading;
                    fetch(popupUrl.replace("/0/", "/" + row[3] + "/"), {credentials: "same-origin"})
                        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
                        .then(function (e) {
                            box.textContent = "";
                            var link = document.createElement("a");
                            link.href = e.url;
                            link.textContent = e.title;
                            link.className = "qs-popup__title";
                            box.appendChild(link);
                            [e.kind, e.when, e.place, e.places].forEach(function (text) {
                                if (!text) { return; }
                                var line = document.createElement("p");
                                line.textContent = text;
                                box.appendChild(line);
                            });
                            marker.getPopup().update();
                        })
                        .catch(function () { box.textContent = "—"; box = null; });
                    return box;
                });
                cluster.addLayer(marker);
            });
            return cluster;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, rows, *, popup_url: str, **kwargs):
        super().__init__(rows, **kwargs)
        self.popup_url = popup_url

    @property
    def kinds_js(self) -> str:
        return json.dumps(KINDS)

    @property
    def popup_url_js(self) -> str:
        return json.dumps(self.popup_url)

    @property
    def loading_js(self) -> str:
        return json.dumps(gettext("Loading…"), ensure_ascii=True)


def event_rows(points) -> list[list]:
    """``[lat, lon, kind index, id]`` from ``public_event_points`` rows.

    An event without its own point is drawn at its township's; one whose township
    has no point either is left off the map (it is still in the list beside it).
    """
    kind_index = {kind: n for n, kind in enumerate(KINDS)}
    other = kind_index["other"]
    rows = []
    for lat, lon, township_lat, township_lon, kind, pk in points:
        if lat is None or lon is None:
            lat, lon = township_lat, township_lon
        if lat is not None and lon is not None:
            rows.append([round(lat, 5), round(lon, 5), kind_index.get(kind, other), pk])
    return rows


def build_event_map(rows: list[list], *, height: int = 520):
    m = make_map(
        center=SHIYAN_CENTRE, zoom=9, height=height, label=gettext("Map of volunteer events")
    )
    _add_water(m)
    projected = [[*m.project(lat, lon), kind, pk] for lat, lon, kind, pk in rows]
    EventCluster(
        projected, popup_url=reverse("volunteers:event_popup", args=[0]), chunked_loading=True
    ).add_to(m)
    return render_map(m)


def build_place_map(*, lat: float, lon: float, label: str, zoom: int = 13, height: int = 280):
    m = point_map(lat=lat, lon=lon, label=label, zoom=zoom, height=height)
    _add_water(m)
    return render_map(m)


def build_circle_map(circles, *, label: str, height: int = 520):
    """Circles sized by a count, e.g. upcoming events per township; each links to a page.

    ``circles``: iterable of (lat, lon, count, text, url).
    """
    circles = list(circles)
    m = make_map(center=SHIYAN_CENTRE, zoom=9, height=height, label=label)
    _add_water(m)
    if circles:
        # Frame the circles, whatever the screen's width: on a phone zoom 9 cuts off
        # the western counties.
        points = [m.project(lat, lon) for lat, lon, *_rest in circles]
        south_west = [min(p[0] for p in points), min(p[1] for p in points)]
        north_east = [max(p[0] for p in points), max(p[1] for p in points)]
        m.fit_bounds([south_west, north_east], padding=(28, 28), max_zoom=11)
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
    from django.templatetags.static import static

    from portal.maps.providers import DATA_ATTRIBUTION, tile_provider
    from volunteers.models import Township

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


def event_location_map(event):
    """The small map on an event page (its point, or its township's)."""
    point = event.point
    if point is None:
        return None
    return cached_map(
        "event",
        {"pk": event.pk, "point": point},
        lambda: build_place_map(lat=point[0], lon=point[1], label=event.title, zoom=13),
    )


def teams_map(filters: dict):
    """All approved teams matching the directory's filters, clustered, linking to their pages."""
    from portal.maps.builder import add_point_cluster
    from volunteers.selectors import teams_for_directory

    def build():
        rows = teams_for_directory(filters=filters).values_list(
            "pk", "name", "township__lat", "township__lon", "county__lat", "county__lon"
        )
        m = make_map(
            center=SHIYAN_CENTRE, zoom=9, height=420, label=gettext("Map of volunteer teams")
        )
        _add_water(m)
        points = []
        for pk, name, t_lat, t_lon, c_lat, c_lon in rows:
            lat, lon = (t_lat, t_lon) if t_lat is not None and t_lon is not None else (c_lat, c_lon)
            if lat is not None and lon is not None:
                points.append((lat, lon, name, reverse("volunteers:team_detail", args=[pk])))
        add_point_cluster(m, points)
        return render_map(m)

    return cached_map("teams", filters, build)


def team_location_map(team):
    point = team.point
    if point is None:
        return None
    return cached_map(
        "team",
        {"pk": team.pk, "point": point},
        lambda: build_place_map(lat=point[0], lon=point[1], label=team.name, zoom=12),
    )
