"""The open-data feeds take the event list's filters, ignore bad ones, and cost a fixed number
of queries."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    CountyFactory,
    EventFactory,
    MembershipFactory,
    SignupFactory,
    TeamFactory,
    TownshipFactory,
)
from tests.utils import en, queries_for
from tests.volunteers.events.helpers import calendar, features, local, vevents

pytestmark = pytest.mark.django_db


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
