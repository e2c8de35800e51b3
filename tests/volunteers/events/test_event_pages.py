"""The event list and an event's page as people use them: filters, pages, who may see what."""

import pytest
from django.urls import reverse

from tests.factories import (
    CountyFactory,
    EventFactory,
    TeamFactory,
    TownshipFactory,
    VolunteerFactory,
)
from tests.utils import en, queries_for, text
from tests.volunteers.events.helpers import local
from volunteers.events.models import Event, Signup
from volunteers.events.services.signups import event_signup

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [e.title for e in response.context["events"].object_list]


# --- The list ---------------------------------------------------------------------------


def test_the_list_shows_upcoming_events_people_may_see(client, team, leader):
    EventFactory(team=team, title="公开巡河")
    EventFactory(team=team, title="队内培训", visibility="members")
    EventFactory(team=team, title="已结束", starts_at=local(-3), signup_deadline=local(-4))
    cancelled = EventFactory(team=team, title="已取消")
    Event.objects.filter(pk=cancelled.pk).update(status="cancelled")
    EventFactory(team=TeamFactory(status="pending"), title="待审核队伍的活动")

    assert titles(client.get(en("event_list"))) == ["公开巡河"]
    client.force_login(leader)
    assert titles(client.get(en("event_list"))) == ["公开巡河", "队内培训"]


def test_cards_show_the_facts_and_places_left(client, team, make_volunteer):
    open_event = EventFactory(team=team, title="还有名额", capacity=5, kind="sampling")
    full = EventFactory(team=team, title="已满", capacity=1, starts_at=local(8))
    for person in (make_volunteer(), make_volunteer()):
        event_signup(event=open_event, user=person)
    event_signup(event=full, user=make_volunteer())

    page = text(client.get(en("event_list")))
    assert "3 places left" in page
    assert "Full — waiting list" in page
    assert "Water sampling" in page
    assert team.name in page
    assert team.township.name_en in page
    # 09:00 in Shiyan, whatever the server's clock zone.
    assert "09:00–12:00" in page


@pytest.fixture
def spread(team, other_team):
    """Events in two counties and townships, of two types, on different days, one full."""
    county_b = CountyFactory()
    town_b = TownshipFactory(county=county_b)
    a = EventFactory(team=team, title="A巡河", kind="patrol", starts_at=local(5))
    b = EventFactory(
        team=other_team, title="B清漂", kind="cleanup", township=town_b, starts_at=local(10)
    )
    c = EventFactory(team=team, title="C满员", kind="cleanup", capacity=1, starts_at=local(20))
    Signup.objects.create(event=c, user=VolunteerFactory().user, status="confirmed")
    return {"a": a, "b": b, "c": c, "county_b": county_b, "town_b": town_b}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (lambda s: {"county": s["county_b"].code}, ["B清漂"]),
        (lambda s: {"county": s["a"].township.county.code}, ["A巡河", "C满员"]),
        (lambda s: {"township": s["town_b"].code}, ["B清漂"]),
        (lambda s: {"type": "cleanup"}, ["B清漂", "C满员"]),
        (lambda s: {"from": local(8).date().isoformat()}, ["B清漂", "C满员"]),
        (lambda s: {"to": local(8).date().isoformat()}, ["A巡河"]),
        (
            lambda s: {"from": local(9).date().isoformat(), "to": local(11).date().isoformat()},
            ["B清漂"],
        ),
        (lambda s: {"free": "1"}, ["A巡河", "B清漂"]),
        (lambda s: {"type": "cleanup", "free": "1"}, ["B清漂"]),
    ],
)
def test_each_filter_narrows_the_list(client, spread, query, expected):
    assert titles(client.get(en("event_list"), query(spread))) == expected


def test_a_township_from_another_county_gives_way_to_the_county(client, spread):
    response = client.get(
        en("event_list"),
        {"county": spread["a"].township.county.code, "township": spread["town_b"].code},
    )
    assert titles(response) == ["A巡河", "C满员"]


@pytest.mark.parametrize(
    "query",
    [
        "county=999999999999",
        "township=nowhere",
        "type=swimming",
        "from=2026-13-45",
        "to=2026-02-30",
        "from=yesterday&to=%00",
        "page=abc",
        "page=99999",
        "page=-1",
        "county=%00&township=%00&type=%00&free=%00",
        "free=yes-please",
        "from=" + "9" * 2000,
        "county=" + "4" * 2000 + "&type=" + "x" * 2000,
        "from=0001-01-01&to=9999-12-31",
    ],
)
def test_bad_input_gives_a_normal_page(client, spread, query):
    response = client.get(en("event_list") + "?" + query)
    assert response.status_code == 200
    assert "data-event-filters" in text(response)


