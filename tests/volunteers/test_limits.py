"""Actions that send mail to others or to oneself are limited per day, with a clear message,
and a refused action saves nothing."""

import pytest
from django.utils import translation

from portal.errors import ServiceError
from portal.outbox import OutgoingMail
from tests.factories import (
    CountyFactory,
    EventFactory,
    ServiceRecordFactory,
    TeamFactory,
    VolunteerFactory,
)
from volunteers.events.models import Signup
from volunteers.events.services.signups import SIGNUPS_AGAIN_PER_DAY, event_signup, signup_cancel
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.services.hours import FLAGS_PER_DAY, record_flag
from volunteers.teams.models import Team
from volunteers.teams.services import TEAMS_PER_DAY, team_register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_one_account_registers_a_few_teams_a_day():
    user, county = VolunteerFactory().user, CountyFactory()
    for n in range(TEAMS_PER_DAY):
        team_register(user=user, name=f"护水队{n}", county=county, description="巡河")
    with pytest.raises(ServiceError, match="You have registered 3 teams today"):
        team_register(user=user, name="又一个护水队", county=county, description="巡河")
    assert Team.objects.filter(created_by=user).count() == TEAMS_PER_DAY
    # Someone else is not held back by it.
    team_register(user=VolunteerFactory().user, name="别人的队", county=county, description="巡河")


def test_cancelling_and_signing_up_again_is_limited_per_event():
    event, user = EventFactory(capacity=10), VolunteerFactory().user
    signup = event_signup(event=event, user=user)
    for _ in range(SIGNUPS_AGAIN_PER_DAY):
        signup_cancel(signup=signup, user=user)
        signup = event_signup(event=event, user=user)
    signup_cancel(signup=signup, user=user)
    mails = OutgoingMail.objects.filter(to=user.email).count()
    with pytest.raises(ServiceError, match="you can sign up again tomorrow"):
        event_signup(event=event, user=user)
    assert Signup.objects.get(pk=signup.pk).status == "cancelled"
    assert OutgoingMail.objects.filter(to=user.email).count() == mails
    # Another event is not affected.
    event_signup(event=EventFactory(capacity=10), user=user)


def test_flags_are_limited_per_day():
    user = VolunteerFactory().user
    team = TeamFactory()
    records = ServiceRecordFactory.create_batch(
        FLAGS_PER_DAY + 1, volunteer=user, team=team, status="submitted"
    )
    for record in records[:-1]:
        record_flag(record=record, user=user, comment="时长不对")
    with pytest.raises(ServiceError, match="You have flagged 10 records today"):
        record_flag(record=records[-1], user=user, comment="时长不对")
    assert ServiceRecord.objects.get(pk=records[-1].pk).flagged_at is None
