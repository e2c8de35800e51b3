"""At the review desk: staff narrow the hours queue to one team found by a few characters
of its name in the team chooser, among many teams, and see only that team's records."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.browser.helpers import person, sign_in
from tests.factories import ServiceRecordFactory, TeamFactory


@pytest.fixture
def desk(live_server, transactional_db):
    from portal import demo
    from tests.conftest import QuietOutput

    # Earlier journeys flush the database, the site with it: the admin needs one.
    demo.load(out=QuietOutput())
    staff = person("staff@example.com", "工作人员")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    chosen = TeamFactory(name="习家店护水队")
    TeamFactory.create_batch(40)
    for team, email, name in [
        (chosen, "a@example.com", "习家店的人"),
        (TeamFactory(name="郧阳清河队"), "b@example.com", "郧阳的人"),
    ]:
        ServiceRecordFactory(team=team, volunteer=person(email, name), status="submitted")
    return chosen


def test_staff_filter_the_hours_queue_by_a_team_from_the_chooser(
    live_server, desk, browser, screenshot_dir, console_errors
):
    url = live_server.url
    page = console_errors(browser.new_context(locale="zh-CN", **DESKTOP).new_page())
    sign_in(page, url, "staff@example.com")
    page.goto(f"{url}/admin/volunteers/hours/")
    queue = page.locator("#listing-results table.listing tbody")
    expect(queue).to_contain_text("郧阳的人")

    page.get_by_role("button", name=re.compile("过滤器")).first.click()
    page.get_by_role("button", name="服务队").click()
    page.get_by_role("button", name="选择服务队").click()
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill("习家")
    expect(modal.locator("table tbody tr")).to_have_count(1)
    page.screenshot(path=screenshot_dir / "team-chooser-admin.png")
    modal.get_by_role("link", name="习家店护水队").click()

    expect(page).to_have_url(re.compile(rf"[?&]team={desk.pk}\b"))
    expect(queue).to_contain_text("习家店的人")
    expect(queue).not_to_contain_text("郧阳的人")
    page.screenshot(path=screenshot_dir / "hours-queue-by-team-admin.png", full_page=True)
    assert console_errors.errors == []
