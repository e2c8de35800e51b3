"""A volunteer downloads their data and deletes their account (PIPL)."""

import datetime
import json
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from tests.factories import (
    EventFactory,
    MembershipFactory,
    ServiceRecordFactory,
    TeamFactory,
    VolunteerFactory,
)
from volunteers.events.models import Signup
from volunteers.events.services.signups import event_signup
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.reports import ActivityReport
from volunteers.participation.models.rollups import HoursByVolunteer

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
    assert data["profile"]["phone"] == "+8613912345678"
    assert [s["event"] for s in data["signups"]] == [event.title]
    assert "李四" not in response.content.decode()


def test_download_has_my_checkins_hours_flags_and_reports(client, person, team):
    event = EventFactory(team=team, title="汉江巡河")
    arrived = timezone.now() - datetime.timedelta(hours=3)
    CheckIn.objects.create(
        event=event,
        volunteer=person,
        checked_in_at=arrived,
        checked_out_at=arrived + datetime.timedelta(hours=2),
        in_lat=32.6,
        in_lon=110.8,
        in_distance_m=1200,
        far_from_event=True,
    )
    CheckIn.objects.create(
        event=EventFactory(team=team), volunteer=VolunteerFactory().user, checked_in_at=arrived
    )
    ServiceRecordFactory(
        volunteer=person,
        event=event,
        team=team,
        hours=Decimal("2.5"),
        status="approved",
        flagged_at=timezone.now(),
        flag_comment="我待了三个小时",
    )
    ServiceRecordFactory(team=team, flag_comment="别人的意见")
    HoursByVolunteer.objects.create(user=person, approved_hours=Decimal("102.5"), records=7)
    ActivityReport.objects.create(
        team=team,
        title="库区清漂",
        date=timezone.localdate(),
        kind="cleanup",
        township=team.township,
        summary="清理岸边垃圾。",
        participants=5,
        created_by=person,
    )
    client.force_login(person)
    response = client.get("/me/data.json")
    data = json.loads(response.content)

    [checkin] = data["checkins"]
    assert checkin["event"] == "汉江巡河"
    assert checkin["check_in_position"] == {"lat": 32.6, "lon": 110.8}
    assert checkin["check_in_distance_m"] == 1200 and checkin["far_from_event"] is True
    assert checkin["checked_out_at"] is not None and checkin["check_out_position"] is None
    [record] = data["service_records"]
    assert record["activity"] == "汉江巡河" and record["hours"] == "2.50"
    assert record["status"] == "approved" and record["flag_comment"] == "我待了三个小时"
    assert record["flagged_at"] is not None
    assert data["service_hours"] == {
        "approved_hours": "102.50",
        "approved_records": 7,
        "star_level": 1,
    }
    assert [(r["title"], r["status"]) for r in data["activity_reports"]] == [("库区清漂", "draft")]
    assert "别人的意见" not in response.content.decode()


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


def test_deleting_removes_where_the_phone_was_at_check_in(client, person, team):
    arrived = timezone.now() - datetime.timedelta(days=2)
    checkin = CheckIn.objects.create(
        event=EventFactory(team=team),
        volunteer=person,
        checked_in_at=arrived,
        checked_out_at=arrived + datetime.timedelta(hours=2),
        in_lat=32.6,
        in_lon=110.8,
        in_distance_m=40,
        out_lat=32.61,
        out_lon=110.81,
        out_distance_m=60,
    )
    other = CheckIn.objects.create(
        event=EventFactory(team=team),
        volunteer=VolunteerFactory().user,
        checked_in_at=arrived,
        in_lat=32.7,
        in_lon=110.9,
    )
    client.force_login(person)
    assert client.post("/me/data/", {"password": PASSWORD, "confirm": "on"}).status_code == 302

    checkin.refresh_from_db()
    assert (checkin.in_lat, checkin.in_lon, checkin.out_lat, checkin.out_lon) == (None,) * 4
    assert checkin.checked_in_at == arrived  # attendance itself stays
    other.refresh_from_db()
    assert (other.in_lat, other.in_lon) == (32.7, 110.9)


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
