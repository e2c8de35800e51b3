import pytest

from tests.factories import EventFactory, TeamFactory, VolunteerFactory


@pytest.fixture
def volunteer(db):
    return VolunteerFactory().user


@pytest.fixture
def make_volunteer(db):
    return lambda **kw: VolunteerFactory(**kw).user


@pytest.fixture
def leader(db):
    return VolunteerFactory(display_name="库区老张").user


@pytest.fixture
def team(leader):
    return TeamFactory(leader=leader)


@pytest.fixture
def event(team):
    return EventFactory(team=team, capacity=2)


@pytest.fixture
def staff(db):
    user = VolunteerFactory(display_name="工作人员").user
    user.is_staff = True
    user.save()
    return user
