"""Fixtures shared by the participation tests."""

import datetime

import pytest
from django.utils import timezone
from wagtail.users.models import UserProfile

from tests import utils
from tests.factories import (
    CampaignIndexPageFactory,
    EventFactory,
    MembershipFactory,
    TeamFactory,
    VolunteerFactory,
)
from tests.volunteers.helpers import in_english
from tests.volunteers.participation.helpers import PER_PAGE
from volunteers.participation.admin.hours_queue import ServiceRecordIndexView
from volunteers.participation.admin.reports import ReportIndexView
from volunteers.roles import volunteer_staff_group_ensure


@pytest.fixture
def done_event(team):
    return utils.past_event(team)  # the helper, not the ``past_event`` fixture below


# --- The admin review queues --------------------------------------------------------------


@pytest.fixture
def staff_client(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    return client


@pytest.fixture
def small_pages(monkeypatch):
    """Five rows a page, so a dozen records make three pages."""
    for view in (ServiceRecordIndexView, ReportIndexView):
        monkeypatch.setattr(view, "get_paginate_by", lambda self, queryset: PER_PAGE)


@pytest.fixture
def officer(db):
    """A member of the "Volunteer staff" group (not a superuser)."""
    user = VolunteerFactory(display_name="审核员小李").user
    volunteer_staff_group_ensure(users=[user])
    return in_english(user)


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, with the admin speaking English."""
    client.force_login(in_english(admin_user))
    return client


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


# --- The report pages ---------------------------------------------------------------------


@pytest.fixture
def member(team, make_volunteer):
    user = make_volunteer(display_name="河畔小水滴", real_name="李秀英", phone="13912345678")
    MembershipFactory(team=team, user=user)
    return user


@pytest.fixture
def other_team(make_volunteer):
    return TeamFactory(leader=make_volunteer(display_name="别队队长"))


@pytest.fixture
def past_event(team):
    starts = timezone.localtime() - datetime.timedelta(days=3)
    return EventFactory(
        team=team,
        title="丹江口库岸清漂",
        kind="cleanup",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        signup_deadline=starts - datetime.timedelta(days=1),
        meeting_point="码头",
    )


@pytest.fixture
def home_page_for_campaigns(home):
    """A campaigns index in English: the form offers campaigns in the page's language."""
    from portal.models import HomePage

    return CampaignIndexPageFactory(parent=HomePage.objects.get(locale__language_code="en"))
