"""Server-side maps with folium, embedded in ordinary pages (no iframe, no CDN).

folium 0.20 links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs, writes page-wide
styles (``html, body {height: 100%}``, a zoom-blocking viewport tag) and builds popups with
jQuery. ``PortalMap`` keeps only what a map needs: Leaflet (and markercluster) from
``/static/vendor/``, a sized ``<div>`` and plain Leaflet script.

folium also turns what it renders back into Jinja templates, so ``{{ ... }}`` inside a team
name would run as template code and ``{% `` would break the page. Popup and tooltip content is
made inert before rendering, ``render_map`` never renders generated output a second time, and
plain-text marker options go through ``inert_text``.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import folium
from branca.element import Element, Html, JavascriptLink
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from folium.elements import JSCSSMixin
from folium.map import FitBounds
from folium.plugins import FastMarkerCluster, MarkerCluster
from folium.template import Template
from folium.utilities import JsCode

from portal.maps.geo import wgs84_to_gcj02
from portal.maps.providers import DATA_ATTRIBUTION, TileProvider, tile_provider

# Leaflet 1.9's default prefix carries a national flag; keep the credit, drop the statement.
_LEAFLET_PREFIX = '<a href="https://leafletjs.com/">Leaflet</a>'


def inert_text(text: str) -> str:
    """Plain text that folium's second Jinja pass leaves alone (breaks ``{{``, ``{%``, ``{#``)."""
    return re.sub(r"\{(?=[{%#])", "{\u200b", str(text))


def _inert_html(html: str) -> str:
    return html.replace("{", "&#123;").replace("}", "&#125;")


def project_point(lat: float, lon: float, *, provider: str | None = None) -> tuple[float, float]:
    """Where a WGS-84 point is drawn on the provider's tiles (shifted to GCJ-02 for gaode)."""
    return _project(tile_provider(provider), lat, lon)


def _project(tiles: TileProvider, lat: float, lon: float) -> tuple[float, float]:
    return wgs84_to_gcj02(lat, lon) if tiles.gcj02 else (lat, lon)


