"""Goals counted from the volunteer domain: approved hours and approved activity reports."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from campaigns.progress import goal_progress
from tests.campaigns.conftest import translate
from tests.factories import (
    CampaignPageFactory,
    EventFactory,
    ServiceRecordFactory,
    TeamFactory,
    VolunteerFactory,
)
from tests.utils import queries_for
from volunteers.participation.models.reports import ActivityReport
from volunteers.participation.services.attendance import (
    record_create_for_attendance,
    records_submit,
)
from volunteers.participation.services.hours import record_approve, record_reject

pytestmark = pytest.mark.django_db

HOURS = {"label": "志愿服务时长", "kind": "hours", "target": 100, "unit": "小时"}
ACTIVITIES = {"label": "活动报告", "kind": "activities", "target": 20, "unit": "次"}


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


@pytest.fixture
def leader(db):
    return VolunteerFactory(display_name="库区老张").user


@pytest.fixture
def team(leader):
    return TeamFactory(leader=leader)


@pytest.fixture
def staff(db):
    user = VolunteerFactory(display_name="工作人员").user
    user.is_staff = True
    user.save()
    return user


def make(index, *goals):
    page = CampaignPageFactory(parent=index, goals=list(goals))
    return page, page.goals.order_by("sort_order").first()


def past_event(team, *, campaign=None, days_ago=2, hours=3):
    starts = (timezone.localtime() - datetime.timedelta(days=days_ago)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return EventFactory(
        team=team,
        campaign=campaign,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        signup_deadline=starts - datetime.timedelta(days=1),
    )


def approved_hours(event, leader, staff, *hours):
    """Approved records of ``event`` for new volunteers, through the services."""
    records = [
        record_create_for_attendance(event=event, user=VolunteerFactory().user, hours=h, by=leader)
        for h in hours
    ]
    records_submit(event=event, by=leader)
    return [record_approve(record=r, by=staff) for r in records]


def report(team, *, campaign, status="approved", days_ago=5):
    return ActivityReport.objects.create(
        team=team,
        title="清漂活动",
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        kind="cleanup",
        township=team.township,
        summary="在库区岸边清理漂浮垃圾。",
        participants=5,
        campaign=campaign,
        status=status,
    )


# --- Approved hours ---------------------------------------------------------------


def test_hours_of_linked_events_and_reports_count_once_approved(
    campaigns_index, team, leader, staff
):
    page, goal = make(campaigns_index, HOURS)
    other, _other_goal = make(campaigns_index, HOURS)
    event = past_event(team, campaign=page)
    approved_hours(event, leader, staff, "2.5", "3")
    waiting = record_create_for_attendance(
        event=event, user=VolunteerFactory().user, hours=2, by=leader
    )
    refused = record_create_for_attendance(
        event=event, user=VolunteerFactory().user, hours=1, by=leader
    )
    records_submit(event=event, by=leader)
    record_reject(record=refused, reason="Not at the event", by=staff)
    approved_hours(past_event(team, campaign=other, days_ago=3), leader, staff, "3")
    approved_hours(past_event(team, days_ago=4), leader, staff, "3")  # no campaign
    linked = report(team, campaign=page)
    ServiceRecordFactory(
        report=linked,
        team=team,
        hours=Decimal("1.25"),
        status="approved",
        decided_at=timezone.now(),
    )
    ServiceRecordFactory(report=linked, team=team, hours=4, status="submitted")
    ServiceRecordFactory(report=report(team, campaign=other), team=team, hours=4, status="approved")

    progress = goal_progress(goal=goal)

    assert progress.value == Decimal("6.75")  # 2.5 + 3 + 1.25
    assert progress.last_updated == timezone.localdate()
    assert progress.percent_text == "7 %"
    waiting.refresh_from_db()
    assert waiting.status == "submitted"


def test_hours_over_time_are_cumulative_per_day_of_the_activity(
    campaigns_index, team, leader, staff
):
    page, goal = make(campaigns_index, HOURS)
    early = past_event(team, campaign=page, days_ago=10)
    late = past_event(team, campaign=page, days_ago=2)
    approved_hours(early, leader, staff, "2.5", "1")
    approved_hours(late, leader, staff, "2")

    series = goal_progress(goal=goal, series=True).series

    assert series == [
        (timezone.localdate(early.starts_at), Decimal("3.5")),
        (timezone.localdate(late.starts_at), Decimal("5.5")),
    ]


def test_hours_on_the_translation_count_for_both_languages(
    client, campaigns_index, en_locale, team, leader, staff
):
    page, goal = make(campaigns_index, HOURS)
    english = translate(page, "Volunteer hours")
    approved_hours(past_event(team, campaign=page, days_ago=6), leader, staff, "2.5")
    approved_hours(past_event(team, campaign=english, days_ago=3), leader, staff, "1.75")

    assert goal_progress(goal=goal).value == Decimal("4.25")
    assert goal_progress(goal=english.goals.get()).value == Decimal("4.25")
    for url in (page.url, english.url):
        html = client.get(url).content.decode()
        value = re.search(r"<span class=\"goal__value\" data-goal-value>([^<]*)<", html)
        assert value.group(1) == "4.25", url
        bar = re.search(r'<div class="progress" role="progressbar"[^>]*>', html).group(0)
        assert 'aria-valuenow="4.25"' in bar and 'aria-valuemax="100"' in bar
        chart = re.search(r"<svg class=\"chart\".*?</svg>", html, re.S).group(0)
        assert "4.25" in chart


def test_a_goal_without_approved_hours_is_zero_with_no_date(campaigns_index, team, leader):
    page, goal = make(campaigns_index, HOURS)
    event = past_event(team, campaign=page)
    record_create_for_attendance(event=event, user=VolunteerFactory().user, hours=2, by=leader)
    progress = goal_progress(goal=goal, series=True)
    assert progress.value == 0 and progress.last_updated is None and progress.series == []


# --- Approved activity reports ----------------------------------------------------------


def test_activities_goal_counts_approved_reports_only(campaigns_index, team, en_locale):
    page, goal = make(campaigns_index, ACTIVITIES)
    other, _other_goal = make(campaigns_index, ACTIVITIES)
    english = translate(page, "Activities")
    report(team, campaign=page, days_ago=9)
    report(team, campaign=page, days_ago=4)
    report(team, campaign=english, days_ago=4)
    for status in ("draft", "submitted", "rejected"):
        report(team, campaign=page, status=status)
    report(team, campaign=other)
    report(team, campaign=None)

    progress = goal_progress(goal=goal, series=True)

    assert progress.value == 3
    assert progress.series == [
        (timezone.localdate() - datetime.timedelta(days=9), 1),
        (timezone.localdate() - datetime.timedelta(days=4), 3),
    ]
    # Reports approved outside the services have no review date: the latest activity's is used.
    assert progress.last_updated == timezone.localdate() - datetime.timedelta(days=4)
    assert goal_progress(goal=english.goals.get()).value == 3


def test_activities_last_updated_is_the_latest_review(campaigns_index, team):
    page, goal = make(campaigns_index, ACTIVITIES)
    reviewed = report(team, campaign=page, days_ago=20)
    reviewed.decided_at = timezone.now() - datetime.timedelta(days=1)
    reviewed.save()
    assert goal_progress(goal=goal).last_updated == timezone.localdate() - datetime.timedelta(
        days=1
    )


# --- Pages ----------------------------------------------------------------------------


def test_campaign_page_runs_the_same_queries_however_many_hours_and_reports(
    client, campaigns_index, team, leader, staff
):
    page, _goal = make(campaigns_index, HOURS, ACTIVITIES)

    def add(n):
        for i in range(n):
            ServiceRecordFactory(
                event=past_event(team, campaign=page, days_ago=i + 2),
                team=team,
                hours=Decimal("1.5"),
                status="approved",
                decided_at=timezone.now(),
            )
            report(team, campaign=page, days_ago=i + 2)

    add(1)
    few = queries_for(client, page.url)
    add(8)
    assert queries_for(client, page.url) == few


def test_the_index_card_shows_hours_with_their_decimals(
    client, campaigns_index, team, leader, staff
):
    page, _goal = make(campaigns_index, HOURS)
    approved_hours(past_event(team, campaign=page), leader, staff, "2.25")
    html = client.get(campaigns_index.url).content.decode()
    assert re.search(r"data-goal-value>2\.25<", html)


def test_hours_of_an_event_count_for_the_campaign_its_report_is_linked_to(home):
    """The event is not linked, but the leader's report about it is."""
    import datetime as dt

    from django.utils import timezone as tz

    from tests.factories import (
        CampaignIndexPageFactory,
        CampaignPageFactory,
        SignupFactory,
        TeamFactory,
        VolunteerFactory,
    )
    from tests.utils import past_event
    from volunteers.participation.services.attendance import attendance_save
    from volunteers.participation.services.reports import report_approve, report_save, report_submit

    campaign = CampaignPageFactory(
        parent=CampaignIndexPageFactory(parent=home),
        goals=[{"kind": "hours", "label": "志愿服务时长", "unit": "小时", "target": 100}],
    )
    leader = VolunteerFactory().user
    staff = VolunteerFactory().user
    staff.is_staff = True
    staff.save()
    team = TeamFactory(leader=leader)
    event = past_event(team)
    signup = SignupFactory(event=event)
    attendance_save(event=event, marks={signup.pk: ("present", "2.5")}, by=leader)
    report = report_save(
        team=team,
        by=leader,
        data={
            "event": event,
            "campaign": campaign,
            "title": "库湾清漂",
            "kind": "cleanup",
            "summary": "清漂。",
            "participants": 3,
            "date": tz.localdate() - dt.timedelta(days=2),
        },
    )
    report_submit(report=report, by=leader)
    report_approve(report=report, by=staff)

    from campaigns.goals import goal_figures

    goal = campaign.goals.get()
    assert goal_figures([goal])[goal.pk].value == 2.5


