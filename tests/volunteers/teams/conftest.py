"""Fixtures shared by the team tests."""

import pytest

from tests.factories import MembershipFactory, TeamFactory


@pytest.fixture
def member(team, make_volunteer):
    user = make_volunteer(display_name="河畔小水滴", real_name="李秀英", phone="13912345678")
    MembershipFactory(team=team, user=user)
    return user


@pytest.fixture
def other_team(make_volunteer):
    return TeamFactory(leader=make_volunteer(display_name="别队队长"))