class _Text(Element):
    """Output that reaches the page as is, never parsed as a template."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


# Popup and Tooltip without jQuery and without JS template literals: content goes in as a
# JSON string, which Leaflet's setContent/bindTooltip accept as HTML.
_POPUP_TEMPLATE = Template(
    """
    var {{ this.get_name() }} = L.popup({{ this.options|tojavascript }});
    {%- set content %}{% for name, element in this.html._children.items() %}
    {{- element.render(**kwargs) }}{% endfor %}{% endset %}
    {%- if this.lazy %}
    {{ this._parent.get_name() }}.once("click", function () {
        {{ this.get_name() }}.setContent({{ content|tojson }});
    });
    {%- else %}
    {{ this.get_name() }}.setContent({{ content|tojson }});
    {%- endif %}
    {{ this._parent.get_name() }}.bindPopup({{ this.get_name() }})
    {%- if this.show %}.openPopup(){% endif %};
    {% for name, element in this.script._children.items() %}{{ element.render() }}{% endfor %}
    """
)
_TOOLTIP_TEMPLATE = Template(
    """
    {% macro script(this, kwargs) %}
    {%- set content %}<div>{{ this.text }}</div>{% endset %}
    {{ this._parent.get_name() }}.bindTooltip(
        {{ content|tojson }}, {{ this.options|tojavascript }});
    {% endmacro %}
    """
)

_DATA_ATTRIBUTION_TEMPLATE = Template(
    """
    {% macro script(this, kwargs) %}
    {{ this._parent.get_name() }}.attributionControl
        .setPrefix({{ this.prefix|tojson }})
        .addAttribution({{ this.text|tojson }});
    {% endmacro %}
    """
)


class _DataAttribution(folium.MacroElement):
    _template = _DATA_ATTRIBUTION_TEMPLATE

    def __init__(self):
        super().__init__()
        self._name = "DataAttribution"
        self.prefix = _LEAFLET_PREFIX
        self.text = DATA_ATTRIBUTION


def _vendored(path: str) -> str:
    return static(f"vendor/{path}")


def _descendants(element: Element):
    yield element
    for child in element._children.values():
        yield from _descendants(child)


def _prepare(element: Element) -> None:
    """Make one element safe to render inside our pages; raise if it needs a CDN."""
    if isinstance(element, MarkerCluster):  # FastMarkerCluster and PointCluster too
        element.default_js = [
            ("markerclusterjs", _vendored("leaflet.markercluster/leaflet.markercluster.js"))
        ]
        # The cluster bubbles are the portal's own (site.css): two stylesheets fewer for
        # every map page to wait for before the map's script.
        element.default_css = []
    elif isinstance(element, folium.Popup):
        element._template = _POPUP_TEMPLATE
        for html in element.html._children.values():
            if isinstance(html, Html):
                if not html.script:  # parse_html=True means "escape this text"
                    html.data, html.script = escape(html.data), True
                # folium escapes backticks for its JS template literal, which we no longer use.
                html.data = _inert_html(html.data.replace("\\`", "`"))
    elif isinstance(element, folium.Tooltip):
        if getattr(element, "style", None):  # folium sets it only when given
            raise ValueError(
                "Tooltip(style=...) writes a style attribute, which the Content-Security-Policy "
                "refuses; style tooltips from site.css instead."
            )
        element._template = _TOOLTIP_TEMPLATE
        element.text = _inert_html(element.text)
    if isinstance(element, JSCSSMixin):
        for _name, url in [*element.default_js, *element.default_css]:
            if not url.startswith(settings.STATIC_URL):
                raise ValueError(
                    f"{type(element).__name__} loads {url} from outside the site; vendor it "
                    "under static/vendor/ and set its default_js/default_css on the instance."
                )


class PortalMap(folium.Map):
    """A folium map that embeds in a page; build it with ``make_map``."""

    def __init__(self, *, tiles: TileProvider, height: int, label: str, **kwargs):
        super().__init__(tiles=None, **kwargs)
        # On the instance: the class-level lists are folium's module globals, shared by
        # every map in the process.
        self.default_js = [("leaflet", _vendored("leaflet/leaflet.js"))]
        self.default_css = [("leaflet_css", _vendored("leaflet/leaflet.css"))]
        self.tiles = tiles
        self.css_height = int(height)
        self.label = label

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        """Where a WGS-84 point is drawn on this map's tiles."""
        return _project(self.tiles, lat, lon)

    def render(self, **kwargs):
        for element in _descendants(self):
            _prepare(element)
        figure = self.get_root()
        # Leaflet finds its marker images by parsing a CSS URL, which fails once collectstatic
        # has hashed the file names; give it the real URLs before any marker is created.
        icons = {
            "iconUrl": _vendored("leaflet/images/marker-icon.png"),
            "iconRetinaUrl": _vendored("leaflet/images/marker-icon-2x.png"),
            "shadowUrl": _vendored("leaflet/images/marker-shadow.png"),
        }
        figure.script.add_child(
            _Text(
                f'L.Icon.Default.imagePath = "";\nL.Icon.Default.mergeOptions({json.dumps(icons)});'
            ),
            name="leaflet_icon_urls",
        )
        # Sized from the script, before Leaflet measures it: the Content-Security-Policy
        # refuses style attributes, not styles set from a permitted script.
        figure.script.add_child(
            _Text(
                f"document.getElementById({json.dumps(self.get_name())})"
                f'.style.height = "{self.css_height}px";'
            ),
            name="map_height",
        )
        super().render(**kwargs)
        # folium's header styles the whole page and blocks pinch zoom; the page owns those.
        figure.header._children.pop(self.get_name(), None)
        figure.html.add_child(
            _Text(
                f'<div class="folium-map qs-map" id="{self.get_name()}" role="region" '
                f'aria-label="{escape(self.label)}"></div>'
            ),
            name=self.get_name(),
        )


