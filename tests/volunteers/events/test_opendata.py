"""The open-data feeds as a map or a calendar app reads them: GeoJSON and iCalendar."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from tests.factories import (
    CountyFactory,
    EventFactory,
    MembershipFactory,
    SignupFactory,
    TeamFactory,
    TownshipFactory,
    UserFactory,
    VolunteerFactory,
)
from tests.utils import en, queries_for
from volunteers.events.models import Event

pytestmark = pytest.mark.django_db

SHANGHAI = "Asia/Shanghai"


def zh(name: str, *args) -> str:
    with translation.override("zh-hans"):
        return reverse(f"volunteers:{name}", args=args)


def local(days: int, hour: int = 9) -> datetime.datetime:
    now = timezone.localtime()
    return (now + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def calendar(response) -> Calendar:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(response) -> dict[str, object]:
    """The response's VEVENTs by SUMMARY."""
    return {str(e["SUMMARY"]): e for e in calendar(response).walk("VEVENT")}


def geojson(response) -> dict:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def features(response) -> dict[str, dict]:
    """The response's features by title (events) or name (teams)."""
    data = geojson(response)
    return {f["properties"].get("title") or f["properties"]["name"]: f for f in data["features"]}


@pytest.fixture
def member(team, make_volunteer):
    user = make_volunteer(display_name="队员")
    MembershipFactory(team=team, user=user)
    return user


@pytest.fixture
def assorted(team, staff):
    """One event of each kind the public feeds must or must not show."""
    pending = TeamFactory(status="pending")
    return {
        "public": EventFactory(team=team, title="公开巡河"),
        "staff": EventFactory(team=None, title="机关清漂", kind="cleanup", created_by=staff),
        "members": EventFactory(team=team, title="队内活动", visibility="members"),
        "cancelled": EventFactory(team=team, title="取消的活动", status="cancelled"),
        "past": EventFactory(
            team=team,
            title="过去的活动",
            starts_at=local(-10),
            ends_at=local(-10, 12),
            signup_deadline=local(-11),
        ),
        "pending": EventFactory(team=pending, title="未审核队伍活动"),
    }


PUBLIC_TITLES = {"公开巡河", "机关清漂"}


# --- iCalendar: the whole feed ------------------------------------------------------


def test_the_calendar_is_valid_and_keeps_shanghai_time(client, event):
    response = client.get(en("events_ics"))
    cal = calendar(response)
    assert response["Content-Disposition"] == 'inline; filename="qingshui-events.ics"'
    assert response["Access-Control-Allow-Origin"] == "*"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//Qingshui//")
    assert str(cal["X-WR-CALNAME"]) == "Qingshui · Events"
    [vtimezone] = cal.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == SHANGHAI
    assert cal.get_missing_tzids() == set()

    [vevent] = cal.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    end = vevent.decoded("DTEND")
    assert vevent["DTSTART"].params["TZID"] == SHANGHAI
    assert vevent["DTEND"].params["TZID"] == SHANGHAI
    assert (start.hour, start.minute) == (9, 0)
    assert (end.hour, end.minute) == (12, 0)
    assert start.utcoffset() == datetime.timedelta(hours=8)
    assert start.astimezone(datetime.UTC).hour == 1
    assert start == event.starts_at
    assert b"DTSTART;TZID=Asia/Shanghai:" in response.content
    assert str(vevent["UID"]) == f"event-{event.pk}@qingshui"
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert str(vevent["URL"]) == f"http://testserver/en/events/{event.pk}/"
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_uids_and_bytes_stay_the_same_across_requests(client, assorted):
    first = client.get(en("events_ics"))
    second = client.get(en("events_ics"), HTTP_HOST="portal.example.org")
    uids = [str(e["UID"]) for e in calendar(first).walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in calendar(second).walk("VEVENT")]
    assert all(uid.endswith("@qingshui") for uid in uids)
    # The host someone used never leaks into the UID.
    assert b"portal.example.org" not in b"".join(
        line for line in second.content.splitlines() if line.startswith(b"UID")
    )
    again = client.get(en("events_ics"))
    assert again.content == first.content


def test_the_feeds_show_only_public_upcoming_events(client, assorted, team, member, staff):
    for viewer in (None, member, staff):
        if viewer:
            client.force_login(viewer)
        # Open data is the same for everyone: no members-only events even for members.
        assert set(vevents(client.get(en("events_ics")))) == PUBLIC_TITLES
        assert set(features(client.get(en("events_geojson")))) == PUBLIC_TITLES
        assert set(vevents(client.get(en("team_ics", team.pk)))) == {"公开巡河"}
        client.logout()