def test_the_campaign_page_says_what_volunteers_did_for_it(
    client, campaigns_index, team, leader, staff
):
    page, _goal = make(campaigns_index, HOURS)
    approved_hours(past_event(team, campaign=page), leader, staff, "2.5", "3")
    done = report(team, campaign=page)
    done.litter_kg, done.trees = Decimal("40.5"), 12
    done.save()
    report(team, campaign=page, status="submitted")  # not counted yet

    html = client.get(page.url).content.decode()
    card = html.split("data-campaign-volunteers")[1].split("</section>")[0]
    assert 'data-total="hours"><span class="campaign-volunteers__value">5.5<' in card
    assert 'data-total="reports"><span class="campaign-volunteers__value">1<' in card
    assert "40.5" in card and 'data-total="trees"' in card
    assert 'data-total="river_km"' not in card  # nothing patrolled: not shown


def test_a_campaign_without_volunteer_work_shows_no_card(client, campaigns_index):
    page, _goal = make(campaigns_index, HOURS)
    assert "data-campaign-volunteers" not in client.get(page.url).content.decode()


def test_a_record_linked_to_two_campaigns_counts_for_its_events_campaign_only(
    campaigns_index, team, leader, staff
):
    page, goal = make(campaigns_index, HOURS)
    other, other_goal = make(campaigns_index, HOURS)
    event = past_event(team, campaign=page)
    approved_hours(event, leader, staff, "2")
    done = report(team, campaign=other)
    done.event = event
    done.save()

    assert goal_progress(goal=goal).value == Decimal("2")
    assert goal_progress(goal=other_goal).value == Decimal("0")


def test_a_new_approval_shows_at_once_despite_the_cache(
    client, campaigns_index, team, leader, staff, django_capture_on_commit_callbacks
):
    page, goal = make(campaigns_index, HOURS)
    event = past_event(team, campaign=page)
    approved_hours(event, leader, staff, "2")
    assert goal_progress(goal=goal).value == Decimal("2")  # now cached

    record = record_create_for_attendance(
        event=event, user=VolunteerFactory().user, hours="1.5", by=leader
    )
    records_submit(event=event, by=leader)
    with django_capture_on_commit_callbacks(execute=True):
        record_approve(record=record, by=staff)

    assert goal_progress(goal=goal).value == Decimal("3.5")
