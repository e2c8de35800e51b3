"""A join request reaches the team's leaders: at once or in a summary at eight, by e-mail or
SMS as each chose, never twice, never to leaders of other teams."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from portal.outbox import OutgoingMail, OutgoingSms
from tests.factories import MembershipFactory, TeamFactory, VolunteerFactory
from volunteers.people.models import VolunteerProfile
from volunteers.teams import tasks
from volunteers.teams.alerts import digest_due_since, join_alerts_set, join_digests_send
from volunteers.teams.models import Membership
from volunteers.teams.services import membership_decline, membership_request

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=SHANGHAI)


def mails(kind: str, to: str):
    return OutgoingMail.objects.filter(kind=f"volunteers/email/{kind}", to=to)


def asked(team, user, when):
    """A request made at ``when`` (the column is set on insert, so it is moved after)."""
    membership = MembershipFactory(team=team, user=user, status="pending")
    Membership.objects.filter(pk=membership.pk).update(requested_at=when)


@pytest.fixture
def applicant(make_volunteer):
    return make_volunteer(display_name="新来的小水滴")


def test_each_request_reaches_every_leader_of_that_team_at_once(team, leader, applicant):
    co_leader = VolunteerFactory(display_name="副队长").user
    MembershipFactory(team=team, user=co_leader, role="leader")
    stranger = TeamFactory(leader=VolunteerFactory().user).memberships.get().user
    membership_request(team=team, user=applicant)
    for person in (leader, co_leader):
        mail = mails("join_request", person.email).get()
        assert "新来的小水滴" in mail.subject and team.name in mail.subject
        assert "/me/lead/" in mail.text_body
    assert not mails("join_request", stranger.email).exists()
    assert not mails("join_request", applicant.email).exists()


def test_asking_again_after_a_decline_tells_the_leaders_again(team, leader, applicant):
    membership = membership_request(team=team, user=applicant)
    membership_decline(membership=membership, by=leader)
    membership_request(team=team, user=applicant)
    assert mails("join_request", leader.email).count() == 2


def test_a_leader_who_chose_sms_gets_a_text_with_name_and_team(team, leader, applicant):
    profile = leader.volunteer
    profile.phone_verified, profile.notify_by = True, "sms"
    profile.save()
    membership_request(team=team, user=applicant)
    sms = OutgoingSms.objects.get(kind="join_request")
    assert sms.to == profile.phone
    assert sms.params == {"team": team.name, "name": "新来的小水滴"}
    assert not mails("join_request", leader.email).exists()


def test_a_leader_who_chose_never_is_not_sent_anything(team, leader, applicant):
    join_alerts_set(user=leader, choice="off")
    membership_request(team=team, user=applicant)
    assert join_digests_send(now=timezone.now() + datetime.timedelta(days=1)) == 0
    assert not OutgoingMail.objects.filter(to=leader.email).exists()


def test_the_summary_is_due_from_eight_beijing_time():
    assert digest_due_since(at(8, 7, 59)) == at(7, 8)
    assert digest_due_since(at(8, 8, 0)) == at(8, 8)
    # 01:30 in Beijing is still the day before in UTC: the summary goes by Beijing's day.
    assert digest_due_since(at(8, 1, 30)) == at(7, 8)


def test_daily_leaders_get_one_summary_at_eight_of_the_new_requests(
    team, leader, applicant, make_volunteer, settings
):
    second_team = TeamFactory(name="汉江护水队", leader=leader)
    join_alerts_set(user=leader, choice="daily")
    VolunteerProfile.objects.filter(user=leader).update(join_digest_sent_at=at(6, 9))
    requested = [
        (team, applicant, at(6, 20)),
        (team, make_volunteer(), at(7, 6)),
        (second_team, make_volunteer(), at(7, 7)),
    ]
    for to_team, person, when in requested:
        asked(to_team, person, when)
    # Nothing at once, nothing before eight.
    assert not mails("join_request", leader.email).exists()
    assert join_digests_send(now=at(7, 7, 55)) == 0

    assert join_digests_send(now=at(7, 8, 5)) == 1
    assert join_digests_send(now=at(7, 8, 10)) == 0  # the next scan finds it sent
    assert tasks.send_join_digests() == 0
    digest = mails("join_requests_digest", leader.email).get()
    assert "3" in digest.subject
    assert f"{team.name}: 2" in digest.text_body and "汉江护水队: 1" in digest.text_body

    # The next day: only what came since, with the total still waiting.
    asked(team, make_volunteer(), at(7, 15))
    assert join_digests_send(now=at(8, 8, 0)) == 1
    latest = mails("join_requests_digest", leader.email).order_by("-pk").first()
    assert f"{team.name}: 1" in latest.text_body and "汉江护水队" not in latest.text_body
    assert "4" in latest.text_body
    # A day with nothing new sends nothing.
    assert join_digests_send(now=at(9, 8, 0)) == 0


def test_switching_to_a_summary_does_not_repeat_requests_already_sent(team, leader, applicant):
    membership_request(team=team, user=applicant)  # sent at once
    join_alerts_set(user=leader, choice="daily")
    assert join_digests_send(now=timezone.now() + datetime.timedelta(days=1)) == 0


def test_an_unknown_choice_is_refused(leader):
    from portal.errors import ServiceError

    with pytest.raises(ServiceError, match="提醒方式"):
        join_alerts_set(user=leader, choice="hourly")
    leader.volunteer.refresh_from_db()
    assert leader.volunteer.join_alerts == "each"
