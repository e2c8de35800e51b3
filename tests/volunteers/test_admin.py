"""Staff run teams, events, volunteers and sign-ups in the Wagtail admin.

Personal data stays with staff: content editors, moderators and volunteers are
turned away from every one of these pages.
"""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from portal.outbox import OutgoingMail
from showcase.roles import editorial_setup_ensure
from tests.factories import (
    CountyFactory,
    EventFactory,
    MembershipFactory,
    SignupFactory,
    TeamFactory,
    TownshipFactory,
    VolunteerFactory,
)
from tests.utils import queries_for
from volunteers.choices import MembershipStatus, Role
from volunteers.events.models import Event
from volunteers.people.models import VolunteerProfile
from volunteers.roles import STAFF_GROUP_NAME, volunteer_staff_group_ensure
from volunteers.teams.models import Team

pytestmark = pytest.mark.django_db

TEAMS = "/admin/volunteers/teams/"
EVENTS = "/admin/volunteers/events/"
PEOPLE = "/admin/volunteers/people/"
SIGNUPS = "/admin/volunteers/signups/"


@pytest.fixture
def editor_client(client):
    """A content editor: may use the admin, has no volunteer permissions."""
    groups = editorial_setup_ensure()
    editor = get_user_model().objects.create_user("editor", "editor@example.com", "pw")
    editor.groups.add(groups["Editors"])
    client.force_login(editor)
    return client


@pytest.fixture
def volunteer_client(client, volunteer):
    client.force_login(volunteer)
    return client


@pytest.fixture
def pending_team(db):
    creator = VolunteerFactory(display_name="新队发起人").user
    team = TeamFactory(name="丹江口护水队", status="pending", created_by=creator, leader=creator)
    return team


