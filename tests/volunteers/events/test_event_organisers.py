"""Leaders and staff create, edit and cancel events: the form, its rules, and who may."""

import datetime

import pytest
from django.utils import timezone

from portal.outbox import OutgoingMail
from tests.factories import (
    CountyFactory,
    EventFactory,
    MembershipFactory,
    TeamFactory,
    TownshipFactory,
)
from tests.utils import en, messages_of, text
from tests.volunteers.events.helpers import local
from volunteers.events.models import Event
from volunteers.events.services.signups import event_signup

pytestmark = pytest.mark.django_db


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
