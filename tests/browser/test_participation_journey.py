"""On the riverbank: the leader shows the check-in code, a volunteer opens it on their phone
and checks in; the leader reports the activity with photos from a phone; staff approve the
report in the Wagtail admin and the team page's totals change."""

import datetime
import re

import pytest
from django.utils import timezone
from PIL import Image as PILImage
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import PASSWORD, person, sign_in
from tests.factories import EventFactory, SignupFactory, TeamFactory
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.reports import ActivityReport


@pytest.fixture
def riverbank(live_server, transactional_db):
    from portal import demo
    from tests.conftest import QuietOutput

    demo.load(out=QuietOutput())
    leader = person("leader@example.com", "库区队长")
    volunteer = person("xiaoshuidi@example.com", "小水滴")
    staff = person("staff@example.com", "工作人员")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    team = TeamFactory(name="习家店护水队", leader=leader)
    starts = timezone.now() - datetime.timedelta(minutes=30)
    event = EventFactory(
        team=team,
        title="习家店库湾清漂",
        kind="cleanup",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        signup_deadline=starts - datetime.timedelta(hours=12),
        lat=32.68,
        lon=111.05,
    )
    SignupFactory(event=event, user=volunteer)
    return {"team": team, "event": event, "volunteer": volunteer}


def photo(tmp_path, name, colour):
    path = tmp_path / name
    PILImage.new("RGB", (1200, 800), colour).save(path, "JPEG")
    return path


def test_check_in_report_and_approval(live_server, riverbank, browser, screenshot_dir, tmp_path):
    url = live_server.url
    team, event = riverbank["team"], riverbank["event"]
    leader_phone = browser.new_context(locale="zh-CN", **PHONE)
    volunteer_phone = browser.new_context(locale="zh-CN", **PHONE)
    leader, volunteer = leader_phone.new_page(), volunteer_phone.new_page()

    # The team page has no approved report yet.
    volunteer.goto(f"{url}/teams/{team.pk}/")
    expect(volunteer.locator("[data-total=reports] .team-totals__value")).to_have_text("0")

    # 1. The leader opens the check-in code on the event's day.
    sign_in(leader, url, "leader@example.com")
    leader.goto(f"{url}/events/{event.pk}/checkin/")
    expect(leader.locator("[data-checkin-svg] svg")).to_be_visible()
    leader.screenshot(path=screenshot_dir / "checkin-code-phone.png", full_page=True)
    # What the phone's camera would read from the QR code: the page's current code URL.
    code_url = leader.evaluate(
        "async () => (await (await fetch(document.querySelector('[data-refresh-url]')"
        ".dataset.refreshUrl)).json()).url"
    )
    assert re.search(rf"/events/{event.pk}/check/i[0-9a-f]+-[0-9a-f]{{20}}/$", code_url)

    # 2. The volunteer, not signed in on this phone, opens it, signs in and checks in.
    volunteer.goto(code_url)
    expect(volunteer).to_have_url(re.compile(r"/accounts/login/"))
    volunteer.fill("input[name=login]", "xiaoshuidi@example.com")
    volunteer.fill("input[name=password]", PASSWORD)
    volunteer.locator("main button[type=submit]").click()
    expect(volunteer).to_have_url(re.compile(rf"/events/{event.pk}/check/$"))
    volunteer.screenshot(path=screenshot_dir / "checkin-confirm-phone.png", full_page=True)
    volunteer.locator("[data-checkin-button]").click()
    expect(volunteer).to_have_url(re.compile(rf"/events/{event.pk}/$"))
    expect(volunteer.locator(".messages")).to_contain_text("签到")
    assert CheckIn.objects.filter(event=event, volunteer=riverbank["volunteer"]).exists()
    # The leader's counter follows.
    leader.reload()
    expect(leader.locator("[data-checkin-count=checked_in]")).to_have_text("1")

    # 3. After the clean-up the leader reports it, with photos, from the phone.
    leader.goto(f"{url}/teams/{team.pk}/reports/new/?event={event.pk}")
    leader.fill("input[name=title]", "习家店库湾清漂")
    leader.fill("textarea[name=summary]", "沿库湾打捞漂浮物，分类装袋后交镇环卫站清运。")
    leader.fill("input[name=participants_count]", "12")
    leader.fill("input[name=litter_kg]", "86.5")
    leader.set_input_files(
        "input[name=photos]",
        [photo(tmp_path, "bank.jpg", "#0b5f78"), photo(tmp_path, "bags.jpg", "#2e7d4f")],
    )
    leader.screenshot(path=screenshot_dir / "report-form-phone.png", full_page=True)
    leader.locator("button[name=action][value=submit]").click()
    expect(leader).to_have_url(re.compile(r"/reports/\d+/$"))
    report = ActivityReport.objects.get(event=event)
    assert report.status == "submitted" and report.photos.count() == 2
    leader.screenshot(path=screenshot_dir / "report-submitted-phone.png", full_page=True)

    # 4. Staff approve it in the Wagtail admin.
    desk = browser.new_context(locale="zh-CN", **DESKTOP)
    admin = desk.new_page()
    sign_in(admin, url, "staff@example.com")
    admin.goto(f"{url}/admin/volunteers/reports/")
    admin.get_by_role("link", name="习家店库湾清漂").first.click()
    approve = admin.locator(f"form[action$='/approve/{report.pk}/'] button[type=submit]")
    expect(approve).to_be_visible()
    admin.screenshot(path=screenshot_dir / "report-review-admin.png", full_page=True)
    approve.click()
    expect(admin.locator(".messages")).to_be_visible()
    report.refresh_from_db()
    assert report.status == "approved"

    # 5. The team page now counts the report and its litter.
    volunteer.goto(f"{url}/teams/{team.pk}/")
    expect(volunteer.locator("[data-total=reports] .team-totals__value")).to_have_text("1")
    expect(volunteer.locator("[data-total=litter_kg] .team-totals__value")).to_contain_text("86.5")
    volunteer.screenshot(path=screenshot_dir / "team-totals-phone.png", full_page=True)
    for context in (leader_phone, volunteer_phone, desk):
        context.close()
