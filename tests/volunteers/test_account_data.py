"""A volunteer downloads their data and deletes their account (PIPL)."""

import json

import pytest
from allauth.account.models import EmailAddress

from tests.factories import EventFactory, MembershipFactory, TeamFactory, VolunteerFactory
from volunteers.models import Signup
from volunteers.services.signups import event_signup

pytestmark = pytest.mark.django_db
PASSWORD = "riverbank-2026"  # UserFactory's


@pytest.fixture
def person(db):
    profile = VolunteerFactory(display_name="小张", real_name="张三丰", phone="13912345678")
    EmailAddress.objects.create(
        user=profile.user, email=profile.user.email, verified=True, primary=True
    )
    return profile.user


def test_download_contains_my_data_and_only_mine(client, person, team):
    other = VolunteerFactory(real_name="李四").user
    event = EventFactory(team=team)
    event_signup(event=event, user=person)
    event_signup(event=event, user=other)
    client.force_login(person)
    response = client.get("/me/data.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["profile"]["real_name"] == "张三丰"
    assert data["profile"]["phone"] == "13912345678"
    assert [s["event"] for s in data["signups"]] == [event.title]
    assert "李四" not in response.content.decode()


def test_data_pages_need_a_sign_in(client):
    assert client.get("/me/data/").status_code == 302
    assert client.get("/me/data.json").status_code == 302


def test_deleting_anonymises_and_frees_places_for_the_waiting_list(client, person, team):
    event = EventFactory(team=team, capacity=1)
    waiting = VolunteerFactory().user
    event_signup(event=event, user=person)
    event_signup(event=event, user=waiting)
    MembershipFactory(team=team, user=person)
    client.force_login(person)
    response = client.post("/me/data/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302

    person.refresh_from_db()
    assert not person.is_active and not person.has_usable_password()
    assert person.email == "" and not EmailAddress.objects.filter(user=person).exists()
    profile = person.volunteer
    assert (profile.real_name, profile.phone) == ("", "")
    assert profile.display_name != "小张"
    assert Signup.objects.get(event=event, user=waiting).status == "confirmed"
    assert person.memberships.get().status == "left"
    # Signed out, and the old password no longer works.
    assert "_auth_user_id" not in client.session
    assert not client.login(username=person.username, password=PASSWORD)


def test_wrong_password_or_no_tick_deletes_nothing(client, person):
    client.force_login(person)
    response = client.post("/me/data/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post("/me/data/", {"password": PASSWORD})
    assert response.status_code == 200 and "confirm" in response.context["form"].errors
    person.refresh_from_db()
    assert person.is_active and person.volunteer.real_name == "张三丰"


def test_the_only_leader_must_hand_over_first(client, person):
    team = TeamFactory(leader=person)
    client.force_login(person)
    response = client.post("/me/data/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    person.refresh_from_db()
    assert person.is_active
    assert team.memberships.get(user=person).role == "leader"
