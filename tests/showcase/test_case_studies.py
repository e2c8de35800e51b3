import pytest
from wagtail.models import PageViewRestriction

from portal.base_url import absolute_url
from tests.factories import CaseStudyPageFactory, ExemplarUnitFactory, ImageFactory
from tests.utils import queries_for

pytestmark = pytest.mark.django_db


def titles(response):
    return [case.title for case in response.context["cases"]]


def test_index_lists_live_public_case_studies_newest_first(client, cases_index):
    old = CaseStudyPageFactory(parent=cases_index, title="旧案例")
    new = CaseStudyPageFactory(parent=cases_index, title="新案例")
    CaseStudyPageFactory(parent=cases_index, title="草稿案例", live=False)
    private = CaseStudyPageFactory(parent=cases_index, title="内部案例")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    response = client.get(cases_index.url)
    assert titles(response) == [new.title, old.title]
    html = response.content.decode()
    assert "草稿案例" not in html and "内部案例" not in html


def test_filters_by_topic_county_and_honour(client, cases_index):
    leader = ExemplarUnitFactory(honours=[("water_leader", 2024, 2026)])
    other = ExemplarUnitFactory()
    CaseStudyPageFactory(parent=cases_index, title="节水领跑", topic="water", units=[leader])
    CaseStudyPageFactory(parent=cases_index, title="屋顶光伏", topic="solar", units=[other])

    assert titles(client.get(cases_index.url + "?topic=solar")) == ["屋顶光伏"]
    assert titles(client.get(cases_index.url + f"?county={leader.county.code}")) == ["节水领跑"]
    assert titles(client.get(cases_index.url + "?honour=water_leader")) == ["节水领跑"]
    assert titles(client.get(cases_index.url + "?topic=solar&honour=water_leader")) == []


def test_empty_filter_result_offers_a_way_back(client, cases_index):
    CaseStudyPageFactory(parent=cases_index, topic="water")
    html = client.get(cases_index.url + "?topic=geothermal").content.decode()
    assert "empty-state" in html
    assert f'href="{cases_index.url}"' in html


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=99999",
        "?page=-1",
        "?topic=nonsense",
        "?county=%00",
        "?honour=" + "x" * 2000,
    ],
)
def test_bad_query_strings_give_a_normal_page(client, cases_index, query):
    CaseStudyPageFactory(parent=cases_index, title="唯一案例")
    response = client.get(cases_index.url + query)
    assert response.status_code == 200
    assert "唯一案例" in response.content.decode()


def test_pagination_splits_cards_into_pages(client, cases_index):
    for n in range(14):
        CaseStudyPageFactory(parent=cases_index, title=f"案例{n:02d}")
    first = client.get(cases_index.url)
    second = client.get(cases_index.url + "?page=2")
    assert len(titles(first)) == 12 and len(titles(second)) == 2
    assert set(titles(first)).isdisjoint(titles(second))
    assert 'rel="next"' in first.content.decode()


def test_index_query_count_does_not_grow_with_cards(client, cases_index):
    unit = ExemplarUnitFactory()
    CaseStudyPageFactory(parent=cases_index, units=[unit], cover_image=ImageFactory())
    few = queries_for(client, cases_index.url)
    for _ in range(8):
        CaseStudyPageFactory(
            parent=cases_index, units=[ExemplarUnitFactory()], cover_image=ImageFactory()
        )
    assert queries_for(client, cases_index.url) == few


def test_case_study_page_shows_metrics_units_and_honours(client, cases_index):
    unit = ExemplarUnitFactory(name="湖北医药学院", honours=[("water_leader", 2024, 2026)])
    page = CaseStudyPageFactory(
        parent=cases_index,
        units=[unit],
        body=[
            (
                "metrics",
                [
                    {
                        "label": "节水率",
                        "value": "45.6",
                        "unit": "%",
                        "baseline": "改造前后",
                        "change_percent": "-45.6",
                        "source": "机关事务服务中心",
                    },
                    {
                        "label": "每天节约用水",
                        "value": "1000",
                        "unit": "吨",
                        "baseline": "",
                        "change_percent": None,
                        "source": "",
                    },
                ],
            )
        ],
    )
    html = client.get(page.url).content.decode()
    assert html.count("data-metric") == 2
    assert "45.6" in html and "1,000" in html
    assert "湖北医药学院" in html
    assert "2024–2026" in html


def test_case_study_page_query_count_is_fixed(client, cases_index):
    page = CaseStudyPageFactory(parent=cases_index, units=[ExemplarUnitFactory()])
    few = queries_for(client, page.url)
    page.units.add(*[ExemplarUnitFactory() for _ in range(4)])
    page.save_revision().publish()
    assert queries_for(client, page.url) == few


def test_case_study_has_share_metadata_and_breadcrumbs(client, cases_index):
    page = CaseStudyPageFactory(parent=cases_index, cover_image=ImageFactory())
    html = client.get(page.url).content.decode()
    # On the portal's one address (PORTAL_BASE_URL), not the host the request came to.
    assert f'<link rel="canonical" href="{absolute_url(page.url)}">' in html
    assert f'property="og:image" content="{absolute_url("/")}' in html
    assert "testserver" not in html
    assert '"@type": "BreadcrumbList"' in html
    assert 'aria-label="Breadcrumb"' in html or "面包屑" in html
