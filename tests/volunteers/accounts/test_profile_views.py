"""Sign-up with a volunteer profile, the profile page, /me/ and the privacy notice."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.factories import (
    EventFactory,
    MembershipFactory,
    TeamFactory,
    TownshipFactory,
    UserFactory,
)
from tests.utils import queries_for
from volunteers.events.models import Signup
from volunteers.people.models import PRIVACY_NOTICE_VERSION, VolunteerProfile

pytestmark = pytest.mark.django_db

PASSWORD = "riverbank-patrol-2026"


def html(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def signup_data(**overrides):
    data = {
        "email": "xiaoshuidi@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "清水小水滴",
        "real_name": "陈静",
        "phone": "138 0013 8000",
        "home_township": "",
        "skills": ["first_aid", "photography"],
        "language": "zh-hans",
        "consent": "on",
    }
    data.update(overrides)
    return data


# --- Sign-up ------------------------------------------------------------------------


def test_signup_form_asks_for_the_volunteer_details(client):
    township = TownshipFactory(name_en="Langhe Zhen")
    page = html(client.get("/en/accounts/signup/"))
    for name in ("display_name", "real_name", "phone", "home_township", "skills", "consent"):
        assert f'name="{name}"' in page
    assert f'<optgroup label="{township.county.name_en}">' in page
    assert "Langhe Zhen" in page
    assert 'href="/en/privacy/"' in page
    # The language defaults to the one the person is reading in.
    assert '<option value="en" selected>' in page
    for forbidden in ("id_number", "national_id", "身份证"):
        assert forbidden not in page


def test_signup_creates_the_profile_with_the_accepted_notice(client):
    township = TownshipFactory()
    response = client.post(
        "/en/accounts/signup/", signup_data(home_township=township.pk, language="en")
    )
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user__email="xiaoshuidi@example.com")
    assert profile.display_name == "清水小水滴"
    assert profile.real_name == "陈静"
    assert profile.phone == "+8613800138000"  # spaces forgiven, stored in E.164
    assert response["Location"] == "/en/accounts/phone/verify/"  # the number is confirmed first
    assert profile.home_township == township
    assert profile.skills == ["first_aid", "photography"]
    assert profile.language == "en"
    assert profile.privacy_notice_version == PRIVACY_NOTICE_VERSION
    assert abs(profile.privacy_accepted_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert profile.reminders_enabled is True
    assert profile.show_in_rankings is False


def test_signup_with_only_the_required_fields(client):
    data = signup_data(real_name="", phone="", skills=[])
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get(user__email="xiaoshuidi@example.com")
    assert (profile.real_name, profile.phone, profile.skills) == ("", "", [])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consent": ""}, "consent"),
        ({"phone": "12345"}, "phone"),
        ({"phone": "23800138000"}, "phone"),
        ({"display_name": "   "}, "display_name"),
        ({"home_township": "999999"}, "home_township"),
        ({"skills": ["juggling"]}, "skills"),
        ({"language": "fr"}, "language"),
    ],
)
def test_invalid_signup_saves_nothing(client, overrides, field):
    data = signup_data(**overrides)
    if overrides.get("consent") == "":
        del data["consent"]
    response = client.post("/en/accounts/signup/", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not get_user_model().objects.filter(email="xiaoshuidi@example.com").exists()
    assert not VolunteerProfile.objects.exists()


def test_signup_without_consent_explains_why(client):
    data = signup_data()
    del data["consent"]
    page = html(client.post("/en/accounts/signup/", data))
    assert "Please accept the privacy notice to continue." in page


def test_signup_with_a_bad_phone_explains_the_format(client):
    page = html(client.post("/en/accounts/signup/", signup_data(phone="1380013800")))
    assert "A mainland mobile number has 11 digits; this one has 10." in page


# --- Privacy notice ---------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/privacy/", "/en/privacy/"])
def test_privacy_notice(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert PRIVACY_NOTICE_VERSION in html(response)


def test_privacy_notice_says_what_is_collected_and_who_sees_it(client):
    page = html(client.get("/en/privacy/"))
    assert "What we collect" in page
    assert "Who sees it" in page
    assert "national ID number" in page
    assert 'href="/en/me/data/"' in page  # download or delete your data
    assert 'href="/en/me/profile/"' in page


# --- Profile page -------------------------------------------------------------------------


def profile_data(**overrides):
    data = {
        "display_name": "新名字",
        "real_name": "陈静",
        "home_township": "",
        "skills": ["swimming"],
        "language": "en",
        "reminders_enabled": "",
        "notify_by": "both",
        "show_in_rankings": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def test_profile_requires_login(client):
    response = client.get("/en/me/profile/")
    assert response.status_code == 302
    assert response.url == "/en/accounts/login/?next=/en/me/profile/"


def test_profile_page_shows_the_current_values(client, volunteer):
    client.force_login(volunteer)
    page = html(client.get("/en/me/profile/"))
    assert volunteer.volunteer.display_name in page
    # The number is shown, and changed only through a code sent to the new one.
    assert volunteer.volunteer.phone_display in page
    assert 'href="/en/accounts/phone/change/"' in page and 'name="phone"' not in page
    assert 'name="consent"' not in page


def test_profile_edit(client, volunteer):
    township = TownshipFactory()
    client.force_login(volunteer)
    response = client.post("/en/me/profile/", profile_data(home_township=township.pk), follow=True)
    assert response.redirect_chain[-1][0] == "/en/me/profile/"
    assert "Your profile has been saved." in messages_of(response)
    profile = VolunteerProfile.objects.get(user=volunteer)
    assert profile.display_name == "新名字"
    assert profile.notify_by == "both"
    assert profile.home_township == township
    assert profile.skills == ["swimming"]
    assert profile.language == "en"
    assert profile.reminders_enabled is False
    assert profile.show_in_rankings is True


def test_a_phone_posted_to_the_profile_form_changes_nothing(client, volunteer):
    before = VolunteerProfile.objects.get(user=volunteer)
    client.force_login(volunteer)
    client.post("/en/me/profile/", profile_data(phone="13700001111"))
    assert VolunteerProfile.objects.get(user=volunteer).phone == before.phone


def test_a_bad_choice_of_channel_saves_nothing(client, volunteer):
    before = VolunteerProfile.objects.get(user=volunteer)
    client.force_login(volunteer)
    response = client.post("/en/me/profile/", profile_data(notify_by="pigeon"))
    assert response.status_code == 200
    assert "notify_by" in response.context["form"].errors
    after = VolunteerProfile.objects.get(user=volunteer)
    assert (after.display_name, after.notify_by) == (before.display_name, before.notify_by)


def test_account_without_profile_creates_one_after_consent(client):
    user = UserFactory(email="staffmade@qingshui.example")
    client.force_login(user)
    response = client.get("/en/me/profile/")
    assert response.status_code == 200
    page = html(response)
    assert 'value="staffmade"' in page  # the e-mail's local part, to start from
    assert 'name="consent"' in page
    assert response.context["form"]["reminders_enabled"].value() is True

    response = client.post("/en/me/profile/", profile_data(display_name="工作人员小王"))
    assert response.status_code == 200
    assert "consent" in response.context["form"].errors
    assert not VolunteerProfile.objects.filter(user=user).exists()

    response = client.post(
        "/en/me/profile/", profile_data(display_name="工作人员小王", consent="on"), follow=True
    )
    profile = VolunteerProfile.objects.get(user=user)
    assert profile.display_name == "工作人员小王"
    assert profile.privacy_notice_version == PRIVACY_NOTICE_VERSION
    assert "Your profile has been saved." in messages_of(response)


def test_profile_goes_back_to_a_safe_next_page(client, volunteer):
    client.force_login(volunteer)
    response = client.post("/en/me/profile/?next=/en/teams/", profile_data())
    assert response.url == "/en/teams/"
    response = client.post("/en/me/profile/?next=https://evil.example/", profile_data())
    assert response.url == "/en/me/profile/"


# --- My events ---------------------------------------------------------------------------


def test_my_events_requires_login(client):
    response = client.get("/me/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_my_events_empty_states_link_to_events_and_teams(client, volunteer):
    client.force_login(volunteer)
    page = html(client.get("/en/me/"))
    assert "You have not signed up for any upcoming event." in page
    assert 'href="/en/events/"' in page
    assert 'href="/en/teams/"' in page


def test_my_events_lists_signups_with_their_status(client, volunteer, team):
    confirmed = EventFactory(team=team, title="明天巡河")
    waiting = EventFactory(team=team, title="候补清漂")
    cancelled = EventFactory(team=team, title="已退出的活动")
    past = EventFactory(
        team=team,
        title="上月植树",
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=30) + datetime.timedelta(hours=3),
        signup_deadline=timezone.now() - datetime.timedelta(days=31),
    )
    s1 = Signup.objects.create(event=confirmed, user=volunteer, status="confirmed")
    s2 = Signup.objects.create(event=waiting, user=volunteer, status="waitlisted")
    s3 = Signup.objects.create(event=cancelled, user=volunteer, status="cancelled")
    Signup.objects.create(event=past, user=volunteer, status="confirmed")
    EventFactory(team=team, title="别人的活动")

    client.force_login(volunteer)
    response = client.get("/en/me/")
    page = html(response)
    assert [s.event.title for s in response.context["upcoming"]] == [
        "明天巡河",
        "候补清漂",
        "已退出的活动",
    ]
    assert [s.event.title for s in response.context["past"]] == ["上月植树"]
    assert "别人的活动" not in page
    assert "Number 1 on the waiting list" in page and "Confirmed" in page and "Cancelled" in page
    assert f'href="/en/signups/{s1.pk}/cancel/?next=' in page
    assert f'href="/en/signups/{s2.pk}/cancel/?next=' in page
    assert f"/en/signups/{s3.pk}/cancel/" not in page


def test_cancelling_from_my_events_comes_back_to_my_events(client, volunteer, event):
    signup = Signup.objects.create(event=event, user=volunteer, status="confirmed")
    client.force_login(volunteer)
    response = client.post(f"/en/signups/{signup.pk}/cancel/", {"next": "/en/me/"})
    assert response.url == "/en/me/"
    signup.refresh_from_db()
    assert signup.status == "cancelled"


def test_my_events_lists_my_teams_and_requests_waiting_for_leaders(
    client, volunteer, make_volunteer
):
    led = TeamFactory(name="我带的队", leader=volunteer)
    MembershipFactory.create_batch(2, team=led, status="pending")
    MembershipFactory(team=TeamFactory(name="我申请的队"), user=volunteer, status="pending")
    MembershipFactory(team=TeamFactory(name="我退出的队"), user=volunteer, status="left")
    client.force_login(volunteer)
    page = html(client.get("/en/me/"))
    assert "我带的队" in page and "我申请的队" in page
    assert "我退出的队" not in page
    assert "Request pending" in page
    assert "2 things wait for you as a team leader." in page
    assert 'href="/en/me/lead/"' in page
    assert f'href="/en/teams/{led.pk}/manage/"' in page


def test_my_events_past_list_survives_bad_page_numbers(client, volunteer):
    client.force_login(volunteer)
    for page in ("abc", "0", "999"):
        assert client.get(f"/me/?page={page}").status_code == 200


def test_my_events_runs_a_fixed_number_of_queries(client, volunteer):
    led = TeamFactory(leader=volunteer)
    MembershipFactory(team=led, status="pending")
    Signup.objects.create(event=EventFactory(team=led), user=volunteer, status="confirmed")
    client.force_login(volunteer)
    few = queries_for(client, "/me/")
    for _ in range(4):
        team = TeamFactory(leader=volunteer)
        MembershipFactory(team=team, status="pending")
        Signup.objects.create(event=EventFactory(team=team), user=volunteer, status="waitlisted")
        MembershipFactory(team=TeamFactory(), user=volunteer, status="pending")
    assert queries_for(client, "/me/") == few
