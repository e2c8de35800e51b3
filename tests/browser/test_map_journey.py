"""On a phone a visitor opens the events map, sees clusters, zooms, opens a popup and
follows it to the event; nothing is loaded from another host except map tiles."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import BLANK_TILE
from tests.factories import EventFactory, TeamFactory

TILE_HOSTS = {"tile.openstreetmap.org"}


@pytest.fixture
def events(live_server, transactional_db):
    from portal import demo
    from tests.conftest import QuietOutput

    demo.load(out=QuietOutput())
    team = TeamFactory(name="丹江口护水队")
    made = [
        EventFactory(team=team, title=f"巡河第{n}段", lat=32.60 + n * 0.001, lon=110.78)
        for n in range(12)
    ]
    made.append(EventFactory(team=team, title="郧西清漂", lat=33.0, lon=110.4, kind="cleanup"))
    # South-east of the centre: where the credits are on a phone, unless the map is framed.
    made.append(EventFactory(team=team, title="东南角巡查", lat=32.115, lon=111.0))
    return made


def _serve_blank_tiles(page):
    page.route(
        re.compile(r"https://tile\.openstreetmap\.org/.*"),
        lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE),
    )


def test_visitor_explores_the_events_map_on_a_phone(live_server, events, phone, screenshot_dir):
    page = phone
    hosts, errors = set(), []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _serve_blank_tiles(page)

    page.goto(live_server.url + "/events/map/")
    clusters = page.locator(".marker-cluster")
    expect(clusters.first).to_be_visible()
    page.screenshot(path=screenshot_dir / "events-map-phone.png", full_page=True)
    # The twelve events close together form one cluster showing their number.
    big = page.locator(".marker-cluster", has_text="12")
    expect(big).to_be_visible()
    # The map is framed on the events: none is under the credits or the zoom buttons,
    # where a finger would hit a link instead.
    covers = [
        page.locator(selector).bounding_box()
        for selector in (".leaflet-control-attribution", ".leaflet-control-zoom")
    ]
    for marker in page.locator(".leaflet-marker-pane .leaflet-marker-icon").all():
        box = marker.bounding_box()
        for cover in covers:
            apart = (
                box["x"] + box["width"] <= cover["x"]
                or cover["x"] + cover["width"] <= box["x"]
                or box["y"] + box["height"] <= cover["y"]
                or cover["y"] + cover["height"] <= box["y"]
            )
            assert apart, (box, cover)

    # Clicking a cluster zooms in; keep going until single markers show.
    single = page.locator(".leaflet-marker-pane .qs-pin--patrol").first
    big.click()
    for _ in range(6):
        if single.is_visible():
            break
        page.locator(".leaflet-marker-pane .marker-cluster").first.click()
        page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    expect(single).to_be_visible()
    single.click()
    popup = page.locator(".leaflet-popup .qs-popup__title")
    expect(popup).to_contain_text("巡河第")
    page.screenshot(path=screenshot_dir / "events-map-popup-phone.png")
    title = popup.inner_text()
    popup.click()
    expect(page.locator("h1")).to_have_text(title)

    assert errors == []
    external = {h for h in hosts if h not in {"localhost", "127.0.0.1"}}
    assert external <= TILE_HOSTS, external


def test_the_events_map_fills_its_frame_on_a_desktop(live_server, events, desktop, screenshot_dir):
    """The map is sized by its own script (no style attribute under the CSP): it must still
    be as tall as built, as wide as its frame, and draw tiles and clusters."""
    page = desktop
    _serve_blank_tiles(page)
    page.goto(live_server.url + "/events/map/")
    expect(page.locator(".marker-cluster").first).to_be_visible()
    expect(page.locator(".leaflet-tile-loaded").first).to_be_visible()
    box = page.locator(".qs-map").bounding_box()
    frame = page.locator(".map-frame").bounding_box()
    assert box["height"] == 520
    assert box["width"] >= frame["width"] - 2
    page.screenshot(path=screenshot_dir / "events-map-desktop.png")


def test_the_map_draws_the_reservoir_and_portal_clusters(live_server, events, phone):
    """The reservoir's outline comes from one static file shared by every map page, and
    the cluster bubbles are the portal's own (markercluster's stylesheets are not loaded)."""
    page = phone
    _serve_blank_tiles(page)
    page.goto(live_server.url + "/events/map/")
    # The reservoir polygon and the Han River line.
    expect(page.locator(".leaflet-overlay-pane path")).to_have_count(2)
    # Ten to 99 events: the darker of the portal's blues.
    bubble = page.locator(".marker-cluster-medium div", has_text="12")
    expect(bubble).to_have_css("background-color", "rgb(9, 78, 99)")
    expect(bubble).to_have_css("color", "rgb(255, 255, 255)")
    sheets = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(l => l.href)")
    assert not [href for href in sheets if "MarkerCluster" in href]


def test_events_show_when_the_tiles_never_come(live_server, events, phone):
    """Markers wait for the first tiles so that the map itself is drawn first, but only for
    a second: with no answer from the tile host (no signal) the events still show."""
    page = phone
    waiting = []
    tiles = re.compile(r"https://tile\.openstreetmap\.org/.*")
    page.route(tiles, lambda route: waiting.append(route))  # never answered
    # Not "load": that waits for the tiles.
    page.goto(live_server.url + "/events/map/", wait_until="domcontentloaded")
    expect(page.locator(".marker-cluster", has_text="12")).to_be_visible()
    assert waiting, "the tiles were asked for"
    assert page.locator(".leaflet-tile-loaded").count() == 0
    for route in waiting:
        route.abort()
