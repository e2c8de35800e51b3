"""A new volunteer signs up, confirms their e-mail, joins a team, signs up for an event
and cancels; the team's leader approves the request and creates an event."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import TeamFactory, VolunteerFactory
from volunteers.events.models import Event, Signup
from volunteers.teams.models import Membership

PASSWORD = "riverbank-patrol-2026"


@pytest.fixture
def team(live_server, transactional_db):
    from portal import demo
    from tests.conftest import QuietOutput

    demo.load(out=QuietOutput())  # home page, site, locales
    leader = VolunteerFactory(
        display_name="库区队长", user__email="leader@example.com", user__password=PASSWORD
    ).user
    EmailAddress.objects.create(user=leader, email=leader.email, verified=True, primary=True)
    return TeamFactory(name="习家店护水队", leader=leader)


def sign_in(page, url, email, password=PASSWORD):
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/me/$"))


def confirmation_link(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


def test_new_volunteer_joins_a_team_signs_up_and_cancels(
    live_server, team, browser, screenshot_dir
):
    url = live_server.url
    phone = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    volunteer = phone.new_page()

    # 1. Create an account: the profile fields and the privacy consent are part of it.
    volunteer.goto(f"{url}/accounts/signup/")
    volunteer.fill("input[name=email]", "xiaoshuidi@example.com")
    volunteer.fill("input[name=password1]", PASSWORD)
    volunteer.fill("input[name=password2]", PASSWORD)
    volunteer.fill("input[name=display_name]", "新来的小水滴")
    volunteer.check("input[name=consent]")
    volunteer.screenshot(path=screenshot_dir / "signup-phone.png", full_page=True)
    volunteer.locator("main form button[type=submit]").click()
    expect(volunteer).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    # 2. Confirm the e-mail with the link from the mailbox.
    link = confirmation_link("xiaoshuidi@example.com")
    volunteer.goto(url + "/" + link.split("://", 1)[1].split("/", 1)[1])
    volunteer.locator("main form button[type=submit]").click()
    expect(volunteer).to_have_url(re.compile(r"/me/$"))

    # 3. Ask to join the team.
    volunteer.goto(f"{url}/teams/{team.pk}/")
    volunteer.locator(f"form[action='/teams/{team.pk}/join/'] button").click()
    expect(volunteer.locator(".messages")).to_be_visible()
    assert (
        Membership.objects.get(team=team, user__email="xiaoshuidi@example.com").status == "pending"
    )

    # 4. The leader, in another browser, approves the request and creates an event.
    desk = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    leader = desk.new_page()
    sign_in(leader, url, "leader@example.com")
    leader.goto(f"{url}/teams/{team.pk}/manage/")
    leader.locator("form[action*='/approve/'] button").click()
    expect(leader.locator(".messages")).to_contain_text("新来的小水滴")

    leader.goto(f"{url}/teams/{team.pk}/events/new/")
    start = timezone.localtime() + datetime.timedelta(days=5)
    leader.fill("input[name=title]", "库湾清漂行动")
    leader.select_option("select[name=kind]", "cleanup")
    leader.fill("input[name=starts_at]", start.strftime("%Y-%m-%dT09:00"))
    leader.fill("input[name=ends_at]", start.strftime("%Y-%m-%dT12:00"))
    leader.fill("input[name=capacity]", "12")
    leader.fill("input[name=meeting_point]", "码头")
    leader.locator("main form button[type=submit]").last.click()
    expect(leader.locator("h1")).to_contain_text("库湾清漂行动")
    event = Event.objects.get(title="库湾清漂行动")
    leader.screenshot(path=screenshot_dir / "event-created-desktop.png", full_page=True)

    # 5. The volunteer signs up, finds it under /me/ and cancels.
    volunteer.goto(f"{url}/events/{event.pk}/")
    volunteer.locator(f"form[action='/events/{event.pk}/signup/'] button").click()
    expect(volunteer.locator(".messages")).to_contain_text("库湾清漂行动")
    volunteer.screenshot(path=screenshot_dir / "event-signed-up-phone.png", full_page=True)
    volunteer.goto(f"{url}/me/")
    row = volunteer.locator("main").get_by_text("库湾清漂行动").first
    expect(row).to_be_visible()
    volunteer.screenshot(path=screenshot_dir / "me-phone.png", full_page=True)
    signup = Signup.objects.get(event=event, user__email="xiaoshuidi@example.com")
    volunteer.locator("[data-cancel-signup]").click()
    # One tap asks first; the place is only given back on the second.
    expect(volunteer.locator("h1")).to_contain_text("库湾清漂行动")
    volunteer.screenshot(path=screenshot_dir / "cancel-confirm-phone.png")
    signup.refresh_from_db()
    assert signup.status == "confirmed"
    volunteer.locator("[data-confirm-cancel]").click()
    expect(volunteer).to_have_url(re.compile(r"/me/$"))
    expect(volunteer.locator(".messages")).to_be_visible()
    signup.refresh_from_db()
    assert signup.status == "cancelled"
    phone.close()
    desk.close()
