"""The public opens the home page on a phone and on a desktop, reads the
indicators, and switches to English and back."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect


@pytest.fixture
def site(live_server, transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server


def test_home_on_a_phone_shows_indicators_and_switches_language(
    site, phone, screenshot_dir, console_errors
):
    page = console_errors(phone)
    page.goto(site.url + "/")
    expect(page.locator("h1")).to_have_text("守护一库清水，建设绿色机关")
    indicators = page.locator("[data-indicator]")
    expect(indicators).to_have_count(8)
    expect(indicators.first).to_contain_text("59.3")
    expect(indicators.first).to_contain_text("人均综合能耗下降")
    page.screenshot(path=screenshot_dir / "home-phone-zh.png", full_page=True)

    # On a phone the navigation is behind the menu button.
    language_link = page.locator('.lang-switch a[data-lang="en"]')
    expect(language_link).to_be_hidden()
    page.get_by_role("button", name="菜单").click()
    page.screenshot(path=screenshot_dir / "home-phone-menu.png")
    language_link.click()

    expect(page).to_have_url(site.url + "/en/")
    expect(page.locator("h1")).to_have_text(
        "Keeping the reservoir clean, making public offices green"
    )
    expect(page.locator("[data-indicator]").nth(4)).to_contain_text("330,000")
    page.screenshot(path=screenshot_dir / "home-phone-en.png", full_page=True)
    assert console_errors.errors == []


def test_home_on_a_desktop_has_visible_navigation(site, desktop, screenshot_dir, console_errors):
    page = console_errors(desktop)
    page.goto(site.url + "/en/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    page.locator('.lang-switch a[data-lang="zh-hans"]').click()
    expect(page).to_have_url(site.url + "/")
    expect(page.locator("#indicators-title")).to_have_text("2024 年度成效")
    # The skip link is the first thing a keyboard user reaches.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.screenshot(path=screenshot_dir / "home-desktop-zh.png", full_page=True)
    assert console_errors.errors == []
