"""The GeoJSON feeds as a map reads them: features, their language, no personal data, slices."""

import datetime

import pytest
from django.utils import translation

from portal.base_url import absolute_url
from tests.factories import (
    CountyFactory,
    EventFactory,
    SignupFactory,
    TeamFactory,
    TownshipFactory,
    UserFactory,
    VolunteerFactory,
)
from tests.utils import en
from tests.volunteers.events.helpers import PUBLIC_TITLES, features, geojson, local, zh

pytestmark = pytest.mark.django_db
PORTAL = absolute_url("").rstrip("/")  # feeds name the portal's one address


# --- GeoJSON ------------------------------------------------------------------------


def test_events_geojson_is_a_feature_collection_in_lon_lat_order(client, assorted, team):
    exact = EventFactory(team=team, title="精确位置", lat=32.55, lon=110.9)
    SignupFactory(event=exact)
    response = client.get(en("events_geojson"))
    data = geojson(response)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert data["type"] == "FeatureCollection"
    assert {f["properties"]["title"] for f in data["features"]} == PUBLIC_TITLES | {"精确位置"}
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 109 < lon < 112
        assert 31 < lat < 34

    f = features(response)["精确位置"]
    props = f["properties"]
    assert f["geometry"]["coordinates"] == [110.9, 32.55]
    assert f["id"] == props["id"] == exact.pk
    assert props["kind"] == "patrol"
    assert props["kind_label"] == "River patrol"
    assert props["starts_at"].endswith("T09:00:00+08:00")
    assert props["ends_at"].endswith("T12:00:00+08:00")
    assert datetime.datetime.fromisoformat(props["starts_at"]) == exact.starts_at
    assert props["county"] == exact.township.county.name_en
    assert props["township"] == exact.township.name_en
    assert (props["places_total"], props["places_left"]) == (10, 9)
    assert props["team"] == team.name
    assert props["url"] == f"{PORTAL}/en/events/{exact.pk}/"
    assert props["point_is_approximate"] is False

    township_point = features(response)["公开巡河"]
    assert township_point["properties"]["point_is_approximate"] is True
    assert township_point["geometry"]["coordinates"] == [
        assorted["public"].township.lon,
        assorted["public"].township.lat,
    ]
    assert features(response)["机关清漂"]["properties"]["team"] is None


def test_events_geojson_speaks_the_pages_language(client, event):
    [feature] = geojson(client.get(zh("events_geojson")))["features"]
    props = feature["properties"]
    assert props["township"] == event.township.name_zh
    assert props["county"] == event.township.county.name_zh
    assert props["url"] == f"{PORTAL}/events/{event.pk}/"
    with translation.override("zh-hans"):
        assert props["kind_label"] == str(event.get_kind_display())


def test_a_full_event_has_no_places_left(client, team):
    event = EventFactory(team=team, capacity=1)
    SignupFactory(event=event)
    SignupFactory(event=event, status="waitlisted")
    SignupFactory(event=event, status="cancelled")
    [feature] = geojson(client.get(en("events_geojson")))["features"]
    assert feature["properties"]["places_left"] == 0


def test_features_without_any_point_are_left_out(client, team):
    EventFactory(team=team, title="无坐标", township=TownshipFactory(lat=None, lon=None))
    EventFactory(
        team=team, title="有坐标", township=TownshipFactory(lat=None, lon=None), lat=32.1, lon=110.5
    )
    assert set(features(client.get(en("events_geojson")))) == {"有坐标"}
    county = CountyFactory(lat=None, lon=None)
    TeamFactory(
        name="无处可画", county=county, township=TownshipFactory(county=county, lat=None, lon=None)
    )
    assert "无处可画" not in features(client.get(en("teams_geojson")))


