"""Campaigns in a real browser: a visitor pledges on a phone and watches the count
rise; a signed-in volunteer pledges in one click and withdraws."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from campaigns.models import Pledge
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    PledgeFactory,
    VolunteerFactory,
)

PASSWORD = "clean-plate-pledge-2026"


@pytest.fixture
def campaign(live_server, transactional_db):
    from portal import demo
    from portal.models import HomePage
    from tests.conftest import QuietOutput

    demo.load(out=QuietOutput())  # home page, site, locales
    home = HomePage.objects.get(locale__language_code="zh-hans")
    index = CampaignIndexPageFactory(parent=home)
    page = CampaignPageFactory(
        parent=index,
        title="光盘行动 + 碳普惠",
        slug="clean-plate",
        goals=[{"label": "作出光盘承诺", "kind": "pledges", "target": 1000, "unit": "人"}],
    )
    PledgeFactory(campaign=page, display_name="市直机关·小王")
    PledgeFactory(campaign=page, display_name="茅箭区·李老师")
    return page


@pytest.fixture
def volunteer(transactional_db):
    user = VolunteerFactory(
        display_name="郧阳小水滴", user__email="pledger@example.com", user__password=PASSWORD
    ).user
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def pledge_count(page) -> str:
    return page.locator("[data-pledge-count]").inner_text()


def test_a_visitor_pledges_on_a_phone_and_sees_the_count_rise(
    live_server, campaign, phone, screenshot_dir
):
    url = f"{live_server.url}{campaign.url}"
    phone.goto(f"{live_server.url}/campaigns/")
    card = phone.locator("[data-campaign-card]").first
    expect(card).to_contain_text("光盘行动")
    expect(card.locator("[role=progressbar]")).to_have_attribute("aria-valuenow", "2")
    phone.screenshot(path=screenshot_dir / "campaigns-phone.png", full_page=True)

    card.locator("a").first.click()
    expect(phone).to_have_url(url)
    expect(phone.locator("[data-pledge-count]")).to_have_text("2")
    # The pledge box comes right after the campaign's head on a phone.
    box = phone.locator("[data-pledge-box]").bounding_box()
    progress = phone.locator("#progress-title").bounding_box()
    assert box["y"] < progress["y"]

    # An empty name is refused with a message next to the field.
    phone.locator("[data-pledge-button]").click()
    expect(phone.locator(".field__errors")).to_be_visible()
    assert Pledge.objects.count() == 2

    phone.fill("input[name=display_name]", "食堂常客<b>阿杰</b>")
    phone.locator("[data-pledge-button]").click()
    expect(phone.locator(".messages")).to_contain_text("我承诺：光盘不剩饭")
    expect(phone.locator("[data-pledge-count]")).to_have_text("3")
    expect(phone.locator("[data-pledge-names]")).to_contain_text("食堂常客<b>阿杰</b>")
    expect(phone.locator("[data-my-pledge]")).to_be_visible()
    expect(phone.locator("input[name=display_name]")).to_have_count(0)
    phone.screenshot(path=screenshot_dir / "campaign-pledged-phone.png", full_page=True)

    pledge = Pledge.objects.get(display_name="食堂常客<b>阿杰</b>")
    assert pledge.user is None and pledge.ip_hash and "127.0.0.1" not in pledge.ip_hash
    # The progress bar counts it too.
    bar = phone.locator("[role=progressbar]").first
    expect(bar).to_have_attribute("aria-valuenow", "3")


def test_a_signed_in_volunteer_pledges_and_withdraws(
    live_server, campaign, volunteer, desktop, screenshot_dir
):
    desktop.goto(f"{live_server.url}/accounts/login/?next={campaign.url}")
    desktop.fill("input[name=login]", volunteer.email)
    desktop.fill("input[name=password]", PASSWORD)
    desktop.locator("main button[type=submit]").click()
    expect(desktop).to_have_url(re.compile(re.escape(campaign.url) + "$"))

    expect(desktop.locator("[data-pledge-count]")).to_have_text("2")
    expect(desktop.locator("input[name=display_name]")).to_have_count(0)
    expect(desktop.locator("[data-pledge-box]")).to_contain_text("郧阳小水滴")
    desktop.locator("[data-pledge-button]").click()
    expect(desktop.locator("[data-pledge-count]")).to_have_text("3")
    expect(desktop.locator("[data-my-pledge]")).to_contain_text("郧阳小水滴")
    desktop.screenshot(path=screenshot_dir / "campaign-pledged-desktop.png", full_page=True)
    assert Pledge.objects.get(user=volunteer).withdrawn_at is None
    assert any(m.to == [volunteer.email] for m in mail.outbox)

    desktop.locator("[data-withdraw]").click()
    expect(desktop.locator(".messages")).to_be_visible()
    expect(desktop.locator("[data-pledge-count]")).to_have_text("2")
    expect(desktop.locator("[data-pledge-button]")).to_be_visible()
    assert Pledge.objects.get(user=volunteer).withdrawn_at is not None
    desktop.screenshot(path=screenshot_dir / "campaign-withdrawn-desktop.png", full_page=True)