def make_map(
    *,
    center: tuple[float, float],
    zoom: int,
    provider: str | None = None,
    height: int = 400,
    label: str = "",
    frame: Iterable[tuple[float, float]] = (),
) -> PortalMap:
    """An empty map centred on a WGS-84 point, on the configured (or given) tile provider;
    with ``frame`` (WGS-84 points), fitted to them on whatever screen it is shown.

    Phones: one finger scrolls the page and two fingers pan and zoom the map (Leaflet has no
    "two-finger drag" option, so dragging is off on mobile browsers and pinch does both).
    The scroll wheel never zooms, so the map cannot trap page scrolling on a desktop either;
    the +/- buttons, double-click and the keyboard (arrows, +/-) still work.
    """
    tiles = tile_provider(provider)
    m = PortalMap(
        tiles=tiles,
        height=height,
        label=label or gettext("Map"),
        location=_project(tiles, *center),
        zoom_start=zoom,
        scroll_wheel_zoom=False,
        dragging=JsCode("!L.Browser.mobile"),
        keyboard=True,
    )
    points = [_project(tiles, lat, lon) for lat, lon in frame]
    if points:
        # The padding keeps every point clear of the zoom buttons (top left) and of the
        # credits (bottom right, two lines on a phone), where a finger would hit them instead.
        fit = FitBounds(
            [[min(p[0] for p in points), min(p[1] for p in points)],
             [max(p[0] for p in points), max(p[1] for p in points)]],
            padding_top_left=(56, 24),
            padding_bottom_right=(24, 56),
            max_zoom=11,
        )  # fmt: skip
        # At once and before the tile layers, so the first tiles asked for are the framed
        # view's (an animated zoom would load the starting zoom's tiles first).
        fit.options["animate"] = False
        fit.add_to(m)
    layer = {"attr": tiles.attribution, "max_zoom": tiles.max_zoom}
    if tiles.subdomains:
        layer["subdomains"] = tiles.subdomains
    folium.TileLayer(tiles.url, name=tiles.name, **layer).add_to(m)
    if tiles.labels_url:
        folium.TileLayer(tiles.labels_url, name="labels", overlay=True, **layer).add_to(m)
    _DataAttribution().add_to(m)
    return m


def point_map(*, lat: float, lon: float, label: str, zoom: int = 12, **kwargs) -> PortalMap:
    """A map of one place (WGS-84) with a marker whose popup shows ``label`` as text."""
    m = make_map(center=(lat, lon), zoom=zoom, label=label, **kwargs)
    folium.Marker(
        m.project(lat, lon),
        popup=folium.Popup(label, parse_html=True),
        title=inert_text(label),
        alt=inert_text(label),
    ).add_to(m)
    return m


class SharedGeoJson(folium.MacroElement):
    """A GeoJSON layer loaded from a static file rather than written into the page: one
    copy, kept by the browser (and the service worker) for every map page that draws it.

    ``styles`` maps a geometry type ("LineString", "Polygon", ...) to its Leaflet path
    style; ``default`` styles the rest. The map stays usable if the file cannot be loaded.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        fetch({{ this.url|tojson }})
            .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
            .then(function (data) {
                var styles = {{ this.styles|tojson }};
                L.geoJson(data, {
                    interactive: false,
                    style: function (f) { return styles[f.geometry.type] || styles.default; }
                }).addTo({{ this._parent.get_name() }});
            })
            .catch(function () {});
        {% endmacro %}
        """
    )

    def __init__(self, url: str, *, styles: dict[str, dict]):
        super().__init__()
        self._name = "SharedGeoJson"
        if not url.startswith(settings.STATIC_URL):
            raise ValueError(f"Shared map layers are static files, got {url!r}")
        self.url = url
        self.styles = styles


class MapPoint(NamedTuple):
    lat: float
    lon: float
    label: str = ""
    url: str = ""  # a site-relative link shown in the popup


