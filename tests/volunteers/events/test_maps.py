"""The events map, townships map and township pages."""

import json
import re

import pytest
from django.core.cache import cache

from tests.factories import EventFactory, MembershipFactory, TeamFactory, TownshipFactory
from tests.utils import queries_for
from volunteers.events.services.events import event_cancel, event_create, event_update

pytestmark = pytest.mark.django_db

ROWS = re.compile(r"(\[[-0-9.,\s\[\]]*\])\.forEach")


def marker_ids(html: str) -> set[int]:
    match = ROWS.search(html)
    assert match, "the map has no marker data"
    rows = json.loads(match.group(1))
    return {row[3] for row in rows}


def test_map_shows_upcoming_public_events_only(client, team, leader):
    public = EventFactory(team=team)
    members_only = EventFactory(team=team, visibility="members")
    cancelled = EventFactory(team=team)
    event_cancel(event=cancelled, by=leader)
    unapproved = EventFactory(team=TeamFactory(status="pending"))
    html = client.get("/events/map/").content.decode()
    assert marker_ids(html) == {public.pk}
    for hidden in (members_only, cancelled, unapproved):
        assert hidden.title not in html


def test_members_do_not_see_members_only_events_on_the_shared_map(client, team, volunteer):
    MembershipFactory(team=team, user=volunteer)
    members_only = EventFactory(team=team, visibility="members")
    client.force_login(volunteer)
    assert members_only.pk not in marker_ids(client.get("/events/map/").content.decode())


def test_filters_change_which_points_are_on_the_map(client, team):
    patrol = EventFactory(team=team, kind="patrol")
    planting = EventFactory(team=team, kind="planting")
    other_place = EventFactory(team=TeamFactory(), kind="patrol")
    assert marker_ids(client.get("/events/map/?type=planting").content.decode()) == {planting.pk}
    by_county = marker_ids(client.get(f"/events/map/?county={team.county.code}").content.decode())
    assert by_county == {patrol.pk, planting.pk}
    assert other_place.pk not in by_county


def test_event_without_a_point_is_drawn_at_its_township(client, team):
    event = EventFactory(team=team, lat=None, lon=None)
    html = client.get("/events/map/").content.decode()
    assert f"[{team.township.lat}, {team.township.lon}, 0, {event.pk}]" in html


def test_event_in_a_township_without_any_point_stays_off_the_map_but_in_the_list(client):
    nowhere = TownshipFactory(lat=None, lon=None)
    event = EventFactory(
        team=TeamFactory(township=nowhere, county=nowhere.county), township=nowhere
    )
    html = client.get("/events/map/").content.decode()
    assert event.pk not in marker_ids(html)
    assert event.title in html


def test_rendered_map_is_cached_and_cleared_when_events_change(client, team, leader):
    first = EventFactory(team=team)
    assert marker_ids(client.get("/events/map/").content.decode()) == {first.pk}

    created = event_create(
        by=leader,
        team=team,
        title="新的巡河",
        kind="patrol",
        township=team.township,
        starts_at=first.starts_at,
        ends_at=first.ends_at,
        signup_deadline=first.signup_deadline,
        capacity=5,
    )
    assert marker_ids(client.get("/events/map/").content.decode()) == {first.pk, created.pk}

    event_update(event=created, by=leader, lat=32.9, lon=110.9)
    assert "32.9, 110.9" in client.get("/events/map/").content.decode()

    event_cancel(event=created, by=leader)
    assert marker_ids(client.get("/events/map/").content.decode()) == {first.pk}


def test_warm_map_page_runs_few_queries_whatever_the_number_of_events(client, team):
    EventFactory(team=team)
    few = queries_for(client, "/events/map/")
    for _ in range(25):
        EventFactory(team=team)
    cache.clear()
    client.get("/events/map/")  # builds and caches the map
    assert queries_for(client, "/events/map/") == few


@pytest.mark.parametrize(
    "query",
    [
        "?county=nope",
        "?type=%00",
        "?from=2026-13-45",
        "?bbox=1,2,3",
        "?township=" + "9" * 3000,
        "?page=x",
    ],
)
def test_odd_query_strings_give_a_normal_map_page(client, team, query):
    EventFactory(team=team)
    assert client.get("/events/map/" + query).status_code == 200


def test_rendered_map_loads_nothing_from_another_host(client, team):
    EventFactory(team=team)
    html = client.get("/events/map/").content.decode()
    sources = re.findall(r'<script[^>]+src="([^"]+)"', html)
    sources += re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    assert sources
    assert all(src.startswith("/") for src in sources), sources


def test_popup_shows_title_time_and_places_and_respects_visibility(client, team, volunteer):
    event = EventFactory(team=team, capacity=4, title="库湾清漂")
    data = client.get(f"/events/{event.pk}/popup/").json()
    assert data["title"] == "库湾清漂"
    assert data["url"] == f"/events/{event.pk}/"
    assert "4" in data["places"]
    hidden = EventFactory(team=team, visibility="members")
    assert client.get(f"/events/{hidden.pk}/popup/").status_code == 404
    assert client.get("/events/999999/popup/").status_code == 404


def test_township_pages_list_teams_and_events(client, team):
    event = EventFactory(team=team)
    listing = client.get("/townships/").content.decode()
    assert team.township.name_zh in listing
    page = client.get(f"/townships/{team.township.code}/").content.decode()
    assert event.title in page and team.name in page
    assert client.get("/townships/000000000000/").status_code == 404
    assert client.get("/townships/%00/").status_code == 404
