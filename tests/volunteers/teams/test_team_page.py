"""A team's page, and joining, answering and leaving: who sees the contact and who may act."""

import pytest

from tests.factories import (
    EventFactory,
    MembershipFactory,
    TeamFactory,
    TownshipFactory,
    UserFactory,
)
from tests.utils import queries_for
from tests.utils import text as html
from tests.volunteers.teams.helpers import member_url, messages_of, private_bits, team_url
from volunteers.teams.models import Membership

pytestmark = pytest.mark.django_db


# --- Team page -------------------------------------------------------------------


def test_team_page_is_public_but_hides_the_contact(client, team, member, leader):
    team.contact = "微信群：清水巡河队"
    team.save()
    response = client.get(team_url(team))
    assert response.status_code == 200
    page = html(response)
    assert team.name in page and team.description in page
    assert "微信群" not in page
    assert "1 member" not in page and "2 members" in page
    for bit in private_bits(member) + private_bits(leader):
        assert bit not in page
    assert f"/en/accounts/login/?next=/en/teams/{team.pk}/" in page


def test_members_see_the_contact_but_not_each_others_private_data(
    client, team, member, leader, make_volunteer
):
    team.contact = "微信群：清水巡河队"
    team.save()
    colleague = make_volunteer(real_name="王建国", phone="13700001111")
    MembershipFactory(team=team, user=colleague)
    client.force_login(member)
    page = html(client.get(team_url(team)))
    assert "微信群：清水巡河队" in page
    for bit in private_bits(colleague) + private_bits(leader):
        assert bit not in page
    assert "Manage team" not in page
    assert "Leave team" in page


def test_outsiders_and_pending_members_do_not_see_the_contact(client, team, make_volunteer):
    team.contact = "微信群：清水巡河队"
    team.save()
    outsider = make_volunteer()
    waiting = make_volunteer()
    MembershipFactory(team=team, user=waiting, status="pending")
    for viewer in (outsider, waiting):
        client.force_login(viewer)
        assert "微信群" not in html(client.get(team_url(team)))
    assert "Request sent" in html(client.get(team_url(team)))


def test_unapproved_team_is_404_to_the_public_and_visible_to_members_and_staff(
    client, leader, staff, volunteer
):
    team = TeamFactory(status="pending", leader=leader)
    assert client.get(team_url(team)).status_code == 404
    client.force_login(volunteer)
    assert client.get(team_url(team)).status_code == 404
    for viewer in (leader, staff):
        client.force_login(viewer)
        response = client.get(team_url(team))
        assert response.status_code == 200
        assert "Awaiting approval" in html(response)
    # Not listed in the directory, even for its leader.
    client.force_login(leader)
    assert team.name not in html(client.get("/teams/"))


def test_missing_team_is_404(client):
    assert client.get("/teams/999999/").status_code == 404


def test_team_page_lists_the_upcoming_events_the_viewer_may_see(
    client, team, member, volunteer, other_team
):
    EventFactory(team=team, title="公开巡河")
    EventFactory(team=team, title="队内培训", visibility="members")
    EventFactory(team=team, title="已取消活动", status="cancelled")
    EventFactory(team=other_team, title="别队活动")
    public = html(client.get(team_url(team)))
    assert "公开巡河" in public
    assert "队内培训" not in public
    assert "已取消活动" not in public and "别队活动" not in public
    client.force_login(volunteer)
    assert "队内培训" not in html(client.get(team_url(team)))
    client.force_login(member)
    page = html(client.get(team_url(team)))
    assert "公开巡河" in page and "队内培训" in page


def test_team_page_runs_a_fixed_number_of_queries(client, team, member):
    EventFactory(team=team)
    client.force_login(member)
    few = queries_for(client, team_url(team))
    EventFactory.create_batch(6, team=team, township=TownshipFactory())
    MembershipFactory.create_batch(5, team=team)
    assert queries_for(client, team_url(team)) == few


def test_leaders_see_a_manage_link(client, team, leader):
    client.force_login(leader)
    page = html(client.get(team_url(team)))
    assert f'href="/en/teams/{team.pk}/manage/"' in page


# --- Joining, answering, leaving ---------------------------------------------------


