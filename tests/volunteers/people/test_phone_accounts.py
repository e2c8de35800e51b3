"""Sign-up and sign-in with a mainland mobile number and a code sent by SMS."""

import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model

from portal.outbox import OutgoingMail, OutgoingSms
from tests.factories import VolunteerFactory
from volunteers.people.models import VolunteerProfile

pytestmark = pytest.mark.django_db

PASSWORD = "riverbank-patrol-2026"
SIGNUP = "/en/accounts/signup/"
VERIFY = "/en/accounts/phone/verify/"
LOGIN = "/en/accounts/login/"
REQUEST_CODE = "/en/accounts/login/code/"
CONFIRM_CODE = "/en/accounts/login/code/confirm/"


def signup_data(**overrides):
    data = {
        "phone": "138 0013 8000",
        "email": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "库区小水滴",
        "language": "en",
        "consent": "on",
    }
    return data | overrides


def last_code(to="+8613800138000") -> str:
    """The code in the newest text message to ``to``, as the volunteer reads it."""
    message = OutgoingSms.objects.filter(to=to, kind="phone_code").latest("created_at")
    return re.search(r"(?<!\d)\d{6}(?!\d)", message.text)[0]


def text(response) -> str:
    return response.content.decode()


def test_a_volunteer_signs_up_with_a_mobile_number_and_the_code_texted_to_it(client):
    response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302 and response["Location"] == VERIFY
    message = OutgoingSms.objects.get()
    assert message.to == "+8613800138000" and message.kind == "phone_code"
    assert "valid for 10 minutes" in message.text and len(message.text) <= 160
    profile = VolunteerProfile.objects.get()
    assert (profile.phone, profile.phone_verified) == ("+8613800138000", False)
    # Not in yet: the code proves the number is theirs.
    assert client.get("/en/me/").status_code == 302

    response = client.post(VERIFY, {"code": last_code()})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.phone_verified is True
    assert client.get("/en/me/").status_code == 200
    # No e-mail address was given, so no mail was written.
    assert not OutgoingMail.objects.exists()
    assert not get_user_model().objects.get().email


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("一三八零零一三八零零零", "digits only"),
        ("138001380", "11 digits; this one has 9"),
        ("1380013800", "11 digits; this one has 10"),
        ("138001380001", "11 digits; this one has 12"),
        ("+1 202 555 0123", "Only mainland China mobile numbers"),
        ("12800138000", "begin with 13 to 19"),
        ("0719-1234567", "looks like a landline"),
    ],
)
def test_a_bad_number_is_explained_and_creates_nothing(client, typed, message):
    response = client.post(SIGNUP, signup_data(phone=typed))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["phone"])
    assert not get_user_model().objects.exists()
    assert not OutgoingSms.objects.exists()


def test_a_volunteer_gives_a_number_or_an_address(client):
    response = client.post(SIGNUP, signup_data(phone="", email=""))
    assert "Enter a mobile number or an e-mail address" in text(response)
    assert not get_user_model().objects.exists()


def test_a_wrong_code_is_refused_and_five_end_the_attempt(client):
    client.post(SIGNUP, signup_data())
    good = last_code()
    wrong = "000000" if good != "000000" else "111111"
    for _ in range(4):
        response = client.post(VERIFY, {"code": wrong})
        assert response.status_code == 200
        assert "Incorrect code." in text(response)
    response = client.post(VERIFY, {"code": wrong}, follow=True)
    assert "Too many failed" in text(response)
    # Even the right code no longer opens the account now.
    client.post(VERIFY, {"code": good})
    assert VolunteerProfile.objects.get().phone_verified is False
    assert client.get("/en/me/").status_code == 302


def test_an_expired_code_is_refused(client):
    clock = mock.Mock()
    clock.time.return_value = 1_800_000_000.0
    with mock.patch("allauth.account.internal.flows.code_verification.time", clock):
        client.post(SIGNUP, signup_data())
        clock.time.return_value += 10 * 60 + 1
        client.post(VERIFY, {"code": last_code()}, follow=True)
    assert VolunteerProfile.objects.get().phone_verified is False
    assert client.get("/en/me/").status_code == 302


def test_a_number_already_used_is_not_revealed_to_someone_else(client):
    VolunteerFactory(phone="13800138000", phone_verified=True)
    response = client.post(SIGNUP, signup_data(display_name="另一个人"))
    # The same next step as for a new number …
    assert response.status_code == 302 and response["Location"] == VERIFY
    # … while only the owner is told, by a text to their own phone.
    assert list(OutgoingSms.objects.values_list("kind", flat=True)) == ["account_exists"]
    assert get_user_model().objects.count() == 1


@pytest.fixture
def verified():
    profile = VolunteerFactory(phone="13912345678", phone_verified=True)
    profile.user.set_password(PASSWORD)
    profile.user.save()
    return profile


@pytest.mark.parametrize("typed", ["13912345678", "139 1234 5678", "+86 139-1234-5678"])
def test_a_volunteer_signs_in_with_number_and_password(client, verified, typed):
    response = client.post(LOGIN, {"login": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/en/me/").status_code == 200


def test_a_volunteer_signs_in_with_a_code_texted_to_their_number(client, verified):
    response = client.post(REQUEST_CODE, {"phone": "139 1234 5678"})
    assert response.status_code == 302 and response["Location"] == CONFIRM_CODE
    response = client.post(CONFIRM_CODE, {"code": last_code("+8613912345678")})
    assert response.status_code == 302
    assert client.get("/en/me/").status_code == 200


def test_asking_a_code_for_an_unknown_number_looks_the_same(client, verified):
    response = client.post(REQUEST_CODE, {"phone": "13700001111"})
    assert response.status_code == 302 and response["Location"] == CONFIRM_CODE
    message = OutgoingSms.objects.get(to="+8613700001111")
    assert message.kind == "no_account"
    assert not re.search(r"\d{6}", message.text)


def test_codes_asked_for_one_number_are_limited(client, verified):
    for _ in range(3):
        client.post(REQUEST_CODE, {"phone": "13912345678"})
        client.cookies.clear()
    response = client.post(REQUEST_CODE, {"phone": "13912345678"})
    assert response.status_code == 200
    assert "Too many" in text(response)
    assert OutgoingSms.objects.filter(to="+8613912345678").count() == 3


def test_an_email_signup_still_confirms_the_address(client):
    response = client.post(SIGNUP, signup_data(phone="", email="xiaoshui@example.com"))
    assert response.status_code == 302
    assert OutgoingMail.objects.filter(to="xiaoshui@example.com").exists()
    assert not OutgoingSms.objects.exists()
    # Mandatory e-mail confirmation, as before: not in until the link is followed.
    assert client.get("/en/me/").status_code == 302


def test_a_volunteer_changes_their_number_with_a_code_sent_to_the_new_one(client, verified):
    client.post(LOGIN, {"login": "13912345678", "password": PASSWORD})
    response = client.post("/en/accounts/phone/change/", {"phone": "137 0000 1111"})
    assert response.status_code == 302
    # Not changed until the code sent to the new number comes back.
    verified.refresh_from_db()
    assert verified.phone == "+8613912345678"
    client.post(VERIFY, {"code": last_code("+8613700001111")})
    verified.refresh_from_db()
    assert (verified.phone, verified.phone_verified) == ("+8613700001111", True)
    client.logout()
    response = client.post(LOGIN, {"login": "13700001111", "password": PASSWORD})
    assert response.status_code == 302 and client.get("/en/me/").status_code == 200
