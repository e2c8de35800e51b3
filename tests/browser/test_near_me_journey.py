"""On a phone: the events come first (filters folded behind "筛选", in use as chips); "附近的
活动" asks for the position on the tap and sorts by distance; a phone that gives none gets the
township picker instead. The teams list comes before its map."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.factories import EventFactory, TeamFactory, TownshipFactory

PHONE_HEIGHT = PHONE["viewport"]["height"]


@pytest.fixture
def spread(live_server, transactional_db):
    from portal import demo
    from tests.conftest import QuietOutput

    demo.load(out=QuietOutput())
    team = TeamFactory(name="库区护水队")
    EventFactory(team=team, title="竹山远处的活动", lat=32.23, lon=110.23)
    EventFactory(team=team, title="浪河口清漂", lat=32.53, lon=111.31)
    TownshipFactory(name_zh="习家店镇", lat=32.68, lon=111.05)


def first_title(page) -> str:
    return page.locator("[data-event-list] .card__title").first.inner_text()


def test_near_me_sorts_the_events_by_distance(live_server, spread, browser, screenshot_dir):
    context = browser.new_context(
        locale="zh-CN",
        geolocation={"latitude": 32.5212, "longitude": 111.2988},
        permissions=["geolocation"],
        **PHONE,
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/events/")
    # Content first: with the filters folded, the first card and its place count are on
    # the first screen (with the filters open, the card started at 740 px of 844).
    expect(page.locator("#event-filters")).to_be_hidden()
    page.screenshot(path=screenshot_dir / "events-phone-filters-folded.png")
    card = page.locator("[data-event-list] > li").first.locator(".places").bounding_box()
    assert card["y"] + card["height"] < PHONE_HEIGHT

    page.get_by_role("button", name="筛选").click()
    expect(page.locator("#event-filters")).to_be_visible()
    county = page.locator("#f-county")
    box = county.bounding_box()
    assert box["x"] + box["width"] <= PHONE["viewport"]["width"]  # the select fits the screen
    page.select_option("#f-type", "cleanup")
    page.locator("#event-filters button[type=submit]").click()
    expect(page.locator(".chip")).to_have_count(1)
    expect(page.locator(".chip")).to_contain_text("清漂")
    page.locator(".chip").click()  # takes it off again
    expect(page.locator(".chip")).to_have_count(0)

    page.get_by_role("link", name="附近的活动").click()
    expect(page).to_have_url(re.compile(r"near=32\.52%2C111\.30"))
    assert first_title(page) == "浪河口清漂"
    expect(page.locator("[data-distance]").first).to_have_text("约 1.5 公里")
    expect(page.locator(".chip")).to_contain_text("离我最近")
    page.screenshot(path=screenshot_dir / "events-near-me-phone.png", full_page=True)
    context.close()


def test_a_phone_without_a_position_picks_its_township(live_server, spread, browser):
    context = browser.new_context(locale="zh-CN", **PHONE)  # geolocation not allowed
    page = context.new_page()
    page.goto(f"{live_server.url}/events/")
    page.get_by_role("link", name="附近的活动").click()
    picker = page.locator("[data-near-form]")
    expect(picker).to_be_visible()
    expect(picker.locator("[data-near-refused]")).to_be_visible()
    picker.locator("select").select_option(label="习家店镇")
    picker.get_by_role("button", name="按距离排序").click()
    expect(page.locator(".chip")).to_contain_text("离习家店镇最近")
    assert first_title(page) == "浪河口清漂"
    context.close()


def test_the_teams_list_comes_before_its_map_on_a_phone(live_server, spread, phone):
    phone.goto(f"{live_server.url}/teams/")
    first_team = phone.locator("[data-team-list] > li").first.bounding_box()
    team_map = phone.locator(".team-map").bounding_box()
    assert first_team["y"] < team_map["y"]
    assert first_team["y"] < PHONE_HEIGHT
