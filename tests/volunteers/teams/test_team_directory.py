"""The team directory: search and filters, pages, cards, the map, a fixed cost, no private data."""

import pytest

from tests.factories import (
    CountyFactory,
    ImageFactory,
    MembershipFactory,
    TeamFactory,
    TownshipFactory,
)
from tests.utils import queries_for
from tests.utils import text as html
from tests.volunteers.teams.helpers import private_bits

pytestmark = pytest.mark.django_db


# --- Directory -------------------------------------------------------------------


def test_directory_lists_approved_teams_only(client):
    TeamFactory(name="金色护水队")
    TeamFactory(name="待审护水队", status="pending")
    TeamFactory(name="未通过护水队", status="rejected")
    page = html(client.get("/teams/"))
    assert "金色护水队" in page
    assert "待审护水队" not in page
    assert "未通过护水队" not in page


def test_directory_works_in_english_under_en(client):
    county = CountyFactory(name_zh="丹江口市", name_en="Danjiangkou Shi")
    TeamFactory(name="库区护水队", county=county)
    response = client.get("/en/teams/")
    assert response.status_code == 200
    assert 'lang="en"' in html(response)
    assert "Danjiangkou Shi" in html(response)
    assert "1 team" in html(response)


def test_directory_search_and_filters(client):
    reservoir_county = CountyFactory(name_zh="郧阳区", in_reservoir_area=True)
    dry_county = CountyFactory(name_zh="茅箭区", in_reservoir_area=False)
    wet_town = TownshipFactory(county=dry_county, in_reservoir_area=True)
    dry_town = TownshipFactory(county=dry_county, in_reservoir_area=False)
    TeamFactory(name="清漂先锋队", county=reservoir_county, township=None)
    TeamFactory(name="巡河护水队", county=dry_county, township=wet_town, description="每周巡河")
    TeamFactory(name="社区宣传队", county=dry_county, township=dry_town, description="入户宣传节水")

    def names(query):
        response = client.get(f"/teams/{query}")
        assert response.status_code == 200
        return {team.name for team in response.context["teams"]}

    assert names("?q=清漂") == {"清漂先锋队"}
    assert names("?q=节水") == {"社区宣传队"}  # the description is searched too
    assert names(f"?county={dry_county.code}") == {"巡河护水队", "社区宣传队"}
    assert names(f"?township={dry_town.code}") == {"社区宣传队"}
    # A township in the reservoir area counts; a county-wide team counts by its county.
    assert names("?reservoir=1") == {"清漂先锋队", "巡河护水队"}
    assert names(f"?county={dry_county.code}&reservoir=1") == {"巡河护水队"}


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=999",
        "?page=-1",
        "?page=",
        "?county=nowhere",
        "?township=%3Cscript%3E",
        "?reservoir=yes",
        "?county=1&county=2&page=1.5",
    ],
)
def test_directory_ignores_bad_input(client, query):
    TeamFactory(name="稳健护水队")
    response = client.get(f"/teams/{query}")
    assert response.status_code == 200
    assert "稳健护水队" in html(response)


@pytest.mark.parametrize("q", ["水" * 500, "%00", "%25_%5C", "'; drop table--"])
def test_directory_survives_odd_searches(client, q):
    response = client.get(f"/teams/?q={q}")
    assert response.status_code == 200


def test_directory_paginates_twelve_per_page(client):
    county = CountyFactory()
    for n in range(14):
        TeamFactory(name=f"护水队{n:02d}", county=county)
    first = client.get("/teams/")
    assert len(first.context["teams"].object_list) == 12
    assert 'rel="next"' in html(first)
    second = client.get("/teams/?page=2")
    assert [t.name for t in second.context["teams"]] == ["护水队12", "护水队13"]
    # Filters survive paging.
    filtered = client.get(f"/teams/?county={county.code}")
    assert f"county={county.code}&amp;page=2" in html(filtered)


def test_directory_runs_a_fixed_number_of_queries(client, django_user_model):
    county = CountyFactory()
    for n in range(2):
        team = TeamFactory(name=f"少队{n}", county=county, logo=ImageFactory() if n else None)
        MembershipFactory.create_batch(2, team=team)
    few = queries_for(client, "/teams/")
    for n in range(20):
        team = TeamFactory(
            name=f"多队{n}",
            township=TownshipFactory(),
            logo=ImageFactory() if n % 2 else None,
        )
        MembershipFactory.create_batch(3, team=team)
    assert queries_for(client, "/teams/") == few
    assert queries_for(client, "/teams/?page=2") == few


def card_of(page: str, name: str) -> str:
    cards = page.split('<article class="card team-card">')[1:]
    return next(
        card.split("</article>")[0] for card in cards if name in card.split("</article>")[0]
    )


def test_directory_card_shows_logo_or_initial_and_member_count(client):
    TeamFactory(name="有标志队", logo=ImageFactory())
    without = TeamFactory(name="无标志队")
    MembershipFactory.create_batch(3, team=without)
    MembershipFactory(team=without, status="pending")  # not counted
    page = html(client.get("/en/teams/"))
    card = card_of(page, "无标志队")
    assert ">无</span>" in card  # the generated initial
    assert "3 members" in card
    assert "<img" not in card
    assert "<img" in card_of(page, "有标志队")


def test_placeholder_initial_skips_the_place_name(client):
    county = CountyFactory(name_zh="丹江口市")
    TeamFactory(name="丹江口市三官殿护水队", county=county, township=None)
    TeamFactory(name="丹江口市“小水滴”志愿队", county=county, township=None)
    TeamFactory(name="丹江口市", county=county, township=None)  # nothing left: keep the name
    page = html(client.get("/teams/"))
    assert ">三</span>" in card_of(page, "三官殿护水队")
    assert ">小</span>" in card_of(page, "小水滴")
    assert ">丹</span>" in card_of(page, "丹江口市</a>")


def test_directory_shows_a_map_of_the_matching_teams(client):
    near = TeamFactory(name="库区护水队")
    far = TeamFactory(name="远方护水队")
    html = client.get("/teams/").content.decode()
    assert "leaflet.js" in html
    assert f"/teams/{near.pk}/" in html and f"/teams/{far.pk}/" in html
    filtered = client.get(f"/teams/?county={near.county.code}").content.decode()
    assert f'"/teams/{far.pk}/"' not in filtered.split("data-team-list")[0]


def test_directory_never_shows_private_data(client, team, member, leader):
    for viewer in (None, member):
        if viewer:
            client.force_login(viewer)
        page = html(client.get("/teams/"))
        for bit in private_bits(member) + private_bits(leader):
            assert bit not in page
