"""Staff open the Wagtail admin in Chinese: it loads nothing from another host (no
gravatar, no CDN) and reads in Chinese."""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from showcase.models import CaseStudyPage
from tests.browser.helpers import person, sign_in


@pytest.fixture
def site(live_server, transactional_db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return live_server


def test_the_admin_loads_only_from_the_portal(site, desktop, screenshot_dir):
    staff = person("editor@example.com", "编辑小王")
    staff.is_staff = staff.is_superuser = True
    staff.save()
    requested = []
    desktop.on("request", lambda request: requested.append(request.url))
    sign_in(desktop, site.url, "editor@example.com")
    case = CaseStudyPage.objects.filter(locale__language_code="zh-hans").first()
    for path in ("/admin/", "/admin/pages/", f"/admin/pages/{case.pk}/edit/", "/admin/account/"):
        desktop.goto(site.url + path)
        desktop.wait_for_load_state("networkidle")
    expect(desktop.get_by_placeholder("搜索所有页面…")).to_have_count(0)  # not on the account page
    desktop.goto(site.url + "/admin/")
    expect(desktop.get_by_placeholder("搜索所有页面…")).to_be_visible()
    desktop.screenshot(path=screenshot_dir / "admin-dashboard-zh.png")
    own = urlsplit(site.url).netloc
    elsewhere = {urlsplit(url).netloc for url in requested if not url.startswith("data:")} - {own}
    assert elsewhere == set()
