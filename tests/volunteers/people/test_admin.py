"""Staff see and edit volunteers in the Wagtail admin; real names and phones stay with staff."""

import pytest
from django.urls import reverse

from tests.factories import TownshipFactory, VolunteerFactory
from tests.volunteers.helpers import PEOPLE, refused
from volunteers.people.models import VolunteerProfile

pytestmark = pytest.mark.django_db


def test_staff_see_real_names_and_phones_in_the_volunteer_list(admin_client):
    VolunteerFactory(display_name="小水滴乙", real_name="赵敏", phone="13711112222")
    html = admin_client.get(PEOPLE).content.decode()
    assert "赵敏" in html and "13711112222" in html
    found = admin_client.get(PEOPLE, {"q": "1371111"}).content.decode()
    assert "小水滴乙" in found


def test_editors_and_volunteers_never_see_the_private_fields(editor_client, client):
    VolunteerFactory(display_name="小水滴乙", real_name="赵敏", phone="13711112222")
    response = editor_client.get(PEOPLE)
    assert refused(response) and "13711112222" not in response.content.decode()
    followed = editor_client.get(PEOPLE, follow=True).content.decode()
    assert "赵敏" not in followed and "13711112222" not in followed


def test_volunteers_can_be_filtered_by_home_county_and_reminders(admin_client):
    home = TownshipFactory()
    near = VolunteerFactory(display_name="本地人", home_township=home)
    far = VolunteerFactory(display_name="外地人", reminders_enabled=False)
    html = admin_client.get(PEOPLE, {"county": home.county_id}).content.decode()
    assert near.display_name in html and far.display_name not in html
    html = admin_client.get(PEOPLE, {"reminders_enabled": "false"}).content.decode()
    assert far.display_name in html and near.display_name not in html


def test_staff_edit_a_volunteer_profile(admin_client):
    profile = VolunteerFactory(display_name="旧名字", phone_verified=True)
    url = reverse("volunteer_profiles:edit", args=[profile.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and profile.real_name in page.content.decode()
    response = admin_client.post(
        url,
        {
            "display_name": "新名字",
            "real_name": profile.real_name,
            "phone": "13800138000",
            "home_township": "",
            "skills": ["first_aid", "swimming"],
            "language": "zh-hans",
            "reminders_enabled": "on",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.display_name == "新名字" and profile.phone == "+8613800138000"
    # Staff type what the volunteer tells them; a code to the number will confirm it.
    assert profile.phone_verified is False
    assert sorted(profile.skills) == ["first_aid", "swimming"]
    assert not profile.show_in_rankings

    bad = admin_client.post(url, {"display_name": "新名字", "phone": "12345", "language": "en"})
    assert bad.status_code == 200
    assert "大陆手机号是 11 位，你填写的是 5 位。" in bad.content.decode()
    assert VolunteerProfile.objects.get(pk=profile.pk).phone == "+8613800138000"


def test_volunteers_cannot_be_added_or_deleted_in_the_admin(admin_client):
    profile = VolunteerFactory()
    assert admin_client.get(f"{PEOPLE}new/").status_code == 404
    assert admin_client.get(f"{PEOPLE}delete/{profile.pk}/").status_code == 404
