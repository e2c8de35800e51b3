"""On their phones: a volunteer asks to join a team; the leader is mailed, sees the count in
the header, opens the to-do list from the mail's link, approves the request there and starts
the report of last week's event, filled in from the event."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.helpers import person, sign_in
from tests.factories import EventFactory, SignupFactory, TeamFactory


@pytest.fixture
def team(live_server, transactional_db):
    from portal import demo
    from tests.conftest import QuietOutput

    demo.load(out=QuietOutput())
    leader = person("leader@example.com", "库区队长")
    team = TeamFactory(name="习家店护水队", leader=leader)
    starts = timezone.now() - datetime.timedelta(days=5)
    event = EventFactory(
        team=team,
        title="习家店库湾清漂",
        kind="cleanup",
        starts_at=starts,
        meeting_point="习家店码头",
    )
    for _ in range(3):
        SignupFactory(event=event, attendance="present")
    return team


def test_a_join_request_reaches_the_leader_who_answers_it_on_the_phone(
    live_server, team, browser, screenshot_dir
):
    url = live_server.url
    person("newcomer@example.com", "新来的小水滴")
    volunteer = browser.new_context(locale="zh-CN", **PHONE).new_page()
    sign_in(volunteer, url, "newcomer@example.com")
    volunteer.goto(f"{url}/teams/{team.pk}/")
    volunteer.get_by_role("button", name="申请加入").click()
    expect(volunteer.locator(".message")).to_contain_text("队长")

    # The leader's mail names the newcomer and leads to the to-do list.
    message = next(m for m in reversed(mail.outbox) if m.to == ["leader@example.com"])
    assert "新来的小水滴" in message.subject
    link = re.search(r"https?://\S+/me/lead/", message.body)[0]

    leader = browser.new_context(locale="zh-CN", **PHONE).new_page()
    sign_in(leader, url, "leader@example.com")
    badge = leader.locator("header [data-leader-todo] .count-badge")
    # The request, and last week's event without a report yet; on a phone the menu's
    # button shows the count, the link is inside the menu.
    expect(leader.locator(".nav-toggle__badge")).to_be_visible()
    expect(leader.locator(".nav-toggle__badge")).to_have_text("2")
    expect(badge).to_have_text("2")
    leader.goto(link.replace(re.match(r"https?://[^/]+", link)[0], url))
    expect(leader.locator("h1")).to_have_text("队长待办")
    request = leader.locator("[data-request]")
    expect(request).to_contain_text("新来的小水滴")
    expect(request).to_contain_text("习家店护水队")
    leader.screenshot(path=screenshot_dir / "leader-todo-phone.png", full_page=True)
    request.get_by_role("button", name="通过").click()
    expect(leader.locator(".message--success")).to_contain_text("新来的小水滴")
    expect(leader.locator("[data-request]")).to_have_count(0)
    expect(badge).to_have_text("1")

    # The report of last week's event starts filled in from it.
    leader.get_by_role("link", name="撰写活动报告").click()
    expect(leader.locator("select[name=event]")).to_have_value(re.compile(r"\d+"))
    expect(leader.locator("select[name=kind]")).to_have_value("cleanup")
    expect(leader.locator("input[name=place]")).to_have_value("习家店码头")
    expect(leader.locator("input[name=participants_count]")).to_have_value("3")
    leader.screenshot(path=screenshot_dir / "report-from-event-phone.png", full_page=True)
