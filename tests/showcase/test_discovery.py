"""sitemap.xml and the read-only API list published, public pages only."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from tests.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(cases_index):
    return {
        "live": CaseStudyPageFactory(parent=cases_index, title="已发布案例", slug="published-case"),
        "draft": CaseStudyPageFactory(
            parent=cases_index, title="草稿案例", slug="draft-case", live=False
        ),
        "private": _private(
            CaseStudyPageFactory(parent=cases_index, title="内部案例", slug="private-case")
        ),
    }


def _private(page):
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    return page


def test_sitemap_lists_published_pages_of_both_languages(client, pages, cases_index):
    english = cases_index.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save_revision().publish()
    xml = client.get("/sitemap.xml").content.decode()
    assert "/cases/published-case/" in xml
    assert "/en/cases/" in xml
    assert "draft-case" not in xml
    assert "private-case" not in xml


def test_api_lists_only_live_public_pages(client, pages):
    response = client.get("/api/v2/pages/?type=showcase.CaseStudyPage&fields=title")
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["已发布案例"]
    assert client.get(f"/api/v2/pages/{pages['draft'].pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{pages['private'].pk}/").status_code == 404


def test_api_is_read_only(client, pages):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405


def test_api_rejects_bad_parameters_cleanly(client, pages):
    response = client.get("/api/v2/pages/?type=nonsense.Model")
    assert response.status_code == 400
    assert client.get("/api/v2/pages/?limit=abc").status_code == 400


def test_api_gives_a_case_studys_figures_units_and_body(client, pages):
    case = pages["live"]
    fields = "summary,headline_value,headline_label,unit_names,body,body_html"
    response = client.get(f"/api/v2/pages/?type=showcase.CaseStudyPage&fields={fields}")
    assert response.status_code == 200, response.content
    [item] = response.json()["items"]
    assert item["summary"] == case.summary and item["headline_value"] == "45.6"
    assert item["unit_names"] == [unit.name for unit in case.units.all()]
    assert item["body"][0]["type"] == "text"
    assert "<p>案例正文。</p>" in item["body_html"]
    # One page's details carry every declared field.
    detail = client.get(f"/api/v2/pages/{case.pk}/").json()
    assert {"topic", "headline_unit", "cover_image", "body_html"} <= set(detail)


def test_api_gives_a_campaigns_goals_as_totals_only(client, home):
    from tests.factories import CampaignIndexPageFactory, CampaignPageFactory, PledgeFactory

    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home))
    PledgeFactory(campaign=campaign, display_name="光盘小达人")
    response = client.get(f"/api/v2/pages/{campaign.pk}/")
    assert response.status_code == 200
    data = response.json()
    [goal] = data["goal_progress"]
    assert (goal["value"], goal["target"], goal["percent"]) == (1, 100, 1)
    assert data["status"] == "running" and data["start_date"] == str(campaign.start_date)
    # Who pledged never reaches the API.
    assert "光盘小达人" not in response.content.decode()
