"""Staff run teams in the Wagtail admin: the volunteers menu, teams awaiting approval,
the "Volunteer staff" group.

Content editors and volunteers get no volunteers menu and are turned away from its pages.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from portal.outbox import OutgoingMail
from tests.factories import (
    CountyFactory,
    MembershipFactory,
    TeamFactory,
    TownshipFactory,
    VolunteerFactory,
)
from tests.volunteers.helpers import EVENTS, PEOPLE, SIGNUPS, TEAMS, refused
from volunteers.choices import MembershipStatus, Role
from volunteers.roles import STAFF_GROUP_NAME, volunteer_staff_group_ensure
from volunteers.teams.models import Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteer_client(client, volunteer):
    client.force_login(volunteer)
    return client


@pytest.fixture
def pending_team(db):
    creator = VolunteerFactory(display_name="新队发起人").user
    team = TeamFactory(name="丹江口护水队", status="pending", created_by=creator, leader=creator)
    return team


# --- The menu and who sees it ----------------------------------------------------------


def test_staff_see_one_volunteers_menu_with_every_list(admin_client):
    html = admin_client.get("/admin/").content.decode()
    for url in (TEAMS, EVENTS, PEOPLE, SIGNUPS, "/admin/snippets/volunteers/township/"):
        assert url in html


def test_editors_get_no_volunteer_menu_and_no_volunteer_pages(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "/admin/volunteers/" not in html
    assert "/admin/snippets/volunteers/" not in html
    for url in (TEAMS, EVENTS, PEOPLE, SIGNUPS):
        assert refused(editor_client.get(url)), url


def test_volunteers_cannot_open_the_admin_lists(volunteer_client):
    for url in (TEAMS, EVENTS, PEOPLE, SIGNUPS):
        response = volunteer_client.get(url)
        assert response.status_code == 403 and response.context["admin_only"]


# --- Teams ---------------------------------------------------------------------------------


def test_the_teams_menu_lands_on_teams_awaiting_approval(admin_client, pending_team, team):
    html = admin_client.get("/admin/").content.decode()
    assert f"{TEAMS}?status=pending" in html
    listing = admin_client.get(TEAMS, {"status": "pending"}).content.decode()
    assert pending_team.name in listing
    assert team.name not in listing
    everything = admin_client.get(TEAMS).content.decode()
    assert pending_team.name in everything and team.name in everything


def test_the_dashboard_counts_teams_awaiting_approval(admin_client, pending_team):
    html = admin_client.get("/admin/").content.decode()
    assert "volunteer-pending-teams" in html


def test_teams_can_be_searched_and_filtered_by_county(admin_client, pending_team):
    other = TeamFactory(name="竹山巡河队")
    by_name = admin_client.get(TEAMS, {"q": "丹江口"}).content.decode()
    assert pending_team.name in by_name and other.name not in by_name
    by_county = admin_client.get(TEAMS, {"county": other.county_id}).content.decode()
    assert other.name in by_county and pending_team.name not in by_county


def test_approving_a_team_in_the_admin_tells_its_creator(
    admin_client, admin_user, pending_team, django_capture_on_commit_callbacks
):
    url = reverse("volunteer_teams:approve", args=[pending_team.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and "新队发起人" in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"next": f"{TEAMS}?status=pending"})

    assert response.status_code == 302 and response["Location"] == f"{TEAMS}?status=pending"
    pending_team.refresh_from_db()
    assert pending_team.status == "approved" and pending_team.approved_at is not None
    mail = OutgoingMail.objects.get(to=pending_team.created_by.email)
    assert mail.kind == "volunteers/email/team_approved"
    assert pending_team.name in mail.subject
    entry = ModelLogEntry.objects.get(action="volunteers.team_approve")
    assert entry.user_id == admin_user.pk and entry.object_id == str(pending_team.pk)


def test_rejecting_a_team_keeps_it_hidden_and_sends_nothing(admin_client, pending_team):
    response = admin_client.post(reverse("volunteer_teams:reject", args=[pending_team.pk]))
    assert response.status_code == 302
    pending_team.refresh_from_db()
    assert pending_team.status == "rejected"
    assert not OutgoingMail.objects.exists()


def test_the_team_list_offers_approve_and_reject_on_each_waiting_team(admin_client, pending_team):
    html = admin_client.get(TEAMS, {"status": "pending"}).content.decode()
    assert reverse("volunteer_teams:approve", args=[pending_team.pk]) in html
    assert reverse("volunteer_teams:reject", args=[pending_team.pk]) in html


def test_the_team_page_shows_its_members_with_role_and_status(admin_client, team, leader):
    asking = VolunteerFactory(display_name="想入队的人").user
    MembershipFactory(team=team, user=asking, status="pending")
    html = admin_client.get(reverse("volunteer_teams:edit", args=[team.pk])).content.decode()
    with translation.override("zh-hans"):  # the admin speaks the site's default language
        leader_role, asking_status = str(Role.LEADER.label), str(MembershipStatus.PENDING.label)
    members = html[html.index("data-team-members") :]
    members = members[members.index("<tbody") :]
    leader_name = leader.volunteer.display_name
    assert members.index(leader_name) < members.index(leader_role) < members.index("想入队的人")
    assert members.index("想入队的人") < members.index(asking_status)


def test_staff_edit_team_fields_and_a_township_must_be_in_the_county(admin_client, team):
    url = reverse("volunteer_teams:edit", args=[team.pk])
    form = {
        "name": team.name,
        "county": team.county_id,
        "township": team.township_id,
        "description": "新的介绍。",
        "contact": "微信群：清水",
        "logo": "",
    }
    assert admin_client.post(url, form).status_code == 302
    team.refresh_from_db()
    assert team.description == "新的介绍。"

    elsewhere = TownshipFactory(county=CountyFactory())
    response = admin_client.post(url, {**form, "township": elsewhere.pk})
    assert response.status_code == 200
    assert Team.objects.get(pk=team.pk).township_id == team.township_id


# --- The "Volunteer staff" group ---------------------------------------------------------


def test_volunteer_staff_can_approve_teams_but_not_delete_them(client, pending_team):
    person = get_user_model().objects.create_user("officer", "officer@example.com", "pw")
    group = volunteer_staff_group_ensure(users=[person])
    assert group.name == STAFF_GROUP_NAME
    assert volunteer_staff_group_ensure().pk == group.pk  # running it again changes nothing

    client.force_login(person)
    assert client.get(TEAMS).status_code == 200
    assert client.get(EVENTS).status_code == 200
    response = client.post(reverse("volunteer_teams:approve", args=[pending_team.pk]))
    assert response.status_code == 302
    pending_team.refresh_from_db()
    assert pending_team.status == "approved"
    assert client.get(f"{TEAMS}delete/{pending_team.pk}/").status_code == 404
    assert "/admin/snippets/volunteers/county/" in client.get("/admin/").content.decode()
