"""Maps of events: thousands of markers, each popup fetched when opened."""

import json

import folium
from django.urls import reverse
from django.utils.translation import gettext

from portal.maps.builder import PointCluster, make_map, render_map
from portal.maps.geo import distance_m
from volunteers.choices import EventKind
from volunteers.places.maps import SHIYAN_CENTRE, add_water, build_place_map, cached_map

KINDS = [kind.value for kind in EventKind]


class EventCluster(PointCluster):
    """Clustered event markers coloured by type, with popups loaded on demand."""

    _template = PointCluster._template.__class__(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var kinds = {{ this.kinds_js }};
            var kindNames = {{ this.kind_names_js }};  // each marker's name, for screen readers
            var popupUrl = {{ this.popup_url_js }};
            var loading = {{ this.loading_js }};
            var cluster = L.markerClusterGroup({{ this.options|tojavascript }});
            {{ this.rows_js }}.forEach(function (row) {
                var kind = kinds[row[2]] || "other";
                var marker = L.marker([row[0], row[1]], {
                    icon: L.divIcon({className: "qs-pin qs-pin--" + kind, iconSize: [18, 18]}),
                    title: kindNames[row[2]] || "",
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
    def kind_names_js(self) -> str:
        return json.dumps([str(kind.label) for kind in EventKind], ensure_ascii=True)

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


# Around a visitor's position the map frames it and the nearest few events.
NEAREST_FRAMED = 5


def build_event_map(rows: list[list], *, height: int = 520, near=None):
    """The events map; with ``near`` (volunteers.events.nearby.Near), framed on that place
    and the events nearest to it, with the place marked."""
    points = [(lat, lon) for lat, lon, _kind, _pk in rows]
    if near is not None:
        here = (near.lat, near.lon)
        points = [here, *sorted(points, key=lambda p: distance_m(p, here))[:NEAREST_FRAMED]]
    m = make_map(
        center=SHIYAN_CENTRE,
        zoom=9,
        height=height,
        label=gettext("Map of volunteer events"),
        frame=points,
    )
    add_water(m)
    if near is not None:
        folium.CircleMarker(
            m.project(near.lat, near.lon),
            radius=9,
            color="#b3261e",
            weight=3,
            fill=True,
            fill_color="#ffffff",
            fill_opacity=1,
            tooltip=near.township.name if near.township else gettext("You are here"),
        ).add_to(m)
    projected = [[*m.project(lat, lon), kind, pk] for lat, lon, kind, pk in rows]
    EventCluster(
        projected, popup_url=reverse("volunteers:event_popup", args=[0]), chunked_loading=True
    ).add_to(m)
    return render_map(m)


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
