"""Team directory, team pages, joining and leaving, registering and managing a team."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    CountyFactory,
    EventFactory,
    ImageFactory,
    MembershipFactory,
    TeamFactory,
    TownshipFactory,
    UserFactory,
    VolunteerFactory,
)
from tests.utils import queries_for
from volunteers.teams.models import Membership, Team

pytestmark = pytest.mark.django_db


def team_url(team, action=""):
    return f"/en/teams/{team.pk}/{action}"


def member_url(team, membership, action):
    return f"/en/teams/{team.pk}/members/{membership.pk}/{action}/"


def html(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def member(team, make_volunteer):
    user = make_volunteer(display_name="河畔小水滴", real_name="李秀英", phone="13912345678")
    MembershipFactory(team=team, user=user)
    return user


@pytest.fixture
def other_team(make_volunteer):
    return TeamFactory(leader=make_volunteer(display_name="别队队长"))


def private_bits(user) -> list[str]:
    return [user.volunteer.real_name, user.volunteer.phone, user.email]


# --- Directory -------------------------------------------------------------------


def test_directory_lists_approved_teams_only(client):
    TeamFactory(name="金色护水队")
    TeamFactory(name="待审护水队", status="pending")
    TeamFactory(name="未通过护水队", status="rejected")
    page = html(client.get("/teams/"))
    assert "金色护水队" in page
    assert "待审护水队" not in page
    assert "未通过护水队" not in page


def test_directory_works_in_english_under_en(client):
    county = CountyFactory(name_zh="丹江口市", name_en="Danjiangkou Shi")
    TeamFactory(name="库区护水队", county=county)
    response = client.get("/en/teams/")
    assert response.status_code == 200
    assert 'lang="en"' in html(response)
    assert "Danjiangkou Shi" in html(response)
    assert "1 team" in html(response)


def test_directory_search_and_filters(client):
    reservoir_county = CountyFactory(name_zh="郧阳区", in_reservoir_area=True)
    dry_county = CountyFactory(name_zh="茅箭区", in_reservoir_area=False)
    wet_town = TownshipFactory(county=dry_county, in_reservoir_area=True)
    dry_town = TownshipFactory(county=dry_county, in_reservoir_area=False)
    TeamFactory(name="清漂先锋队", county=reservoir_county, township=None)
    TeamFactory(name="巡河护水队", county=dry_county, township=wet_town, description="每周巡河")
    TeamFactory(name="社区宣传队", county=dry_county, township=dry_town, description="入户宣传节水")

    def names(query):
        response = client.get(f"/teams/{query}")
        assert response.status_code == 200
        return {team.name for team in response.context["teams"]}

    assert names("?q=清漂") == {"清漂先锋队"}
    assert names("?q=节水") == {"社区宣传队"}  # the description is searched too
    assert names(f"?county={dry_county.code}") == {"巡河护水队", "社区宣传队"}
    assert names(f"?township={dry_town.code}") == {"社区宣传队"}
    # A township in the reservoir area counts; a county-wide team counts by its county.
    assert names("?reservoir=1") == {"清漂先锋队", "巡河护水队"}
    assert names(f"?county={dry_county.code}&reservoir=1") == {"巡河护水队"}


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=999",
        "?page=-1",
        "?page=",
        "?county=nowhere",
        "?township=%3Cscript%3E",
        "?reservoir=yes",
        "?county=1&county=2&page=1.5",
    ],
)
def test_directory_ignores_bad_input(client, query):
    TeamFactory(name="稳健护水队")
    response = client.get(f"/teams/{query}")
    assert response.status_code == 200
    assert "稳健护水队" in html(response)


@pytest.mark.parametrize("q", ["水" * 500, "%00", "%25_%5C", "'; drop table--"])
def test_directory_survives_odd_searches(client, q):
    response = client.get(f"/teams/?q={q}")
    assert response.status_code == 200


def test_directory_paginates_twelve_per_page(client):
    county = CountyFactory()
    for n in range(14):
        TeamFactory(name=f"护水队{n:02d}", county=county)
    first = client.get("/teams/")
    assert len(first.context["teams"].object_list) == 12
    assert 'rel="next"' in html(first)
    second = client.get("/teams/?page=2")
    assert [t.name for t in second.context["teams"]] == ["护水队12", "护水队13"]
    # Filters survive paging.
    filtered = client.get(f"/teams/?county={county.code}")
    assert f"county={county.code}&amp;page=2" in html(filtered)


def test_directory_runs_a_fixed_number_of_queries(client, django_user_model):
    county = CountyFactory()
    for n in range(2):
        team = TeamFactory(name=f"少队{n}", county=county, logo=ImageFactory() if n else None)
        MembershipFactory.create_batch(2, team=team)
    few = queries_for(client, "/teams/")
    for n in range(20):
        team = TeamFactory(
            name=f"多队{n}",
            township=TownshipFactory(),
            logo=ImageFactory() if n % 2 else None,
        )
        MembershipFactory.create_batch(3, team=team)
    assert queries_for(client, "/teams/") == few
    assert queries_for(client, "/teams/?page=2") == few


def card_of(page: str, name: str) -> str:
    cards = page.split('<article class="card team-card">')[1:]
    return next(
        card.split("</article>")[0] for card in cards if name in card.split("</article>")[0]
    )


def test_directory_card_shows_logo_or_initial_and_member_count(client):
    TeamFactory(name="有标志队", logo=ImageFactory())
    without = TeamFactory(name="无标志队")
    MembershipFactory.create_batch(3, team=without)
    MembershipFactory(team=without, status="pending")  # not counted
    page = html(client.get("/en/teams/"))
    card = card_of(page, "无标志队")
    assert ">无</span>" in card  # the generated initial
    assert "3 members" in card
    assert "<img" not in card
    assert "<img" in card_of(page, "有标志队")


def test_placeholder_initial_skips_the_place_name(client):
    county = CountyFactory(name_zh="丹江口市")
    TeamFactory(name="丹江口市三官殿护水队", county=county, township=None)
    TeamFactory(name="丹江口市“小水滴”志愿队", county=county, township=None)
    TeamFactory(name="丹江口市", county=county, township=None)  # nothing left: keep the name
    page = html(client.get("/teams/"))
    assert ">三</span>" in card_of(page, "三官殿护水队")
    assert ">小</span>" in card_of(page, "小水滴")
    assert ">丹</span>" in card_of(page, "丹江口市</a>")


def test_directory_shows_a_map_of_the_matching_teams(client):
    near = TeamFactory(name="库区护水队")
    far = TeamFactory(name="远方护水队")
    html = client.get("/teams/").content.decode()
    assert "leaflet.js" in html
    assert f"/teams/{near.pk}/" in html and f"/teams/{far.pk}/" in html
    filtered = client.get(f"/teams/?county={near.county.code}").content.decode()
    assert f'"/teams/{far.pk}/"' not in filtered.split("data-team-list")[0]


def test_directory_never_shows_private_data(client, team, member, leader):
    for viewer in (None, member):
        if viewer:
            client.force_login(viewer)
        page = html(client.get("/teams/"))
        for bit in private_bits(member) + private_bits(leader):
            assert bit not in page


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
