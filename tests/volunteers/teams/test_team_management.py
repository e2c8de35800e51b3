"""Registering a team and managing it: leaders' rights, co-leaders, handing over, removals."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    CountyFactory,
    MembershipFactory,
    TeamFactory,
    TownshipFactory,
    UserFactory,
    VolunteerFactory,
)
from tests.utils import queries_for
from tests.utils import text as html
from tests.volunteers.teams.helpers import member_url, messages_of, team_url
from volunteers.teams.models import Membership, Team

pytestmark = pytest.mark.django_db


# --- Registering a team ------------------------------------------------------------


def team_form(county, township=None, **overrides):
    data = {
        "name": "黄龙镇护水队",
        "county": county.pk,
        "township": township.pk if township else "",
        "description": "沿堵河巡河、清漂，每月一次。",
        "contact": "微信群：黄龙护水",
    }
    data.update(overrides)
    return data


def test_register_team_requires_login(client):
    response = client.get("/en/teams/new/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/?next=/en/teams/new/")


def test_register_team(client, volunteer):
    township = TownshipFactory()
    client.force_login(volunteer)
    form_page = client.get("/en/teams/new/")
    assert f'<optgroup label="{township.county.name_en}">' in html(form_page)
    response = client.post("/en/teams/new/", team_form(township.county, township), follow=True)
    team = Team.objects.get(name="黄龙镇护水队")
    assert response.redirect_chain[-1][0] == f"/en/teams/{team.pk}/"
    assert team.status == "pending" and team.created_by == volunteer
    assert Membership.objects.get(team=team).role == "leader"
    assert "submitted for approval" in " ".join(messages_of(response))
    assert "Awaiting approval" in html(response)


def test_register_team_with_a_township_of_another_county(client, volunteer):
    township = TownshipFactory()
    elsewhere = CountyFactory()
    client.force_login(volunteer)
    response = client.post("/en/teams/new/", team_form(elsewhere, township))
    assert response.status_code == 200
    assert response.context["form"].errors["township"] == [
        "The township is not in the chosen county."
    ]
    assert not Team.objects.exists()


def test_register_team_with_a_taken_name_or_missing_fields(client, volunteer):
    TeamFactory(name="黄龙镇护水队")
    county = CountyFactory()
    client.force_login(volunteer)
    response = client.post("/en/teams/new/", team_form(county, name=" 黄龙镇护水队 "))
    assert "already exists" in response.context["form"].errors["name"][0]
    response = client.post("/en/teams/new/", {"name": "", "county": "nonsense"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"name", "county", "description"}
    assert Team.objects.count() == 1


# --- Managing a team -----------------------------------------------------------------


def test_manage_page_rights(client, team, leader, member, staff, other_team, volunteer):
    url = team_url(team, "manage/")
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    for outsider in (member, volunteer, other_team.memberships.get().user):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
    for manager in (leader, staff):
        client.force_login(manager)
        assert client.get(url).status_code == 200


def test_leaders_see_their_members_private_data_on_the_manage_page(client, team, leader, member):
    client.force_login(leader)
    page = html(client.get(team_url(team, "manage/")))
    assert member.volunteer.display_name in page
    assert member.volunteer.real_name in page
    assert member.volunteer.phone in page
    assert member.email not in page


def test_pending_requesters_private_data_is_not_shown(client, team, leader, make_volunteer):
    asking = make_volunteer(display_name="想加入", real_name="赵敏", phone="13600002222")
    MembershipFactory(team=team, user=asking, status="pending")
    client.force_login(leader)
    page = html(client.get(team_url(team, "manage/")))
    assert "想加入" in page
    assert "赵敏" not in page and "13600002222" not in page


def test_co_leaders_manage_but_cannot_change_roles(client, team, member, make_volunteer):
    co_leader = make_volunteer()
    MembershipFactory(team=team, user=co_leader, role="co_leader")
    client.force_login(co_leader)
    page = html(client.get(team_url(team, "manage/")))
    assert member.volunteer.real_name in page
    assert "/role/" not in page
    membership = Membership.objects.get(team=team, user=member)
    response = client.post(member_url(team, membership, "role"), {"role": "co_leader"})
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.role == "member"


def test_head_leader_appoints_and_relieves_a_co_leader(client, team, leader, member):
    membership = Membership.objects.get(team=team, user=member)
    client.force_login(leader)
    response = client.post(member_url(team, membership, "role"), {"role": "co_leader"}, follow=True)
    assert "Co-leader" in " ".join(messages_of(response))
    membership.refresh_from_db()
    assert membership.role == "co_leader"
    client.post(member_url(team, membership, "role"), {"role": "member"})
    membership.refresh_from_db()
    assert membership.role == "member"
    response = client.post(member_url(team, membership, "role"), {"role": "boss"}, follow=True)
    assert "Unknown role." in messages_of(response)


def test_handing_over_lets_the_old_leader_leave(client, team, leader, member):
    membership = Membership.objects.get(team=team, user=member)
    client.force_login(leader)
    client.post(member_url(team, membership, "role"), {"role": "leader"})
    response = client.post(team_url(team, "leave/"), follow=True)
    assert f"You have left {team.name}." in messages_of(response)
    assert Membership.objects.get(team=team, user=member).role == "leader"


def test_leader_removes_a_member_who_then_loses_the_contact(client, team, leader, member):
    team.contact = "微信群：清水巡河队"
    team.save()
    membership = Membership.objects.get(team=team, user=member)
    client.force_login(leader)
    response = client.post(member_url(team, membership, "remove"), follow=True)
    assert "has been removed" in " ".join(messages_of(response))
    membership.refresh_from_db()
    assert membership.status == "removed"
    client.force_login(member)
    assert "微信群" not in html(client.get(team_url(team)))


def test_a_member_cannot_act_as_a_leader(client, team, member, make_volunteer):
    asking = make_volunteer()
    request = MembershipFactory(team=team, user=asking, status="pending")
    client.force_login(member)
    for action in ("approve", "decline", "remove"):
        assert client.post(member_url(team, request, action)).status_code == 403
    request.refresh_from_db()
    assert request.status == "pending"


def test_leader_of_another_team_can_neither_see_nor_act(client, team, member, other_team):
    other_leader = other_team.memberships.get().user
    membership = Membership.objects.get(team=team, user=member)
    client.force_login(other_leader)
    assert client.get(team_url(team, "manage/")).status_code == 403
    for action in ("approve", "decline", "remove", "role"):
        assert (
            client.post(member_url(team, membership, action), {"role": "leader"}).status_code == 403
        )
    # Their own team's pk with someone else's membership is simply not found.
    for action in ("approve", "decline", "remove", "role"):
        url = member_url(other_team, membership, action)
        assert client.post(url, {"role": "leader"}).status_code == 404
    membership.refresh_from_db()
    assert (membership.status, membership.role) == ("active", "member")


def test_unknown_membership_ids_are_404(client, team, leader):
    client.force_login(leader)
    assert client.post(f"/en/teams/{team.pk}/members/999999/approve/").status_code == 404
    huge = "9" * 25
    assert client.post(f"/en/teams/{team.pk}/members/{huge}/remove/").status_code == 404
    assert client.get(f"/en/teams/{huge}/").status_code == 404
    assert client.get(f"/en/teams/{huge}/manage/").status_code == 404


def test_manage_page_runs_a_fixed_number_of_queries(client, team, leader):
    MembershipFactory(team=team, status="pending", user=VolunteerFactory().user)
    client.force_login(leader)
    few = queries_for(client, team_url(team, "manage/"))
    for _ in range(4):
        township = TownshipFactory()
        MembershipFactory(team=team, user=VolunteerFactory(home_township=township).user)
        MembershipFactory(
            team=team, status="pending", user=VolunteerFactory(home_township=township).user
        )
    assert queries_for(client, team_url(team, "manage/")) == few


def test_membership_actions_refuse_get(client, team, leader, member):
    membership = Membership.objects.get(team=team, user=member)
    client.force_login(leader)
    for action in ("approve", "decline", "remove", "role"):
        assert client.get(member_url(team, membership, action)).status_code == 405
    assert client.get(team_url(team, "join/")).status_code == 405


def test_leaders_cannot_remove_themselves_or_the_head_leader(client, team, leader, make_volunteer):
    co_leader = make_volunteer()
    MembershipFactory(team=team, user=co_leader, role="co_leader")
    head = Membership.objects.get(team=team, user=leader)
    client.force_login(co_leader)
    assert client.post(member_url(team, head, "remove")).status_code == 403
    own = Membership.objects.get(team=team, user=co_leader)
    response = client.post(member_url(team, own, "remove"), follow=True)
    assert "leave the team" in " ".join(messages_of(response))
    own.refresh_from_db()
    assert own.status == "active"


def test_staff_manage_any_team(client, team, staff, member):
    membership = Membership.objects.get(team=team, user=member)
    client.force_login(staff)
    client.post(member_url(team, membership, "role"), {"role": "co_leader"})
    membership.refresh_from_db()
    assert membership.role == "co_leader"


def test_manage_page_shows_members_without_a_profile(client, team, leader):
    MembershipFactory(team=team, user=UserFactory(email="staffmade@example.com"))
    client.force_login(leader)
    response = client.get(team_url(team, "manage/"))
    assert response.status_code == 200
    assert "A volunteer" in html(response)
    assert "staffmade@example.com" not in html(response)


def test_team_urls_reverse_inside_the_namespace():
    with translation.override("zh-hans"):
        assert reverse("volunteers:team_list") == "/teams/"
        assert reverse("volunteers:team_detail", args=[3]) == "/teams/3/"
        assert (
            reverse("volunteers:membership_approve", args=[3, 4]) == "/teams/3/members/4/approve/"
        )
    with translation.override("en"):
        assert reverse("volunteers:team_list") == "/en/teams/"
        assert reverse("volunteers:team_manage", args=[3]) == "/en/teams/3/manage/"
