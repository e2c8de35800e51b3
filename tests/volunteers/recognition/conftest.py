"""Fixtures shared by the recognition tests."""

import pytest

from tests.factories import (
    CountyFactory,
    MembershipFactory,
    SignupFactory,
    TeamFactory,
    TownshipFactory,
    VolunteerFactory,
)
from tests.utils import approved, past_event
from tests.volunteers.helpers import fields
from tests.volunteers.recognition.helpers import approved_report, make_officer
from volunteers.participation.services.attendance import (
    record_create_for_attendance,
    records_submit,
)
from volunteers.participation.services.hours import record_reject
from volunteers.participation.services.reports import report_save, report_submit

# --- The impact dashboard ------------------------------------------------------------


@pytest.fixture
def second_team(db):
    """An approved team in another county, with its own leader."""
    leader = VolunteerFactory(display_name="二队队长").user
    county = CountyFactory(name_zh="郧阳区", name_en="Yunyang District")
    township = TownshipFactory(county=county, name_zh="柳陂镇", name_en="Liubei Town")
    return TeamFactory(leader=leader, county=county, township=township, name="郧阳护水队"), leader


@pytest.fixture
def activity(team, leader, staff, make_volunteer, second_team):
    """Approved hours and reports in two counties, plus records and reports that must not count."""
    other, other_leader = second_team
    first = make_volunteer(display_name="清流", real_name="王秘密", phone="13912345678")
    second = make_volunteer(display_name="碧波", real_name="赵隐私", phone="13712345678")
    approved(team, leader, staff, first, "3.5", days_ago=3)
    approved(team, leader, staff, second, "2", days_ago=40)
    approved(other, other_leader, staff, second, "4", days_ago=5)
    dropped = approved(other, other_leader, staff, first, "1.5", days_ago=6)
    record_reject(record=dropped, reason="记错了", by=staff)
    member = make_volunteer(display_name="河长助手")
    MembershipFactory(team=team, user=member)
    approved_report(
        team, leader, staff, participants={member.pk: "2.5"}, litter_kg="120.5", river_km="3"
    )
    approved_report(other, other_leader, staff, days_ago=2, litter_kg="10", households=12, trees=7)
    # A report still with staff counts nowhere.
    waiting = report_save(team=team, by=leader, data=fields(team, litter_kg="999"))
    report_submit(report=waiting, by=leader)
    return {"first": first, "second": second, "member": member}


# --- Exports ---------------------------------------------------------------------------


@pytest.fixture
def officer(db):
    """A member of the "Volunteer staff" group (not a superuser)."""
    return make_officer("导出员小李")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


class World:
    """Records in two counties, a formula-like name, one not yet approved, one long ago."""


@pytest.fixture
def world(staff, private_files):
    w = World()
    w.county_a = CountyFactory(name_zh="郧阳区", name_en="Yunyang")
    w.county_b = CountyFactory(name_zh="丹江口市", name_en="Danjiangkou")
    w.town_a = TownshipFactory(county=w.county_a, name_zh="柳陂镇", name_en="Liupi")
    w.town_b = TownshipFactory(county=w.county_b, name_zh="习家店镇", name_en="Xijiadian")
    w.leader_a = VolunteerFactory(display_name="队长甲").user
    w.leader_b = VolunteerFactory(display_name="队长乙").user
    w.team_a = TeamFactory(
        name="柳陂护水队", county=w.county_a, township=w.town_a, leader=w.leader_a
    )
    w.team_b = TeamFactory(
        name="习家店护水队", county=w.county_b, township=w.town_b, leader=w.leader_b
    )
    w.fang = VolunteerFactory(display_name="小水滴甲", real_name="王芳", phone="13900000001").user
    w.formula = VolunteerFactory(
        display_name="=HYPERLINK(1)", real_name="@SUM(A1)", phone="13900000002"
    ).user
    w.other = VolunteerFactory(display_name="小水滴乙", real_name="李强").user

    w.fang_old = approved(w.team_a, w.leader_a, staff, w.fang, "2", days_ago=400)
    w.fang_recent = approved(w.team_a, w.leader_a, staff, w.fang, "3.5", days_ago=10)
    w.formula_rec = approved(w.team_a, w.leader_a, staff, w.formula, "2", days_ago=3)
    w.other_rec = approved(w.team_b, w.leader_b, staff, w.other, "1.5", days_ago=5)

    event = past_event(w.team_a, hours=4, days_ago=4)
    SignupFactory(event=event, user=w.fang)
    w.submitted = record_create_for_attendance(event=event, user=w.fang, hours="1", by=w.leader_a)
    records_submit(event=event, by=w.leader_a)
    return w