def test_an_empty_calendar_is_still_a_valid_calendar(client):
    cal = calendar(client.get(zh("events_ics")))
    assert cal.walk("VEVENT") == []
    assert len(cal.walk("VTIMEZONE")) == 1


def test_the_calendar_tells_where_and_what_to_bring(client, team):
    event = EventFactory(
        team=team,
        lat=32.55,
        lon=110.9,
        meeting_point="码头入口",
        what_to_bring="手套、垃圾袋",
        description="沿库岸清理漂浮物。",
    )
    [vevent] = calendar(client.get(en("event_ics", event.pk))).walk("VEVENT")
    location = str(vevent["LOCATION"])
    assert "码头入口" in location
    assert event.township.name_en in location
    assert event.township.county.name_en in location
    # GEO is latitude;longitude, the other way round from GeoJSON.
    assert vevent.decoded("GEO") == (32.55, 110.9)
    description = str(vevent["DESCRIPTION"])
    for text in ("手套、垃圾袋", "码头入口", "沿库岸清理漂浮物。", team.name):
        assert text in description
    assert f"http://testserver/en/events/{event.pk}/" in description


def test_an_event_without_its_own_point_gets_its_townships(client, event):
    [vevent] = calendar(client.get(en("event_ics", event.pk))).walk("VEVENT")
    assert vevent.decoded("GEO") == (event.township.lat, event.township.lon)


def test_no_geo_when_there_is_no_point_at_all(client, team):
    event = EventFactory(team=team, township=TownshipFactory(lat=None, lon=None))
    [vevent] = calendar(client.get(en("event_ics", event.pk))).walk("VEVENT")
    assert "GEO" not in vevent


# --- iCalendar: one event -----------------------------------------------------------


def test_one_event_downloads_as_an_attachment(client, event):
    response = client.get(en("event_ics", event.pk))
    [vevent] = calendar(response).walk("VEVENT")
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    assert str(vevent["UID"]) == f"event-{event.pk}@qingshui"
    assert str(vevent["SUMMARY"]) == event.title
    # The same UID as in the feed, so an app holding both sees one event.
    feed = calendar(client.get(en("events_ics"))).walk("VEVENT")
    assert [str(v["UID"]) for v in feed] == [str(vevent["UID"])]


def test_members_only_event_downloads_only_for_those_who_may_see_it(
    client, team, member, leader, staff, make_volunteer
):
    event = EventFactory(team=team, visibility="members")
    url = en("event_ics", event.pk)
    assert client.get(url).status_code == 404
    client.force_login(make_volunteer())
    assert client.get(url).status_code == 404
    for viewer in (member, leader, staff):
        client.force_login(viewer)
        assert len(calendar(client.get(url)).walk("VEVENT")) == 1


def test_unapproved_teams_events_and_unknown_events_are_not_found(client):
    event = EventFactory(team=TeamFactory(status="pending"))
    assert client.get(en("event_ics", event.pk)).status_code == 404
    assert client.get(en("event_ics", event.pk + 1000)).status_code == 404


def test_a_cancelled_event_still_downloads_marked_cancelled(client, event):
    [before] = calendar(client.get(en("event_ics", event.pk))).walk("VEVENT")
    # The leader cancels it a minute later.
    Event.objects.filter(pk=event.pk).update(
        status="cancelled",
        cancel_reason="暴雨预警",
        updated_at=event.updated_at + datetime.timedelta(minutes=1),
    )
    [vevent] = calendar(client.get(en("event_ics", event.pk))).walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["UID"]) == str(before["UID"])
    assert "Cancelled" in str(vevent["SUMMARY"])
    assert "暴雨预警" in str(vevent["DESCRIPTION"])
    # A higher SEQUENCE makes calendar apps replace the copy they imported.
    assert vevent.decoded("SEQUENCE") > before.decoded("SEQUENCE")


def test_a_past_event_still_downloads(client, team):
    event = EventFactory(
        team=team, starts_at=local(-3), ends_at=local(-3, 12), signup_deadline=local(-4)
    )
    assert len(calendar(client.get(en("event_ics", event.pk))).walk("VEVENT")) == 1


# --- iCalendar: a team's events -----------------------------------------------------


def test_a_teams_calendar_holds_its_public_upcoming_events(client, assorted, team):
    other = EventFactory(title="别队活动")
    response = client.get(en("team_ics", team.pk))
    cal = calendar(response)
    assert set(vevents(response)) == {"公开巡河"}
    assert "别队活动" not in response.content.decode()
    assert str(cal["X-WR-CALNAME"]).startswith(team.name)
    assert response["Content-Disposition"] == f'inline; filename="team-{team.pk}.ics"'
    assert set(vevents(client.get(en("team_ics", other.team.pk)))) == {"别队活动"}


