"""The public reads case studies on a phone; a moderator approves a submitted story."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from showcase.models import StoryIndexPage, StoryPage


@pytest.fixture
def site(live_server, transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server


def test_visitor_filters_case_studies_and_reads_one_on_a_phone(
    site, phone, screenshot_dir, console_errors
):
    page = console_errors(phone)
    page.goto(site.url + "/cases/")
    cards = page.locator("[data-case-list] > li")
    expect(cards).to_have_count(8)
    page.screenshot(path=screenshot_dir / "cases-phone.png", full_page=True)

    page.select_option("#f-topic", "solar")
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/cases/\?topic=solar"))
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("36 万平方米")

    cards.first.locator("a").click()
    expect(page.locator("h1")).to_contain_text("36 万平方米屋顶")
    metrics = page.locator("[data-metric]")
    expect(metrics).to_have_count(3)
    expect(metrics.nth(2)).to_contain_text("6,000")
    # The unit's location map is drawn from vendored Leaflet, next to a text alternative.
    expect(page.locator(".leaflet-container")).to_be_visible()
    page.screenshot(path=screenshot_dir / "case-study-phone.png", full_page=True)
    assert console_errors.errors == [] or all(
        "tile" in e.lower() or "net::" in e for e in console_errors.errors
    )


def test_moderator_approves_a_submitted_story_and_it_reaches_the_home_page(
    site, desktop, screenshot_dir
):
    editor = get_user_model().objects.get(email="editor@qingshui.example")
    index = StoryIndexPage.objects.get(locale__language_code="zh-hans")
    story = StoryPage(
        title="库区巡河队新增 30 名队员",
        summary="新队员完成了首次巡河。",
        body=[("text", "<p>正文</p>")],
        live=False,
    )
    index.add_child(instance=story)
    story.save_revision(user=editor)
    story.get_workflow().start(story, editor)

    page = desktop
    page.goto(site.url + "/")
    expect(page.locator("[data-home-stories]")).not_to_contain_text("库区巡河队新增 30 名队员")

    page.goto(site.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/admin/"))
    page.fill("input[name=login]", "moderator@qingshui.example")
    page.fill("input[name=password]", "qingshui-moderator-2026")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(f"{site.url}/admin/pages/{story.pk}/edit/")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator(
        "footer button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    expect(page.locator(".messages")).to_contain_text("库区巡河队新增 30 名队员")
    page.screenshot(path=screenshot_dir / "admin-approved.png")

    page.goto(site.url + "/")
    expect(page.locator("[data-home-stories]")).to_contain_text("库区巡河队新增 30 名队员")
    page.screenshot(path=screenshot_dir / "home-desktop-with-news.png", full_page=True)