def test_an_unreadable_date_gets_a_gentle_message_and_is_ignored(client, spread):
    response = client.get(en("event_list"), {"from": "2026-13-45"})
    assert response.status_code == 200
    assert "YYYY-MM-DD" in text(response)
    assert titles(response) == ["A巡河", "B清漂", "C满员"]


def test_from_after_to_is_explained_and_ignored(client, spread):
    response = client.get(
        en("event_list"),
        {"from": local(30).date().isoformat(), "to": local(1).date().isoformat()},
    )
    assert "The end date is before the start date." in text(response)
    assert titles(response) == ["A巡河", "B清漂", "C满员"]


def test_the_list_is_paginated_twelve_to_a_page(client, team):
    for n in range(13):
        EventFactory(team=team, title=f"活动{n:02d}", starts_at=local(2 + n))
    first = client.get(en("event_list"))
    assert len(titles(first)) == 12
    assert 'rel="next"' in text(first)
    second = client.get(en("event_list"), {"page": 2})
    assert titles(second) == ["活动12"]
    assert titles(client.get(en("event_list"), {"page": "abc"})) == titles(first)
    assert titles(client.get(en("event_list"), {"page": 999})) == ["活动12"]


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_list_runs_the_same_queries_for_few_or_many_events(client, team, member, signed_in):
    if signed_in:
        client.force_login(member)
    EventFactory(team=team)
    few = queries_for(client, en("event_list"))
    county_b = CountyFactory()
    for n in range(20):
        other = TeamFactory(county=county_b, township=TownshipFactory(county=county_b))
        event = EventFactory(team=other, visibility="members" if n % 3 == 0 else "public")
        Signup.objects.create(event=event, user=VolunteerFactory().user, status="confirmed")
    many = queries_for(client, en("event_list"))
    assert client.get(en("event_list")).context["events"].paginator.count > 12
    assert many == few


def test_the_list_links_to_the_map_with_the_same_filters(client, event):
    html = text(client.get(en("event_list") + "?type=patrol"))
    assert 'href="/en/events/map/?type=patrol" data-event-map-link' in html


# --- The detail page ----------------------------------------------------------------------


def test_the_detail_page_tells_everything_about_the_event(client, team):
    event = EventFactory(
        team=team,
        title="丹江口库区巡河",
        description="沿岸步行巡查。",
        what_to_bring="雨靴、手套",
        meeting_point="均县镇码头",
        lat=32.62,
        lon=111.33,
        capacity=4,
    )
    page = text(client.get(en("event_detail", event.pk)))
    for fact in ("丹江口库区巡河", "River patrol", "沿岸步行巡查。", "雨靴、手套", "均县镇码头"):
        assert fact in page
    assert team.township.name_en in page
    assert team.township.county.name_en in page
    assert "09:00–12:00" in page
    assert "4" in page and "places left of 4" in page
    assert "32.62000, 111.33000" in page
    assert "Open for sign-up" in page


def test_anonymous_visitors_are_asked_to_sign_in_with_a_way_back(client, event):
    url = en("event_detail", event.pk)
    page = text(client.get(url))
    assert "Sign in to sign up" in page
    assert f"/en/accounts/login/?next={url}" in page
    assert reverse("volunteers:event_signup", args=[event.pk]) not in page


def test_a_cancelled_event_shows_its_reason_and_no_button(client, event, leader, volunteer):
    client.force_login(leader)
    client.post(en("event_cancel", event.pk), {"reason": "暴雨预警"})
    client.force_login(volunteer)
    page = text(client.get(en("event_detail", event.pk)))
    assert "This event has been cancelled." in page
    assert "暴雨预警" in page
    assert en("event_signup", event.pk) not in page


def test_members_only_events_are_hidden_from_everyone_else(client, team, member, volunteer, staff):
    event = EventFactory(team=team, visibility="members")
    url = en("event_detail", event.pk)
    assert client.get(url).status_code == 404
    client.force_login(volunteer)
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_events_of_unapproved_teams_are_hidden(client, volunteer, make_volunteer):
    pending_leader = make_volunteer()
    event = EventFactory(team=TeamFactory(status="pending", leader=pending_leader))
    url = en("event_detail", event.pk)
    assert client.get(url).status_code == 404
    client.force_login(volunteer)
    assert client.get(url).status_code == 404
    client.force_login(pending_leader)
    assert client.get(url).status_code == 200


def test_an_unknown_event_is_a_404(client):
    assert client.get(en("event_detail", 987654)).status_code == 404


def test_only_leaders_and_staff_see_the_manage_link(client, event, leader, staff, member):
    roster = en("event_roster", event.pk)
    client.force_login(member)
    assert roster not in text(client.get(en("event_detail", event.pk)))
    for person in (leader, staff):
        client.force_login(person)
        assert roster in text(client.get(en("event_detail", event.pk)))
