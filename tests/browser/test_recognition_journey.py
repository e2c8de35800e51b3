"""A volunteer downloads their hours certificate and opens its verification link; a visitor
reads the impact dashboard on a phone, with its chart and map."""

import io
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import PHONE
from tests.browser.helpers import BLANK_TILE
from tests.factories import TeamFactory, VolunteerFactory
from tests.utils import approved

PASSWORD = "riverbank-patrol-2026"


@pytest.fixture
def served(live_server, transactional_db):
    from portal import demo
    from tests.conftest import QuietOutput

    demo.load(out=QuietOutput())
    leader = VolunteerFactory(display_name="库区队长").user
    staff = VolunteerFactory(display_name="工作人员").user
    staff.is_staff = True
    staff.save()
    volunteer = VolunteerFactory(
        display_name="小水滴",
        real_name="王小明",
        user__email="xiaoshuidi@example.com",
        user__password=PASSWORD,
    ).user
    EmailAddress.objects.create(user=volunteer, email=volunteer.email, verified=True, primary=True)
    team = TeamFactory(name="习家店护水队", leader=leader)
    approved(team, leader, staff, volunteer, "3.5", days_ago=20)
    approved(team, leader, staff, volunteer, "4", days_ago=6)
    return volunteer


@pytest.mark.skipif(
    not Path(settings.CERTIFICATE_FONT).exists(), reason="run scripts/ensure-fonts.sh"
)
def test_certificate_download_and_verification(live_server, served, browser, screenshot_dir):
    url = live_server.url
    context = browser.new_context(locale="zh-CN", accept_downloads=True, **PHONE)
    page = context.new_page()
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=login]", "xiaoshuidi@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()

    page.goto(f"{url}/me/certificate/")
    page.locator("main form button[type=submit]").click()
    download_link = page.locator("a[href$='.pdf']")
    expect(download_link).to_be_visible()
    page.screenshot(path=screenshot_dir / "certificate-phone.png", full_page=True)

    with page.expect_download() as info:
        download_link.click()
    pdf = Path(info.value.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "志愿服务证明" in text and "王小明" in text and "7.5" in text
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", text).group(0)

    page.locator(f"a[href$='/verify/{code}/']").click()
    expect(page.locator(".verify-result--valid")).to_be_visible()
    expect(page.locator(".verify-facts")).to_contain_text("王*明")
    expect(page.locator(".verify-facts")).to_contain_text("7.5")
    assert "王小明" not in page.content()
    page.screenshot(path=screenshot_dir / "verify-phone.png", full_page=True)
    context.close()


def test_visitor_reads_the_impact_dashboard_on_a_phone(
    live_server, served, phone, console_errors, screenshot_dir
):
    page = console_errors(phone)
    page.route(
        re.compile(r"https://tile\.openstreetmap\.org/.*"),
        lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE),
    )
    page.goto(f"{live_server.url}/impact/")

    expect(page.locator("[data-impact-totals]")).to_contain_text("7.5")
    chart = page.locator("[data-impact-chart] svg")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] <= PHONE["viewport"]["width"]
    expect(page.locator(".leaflet-container")).to_be_visible()
    expect(page.locator("path.leaflet-interactive").first).to_be_attached()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    page.screenshot(path=screenshot_dir / "impact-phone.png", full_page=True)
    assert console_errors.errors == []
