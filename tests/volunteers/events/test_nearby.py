"""Events near me: sorted by distance from the phone's position or a chosen township, the
distance on each card, a position never kept, and the filters in use as removable chips."""

import pytest
from django.core.cache import cache

from tests.factories import EventFactory, TeamFactory, TownshipFactory
from tests.utils import queries_for, text
from volunteers.events.nearby import near_from

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

# Langhe in Danjiangkou and two places further off, by WGS-84 point.
LANGHE = (32.52, 111.30)


@pytest.fixture
def spread(db):
    team = TeamFactory(name="库区护水队")
    far = EventFactory(team=team, title="竹山远处的活动", lat=32.23, lon=110.23)
    near = EventFactory(team=team, title="浪河口清漂", lat=32.53, lon=111.31)
    middle = EventFactory(team=team, title="城区宣传", lat=32.63, lon=110.80)
    return near, middle, far


def titles(page: str, events) -> list[str]:
    return sorted((e.title for e in events), key=page.index)


def test_near_a_position_lists_the_nearest_first_with_its_distance(client, spread):
    cache.clear()
    response = client.get("/en/events/", {"near": "32.5212,111.2988"})
    page = text(response)
    assert titles(page, spread) == ["浪河口清漂", "城区宣传", "竹山远处的活动"]
    assert "about 1.5 km" in page  # 1,454 m from the rounded position 32.52,111.30
    assert "Nearest to me" in page  # a chip that takes the sorting off
    # Someone's position is theirs: the page is not kept, by the portal or on the way.
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert queries_for(client, "/en/events/?near=32.52,111.30") > 0  # built every time


def test_without_a_position_the_list_is_by_time_with_no_distances(client, spread):
    page = text(client.get("/en/events/"))
    assert "km" not in page.split("data-event-list")[1].split("</ul>")[0]


def test_a_chosen_township_sorts_from_it_and_may_be_kept(client, spread):
    town = TownshipFactory(name_en="Xijiadian", lat=32.68, lon=111.05)
    response = client.get("/en/events/", {"near": town.code})
    page = text(response)
    assert titles(page, spread) == ["城区宣传", "浪河口清漂", "竹山远处的活动"]
    assert "Nearest Xijiadian" in page
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "value", ["abc", "32.5", "999,999", "nan,nan", "inf,1", "51.5,-0.12", "32.5,111.3,4", "\x00"]
)
def test_a_position_it_cannot_use_gives_the_usual_list(client, spread, value):
    response = client.get("/en/events/", {"near": value})
    assert response.status_code == 200
    assert titles(text(response), spread) == [e.title for e in sorted(spread, key=lambda e: e.pk)]
    assert near_from(value, []) is None


def test_the_nearest_list_costs_the_same_however_many_events(client, spread):
    url = "/en/events/?near=32.52,111.30"
    few = queries_for(client, url)
    for n in range(15):
        EventFactory(title=f"更多活动{n}", lat=32 + n / 20, lon=110.5)
    assert queries_for(client, url) == few


def test_the_map_near_me_marks_the_place_and_is_never_kept(client, spread):
    response = client.get("/en/events/map/", {"near": "32.52,111.30"})
    page = text(response)
    assert "You are here" in page
    assert "no-store" in response["Cache-Control"]
    assert page.index("浪河口清漂") < page.index("竹山远处的活动")  # the list beside it too


def test_each_chip_takes_off_its_own_filter(client, spread):
    near = spread[0]
    county = near.township.county
    page = text(client.get("/en/events/", {"county": county.code, "type": "patrol", "free": "1"}))
    chips = page.split('class="chips"')[1].split("</ul>")[0]
    assert county.name in chips and "River patrol" in chips and "With free places" in chips
    assert 'href="/en/events/?type=patrol&amp;free=1"' in chips  # without the county
    assert f'href="/en/events/?county={county.code}&amp;free=1"' in chips  # without the type


def test_the_filters_button_says_how_many_are_in_use(client, spread):
    page = text(client.get("/en/events/", {"type": "patrol", "free": "1"}))
    bar = page.split('class="filter-bar"')[1].split("</div>")[0]
    assert 'href="#event-filters"' in bar and '<span class="count-badge">2</span>' in bar
    # The panel itself keeps its id for the button (and :target without JavaScript).
    assert 'id="event-filters"' in page
    assert 'class="filters filters--events filters--collapsible"' in page
