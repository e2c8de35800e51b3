"""Chinese words inside sentences find the right case studies (SQLite and PostgreSQL)."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import CaseStudyPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

CASES = {
    "solar": ("屋顶发电", "全市归集可利用屋顶建设分布式光伏项目，预计年发电量可观。"),
    "water": ("管网改造", "学校通过改造老旧管网和推广节水器具，显著降低了用水量。"),
    "contract": ("市场机制", "多个单位采用合同能源管理模式，由服务公司投资改造设备。"),
    "hospital": ("智能计量", "市人民医院为每栋楼安装计量水表并接入物联网平台。"),
}


@pytest.fixture
def cases(cases_index):
    return {
        key: CaseStudyPageFactory(
            parent=cases_index, title=title, body=[("text", f"<p>{sentence}</p>")]
        )
        for key, (title, sentence) in CASES.items()
    }


def found(client, query, prefix=""):
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    return (
        [result.page.title for result in response.context["results"]]
        if response.context.get("results") is not None
        else []
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [("光伏", "solar"), ("节水", "water"), ("合同能源管理", "contract"), ("医院", "hospital")],
)
def test_word_inside_a_sentence_finds_its_case_study(client, cases, query, expected):
    html = client.get("/search/", {"q": query}).content.decode()
    assert CASES[expected][0] in html
    others = [title for key, (title, _) in CASES.items() if key != expected]
    assert not any(title in html for title in others)
    assert f"<mark>{query}</mark>" in html


def test_drafts_and_private_case_studies_are_never_found(client, cases_index):
    CaseStudyPageFactory(
        parent=cases_index,
        title="草稿光伏案例",
        body=[("text", "<p>草稿里的光伏。</p>")],
        live=False,
    )
    private = CaseStudyPageFactory(
        parent=cases_index, title="内部光伏案例", body=[("text", "<p>内部的光伏。</p>")]
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = client.get("/search/", {"q": "光伏"}).content.decode()
    assert "草稿光伏案例" not in html and "内部光伏案例" not in html


def test_stories_are_found_too(client, news_index):
    StoryPageFactory(
        parent=news_index,
        title="库区动态",
        body=[("text", "<p>两千多支队伍招募志愿者参加巡河。</p>")],
    )
    assert "库区动态" in client.get("/search/", {"q": "志愿"}).content.decode()
