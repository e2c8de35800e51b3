from html.parser import HTMLParser
from pathlib import Path

import folium
import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils import translation
from folium.plugins import Fullscreen, MarkerCluster
from folium.template import tojavascript

from portal.maps.builder import (
    MapPoint,
    SharedGeoJson,
    add_point_cluster,
    make_map,
    point_map,
    project_point,
    render_map,
)
from portal.maps.geo import wgs84_to_gcj02
from portal.maps.providers import tile_provider

SHIYAN = (32.6292, 110.7980)


class AssetLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])


def asset_urls(html: str) -> list[str]:
    parser = AssetLinks()
    parser.feed(html)
    return parser.urls


def clustered_map():
    m = point_map(lat=SHIYAN[0], lon=SHIYAN[1], label="十堰市机关事务服务中心")
    add_point_cluster(m, [(32.55, 111.51, "丹江口巡河队", "/teams/1/"), MapPoint(32.4, 110.4)])
    return m


def test_page_loads_only_vendored_assets_from_our_static_files():
    page = render_to_string("includes/map.html", {"map": render_map(clustered_map())})
    urls = asset_urls(page)
    assert urls, "the map must load Leaflet"
    for url in urls:
        assert url.startswith("/static/vendor/"), url
        assert finders.find(url.removeprefix("/static/")), f"{url} is not in static/"
    lowered = page.lower()
    for unwanted in ("jquery", "bootstrap", "font-awesome", "fontawesome", "glyphicons", "cdn"):
        assert unwanted not in lowered
    assert "$(" not in page


def test_leaflet_css_images_are_vendored():
    css = Path(finders.find("vendor/leaflet/leaflet.css")).read_text(encoding="utf-8")
    for image in ("layers.png", "layers-2x.png", "marker-icon.png"):
        assert f"url(images/{image})" in css
        assert finders.find(f"vendor/leaflet/images/{image}")


def test_assets_are_set_per_map_not_on_folium_classes():
    folium_js, folium_css = list(folium.Map.default_js), list(folium.Map.default_css)
    cluster_js = list(MarkerCluster.default_js)

    first = clustered_map()
    render_map(first)
    first.default_js.append(("extra", "/static/extra.js"))
    second = make_map(center=SHIYAN, zoom=9)

    assert folium.Map.default_js == folium_js
    assert folium.Map.default_css == folium_css
    assert MarkerCluster.default_js == cluster_js
    assert ("extra", "/static/extra.js") not in second.default_js
    assert "/static/extra.js" not in render_map(second).header


def test_the_base_map_comes_first_and_what_is_drawn_over_it_waits():
    """Leaflet and the tiles are set up as the page is parsed; markers, clusters and
    outlines run once the page is parsed and the first tiles are drawn (or a second has
    passed), and markercluster, which only they need, is a deferred script."""
    rendered = render_map(clustered_map())
    script = rendered.script
    overlays = script.index("function overlays()")
    assert script.index("L.map(") < script.index("L.tileLayer(") < overlays
    tiles = script[script.index("var tile_layer_") + 4 : script.index(" = L.tileLayer(")]
    assert script.index(f"{tiles}.addTo(map_") < overlays  # the tiles are not kept waiting
    assert overlays < script.index("L.markerClusterGroup(") and overlays < script.index("L.marker(")
    assert 'addEventListener("DOMContentLoaded", overlays)' in script
    assert '.once("load", tilesDrawn)' in script and "setTimeout(tilesDrawn, 1000)" in script
    header = rendered.header
    assert '<script src="/static/vendor/leaflet/leaflet.js"></script>' in header
    assert (
        '<script src="/static/vendor/leaflet.markercluster/leaflet.markercluster.js" defer>'
        in header
    )
    assert "MarkerCluster.css" not in header and "MarkerCluster.Default.css" not in header


def test_a_map_with_nothing_over_its_tiles_has_no_waiting_code():
    assert "overlays" not in render_map(make_map(center=SHIYAN, zoom=9)).script


def test_shared_layers_are_static_files():
    m = make_map(center=SHIYAN, zoom=9)
    with pytest.raises(ValueError, match="static files"):
        SharedGeoJson("https://example.com/water.geojson", styles={"default": {}}).add_to(m)


def test_plugins_that_need_a_cdn_are_refused():
    m = make_map(center=SHIYAN, zoom=9)
    Fullscreen().add_to(m)
    with pytest.raises(ValueError, match="outside the site"):
        render_map(m)


def test_map_is_embedded_with_div_and_script():
    rendered = render_map(point_map(lat=SHIYAN[0], lon=SHIYAN[1], label="十堰"))
    page = render_to_string("includes/map.html", {"map": rendered})
    assert 'role="region" aria-label="十堰"' in page
    assert "<iframe" not in page
    assert '"scrollWheelZoom": false' in rendered.script
    assert '"keyboard": true' in rendered.script
    assert "bindPopup" in rendered.script
    # folium's page-wide styles would restyle the whole page and block pinch zoom.
    assert "user-scalable" not in page and "html, body" not in page

    without_header = render_to_string("includes/map.html", {"map": rendered, "skip_header": True})
    assert asset_urls(without_header) == []
    assert rendered.html in without_header


def test_rendered_map_can_be_cached():
    rendered = render_map(make_map(center=SHIYAN, zoom=9))
    cache.set("map", rendered)
    assert cache.get("map") == rendered


