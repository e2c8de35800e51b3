"""A team leader's to-do list (/me/lead/): what waits for them, each with its action, the
count in the header, and nothing of teams they do not lead."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    EventFactory,
    MembershipFactory,
    ServiceRecordFactory,
    SignupFactory,
    TeamFactory,
    VolunteerFactory,
)
from tests.utils import en, messages_of, queries_for, text
from tests.volunteers.participation.helpers import make_report
from volunteers.accounts.lead import leader_work
from volunteers.participation.models.reports import ActivityReport
from volunteers.teams.models import Membership

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def past(team, title, *, days=2):
    starts = timezone.now() - datetime.timedelta(days=days)
    return EventFactory(
        team=team,
        title=title,
        starts_at=starts,
    )


@pytest.fixture
def work(team, leader):
    """One of each kind for ``team``; and the same again for a team the leader does not lead."""

    def make(for_team, *, name, by):
        MembershipFactory(team=for_team, user=VolunteerFactory(display_name=name).user,
                          status="pending")  # fmt: skip
        unmarked = past(for_team, f"{name}的巡河")
        SignupFactory(event=unmarked)
        drafted = past(for_team, f"{name}的清漂", days=3)
        ServiceRecordFactory(event=drafted, team=for_team, source="attendance")
        returned = make_report(for_team, by, event=drafted)
        ActivityReport.objects.filter(pk=returned.pk).update(
            status="rejected", reject_reason="请补充照片"
        )
        upcoming = EventFactory(team=for_team, title=f"{name}的下周活动", capacity=2)
        SignupFactory(event=upcoming)
        return unmarked, drafted, returned, upcoming

    mine = make(team, name="申请人甲", by=leader)
    other_leader = VolunteerFactory().user
    make(TeamFactory(leader=other_leader), name="别队申请人", by=other_leader)
    return mine


def test_the_leader_sees_what_waits_with_its_action(client, team, leader, work):
    unmarked, drafted, returned, upcoming = work
    client.force_login(leader)
    page = text(client.get(en("lead")))
    assert "申请人甲" in page and "别队申请人" not in page
    assert f"/en/events/{unmarked.pk}/attendance/" in page  # take attendance
    assert "1 person not marked yet" in page
    assert f"/en/events/{drafted.pk}/attendance/" in page and "1 draft record" in page
    assert f"/en/reports/{returned.pk}/edit/" in page and "请补充照片" in page
    # the event without attendance has no report yet either
    assert f"/en/teams/{team.pk}/reports/new/?event={unmarked.pk}" in page
    assert "申请人甲的下周活动" in page and "1 place free" in page
    assert "1 of 2 places taken" in page
    assert f"/en/events/{upcoming.pk}/signups/" in page
    work_now = leader_work(leader)
    assert (work_now.requests, work_now.attendance, work_now.hours, work_now.reports) == (
        1, 1, 1, 1,
    )  # fmt: skip
    assert work_now.unreported == 1 and work_now.total == 5


def test_the_header_shows_the_count_and_it_falls_as_the_leader_acts(client, team, leader, work):
    client.force_login(leader)
    header = text(client.get(en("event_list"))).split("</header>")[0]
    assert 'href="/en/me/lead/"' in header and ">5</span>" in header
    request = Membership.objects.get(team=team, status="pending")
    response = client.post(
        en("membership_approve", team.pk, request.pk), {"next": en("lead")}, follow=True
    )
    assert response.redirect_chain[-1][0] == en("lead")
    assert "is now a member of the team" in messages_of(response)
    header = text(response).split("</header>")[0]
    assert ">4</span>" in header
    assert "data-request=" not in text(response)  # the request has left the list


def test_someone_who_leads_no_team_has_no_to_do_list(client, volunteer):
    client.force_login(volunteer)
    assert client.get(en("lead")).status_code == 403
    assert client.post(en("lead"), {"join_alerts": "daily"}).status_code == 403
    assert "/me/lead/" not in text(client.get(en("me")))


def test_a_leader_with_nothing_waiting_is_told_so(client, team, leader):
    client.force_login(leader)
    page = text(client.get(en("lead")))
    assert "Nothing waits for you" in page
    assert 'class="count-badge"' not in page.split("</header>")[0]


def test_events_long_past_drop_off_the_list(client, team, leader):
    old = past(team, "两个月前的活动", days=60)
    SignupFactory(event=old)
    assert leader_work(leader).attendance == 0


def test_the_leader_chooses_a_daily_summary(client, team, leader):
    client.force_login(leader)
    response = client.post(en("lead"), {"join_alerts": "daily"}, follow=True)
    assert "Saved" in messages_of(response)
    leader.volunteer.refresh_from_db()
    assert leader.volunteer.join_alerts == "daily"
    response = client.post(en("lead"), {"join_alerts": "hourly"})
    assert response.status_code == 400
    assert "Select a valid choice" in text(response)


def test_the_to_do_page_runs_the_same_queries_however_much_waits(client, team, leader):
    client.force_login(leader)
    url = en("lead")

    def add(n):
        for i in range(n):
            MembershipFactory(team=team, user=VolunteerFactory().user, status="pending")
            event = past(team, f"活动{i}")
            SignupFactory(event=event)
            ServiceRecordFactory(event=event, team=team, source="attendance")
            EventFactory(team=team, title=f"下周{i}")

    add(1)
    few = queries_for(client, url)
    add(8)
    assert queries_for(client, url) == few
