"""Fixtures shared by the event tests."""

import pytest

from tests.factories import EventFactory, MembershipFactory, TeamFactory
from tests.volunteers.events.helpers import local


@pytest.fixture
def member(team, make_volunteer):
    user = make_volunteer(display_name="队员")
    MembershipFactory(team=team, user=user)
    return user


@pytest.fixture
def assorted(team, staff):
    """One event of each kind the public feeds must or must not show."""
    pending = TeamFactory(status="pending")
    return {
        "public": EventFactory(team=team, title="公开巡河"),
        "staff": EventFactory(team=None, title="机关清漂", kind="cleanup", created_by=staff),
        "members": EventFactory(team=team, title="队内活动", visibility="members"),
        "cancelled": EventFactory(team=team, title="取消的活动", status="cancelled"),
        "past": EventFactory(
            team=team,
            title="过去的活动",
            starts_at=local(-10),
            ends_at=local(-10, 12),
            signup_deadline=local(-11),
        ),
        "pending": EventFactory(team=pending, title="未审核队伍活动"),
    }


@pytest.fixture
def other_leader(make_volunteer):
    return make_volunteer(display_name="别队队长")


@pytest.fixture
def other_team(other_leader):
    return TeamFactory(leader=other_leader)
