"""On a phone: a new volunteer signs up with a mobile number and the texted code, chooses SMS
for reminders, signs out, signs in again with a code, and signs up for an event that is
then reminded by text."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.outbox import OutgoingSms
from tests.factories import EventFactory, TeamFactory, VolunteerFactory
from volunteers.events.services.reminders import reminders_send

PASSWORD = "riverbank-patrol-2026"
NUMBER = "+8613800138000"


@pytest.fixture
def event(live_server, transactional_db):
    from portal import demo
    from tests.conftest import QuietOutput

    demo.load(out=QuietOutput())  # home page, site, locales
    team = TeamFactory(name="习家店护水队", leader=VolunteerFactory().user)
    start = timezone.now() + datetime.timedelta(hours=20)
    return EventFactory(
        team=team,
        title="库湾清漂",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        signup_deadline=start - datetime.timedelta(hours=2),
    )


def texted_code() -> str:
    message = OutgoingSms.objects.filter(to=NUMBER, kind="phone_code").latest("created_at")
    return re.search(r"(?<!\d)\d{6}(?!\d)", message.text)[0]


def test_a_volunteer_signs_up_and_in_with_a_mobile_number(
    live_server, event, phone, screenshot_dir
):
    url = live_server.url
    page = phone

    # 1. Sign up with a number only: no e-mail address.
    page.goto(f"{url}/accounts/signup/")
    page.fill("input[name=phone]", "138 0013 8000")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.fill("input[name=display_name]", "库区新水滴")
    page.check("input[name=consent]")
    page.screenshot(path=screenshot_dir / "phone-signup-phone.png", full_page=True)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/phone/verify/$"))

    # 2. Type the code from the text message.
    page.fill("input[name=code]", texted_code())
    page.screenshot(path=screenshot_dir / "phone-verify-phone.png", full_page=True)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/me/$"))

    # 3. Reminders by SMS, in the profile, which shows the verified number.
    page.goto(f"{url}/me/profile/")
    expect(page.locator("main")).to_contain_text("13800138000")
    page.check("input[name=notify_by][value=sms]")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    page.screenshot(path=screenshot_dir / "phone-profile-phone.png", full_page=True)

    # 4. Sign out, and in again with a code texted to the number.
    page.locator("[data-nav-toggle]").click()
    page.locator("header form[action$='/accounts/logout/'] button").click()
    expect(page.locator("header.site-header a[href$='/accounts/login/']")).to_be_attached()
    page.goto(f"{url}/accounts/login/code/")
    page.fill("input[name=phone]", "13800138000")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/code/confirm/$"))
    page.fill("input[name=code]", texted_code())
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/me/$"))

    # 5. Sign up for tomorrow's event; the reminder goes out by text.
    page.goto(f"{url}/events/{event.pk}/")
    page.locator(f"form[action='/events/{event.pk}/signup/'] button").click()
    expect(page.locator(".messages")).to_contain_text("库湾清漂")
    assert reminders_send() == 1
    reminder = OutgoingSms.objects.get(kind="event_reminder")
    assert reminder.to == NUMBER and "库湾清漂" in reminder.text


WECHAT = (
    "Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/116.0 Mobile Safari/537.36 XWEB/1160117 MicroMessenger/8.0.50"
)


def test_inside_wechat_the_event_page_offers_the_poster_instead_of_a_calendar_file(
    live_server, event, browser, screenshot_dir
):
    context = browser.new_context(
        user_agent=WECHAT, locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/events/{event.pk}/")
    expect(page.locator("[data-add-to-calendar]")).to_be_hidden()
    expect(page.locator("[data-wechat-hint]")).to_be_visible()
    expect(page.locator("[data-copy-link]")).to_be_visible()
    poster = page.locator("[data-poster-link]")
    expect(poster).to_be_visible()
    page.locator(".share-box").scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "event-share-wechat-phone.png")
    # Outside WeChat the calendar file is offered as before.
    other = browser.new_context(locale="zh-CN").new_page()
    other.goto(f"{live_server.url}/events/{event.pk}/")
    expect(other.locator("[data-add-to-calendar]")).to_be_visible()
    expect(other.locator("[data-wechat-hint]")).to_be_hidden()
    context.close()
