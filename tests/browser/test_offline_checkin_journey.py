"""In a reservoir village without a signal: the volunteer's phone has opened the portal
before, scans the leader's code offline, the code is kept; once the phone is back online it is
sent by itself, recorded once, at the minute of the code; the leader's attendance list says it
came from offline."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.helpers import person, sign_in
from tests.factories import EventFactory, SignupFactory, TeamFactory
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.services.checkins import IN, checkin_token


@pytest.fixture
def village(live_server, transactional_db):
    from portal import demo
    from tests.conftest import QuietOutput

    demo.load(out=QuietOutput())
    leader = person("leader@example.com", "库区队长")
    volunteer = person("xiaoshuidi@example.com", "小水滴")
    starts = timezone.now() - datetime.timedelta(minutes=20)
    event = EventFactory(
        team=TeamFactory(name="习家店护水队", leader=leader),
        title="库湾村清漂",
        starts_at=starts,
    )
    SignupFactory(event=event, user=volunteer)
    return event, volunteer


def test_a_code_scanned_offline_is_sent_once_when_back_online(
    live_server, village, browser, screenshot_dir
):
    event, volunteer = village
    context = browser.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    sign_in(page, live_server.url, "xiaoshuidi@example.com")
    page.goto(f"{live_server.url}/me/")
    # The portal installed its service worker and looks after this page.
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller")

    token = checkin_token(event=event, action=IN)
    context.set_offline(True)
    # Without a signal the volunteer's own page still shows their events.
    page.goto(f"{live_server.url}/me/")
    expect(page.locator("main")).to_contain_text("库湾村清漂")
    page.goto(f"{live_server.url}/events/{event.pk}/check/{token}/")
    kept = page.locator("[data-offline-message=success]")
    expect(kept).to_contain_text("已保存在这部手机上")
    page.screenshot(path=screenshot_dir / "offline-scan-kept-phone.png")
    assert not CheckIn.objects.filter(event=event).exists()

    context.set_offline(False)
    expect(page.locator("[data-offline-message=success]").nth(1)).to_contain_text("已签到")
    page.goto(f"{live_server.url}/me/")  # any page tries again: nothing is left to send
    expect(page.locator("[data-offline-message]")).to_have_count(0)
    checkins = list(CheckIn.objects.filter(event=event, volunteer=volunteer))
    assert len(checkins) == 1
    minute = int(re.match(r"i([0-9a-f]+)-", token)[1], 16)
    assert checkins[0].checked_in_at.timestamp() == minute * 60
    assert checkins[0].in_synced_at is not None

    leader = browser.new_context(locale="zh-CN", **PHONE).new_page()
    sign_in(leader, live_server.url, "leader@example.com")
    leader.goto(f"{live_server.url}/events/{event.pk}/attendance/")
    expect(leader.locator("[data-offline-synced]")).to_contain_text("离线签到")
    context.close()


def test_the_leaders_code_keeps_changing_without_a_signal(live_server, village, browser):
    event, _volunteer = village
    context = browser.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    page.clock.install()  # the page's refreshes and minutes run when the test says
    sign_in(page, live_server.url, "leader@example.com")
    page.goto(f"{live_server.url}/events/{event.pk}/checkin/")
    holder = page.locator("[data-checkin-svg]")
    expect(holder.locator("svg")).to_be_visible()
    assert holder.get_attribute("data-drawn-here") is None  # the portal's own code

    context.set_offline(True)
    page.clock.run_for(31_000)  # the next refresh fails: the phone draws the kept code
    expect(holder).to_have_attribute("data-drawn-here", re.compile(r"^\d+$"))
    expect(page.locator("[data-checkin-countdown]")).to_contain_text("没有网络")
    first = holder.get_attribute("data-drawn-here")
    drawn = holder.inner_html()
    page.clock.run_for(60_000)  # a minute later, still offline: a new code
    expect(holder).not_to_have_attribute("data-drawn-here", first)
    assert holder.inner_html() != drawn
    context.close()
