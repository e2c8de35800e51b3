"""The Wagtail admin in Chinese: no English left in its own words (Wagtail's zh_Hans
catalogue lacks ~420 strings; locale_wagtail/ supplies them)."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf.locale import LANG_INFO
from django.contrib.auth.models import Group
from wagtail.models import Page

from showcase.models import CaseStudyPage

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/", "/admin/pages/", "/admin/pages/search/?q=a", "/admin/images/",
    "/admin/documents/", "/admin/workflows/list/", "/admin/workflows/tasks/index/",
    "/admin/reports/locked/", "/admin/reports/aging-pages/", "/admin/reports/site-history/",
    "/admin/users/", "/admin/groups/", "/admin/locales/", "/admin/redirects/", "/admin/account/",
]  # fmt: skip
# Two English words or more with no Chinese: a sentence or label left untranslated.
ENGLISH = re.compile(r"[A-Za-z]{3,}\s+[A-Za-z]{2,}")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def words_shown(html: bytes) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "code", "pre"]):
        hidden.decompose()
    texts = list(soup.stripped_strings)
    for name in ("placeholder", "aria-label", "title"):
        texts += [tag[name] for tag in soup.find_all(attrs={name: True})]
    return texts


def content_names() -> set[str]:
    """What editors and staff named (English pages, groups) and languages' own names."""
    return {
        *Page.objects.values_list("title", flat=True),
        *Group.objects.values_list("name", flat=True),
        *(info["name_local"] for info in LANG_INFO.values() if "name_local" in info),
    }


def test_the_admin_speaks_chinese_throughout(admin_client, demo_content):
    case = CaseStudyPage.objects.filter(locale__language_code="zh-hans").first()
    urls = [*ADMIN_PAGES, f"/admin/pages/{case.pk}/edit/", f"/admin/pages/{case.pk}/history/",
            f"/admin/pages/{case.get_parent().pk}/"]  # fmt: skip
    allowed = content_names()
    english = {}
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        for text in words_shown(response.content):
            if ENGLISH.search(text) and not CHINESE.search(text) and text not in allowed:
                english.setdefault(text, url)
    assert english == {}


def test_the_dashboard_search_and_the_page_listing_read_in_chinese(admin_client, demo_content):
    html = admin_client.get("/admin/").content.decode()
    assert 'placeholder="搜索所有页面…"' in html
    listing = admin_client.get("/admin/pages/").content.decode()
    assert "更新日期" in listing and "Date updated" not in listing