def test_every_map_credits_its_data_and_tiles(settings):
    settings.TIANDITU_KEY = "test-key"
    for provider in ("osm", "tianditu", "gaode"):
        script = render_map(make_map(center=SHIYAN, zoom=9, provider=provider)).script
        assert "GeoNames (CC BY 4.0)" in script
        assert "Natural Earth" in script
        assert tojavascript(tile_provider(provider).attribution) in script
    assert "OpenStreetMap" in tile_provider("osm").attribution
    assert "天地图" in tile_provider("tianditu").attribution
    assert "高德" in tile_provider("gaode").attribution


def test_tianditu_uses_the_key_and_a_labels_layer(settings):
    settings.MAP_TILE_PROVIDER = "tianditu"
    settings.TIANDITU_KEY = "abc123"
    with translation.override("zh-hans"):
        script = render_map(make_map(center=SHIYAN, zoom=9)).script
    assert "tk=abc123" in script
    assert "LAYER=vec" in script and "LAYER=cva" in script  # Chinese place labels
    with translation.override("en"):
        assert "LAYER=eva" in render_map(make_map(center=SHIYAN, zoom=9)).script


def test_gcj02_shift_only_for_gaode(settings):
    shifted = wgs84_to_gcj02(*SHIYAN)
    assert project_point(*SHIYAN, provider="gaode") == shifted
    assert project_point(*SHIYAN, provider="osm") == SHIYAN
    settings.TIANDITU_KEY = "test-key"
    assert project_point(*SHIYAN, provider="tianditu") == SHIYAN

    settings.MAP_TILE_PROVIDER = "gaode"
    assert project_point(*SHIYAN) == shifted
    m = point_map(lat=SHIYAN[0], lon=SHIYAN[1], label="十堰")
    assert m.location == list(shifted)
    marker = next(c for c in m._children.values() if isinstance(c, folium.Marker))
    assert marker.location == list(shifted)

    settings.MAP_TILE_PROVIDER = "osm"
    assert point_map(lat=SHIYAN[0], lon=SHIYAN[1], label="十堰").location == list(SHIYAN)


def test_gaode_maps_ask_for_high_definition_tiles_one_per_cell(settings):
    """A phone's 2× screen gets 512 px AutoNavi images in the usual 256 px cells, not four
    tiles of the next zoom level (Leaflet's detectRetina)."""
    settings.MAP_TILE_PROVIDER = "gaode"
    script = render_map(make_map(center=SHIYAN, zoom=9)).script
    assert "scale=2" in script and "scale=1" not in script
    assert '"detectRetina": false' in script
    assert '"tileSize"' not in script  # Leaflet's default 256 px cell


def test_cluster_points_are_shifted_for_gaode():
    m = make_map(center=SHIYAN, zoom=9, provider="gaode")
    cluster = add_point_cluster(m, [(*SHIYAN, "x")])
    assert cluster.data[0][:2] == list(wgs84_to_gcj02(*SHIYAN))


@pytest.mark.parametrize("value", ["bing", "", "OSM"])
def test_unknown_provider_is_a_configuration_error(settings, value):
    settings.MAP_TILE_PROVIDER = value
    with pytest.raises(ImproperlyConfigured, match="MAP_TILE_PROVIDER"):
        make_map(center=SHIYAN, zoom=9)
    errors = [e for e in run_checks() if e.id == "portal.maps.E001"]
    assert len(errors) == 1 and repr(value) in errors[0].msg


def test_tianditu_without_key_is_a_configuration_error(settings):
    settings.MAP_TILE_PROVIDER = "tianditu"
    settings.TIANDITU_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="TIANDITU_KEY"):
        tile_provider()
    assert [e.id for e in run_checks() if e.id.startswith("portal.maps")] == ["portal.maps.E001"]


def test_default_settings_pass_the_check():
    assert not [e for e in run_checks() if e.id.startswith("portal.maps")]


def test_user_text_is_shown_as_text_never_run_as_a_template():
    label = "{{ 7*7 }} {% if %} <b>队</b> `x`"
    m = point_map(lat=SHIYAN[0], lon=SHIYAN[1], label=label)
    folium.Marker(SHIYAN, popup="{{ 6*7 }}", tooltip="{% bad").add_to(m)
    add_point_cluster(m, [(*SHIYAN, "{{ 8*8 }} </script>")])
    rendered = render_map(m)
    # Evaluated, "{{ 7*7 }}" would have become "49"; the expressions must survive as text.
    for expression in ("7*7", "6*7", "8*8", "% if %", "% bad"):
        assert expression in rendered.script
    assert "<b>" not in rendered.script and "</script>" not in rendered.script
    assert "&lt;b&gt;" in rendered.html  # the aria-label


def test_cluster_links_must_be_site_relative():
    m = make_map(center=SHIYAN, zoom=9)
    with pytest.raises(ValueError, match="site-relative"):
        add_point_cluster(m, [(*SHIYAN, "x", "javascript:alert(1)")])


def test_render_map_needs_a_portal_map():
    with pytest.raises(TypeError):
        render_map(folium.Map())


def test_a_framed_map_fits_its_points_before_asking_for_any_tile():
    """Fitted at once and before the tile layer: a phone loads only the framed view's
    tiles, not the starting zoom's first."""
    script = render_map(
        make_map(center=SHIYAN, zoom=9, frame=[(32.0, 110.2), (33.0, 111.5)])
    ).script
    fit = script.index(".fitBounds(")
    assert fit < script.index("L.tileLayer(")
    options = script[fit : script.index(");", fit)]
    assert '"animate": false' in options
    assert '"paddingBottomRight": [24, 56]' in options  # clear of the credits
