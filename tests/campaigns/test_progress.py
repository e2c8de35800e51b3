"""Progress is counted from data: staff updates, pledges and finished volunteer activities."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone, translation

from campaigns.choices import CampaignStatus, campaign_status
from campaigns.progress import goal_progress
from portal.dates import shiyan_today
from tests.campaigns.conftest import translate
from tests.factories import CampaignPageFactory, EventFactory, GoalUpdateFactory, PledgeFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def days(n):
    return shiyan_today() + datetime.timedelta(days=n)


def make(index, **goal):
    page = CampaignPageFactory(parent=index, goals=[{"label": "目标", "unit": "辆", **goal}])
    return page, page.goals.get()


# --- Manual figures -------------------------------------------------------------------


def test_manual_progress_is_the_latest_update_by_date(campaigns_index):
    _page, goal = make(campaigns_index, kind="manual", target=728)
    GoalUpdateFactory(goal=goal, date=days(-10), value=276)
    GoalUpdateFactory(goal=goal, date=days(-100), value=117)  # entered later, dated earlier

    progress = goal_progress(goal=goal, series=True)
    assert progress.value == 276
    assert progress.last_updated == days(-10)
    assert progress.series == [(days(-100), 117), (days(-10), 276)]
    assert round(progress.percent, 1) == Decimal("37.9")
    assert progress.percent_text == "38 %"
    assert progress.bar_width == "37.9"
    assert not progress.reached


def test_manual_goal_without_updates_is_zero_with_no_date(campaigns_index):
    _page, goal = make(campaigns_index, kind="manual", target=284)
    progress = goal_progress(goal=goal)
    assert progress.value == 0 and progress.last_updated is None
    assert progress.percent == 0 and progress.percent_text == "0 %"


def test_over_100_percent_keeps_the_real_figure_and_caps_the_bar(campaigns_index):
    _page, goal = make(campaigns_index, kind="manual", target=728)
    GoalUpdateFactory(goal=goal, value=815)
    progress = goal_progress(goal=goal)
    assert progress.percent_text == "112 %"
    assert progress.bar_width == "100.0"
    assert progress.aria_now == progress.aria_max == "728"
    assert progress.reached


def test_zero_target_has_no_percentage_and_never_divides_by_zero(campaigns_index):
    _page, goal = make(campaigns_index, kind="manual", target=0)
    GoalUpdateFactory(goal=goal, value=42)
    progress = goal_progress(goal=goal)
    assert progress.value == 42
    assert progress.percent is None and progress.percent_text == ""
    assert not progress.has_target and not progress.reached


def test_a_tiny_share_is_not_rounded_down_to_zero(campaigns_index):
    _page, goal = make(campaigns_index, kind="manual", target=330000)
    GoalUpdateFactory(goal=goal, value=12)
    assert goal_progress(goal=goal).percent_text == "under 1 %"


def test_updates_entered_on_either_language_count_for_both(campaigns_index, en_locale):
    page, goal = make(campaigns_index, kind="manual", target=100)
    english = translate(page, "Green travel")
    english_goal = english.goals.get()
    assert english_goal.translation_key == goal.translation_key
    GoalUpdateFactory(goal=goal, value=60)
    assert goal_progress(goal=english_goal).value == 60


# --- Pledges ------------------------------------------------------------------------------


def test_pledges_goal_counts_active_pledges_only(campaigns_index):
    page, goal = make(campaigns_index, kind="pledges", target=1000)
    PledgeFactory.create_batch(3, campaign=page)
    PledgeFactory(campaign=page, withdrawn_at=timezone.now())
    PledgeFactory(campaign=page, hidden_at=timezone.now())
    progress = goal_progress(goal=goal)
    assert progress.value == 3
    assert progress.last_updated == shiyan_today()


def test_pledges_over_time_are_cumulative_per_day(campaigns_index):
    page, goal = make(campaigns_index, kind="pledges", target=10)
    now = timezone.now()
    for offset in (-3, -3, -1):
        PledgeFactory(campaign=page, created_at=now + datetime.timedelta(days=offset))
    series = goal_progress(goal=goal, series=True).series
    assert [value for _day, value in series] == [2, 3]
    assert series[-1][0] == timezone.localdate(now + datetime.timedelta(days=-1))


def test_pledges_on_the_translation_count_for_the_campaign(campaigns_index, en_locale):
    page, goal = make(campaigns_index, kind="pledges", target=10)
    english = translate(page, "Clean plates")
    PledgeFactory(campaign=page)
    PledgeFactory(campaign=english)
    assert goal_progress(goal=goal).value == 2
    assert goal_progress(goal=english.goals.get()).value == 2


# --- Linked volunteer activities ------------------------------------------------------------


def past_event(**kwargs):
    starts = timezone.now() - datetime.timedelta(days=kwargs.pop("days_ago", 3))
    return EventFactory(
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        signup_deadline=starts - datetime.timedelta(days=1),
        **kwargs,
    )


def test_events_goal_counts_finished_not_cancelled_linked_events(campaigns_index):
    page, goal = make(campaigns_index, kind="events", target=40)
    past_event(campaign=page, days_ago=10)
    past_event(campaign=page, days_ago=2)
    past_event(campaign=page, status="cancelled")
    EventFactory(campaign=page)  # still to come
    past_event()  # not linked
    progress = goal_progress(goal=goal, series=True)
    assert progress.value == 2
    assert [value for _day, value in progress.series] == [1, 2]
    assert progress.percent_text == "5 %"


def test_events_linked_to_the_translation_count_too(campaigns_index, en_locale):
    page, goal = make(campaigns_index, kind="events", target=40)
    english = translate(page, "Little Water Drops")
    past_event(campaign=english)
    assert goal_progress(goal=goal).value == 1


# --- Status from dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "status"),
    [
        (TODAY + datetime.timedelta(days=1), None, CampaignStatus.UPCOMING),
        (TODAY, None, CampaignStatus.RUNNING),
        (TODAY - datetime.timedelta(days=400), None, CampaignStatus.RUNNING),
        (TODAY - datetime.timedelta(days=10), TODAY, CampaignStatus.RUNNING),
        (TODAY - datetime.timedelta(days=10), TODAY - datetime.timedelta(days=1), "finished"),
        (TODAY, TODAY, CampaignStatus.RUNNING),
    ],
)
def test_status_comes_from_the_dates(start, end, status):
    assert campaign_status(start, end, TODAY) == status


def test_status_uses_the_date_in_shiyan_not_utc(campaigns_index):
    page = CampaignPageFactory(
        parent=campaigns_index, start_date=datetime.date(2026, 1, 2), end_date=None
    )
    # 17:30 UTC on 1 January is 01:30 on 2 January in Shiyan.
    moment = datetime.datetime(2026, 1, 1, 17, 30, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        assert page.status == CampaignStatus.RUNNING
    with mock.patch("django.utils.timezone.now", return_value=moment - datetime.timedelta(hours=2)):
        assert page.status == CampaignStatus.UPCOMING


def test_a_campaign_cannot_end_before_it_starts(campaigns_index):
    from django.core.exceptions import ValidationError

    page = CampaignPageFactory.build(start_date=TODAY, end_date=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_date" in error.value.message_dict