def test_an_unapproved_teams_calendar_is_not_found(client, staff):
    pending = TeamFactory(status="pending")
    EventFactory(team=pending)
    assert client.get(en("team_ics", pending.pk)).status_code == 404
    client.force_login(staff)
    assert client.get(en("team_ics", pending.pk)).status_code == 404
    assert client.get(en("team_ics", 999_999)).status_code == 404


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
    assert props["url"] == f"http://testserver/en/events/{exact.pk}/"
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
    assert props["url"] == f"http://testserver/events/{event.pk}/"
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
        "url": f"http://testserver/en/teams/{team.pk}/",
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


# --- Filters and bad input ----------------------------------------------------------


@pytest.fixture
def spread(team):
    """Events in two counties, of two kinds, on two days."""
    county_b = CountyFactory()
    town_b = TownshipFactory(county=county_b, lat=32.0, lon=110.0)
    other = TeamFactory(county=county_b, township=town_b)
    return {
        "here": EventFactory(team=team, title="本县巡河"),
        "there": EventFactory(
            team=other,
            title="外县植树",
            kind="planting",
            starts_at=local(20),
            ends_at=local(20, 12),
            signup_deadline=local(19),
        ),
    }


def titles(url: str, client, **params) -> set[str]:
    return set(features(client.get(url, params)))


def test_events_feeds_take_the_lists_filters(client, spread):
    here, there = spread["here"], spread["there"]
    url = en("events_geojson")
    assert titles(url, client) == {"本县巡河", "外县植树"}
    assert titles(url, client, county=there.township.county.code) == {"外县植树"}
    assert titles(url, client, township=here.township.code) == {"本县巡河"}
    assert titles(url, client, kind="planting") == {"外县植树"}
    assert titles(url, client, type="patrol") == {"本县巡河"}
    day_there = timezone.localtime(there.starts_at).date()
    assert titles(url, client, **{"from": day_there.isoformat()}) == {"外县植树"}
    assert titles(url, client, to=(day_there - datetime.timedelta(days=1)).isoformat()) == {
        "本县巡河"
    }
    ics = client.get(en("events_ics"), {"county": there.township.county.code})
    assert set(vevents(ics)) == {"外县植树"}


@pytest.mark.parametrize(
    "params",
    [
        {"county": "nowhere"},
        {"township": "' OR 1=1 --"},
        {"kind": "swimming"},
        {"type": ["patrol", "x" * 500]},
        {"from": "2026-13-45"},
        {"to": "yesterday"},
        {"from": "2030-01-01", "to": "2020-01-01"},
        {"county": "\x00", "from": "\x00"},
        {"page": "-1", "free": "maybe"},
    ],
)
def test_bad_filters_are_ignored(client, spread, params):
    assert titles(en("events_geojson"), client, **params) == {"本县巡河", "外县植树"}
    assert len(calendar(client.get(en("events_ics"), params)).walk("VEVENT")) == 2


def test_only_reading_is_allowed(client, event):
    for url in (en("events_geojson"), en("teams_geojson"), en("events_ics")):
        assert client.post(url).status_code == 405
        assert client.head(url).status_code == 200


# --- Query counts -------------------------------------------------------------------


def _grow(team, n: int = 15):
    county = CountyFactory()
    for i in range(n):
        other = TeamFactory(county=county, township=TownshipFactory(county=county))
        MembershipFactory(team=other)
        event = EventFactory(
            team=other if i % 2 else team,
            lat=32.0 + i / 100 if i % 3 else None,
            lon=110.0 + i / 100 if i % 3 else None,
        )
        SignupFactory(event=event)


@pytest.mark.parametrize(
    ("name", "ceiling"),
    [("events_geojson", 3), ("teams_geojson", 1), ("events_ics", 3), ("team_ics", 2)],
)
def test_feeds_run_the_same_queries_for_few_or_many_events(client, team, name, ceiling):
    EventFactory(team=team)
    url = en(name, team.pk) if name == "team_ics" else en(name)
    few = queries_for(client, url)
    _grow(team)
    many = queries_for(client, url)
    assert many == few <= ceiling


def test_one_event_download_runs_a_few_queries(client, team, member):
    event = EventFactory(team=team, visibility="members")
    client.force_login(member)
    assert queries_for(client, en("event_ics", event.pk)) <= 6


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
