"""The event pages as people use them: list, detail, sign-up, leaders' tools, roster."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from portal.outbox import OutgoingMail
from tests.factories import (
    CountyFactory,
    EventFactory,
    MembershipFactory,
    TeamFactory,
    TownshipFactory,
    VolunteerFactory,
)
from tests.utils import messages_of, queries_for, text
from volunteers.events.models import Event, Signup
from volunteers.events.services.signups import event_signup

pytestmark = pytest.mark.django_db


def en(name: str, *args) -> str:
    """An English URL, so assertions can read English text whatever the catalogue says."""
    with translation.override("en"):
        return reverse(f"volunteers:{name}", args=args)


def local(days: int, hour: int = 9) -> datetime.datetime:
    now = timezone.localtime()
    return (now + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def titles(response) -> list[str]:
    return [e.title for e in response.context["events"].object_list]


@pytest.fixture
def other_leader(make_volunteer):
    return make_volunteer(display_name="别队队长")


@pytest.fixture
def other_team(other_leader):
    return TeamFactory(leader=other_leader)


@pytest.fixture
def member(team, make_volunteer):
    user = make_volunteer(display_name="队员")
    MembershipFactory(team=team, user=user)
    return user


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


# --- Signing up and cancelling -------------------------------------------------------------


def test_sign_up_confirms_then_waitlists_when_full(client, event, make_volunteer):
    a, b, c = (make_volunteer() for _ in range(3))
    for person in (a, b):
        client.force_login(person)
        response = client.post(en("event_signup", event.pk), follow=True)
        assert "is confirmed" in messages_of(response)
        assert "You have a place." in text(response)
    client.force_login(c)
    response = client.post(en("event_signup", event.pk), follow=True)
    assert response.redirect_chain[-1][0] == en("event_detail", event.pk)
    assert "waiting list" in messages_of(response)
    assert "You are number 1 in the queue." in text(response)
    assert list(event.signups.order_by("pk").values_list("status", flat=True)) == [
        "confirmed",
        "confirmed",
        "waitlisted",
    ]


def test_signing_up_twice_gives_a_message_and_no_second_row(client, event, volunteer):
    client.force_login(volunteer)
    client.post(en("event_signup", event.pk))
    response = client.post(en("event_signup", event.pk), follow=True)
    assert response.status_code == 200
    assert "already signed up" in messages_of(response)
    assert Signup.objects.filter(event=event, user=volunteer).count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "cancelled"}, "cancelled"),
        ({"signup_deadline": local(-1)}, "closed"),
        (
            {"starts_at": local(-1), "ends_at": local(-1, 12), "signup_deadline": local(-2)},
            "already started",
        ),
    ],
    ids=["cancelled", "after-deadline", "past"],
)
def test_no_sign_up_when_it_is_not_open(client, event, volunteer, change, message):
    Event.objects.filter(pk=event.pk).update(**change)
    client.force_login(volunteer)
    response = client.post(en("event_signup", event.pk), follow=True)
    assert response.status_code == 200
    assert message in messages_of(response)
    assert not Signup.objects.filter(event=event).exists()


def test_sign_up_needs_a_post_and_an_account(client, event):
    assert client.get(en("event_signup", event.pk)).status_code == 405
    response = client.post(en("event_signup", event.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Signup.objects.exists()


def test_sign_up_for_a_hidden_event_is_a_404(client, team, volunteer):
    event = EventFactory(team=team, visibility="members")
    client.force_login(volunteer)
    assert client.post(en("event_signup", event.pk)).status_code == 404
    assert client.post(en("event_signup", 987654)).status_code == 404
    assert not Signup.objects.exists()


def test_staff_who_are_not_members_cannot_take_a_members_only_place(client, team, staff):
    event = EventFactory(team=team, visibility="members")
    client.force_login(staff)
    assert client.post(en("event_signup", event.pk)).status_code == 403
    assert not Signup.objects.exists()


def test_overlapping_sign_ups_are_warned_about_but_go_through(client, team, volunteer):
    first = EventFactory(team=team, title="上午巡河")
    second = EventFactory(
        team=team,
        title="同时清漂",
        starts_at=first.starts_at + datetime.timedelta(hours=1),
        ends_at=first.ends_at + datetime.timedelta(hours=1),
    )
    client.force_login(volunteer)
    client.post(en("event_signup", first.pk))
    response = client.post(en("event_signup", second.pk), follow=True)
    assert "overlaps" in messages_of(response)
    assert "上午巡河" in messages_of(response)
    assert Signup.objects.get(event=second, user=volunteer).status == "confirmed"


def test_cancelling_gives_the_place_to_the_waiting_list(client, event, make_volunteer):
    a, b, c = (make_volunteer() for _ in range(3))
    for person in (a, b, c):
        event_signup(event=event, user=person)
    client.force_login(a)
    signup = Signup.objects.get(event=event, user=a)
    response = client.post(en("signup_cancel", signup.pk), follow=True)
    assert "is cancelled" in messages_of(response)
    signup.refresh_from_db()
    assert signup.status == "cancelled"
    client.force_login(c)
    page = text(client.get(en("event_detail", event.pk)))
    assert "You have a place." in page


def test_cancel_goes_back_to_a_safe_next_only(client, event, volunteer):
    client.force_login(volunteer)
    signup = event_signup(event=event, user=volunteer)
    response = client.post(en("signup_cancel", signup.pk), {"next": "https://evil.example/"})
    assert response["Location"] == en("event_detail", event.pk)
    signup = event_signup(event=event, user=volunteer)
    response = client.post(en("signup_cancel", signup.pk), {"next": "/en/me/"})
    assert response["Location"] == "/en/me/"


def test_nobody_cancels_someone_elses_sign_up(client, event, volunteer, make_volunteer):
    signup = event_signup(event=event, user=volunteer)
    client.force_login(make_volunteer())
    assert client.post(en("signup_cancel", signup.pk)).status_code == 404
    assert client.get(en("signup_cancel", signup.pk)).status_code == 405
    assert client.post(en("signup_cancel", 987654)).status_code == 404
    signup.refresh_from_db()
    assert signup.status == "confirmed"


def test_cancelling_a_confirmed_place_after_the_deadline_is_refused_kindly(
    client, event, volunteer
):
    signup = event_signup(event=event, user=volunteer)
    Event.objects.filter(pk=event.pk).update(signup_deadline=local(-1))
    client.force_login(volunteer)
    response = client.post(en("signup_cancel", signup.pk), follow=True)
    assert "tell the team leader" in messages_of(response)
    signup.refresh_from_db()
    assert signup.status == "confirmed"


# --- Creating events --------------------------------------------------------------------------


def form_data(team, **changes):
    start = local(10)
    data = {
        "title": "库区清漂",
        "kind": "cleanup",
        "description": "乘船清理水面漂浮物。",
        "township": team.township_id,
        "lat": "",
        "lon": "",
        "meeting_point": "镇政府门口",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "signup_deadline": "",
        "capacity": "20",
        "what_to_bring": "手套",
        "visibility": "public",
    }
    data.update(changes)
    return data


def test_a_leader_creates_an_event(client, team, leader):
    client.force_login(leader)
    page = client.get(en("event_create", team.pk))
    assert page.status_code == 200
    assert "data-map-picker" in text(page)
    assert page.context["form"]["township"].value() == team.township_id
    response = client.post(
        en("event_create", team.pk), form_data(team, lat="32.65", lon="111.02"), follow=True
    )
    event = Event.objects.get()
    assert response.redirect_chain[-1][0] == en("event_detail", event.pk)
    assert "published" in messages_of(response)
    assert (event.team, event.created_by, event.capacity) == (team, leader, 20)
    assert (event.lat, event.lon) == (32.65, 111.02)
    # Typed in Shiyan's time, stored as that instant.
    assert timezone.localtime(event.starts_at) == local(10)
    assert event.signup_deadline == event.starts_at - datetime.timedelta(days=1)


def test_the_deadline_can_be_set_by_hand(client, team, leader):
    client.force_login(leader)
    deadline = local(8, 18)
    client.post(
        en("event_create", team.pk),
        form_data(team, signup_deadline=deadline.strftime("%Y-%m-%dT%H:%M")),
    )
    assert Event.objects.get().signup_deadline == deadline


def test_an_event_a_few_hours_away_stays_open_until_it_starts(client, team, leader):
    client.force_login(leader)
    start = timezone.localtime() + datetime.timedelta(hours=5)
    client.post(
        en("event_create", team.pk),
        form_data(
            team,
            starts_at=start.strftime("%Y-%m-%dT%H:%M"),
            ends_at=(start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    event = Event.objects.get()
    assert event.signup_deadline == event.starts_at


def _dt(days, hour=9):
    return local(days, hour).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"starts_at": _dt(-2), "ends_at": _dt(-2, 12)}, "starts_at", "in the future"),
        ({"ends_at": _dt(10, 8)}, "ends_at", "end after it starts"),
        ({"ends_at": _dt(20)}, "ends_at", "seven days"),
        ({"capacity": "0"}, "capacity", "at least one place"),
        ({"capacity": "-5"}, "capacity", "at least one place"),
        ({"capacity": "10001"}, "capacity", "at most 10,000"),
        ({"capacity": "lots"}, "capacity", "whole number"),
        ({"signup_deadline": _dt(11)}, "signup_deadline", "before the event starts"),
        ({"signup_deadline": _dt(-1)}, "signup_deadline", "already passed"),
        ({"lat": "95", "lon": "111"}, "lat", "between -90 and 90"),
        ({"lat": "32.6", "lon": "200"}, "lon", "between -180 and 180"),
        ({"lat": "32.6"}, "lat", "both latitude and longitude"),
        ({"lon": "111"}, "lat", "both latitude and longitude"),
        ({"lat": "39.9", "lon": "116.4"}, "lat", "outside Shiyan"),
        ({"lat": "nord"}, "lat", "number"),
        ({"starts_at": "2026-13-45T09:00"}, "starts_at", "date and time"),
        ({"starts_at": ""}, "starts_at", "Enter a date and time"),
        ({"title": ""}, "title", "required"),
        ({"title": "x" * 121}, "title", "at most 120"),
        ({"kind": "swimming"}, "kind", "valid choice"),
        ({"visibility": "secret"}, "visibility", "valid choice"),
        ({"township": "abc"}, "township", "township of Shiyan"),
    ],
)
def test_bad_input_gets_a_field_message_and_creates_nothing(
    client, team, leader, changes, field, message
):
    client.force_login(leader)
    response = client.post(en("event_create", team.pk), form_data(team, **changes))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors, response.context["form"].errors
    assert not Event.objects.exists()


def test_a_township_outside_shiyan_is_refused(client, team, leader):
    wuhan = TownshipFactory(
        code="420102001000", county=CountyFactory(code="420102000000", name_en="Jiang'an")
    )
    client.force_login(leader)
    response = client.post(en("event_create", team.pk), form_data(team, township=wuhan.pk))
    assert "township of Shiyan" in " ".join(response.context["form"].errors["township"])
    assert not Event.objects.exists()


def test_the_township_select_is_grouped_by_county(client, team, leader):
    client.force_login(leader)
    page = text(client.get(en("event_create", team.pk)))
    assert f'<optgroup label="{team.county.name_en}">' in page


def test_create_rights(client, team, other_team, other_leader, member, staff):
    url = en("event_create", team.pk)
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(other_leader)
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(team)).status_code == 403
    client.force_login(member)
    assert client.get(url).status_code == 403
    assert client.get(en("event_create", 987654)).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 200
    assert not Event.objects.exists()


def test_a_co_leader_may_create_events(client, team, make_volunteer):
    co_leader = make_volunteer()
    MembershipFactory(team=team, user=co_leader, role="co_leader")
    client.force_login(co_leader)
    client.post(en("event_create", team.pk), form_data(team))
    assert Event.objects.filter(team=team).count() == 1


def test_an_unapproved_team_cannot_create_events_yet(client, make_volunteer):
    leader = make_volunteer()
    team = TeamFactory(status="pending", leader=leader)
    client.force_login(leader)
    page = client.get(en("event_create", team.pk))
    assert "once staff have approved it" in text(page)
    client.post(en("event_create", team.pk), form_data(team))
    assert not Event.objects.exists()


# --- Editing and cancelling ------------------------------------------------------------------


def test_a_leader_edits_an_event(client, event, leader):
    client.force_login(leader)
    page = client.get(en("event_edit", event.pk))
    assert page.status_code == 200
    assert page.context["form"]["title"].value() == event.title
    data = form_data(
        event.team,
        title="改期后的巡河",
        starts_at=timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
        ends_at=timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
        signup_deadline=timezone.localtime(event.signup_deadline).strftime("%Y-%m-%dT%H:%M"),
        capacity="5",
    )
    response = client.post(en("event_edit", event.pk), data, follow=True)
    assert "saved" in messages_of(response)
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("改期后的巡河", 5)


def test_capacity_below_places_taken_gets_the_services_message(
    client, event, leader, make_volunteer
):
    for _ in range(2):
        event_signup(event=event, user=make_volunteer())
    client.force_login(leader)
    data = form_data(
        event.team,
        starts_at=timezone.localtime(event.starts_at).strftime("%Y-%m-%dT%H:%M"),
        ends_at=timezone.localtime(event.ends_at).strftime("%Y-%m-%dT%H:%M"),
        signup_deadline=timezone.localtime(event.signup_deadline).strftime("%Y-%m-%dT%H:%M"),
        capacity="1",
    )
    response = client.post(en("event_edit", event.pk), data)
    assert "already have a place" in " ".join(response.context["form"].errors["capacity"])
    event.refresh_from_db()
    assert event.capacity == 2


def test_edit_rights(client, event, other_leader, member, staff):
    url = en("event_edit", event.pk)
    assert "/accounts/login/" in client.get(url)["Location"]
    client.force_login(other_leader)
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(event.team, title="抢改")).status_code == 403
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    assert client.get(url).status_code == 200
    assert client.get(en("event_edit", 987654)).status_code == 404
    event.refresh_from_db()
    assert event.title != "抢改"


def test_a_leader_cancels_an_event_and_everyone_signed_up_is_told(
    client, event, leader, make_volunteer
):
    people = [make_volunteer() for _ in range(3)]  # two places, one on the waiting list
    for person in people:
        event_signup(event=event, user=person)
    OutgoingMail.objects.all().delete()
    client.force_login(leader)
    page = client.get(en("event_cancel", event.pk))
    assert "3 people have signed up or are waiting" in text(page)

    response = client.post(en("event_cancel", event.pk), {"reason": ""})
    assert "why the event is cancelled" in " ".join(response.context["form"].errors["reason"])
    event.refresh_from_db()
    assert event.status == "scheduled"

    response = client.post(en("event_cancel", event.pk), {"reason": "暴雨预警"}, follow=True)
    assert "cancelled" in messages_of(response)
    event.refresh_from_db()
    assert (event.status, event.cancel_reason) == ("cancelled", "暴雨预警")
    mails = OutgoingMail.objects.filter(kind="volunteers/email/event_cancelled")
    assert sorted(m.to for m in mails) == sorted(p.email for p in people)
    assert all("暴雨预警" in m.text_body for m in mails)


def test_a_past_or_cancelled_event_cannot_be_cancelled_again(client, team, leader):
    past = EventFactory(team=team, starts_at=local(-3), signup_deadline=local(-4))
    client.force_login(leader)
    response = client.get(en("event_cancel", past.pk), follow=True)
    assert "A past event cannot be cancelled." in messages_of(response)
    response = client.get(en("event_edit", past.pk), follow=True)
    assert "cannot be changed" in messages_of(response)
    past.refresh_from_db()
    assert past.status == "scheduled"


def test_cancel_rights(client, event, other_leader, member):
    url = en("event_cancel", event.pk)
    assert "/accounts/login/" in client.post(url, {"reason": "x"})["Location"]
    for person in (other_leader, member):
        client.force_login(person)
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "不来了"}).status_code == 403
    event.refresh_from_db()
    assert event.status == "scheduled"


# --- The roster ------------------------------------------------------------------------


@pytest.fixture
def signed_up(event, make_volunteer):
    """Two confirmed and one waiting, with private real names and phones."""
    people = [
        make_volunteer(display_name=f"小水滴{n}", real_name=f"真名{n}", phone=f"1390000000{n}")
        for n in range(3)
    ]
    for person in people:
        event_signup(event=event, user=person)
    return people


def test_the_roster_lists_confirmed_and_waiting_people_for_the_leader(
    client, event, leader, signed_up
):
    client.force_login(leader)
    response = client.get(en("event_roster", event.pk))
    page = text(response)
    assert [s.user for s in response.context["confirmed"]] == signed_up[:2]
    assert [s.user for s in response.context["waitlisted"]] == signed_up[2:]
    for n in range(3):
        assert f"真名{n}" in page and f"1390000000{n}" in page
    assert en("event_roster_csv", event.pk) in page
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_staff_see_the_roster(client, event, staff, signed_up):
    client.force_login(staff)
    assert "真名0" in text(client.get(en("event_roster", event.pk)))


def test_real_names_and_phones_stay_private(client, event, signed_up, member, other_leader):
    private = ["真名0", "真名1", "真名2", "13900000000", "13900000001"]
    pages = [en("event_detail", event.pk), en("event_list")]
    for person in (None, member, signed_up[0], other_leader):
        client.logout()
        if person is not None:
            client.force_login(person)
        for url in pages:
            page = text(client.get(url))
            assert not any(p in page for p in private), (person, url)
        for url in (en("event_roster", event.pk), en("event_roster_csv", event.pk)):
            response = client.get(url)
            if person is None:
                assert response.status_code == 302
            else:
                assert response.status_code == 403
            assert not any(p in response.content.decode() for p in private)


def test_the_leader_does_not_see_private_data_on_the_public_pages(client, event, leader, signed_up):
    client.force_login(leader)
    for url in (en("event_detail", event.pk), en("event_list")):
        assert "真名0" not in text(client.get(url))


def test_a_members_only_roster_is_a_404_for_outsiders(client, team, volunteer):
    event = EventFactory(team=team, visibility="members")
    client.force_login(volunteer)
    assert client.get(en("event_roster", event.pk)).status_code == 404
    assert client.get(en("event_roster_csv", event.pk)).status_code == 404


def test_the_csv_opens_in_excel_with_chinese_intact(client, event, leader, signed_up):
    client.force_login(leader)
    response = client.get(en("event_roster_csv", event.pk))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Status",
        "Display name",
        "Real name",
        "Phone",
        "Signed up at",
        "Queued at",
    ]
    assert [r[:4] for r in rows[1:]] == [
        ["Confirmed", "小水滴0", "真名0", "13900000000"],
        ["Confirmed", "小水滴1", "真名1", "13900000001"],
        ["On the waiting list", "小水滴2", "真名2", "13900000002"],
    ]
    signed_at = timezone.localtime(Signup.objects.get(user=signed_up[0]).created_at)
    assert rows[1][4] == signed_at.strftime("%Y-%m-%d %H:%M")


def test_the_csv_never_runs_a_formula(client, event, leader, make_volunteer):
    sly = make_volunteer(display_name='=HYPERLINK("http://evil.example")')
    event_signup(event=event, user=sly)
    client.force_login(leader)
    rows = list(
        csv.reader(
            io.StringIO(client.get(en("event_roster_csv", event.pk)).content.decode("utf-8-sig"))
        )
    )
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example")'
