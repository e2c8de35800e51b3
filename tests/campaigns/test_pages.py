"""The campaign index, the campaign page and the home section: what a visitor sees."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from portal.dates import shiyan_today
from tests.campaigns.conftest import translate
from tests.factories import (
    CampaignPageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    EventFactory,
    GoalUpdateFactory,
    ImageFactory,
    PledgeFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from tests.utils import queries_for

pytestmark = pytest.mark.django_db


def days(n):
    return shiyan_today() + datetime.timedelta(days=n)


def titles(response):
    return [card["page"].title for card in response.context["campaigns"].object_list]


def running(index, title, **kwargs):
    return CampaignPageFactory(parent=index, title=title, **kwargs)


def upcoming(index, title, **kwargs):
    return CampaignPageFactory(
        parent=index, title=title, start_date=days(10), end_date=days(100), **kwargs
    )


def finished(index, title, **kwargs):
    return CampaignPageFactory(
        parent=index, title=title, start_date=days(-100), end_date=days(-1), **kwargs
    )


MANUAL = {"label": "租赁新能源公务用车", "kind": "manual", "target": 728, "unit": "辆"}


# --- Index ------------------------------------------------------------------------


def test_index_lists_running_then_upcoming_then_finished(client, campaigns_index):
    finished(campaigns_index, "已结束的行动")
    upcoming(campaigns_index, "明年的行动")
    running(campaigns_index, "老行动", start_date=days(-300))
    running(campaigns_index, "新行动", start_date=days(-3))
    response = client.get(campaigns_index.url)
    assert titles(response) == ["新行动", "老行动", "明年的行动", "已结束的行动"]
    html = response.content.decode()
    assert html.count('data-campaign-card="running"') == 2
    assert 'data-campaign-card="upcoming"' in html and 'data-campaign-card="finished"' in html


def test_index_filters_by_theme_and_ignores_unknown_themes(client, campaigns_index):
    running(campaigns_index, "光盘行动", theme="food")
    running(campaigns_index, "绿色出行", theme="transport")
    assert titles(client.get(campaigns_index.url + "?theme=transport")) == ["绿色出行"]
    assert len(titles(client.get(campaigns_index.url + "?theme=nonsense"))) == 2
    html = client.get(campaigns_index.url).content.decode()
    assert "?theme=food" in html and "?theme=transport" in html and "?theme=energy" not in html


def test_drafts_and_private_campaigns_are_never_listed(client, campaigns_index, home):
    running(campaigns_index, "公开行动")
    running(campaigns_index, "草稿行动", live=False)
    private = running(campaigns_index, "内部行动")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    assert titles(client.get(campaigns_index.url)) == ["公开行动"]
    html = client.get("/").content.decode()
    assert "公开行动" in html and "草稿行动" not in html and "内部行动" not in html


def test_cards_show_the_first_goals_progress_and_pledges(client, campaigns_index):
    page = running(campaigns_index, "绿色出行", goals=[MANUAL, {**MANUAL, "label": "第二个目标"}])
    GoalUpdateFactory(goal=page.goals.first(), value=276)
    pledged = running(campaigns_index, "光盘行动")
    PledgeFactory.create_batch(3, campaign=pledged)
    html = client.get(campaigns_index.url).content.decode()
    assert 'aria-valuenow="276"' in html and 'aria-valuemax="728"' in html
    assert "第二个目标" not in html  # only the first goal, and a hint of the rest
    assert re.search(r"data-card-pledges>\s*3\b", html)


@pytest.mark.parametrize("query", ["?page=abc", "?page=99999", "?theme=%00", "?theme=" + "x" * 900])
def test_bad_query_strings_give_a_normal_index(client, campaigns_index, query):
    running(campaigns_index, "唯一的行动")
    response = client.get(campaigns_index.url + query)
    assert response.status_code == 200 and "唯一的行动" in response.content.decode()


def test_index_runs_the_same_queries_for_two_or_ten_campaigns(client, campaigns_index):
    def add(n):
        page = running(campaigns_index, f"行动{n}", hero_image=ImageFactory(), goals=[MANUAL])
        GoalUpdateFactory(goal=page.goals.get(), value=n)
        pledged = running(campaigns_index, f"承诺{n}")
        PledgeFactory.create_batch(2, campaign=pledged)
        events = running(
            campaigns_index, f"活动{n}", goals=[{"label": "活动", "kind": "events", "target": 5}]
        )
        EventFactory(campaign=events)

    add(0)
    few = queries_for(client, campaigns_index.url)
    for n in range(1, 4):
        add(n)
    assert queries_for(client, campaigns_index.url) == few <= 25


# --- The campaign page -------------------------------------------------------------


def test_page_shows_accessible_bars_a_chart_and_the_last_update(client, campaigns_index):
    page = running(
        campaigns_index,
        "绿色出行",
        goals=[MANUAL, {"label": "仅计数", "kind": "manual", "target": 0, "unit": "次"}],
        pledge_text="",
    )
    cars, count_only = page.goals.order_by("sort_order")
    GoalUpdateFactory(goal=cars, date=days(-200), value=117)
    GoalUpdateFactory(goal=cars, date=days(-20), value=815)
    GoalUpdateFactory(goal=count_only, date=days(-5), value=12)
    html = client.get(page.url).content.decode()

    bar = re.search(r'<div class="progress" role="progressbar"[^>]*>', html).group(0)
    assert 'aria-valuemin="0"' in bar and 'aria-valuemax="728"' in bar
    assert 'aria-valuenow="728"' in bar  # capped; the text tells the real figure
    assert "aria-valuetext=" in bar and "815" in bar
    assert 'class="progress__fill" width="100.0"' in html
    assert html.count('role="progressbar"') == 1  # the zero target has no bar
    assert ">12<" in html.replace("</span>", "<")
    assert days(-5).isoformat() in html  # last updated, as a <time datetime>

    chart = re.search(r"<svg class=\"chart\".*?</svg>", html, re.S).group(0)
    assert "<title" in chart and "<desc" in chart and 'role="img"' in chart
    table = html.split('<div class="visually-hidden"><table>', 1)[1].split("</table>", 1)[0]
    assert days(-200).isoformat() in table and "117" in table and "815" in table


def test_a_campaign_with_html_in_names_escapes_them_everywhere(client, campaign, home):
    PledgeFactory(campaign=campaign, display_name="<script>alert('x')</script>")
    for url in (campaign.url, "/"):
        html = client.get(url).content.decode()
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html, url
        assert "<script>alert(" not in html, url


def test_page_shows_the_latest_public_names_and_never_emails(client, campaign, volunteer):
    PledgeFactory(campaign=campaign, display_name="老张")
    PledgeFactory(campaign=campaign, display_name="撤回的人", withdrawn_at=timezone.now())
    PledgeFactory(campaign=campaign, display_name="被隐藏的人", hidden_at=timezone.now())
    client.force_login(volunteer)
    client.post(campaign.url + "pledge/")
    html = client.get(campaign.url).content.decode()
    names = html.split("data-pledge-names", 1)[1].split("</ul>", 1)[0]
    assert "老张" in names and "光盘小达人" in names
    assert "撤回的人" not in names and "被隐藏的人" not in names
    assert volunteer.email not in Client_html(campaign)


def Client_html(page):  # noqa: N802 - reads like the client it stands for
    from django.test import Client

    return Client().get(page.url).content.decode()


def test_page_runs_the_same_queries_however_much_data(client, campaigns_index, volunteer):
    case_index = CaseStudyIndexPageFactory(parent=campaigns_index.get_parent())
    news = StoryIndexPageFactory(parent=campaigns_index.get_parent())
    page = running(
        campaigns_index,
        "小水滴",
        hero_image=ImageFactory(),
        goals=[
            MANUAL,
            {"label": "承诺", "kind": "pledges", "target": 100},
            {"label": "活动", "kind": "events", "target": 10},
        ],
        related=[CaseStudyPageFactory(parent=case_index), StoryPageFactory(parent=news)],
    )
    manual = page.goals.get(kind="manual")

    def add(n):
        for _ in range(n):
            GoalUpdateFactory(goal=manual, value=n)
            PledgeFactory(campaign=page)
            starts = timezone.now() - datetime.timedelta(days=n + 2)
            EventFactory(
                campaign=page,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                signup_deadline=starts - datetime.timedelta(days=1),
            )

    add(1)
    few = queries_for(client, page.url)
    add(6)
    assert queries_for(client, page.url) == few <= 30
    client.force_login(volunteer)
    signed_in = queries_for(client, page.url)
    add(3)
    assert queries_for(client, page.url) == signed_in


def test_related_pages_are_shown_in_the_visitors_language(client, campaigns_index, en_locale):
    case_index = CaseStudyIndexPageFactory(parent=campaigns_index.get_parent())
    case = CaseStudyPageFactory(parent=case_index, title="以租代购")
    hidden = CaseStudyPageFactory(parent=case_index, title="草稿案例", live=False)
    page = running(campaigns_index, "绿色出行", related=[case, hidden])
    translate(case_index, "Case studies")
    translate(case, "Lease, don't buy")
    translate(campaigns_index, "Campaigns")
    english = translate(page, "Green travel")

    html = client.get(page.url).content.decode()
    assert "以租代购" in html and "草稿案例" not in html
    html = client.get(english.url).content.decode()
    assert "Lease, don&#x27;t buy" in html and "以租代购" not in html


# --- Home ---------------------------------------------------------------------------


def test_home_shows_up_to_three_running_campaigns_with_progress(client, campaigns_index, home):
    for n in range(4):
        running(campaigns_index, f"进行中{n}", start_date=days(-n - 1))
    upcoming(campaigns_index, "即将开始的行动")
    finished(campaigns_index, "已经结束的行动")
    html = client.get("/").content.decode()
    section = html.split("data-home-campaigns", 1)[1].split("</section>", 1)[0]
    assert [f"进行中{n}" in section for n in range(4)] == [True, True, True, False]
    assert "即将开始的行动" not in section and "已经结束的行动" not in section
    assert section.count('role="progressbar"') == 3
    assert campaigns_index.url in section


def test_home_has_no_campaign_section_without_running_campaigns(client, campaigns_index, home):
    finished(campaigns_index, "已经结束的行动")
    assert "data-home-campaigns" not in client.get("/").content.decode()


def test_home_runs_the_same_queries_for_one_or_three_campaigns(client, campaigns_index, home):
    def add(n):
        page = running(campaigns_index, f"行动{n}", hero_image=ImageFactory(), goals=[MANUAL])
        GoalUpdateFactory(goal=page.goals.get(), value=n)
        PledgeFactory.create_batch(2, campaign=page)

    add(0)
    few = queries_for(client, "/")
    for n in range(1, 3):
        add(n)
    assert queries_for(client, "/") == few


def test_the_english_home_lists_the_english_campaigns(client, campaign, en_locale, home):
    translate(campaign.get_parent(), "Campaigns")
    translate(campaign, "Clean plates")
    html = client.get("/en/").content.decode()
    assert "Clean plates" in html and ">光盘行动<" not in html


# --- Search ---------------------------------------------------------------------------


def test_chinese_words_inside_campaign_sentences_are_found(client, campaigns_index):
    running(
        campaigns_index,
        "机关食堂专项行动",
        summary="干部职工在食堂打卡攒碳积分，兑换充值优惠券。",
        body=[("text", "<p>我们鼓励大家践行简约适度的生活方式。</p>")],
    )
    for word in ("积分", "食堂", "简约"):
        html = client.get("/search/", {"q": word}).content.decode()
        assert "机关食堂专项行动" in html, word