def test_teams_geojson_lists_approved_teams(client, team, member):
    TeamFactory(name="待审核的队", status="pending")
    TeamFactory(name="未通过的队", status="rejected")
    county = CountyFactory(lat=32.3, lon=110.2)
    countywide = TeamFactory(name="全县队", county=county, township=None)
    response = client.get(en("teams_geojson"))
    assert response["Access-Control-Allow-Origin"] == "*"
    found = features(response)
    assert set(found) == {team.name, "全县队"}
    props = found[team.name]["properties"]
    assert props == {
        "id": team.pk,
        "name": team.name,
        "county": team.county.name_en,
        "township": team.township.name_en,
        "member_count": 2,  # the leader and the member
        "url": f"{PORTAL}/en/teams/{team.pk}/",
    }
    assert found[team.name]["geometry"]["coordinates"] == [team.township.lon, team.township.lat]
    # A team for a whole county sits at the county's point.
    assert found["全县队"]["geometry"]["coordinates"] == [110.2, 32.3]
    assert found["全县队"]["properties"]["township"] is None
    assert found["全县队"]["id"] == countywide.pk


def test_no_personal_data_in_any_feed(client, staff):
    person = VolunteerFactory(
        display_name="清泉护卫",
        real_name="欧阳清泉",
        phone="13987654321",
        user=UserFactory(username="ouyang-qq", email="qingquan.ouyang@example.org"),
    ).user
    team = TeamFactory(leader=person, contact="微信群 qs-secret-7731，电话 13987654321")
    event = EventFactory(team=team, created_by=person)
    members_only = EventFactory(team=team, visibility="members", created_by=person)
    SignupFactory(event=event, user=person)
    SignupFactory(event=members_only, user=person)
    urls = [
        en("events_geojson"),
        zh("events_geojson"),
        en("teams_geojson"),
        en("events_ics"),
        zh("events_ics"),
        en("team_ics", team.pk),
        en("event_ics", event.pk),
    ]
    secrets = [
        "欧阳清泉",
        "清泉护卫",
        "13987654321",
        "qingquan.ouyang@example.org",
        "ouyang-qq",
        "qs-secret-7731",
    ]
    bodies = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        bodies.append(response.content)
    # Even the leader downloading their members-only event sees no personal data.
    client.force_login(person)
    bodies.append(client.get(en("event_ics", members_only.pk)).content)
    for body in bodies:
        # iCalendar folds long lines; unfold before searching.
        text = body.decode().replace("\r\n ", "")
        for secret in secrets:
            assert secret not in text


# --- Slicing the events feed ---------------------------------------------------------------


def test_the_events_feed_comes_in_pages_that_lead_on_to_every_event_once(client, team):
    made = {EventFactory(team=team, starts_at=local(days=n + 2)).title for n in range(5)}
    seen, url, pages = [], en("events_geojson") + "?limit=2", 0
    while url:
        data = geojson(client.get(url))
        seen += [f["properties"]["title"] for f in data["features"]]
        pages += 1
        url = next((link["href"] for link in data.get("links", []) if link["rel"] == "next"), "")
        assert len(data["features"]) == 2 or not url
    assert pages == 3 and sorted(seen) == sorted(made) and len(seen) == len(set(seen))


def test_the_events_feed_keeps_only_the_events_inside_a_bbox(client, team):
    inside = EventFactory(team=team, title="郧阳岛巡河", lat=32.80, lon=110.80)
    EventFactory(team=team, title="远处的植树", lat=31.50, lon=109.50)
    township = TownshipFactory(lat=32.75, lon=110.85)
    approximate = EventFactory(team=team, title="只知乡镇", township=township, lat=None, lon=None)
    titles = set(features(client.get(en("events_geojson") + "?bbox=110.5,32.5,111.0,33.0")))
    assert titles == {inside.title, approximate.title}


@pytest.mark.parametrize(
    "query", ["?bbox=1,2,3", "?bbox=200,0,210,10", "?limit=zero", "?cursor=%%%", "?cursor=bm9wZQ"]
)
def test_unusable_slicing_values_give_the_whole_feed(client, team, query):
    EventFactory(team=team, title="照常列出")
    response = client.get(en("events_geojson") + query)
    assert response.status_code == 200 and "照常列出" in features(response)