class PointCluster(FastMarkerCluster):
    """Thousands of points as one clustered layer, with text popups built in the browser."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var cluster = L.markerClusterGroup({{ this.options|tojavascript }});
            {{ this.rows_js }}.forEach(function (row) {
                var marker = L.marker([row[0], row[1]], {title: row[2], alt: row[2]});
                if (row[2]) {
                    marker.bindPopup(function () {
                        var el = document.createElement(row[3] ? "a" : "span");
                        el.textContent = row[2];
                        if (row[3]) { el.href = row[3]; }
                        return el;
                    });
                }
                cluster.addLayer(marker);
            });
            return cluster;  // folium's Layer adds it to the map
        })();
        {% endmacro %}
        """
    )

    @property
    def rows_js(self) -> str:
        # Braces and angle brackets only occur inside strings here, so \\u escapes are exact
        # and keep both the Jinja pass and the HTML parser away from the data.
        text = json.dumps(self.data, ensure_ascii=False)
        for char in "{}<>&":
            text = text.replace(char, f"\\u{ord(char):04x}")
        return text


def add_point_cluster(m: PortalMap, points: Iterable[MapPoint | tuple]) -> PointCluster:
    """Add WGS-84 points to ``m`` as one clustered layer (markercluster, vendored)."""
    rows = []
    for point in (MapPoint(*p) for p in points):
        if point.url and not point.url.startswith("/"):
            raise ValueError(f"Map links must be site-relative, got {point.url!r}")
        rows.append([*m.project(point.lat, point.lon), str(point.label), point.url])
    cluster = PointCluster(rows, chunked_loading=True)
    cluster.add_to(m)
    return cluster


@dataclass(frozen=True)
class RenderedMap:
    """The pieces of a map for ``templates/includes/map.html``; plain strings, so cacheable."""

    header: SafeString  # <link>/<script src> tags for the vendored assets
    html: SafeString  # the map <div>
    script: SafeString  # JavaScript, without the <script> tag


def render_map(m: PortalMap) -> RenderedMap:
    """Render ``m`` into the pieces a Django template embeds."""
    if not isinstance(m, PortalMap):
        raise TypeError("render_map() needs a map built by make_map()")
    figure = m.get_root()
    for child in figure._children.values():
        child.render()

    # The base map (Leaflet, the view, the tiles) is set up as the parser reaches it, so the
    # tiles are asked for as early as they can be. Everything drawn over them (outlines,
    # markers, clusters) waits for the parsed document (the scripts only they need, such as
    # markercluster, are deferred) and for the first tiles, or a second without them (no
    # signal): building thousands of markers never holds up the map itself. make_map ends
    # with the credits, so whatever follows them in the script is drawn over the map.
    names = list(figure.script._children)
    credits = next(el.get_name() for el in _descendants(m) if isinstance(el, _DataAttribution))
    base = set(names[: names.index(credits) + 1])

    def text(name, el):
        if isinstance(el, JavascriptLink) and name != "leaflet":
            return f'<script src="{escape(el.url)}" defer></script>'
        # Generated output is stored as a template string; rendering it again would run any
        # "{{ }}" that came in with the data.
        return el._template_str if type(el) is Element and el._template_str else el.render()

    def source(section, keep):
        return "\n".join(text(name, el) for name, el in section._children.items() if keep(name))

    script = source(figure.script, lambda name: name in base)
    overlays = source(figure.script, lambda name: name not in base)
    if overlays.strip():
        tiles = next(el for el in _descendants(m) if isinstance(el, folium.TileLayer))
        script += _OVERLAYS.format(overlays=overlays, tiles=tiles.get_name())
    return RenderedMap(
        header=mark_safe(source(figure.header, lambda name: name != "meta_http")),  # noqa: S308
        html=mark_safe(source(figure.html, lambda name: True)),  # noqa: S308
        script=mark_safe(script),  # noqa: S308
    )


_OVERLAYS = """
(function () {{
    var waiting = 2, tilesShown = false;
    function overlays() {{
        if (--waiting) {{ return; }}
{overlays}
    }}
    function tilesDrawn() {{
        if (tilesShown) {{ return; }}
        tilesShown = true;
        overlays();
    }}
    if (document.readyState === "loading") {{
        document.addEventListener("DOMContentLoaded", overlays);
    }} else {{
        overlays();
    }}
    {tiles}.once("load", tilesDrawn);
    setTimeout(tilesDrawn, 1000);
}})();"""