def test_join_requires_post_and_a_login(client, team):
    assert client.get(team_url(team, "join/")).status_code == 405
    response = client.post(team_url(team, "join/"))
    assert response.status_code == 302
    assert response.url == f"/en/accounts/login/?next=/en/teams/{team.pk}/"
    assert not Membership.objects.filter(team=team, status="pending").exists()


def test_join_approve_then_the_member_sees_the_contact(
    client, team, leader, volunteer, django_capture_on_commit_callbacks
):
    team.contact = "每周六 8:00 镇政府门口集合"
    team.save()
    client.force_login(volunteer)
    response = client.post(team_url(team, "join/"), follow=True)
    assert "Your request has been sent" in " ".join(messages_of(response))
    membership = Membership.objects.get(team=team, user=volunteer)
    assert membership.status == "pending"
    # Asking twice is answered politely, not duplicated.
    response = client.post(team_url(team, "join/"), follow=True)
    assert "already asked to join" in " ".join(messages_of(response))

    client.force_login(leader)
    manage = html(client.get(team_url(team, "manage/")))
    assert volunteer.volunteer.display_name in manage
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(member_url(team, membership, "approve"), follow=True)
    assert response.redirect_chain[-1][0] == f"/en/teams/{team.pk}/manage/"
    assert "is now a member" in " ".join(messages_of(response))
    membership.refresh_from_db()
    assert membership.status == "active"

    client.force_login(volunteer)
    assert "每周六 8:00 镇政府门口集合" in html(client.get(team_url(team)))


def test_decline(client, team, leader, volunteer):
    membership = MembershipFactory(team=team, user=volunteer, status="pending")
    client.force_login(leader)
    response = client.post(member_url(team, membership, "decline"), follow=True)
    assert "You declined the request" in " ".join(messages_of(response))
    membership.refresh_from_db()
    assert membership.status == "declined"
    # Answering twice says so instead of failing.
    response = client.post(member_url(team, membership, "approve"), follow=True)
    assert "already been answered" in " ".join(messages_of(response))
    membership.refresh_from_db()
    assert membership.status == "declined"


def test_cannot_join_an_unapproved_team(client, volunteer):
    team = TeamFactory(status="pending")
    client.force_login(volunteer)
    assert client.post(team_url(team, "join/")).status_code == 404
    assert not Membership.objects.filter(team=team, user=volunteer).exists()


def test_account_without_profile_is_asked_for_one_before_joining(client, team):
    user = UserFactory()
    client.force_login(user)
    response = client.post(team_url(team, "join/"))
    assert response.status_code == 302
    assert response.url.startswith("/en/me/profile/?next=")
    assert not Membership.objects.filter(user=user).exists()


def test_leave_asks_for_confirmation_then_leaves(client, team, member):
    client.force_login(member)
    confirm = client.get(team_url(team, "leave/"))
    assert confirm.status_code == 200
    assert f"Leave {team.name}?" in html(confirm)
    assert Membership.objects.get(team=team, user=member).status == "active"
    response = client.post(team_url(team, "leave/"), follow=True)
    assert f"You have left {team.name}." in messages_of(response)
    assert Membership.objects.get(team=team, user=member).status == "left"
    assert "Ask to join" in html(response)


def test_withdrawing_a_request(client, team, volunteer):
    MembershipFactory(team=team, user=volunteer, status="pending")
    client.force_login(volunteer)
    response = client.post(team_url(team, "leave/"), follow=True)
    assert "withdrawn" in " ".join(messages_of(response))
    assert Membership.objects.get(team=team, user=volunteer).status == "left"


def test_the_last_leader_cannot_leave(client, team, leader):
    client.force_login(leader)
    response = client.post(team_url(team, "leave/"), follow=True)
    assert "Hand the team over to another leader" in " ".join(messages_of(response))
    membership = Membership.objects.get(team=team, user=leader)
    assert (membership.status, membership.role) == ("active", "leader")


def test_leave_without_membership_is_harmless(client, team, volunteer):
    client.force_login(volunteer)
    response = client.post(team_url(team, "leave/"), follow=True)
    assert response.status_code == 200
    assert "not a member" in " ".join(messages_of(response))
