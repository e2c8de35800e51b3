import pytest
from django.urls import reverse

from portal.models import HomeIndicator
from tests.utils import queries_for

pytestmark = pytest.mark.django_db


def test_chinese_home_shows_the_seed_indicators(client, home):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="zh-Hans"' in html
    for figure in ["59.3", "58.5", "26.2", "2,000+", "480", "284"]:
        assert figure in html
    assert "人均综合能耗下降" in html
    assert "“小水滴”志愿者" in html


def test_english_home_under_en_prefix(client, home):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="en"' in html
    assert "Less energy per person" in html
    assert "330,000" in html
    assert "人均综合能耗下降" not in html


def test_indicator_edited_in_admin_shows_on_page(client, home):
    indicator = home.indicators.first()
    indicator.value = "60.1"
    indicator.save()
    home.save_revision().publish()
    assert "60.1" in client.get("/").content.decode()


def test_language_switcher_links_both_versions(client, home):
    html = client.get("/").content.decode()
    assert 'href="/en/" hreflang="en"' in html
    html = client.get("/en/").content.decode()
    assert 'href="/" hreflang="zh-Hans"' in html
    assert '<link rel="alternate" hreflang="zh-Hans"' in html


def test_home_runs_a_fixed_small_number_of_queries(client, home):
    from tests.factories import (
        CaseStudyIndexPageFactory,
        CaseStudyPageFactory,
        EventFactory,
        StoryIndexPageFactory,
        StoryPageFactory,
    )

    cases = CaseStudyIndexPageFactory(parent=home)
    news = StoryIndexPageFactory(parent=home)
    CaseStudyPageFactory(parent=cases)
    StoryPageFactory(parent=news)
    EventFactory(title="首页上的巡河")
    few = queries_for(client, "/")
    for n in range(6):
        HomeIndicator.objects.create(page=home, value=str(n), label=f"extra {n}")
        CaseStudyPageFactory(parent=cases)
        StoryPageFactory(parent=news)
        EventFactory()
    assert queries_for(client, "/") == few <= 22
    html = client.get("/").content.decode()
    assert "extra 5" in html
    assert "首页上的巡河" in html  # the next event comes first


def test_signed_out_visitor_is_invited_to_join(client, home):
    html = client.get("/").content.decode()
    assert reverse("account_signup") in html


def test_language_switch_keeps_the_search_terms(client, home):
    html = client.get("/search/", {"q": "节水"}).content.decode()
    assert 'href="/en/search/?q=%E8%8A%82%E6%B0%B4" hreflang="en"' in html