def refused(response) -> bool:
    """Wagtail sends people without the right permission back to a login or the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/volunteers/" not in response["Location"]
    )


def read_csv(response) -> tuple[bytes, list[list[str]]]:
    body = b"".join(response.streaming_content)
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


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
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


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


# --- Events -----------------------------------------------------------------------------


@pytest.fixture
def signed_up(event):
    """Two places taken, one waiting, one cancelled."""
    first = SignupFactory(
        event=event,
        user=VolunteerFactory(display_name="小水滴甲", real_name="王芳", phone="13900000001").user,
    )
    SignupFactory(
        event=event,
        user=VolunteerFactory(display_name="=HYPERLINK()", real_name="李强").user,
    )
    SignupFactory(event=event, status="waitlisted")
    SignupFactory(event=event, status="cancelled")
    return first


def test_the_event_export_lists_every_sign_up_with_private_fields(admin_client, event, signed_up):
    response = admin_client.get(reverse("volunteer_events:export_signups", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.streaming

    body, rows = read_csv(response)
    assert body.startswith(b"\xef\xbb\xbf")
    header, *data = rows
    assert len(header) == 7
    assert len(data) == event.signups.count() == 4
    first = data[0]
    assert first[1:5] == ["小水滴甲", "王芳", "13900000001", signed_up.user.email]
    expected = timezone.localtime(signed_up.created_at).strftime("%Y-%m-%d %H:%M")
    assert first[5] == expected
    # A name typed as a formula is exported as text.
    assert any(row[1] == "'=HYPERLINK()" for row in data)


def test_the_event_export_is_refused_to_editors_and_volunteers(
    editor_client, event, signed_up, client, volunteer
):
    url = reverse("volunteer_events:export_signups", args=[event.pk])
    response = editor_client.get(url)
    assert refused(response) and not getattr(response, "streaming", False)

    client.logout()
    client.force_login(volunteer)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    anonymous = client.__class__().get(url)
    assert anonymous.status_code == 302


def test_cancelling_an_event_in_the_admin_notifies_everyone_signed_up(
    admin_client, event, signed_up, django_capture_on_commit_callbacks
):
    url = reverse("volunteer_events:cancel", args=[event.pk])
    page = admin_client.get(url)
    assert page.status_code == 200

    refused_without_reason = admin_client.post(url, {"reason": ""})
    assert refused_without_reason.status_code == 200
    assert Event.objects.get(pk=event.pk).status == "scheduled"

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"reason": "暴雨预警"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == "cancelled" and event.cancel_reason == "暴雨预警"
    told = set(
        OutgoingMail.objects.filter(kind="volunteers/email/event_cancelled").values_list(
            "to", flat=True
        )
    )
    active = event.signups.exclude(status="cancelled").select_related("user")
    assert told == {s.user.email for s in active} and len(told) == 3


def test_changing_an_event_time_in_the_admin_tells_the_people_signed_up(
    admin_client, event, signed_up, django_capture_on_commit_callbacks
):
    url = reverse("volunteer_events:edit", args=[event.pk])
    assert admin_client.get(url).status_code == 200
    later = timezone.localtime(event.starts_at) + datetime.timedelta(hours=1)
    fmt = "%Y-%m-%d %H:%M"
    form = {
        "title": event.title,
        "kind": event.kind,
        "visibility": event.visibility,
        "description": event.description,
        "township": event.township_id,
        "meeting_point": event.meeting_point,
        "lat": "",
        "lon": "",
        "starts_at": later.strftime(fmt),
        "ends_at": (later + datetime.timedelta(hours=3)).strftime(fmt),
        "signup_deadline": timezone.localtime(event.signup_deadline).strftime(fmt),
        "capacity": event.capacity,
        "what_to_bring": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.starts_at == later
    assert OutgoingMail.objects.filter(kind="volunteers/email/event_changed").count() == 3

    # The service's own rules come back on the form: fewer places than people confirmed.
    response = admin_client.post(url, {**form, "capacity": 1})
    assert response.status_code == 200
    assert Event.objects.get(pk=event.pk).capacity == event.capacity
    # End before start is caught on the form, with a message a person understands.
    response = admin_client.post(url, {**form, "ends_at": later.strftime(fmt)})
    assert response.status_code == 200
    assert "Constraint" not in response.content.decode()


def test_events_can_be_filtered_by_status_kind_team_and_county(admin_client, team):
    patrol = EventFactory(team=team, title="汉江巡河")
    planting = EventFactory(title="植树活动", kind="planting")
    cancelled = EventFactory(team=team, title="取消的活动", status="cancelled")

    def titles(**params):
        html = admin_client.get(EVENTS, params).content.decode()
        return {e.title for e in (patrol, planting, cancelled) if e.title in html}

    assert titles() == {"汉江巡河", "植树活动", "取消的活动"}
    assert titles(status="cancelled") == {"取消的活动"}
    assert titles(kind="planting") == {"植树活动"}
    assert titles(team=team.pk) == {"汉江巡河", "取消的活动"}
    assert titles(county=planting.township.county_id) == {"植树活动"}
    ordered = admin_client.get(EVENTS, {"ordering": "starts_at"})
    assert ordered.status_code == 200


def test_the_events_list_runs_the_same_queries_for_two_or_ten_events(admin_client, team):
    for _ in range(2):
        SignupFactory(event=EventFactory(team=team))
    few = queries_for(admin_client, EVENTS)
    for _ in range(8):
        event = EventFactory(team=TeamFactory())
        SignupFactory(event=event)
        SignupFactory(event=event, status="waitlisted")
    assert queries_for(admin_client, EVENTS) == few


@pytest.mark.parametrize("url", [TEAMS, PEOPLE, SIGNUPS])
def test_the_other_lists_run_a_fixed_number_of_queries(admin_client, url):
    def add_rows():
        team = TeamFactory(status="pending", created_by=VolunteerFactory().user)
        MembershipFactory(team=team)
        SignupFactory(event=EventFactory(team=TeamFactory()))

    add_rows()
    few = queries_for(admin_client, url)
    for _ in range(6):
        add_rows()
    assert queries_for(admin_client, url) == few


# --- Volunteers and sign-ups -----------------------------------------------------------


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
    profile = VolunteerFactory(display_name="旧名字")
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
    assert profile.display_name == "新名字" and profile.phone == "13800138000"
    assert sorted(profile.skills) == ["first_aid", "swimming"]
    assert not profile.show_in_rankings

    bad = admin_client.post(url, {"display_name": "新名字", "phone": "12345", "language": "en"})
    assert bad.status_code == 200
    assert VolunteerProfile.objects.get(pk=profile.pk).phone == "13800138000"


def test_volunteers_cannot_be_added_or_deleted_in_the_admin(admin_client):
    profile = VolunteerFactory()
    assert admin_client.get(f"{PEOPLE}new/").status_code == 404
    assert admin_client.get(f"{PEOPLE}delete/{profile.pk}/").status_code == 404


def test_sign_ups_are_a_read_only_list_filtered_by_event_and_status(admin_client, event, signed_up):
    other = SignupFactory(user=VolunteerFactory(display_name="别的活动的人").user)
    html = admin_client.get(SIGNUPS, {"event": event.pk}).content.decode()
    assert "小水滴甲" in html and "别的活动的人" not in html
    waiting = admin_client.get(SIGNUPS, {"event": event.pk, "status": "waitlisted"})
    assert "小水滴甲" not in waiting.content.decode()
    detail = admin_client.get(reverse("volunteer_signups:inspect", args=[signed_up.pk]))
    assert detail.status_code == 200 and "13900000001" in detail.content.decode()
    assert admin_client.get(f"{SIGNUPS}edit/{other.pk}/").status_code == 404


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
