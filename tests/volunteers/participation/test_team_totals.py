"""The team page's totals band, latest reports and members' star levels."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image as PILImage

from tests.factories import MembershipFactory, TownshipFactory, VolunteerFactory
from tests.utils import queries_for
from volunteers.participation.models.rollups import HoursByVolunteer
from volunteers.participation.services.reports import report_approve, report_save, report_submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_and_english(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with translation.override("en"):
        yield


def team_url(team, action=""):
    return f"/en/teams/{team.pk}/{action}"


def photo(colour="teal") -> SimpleUploadedFile:
    buf = io.BytesIO()
    PILImage.new("RGB", (48, 36), colour).save(buf, "JPEG")
    return SimpleUploadedFile("p.jpg", buf.getvalue(), content_type="image/jpeg")


def report(team, leader, *, days_ago=2, photos=0, hours=None, **figures):
    data = {
        "title": f"巡河{days_ago}",
        "date": timezone.localdate() - datetime.timedelta(days=days_ago),
        "kind": "cleanup",
        "township": team.township,
        "summary": "清理库岸垃圾。",
        "participants": 10,
        **figures,
    }
    return report_save(
        team=team,
        by=leader,
        data=data,
        participants=hours,
        new_photos=[photo() for _ in range(photos)],
    )


def approved(team, leader, staff, **kwargs):
    r = report(team, leader, **kwargs)
    report_submit(report=r, by=leader)
    return report_approve(report=r, by=staff)


@pytest.fixture
def member(team, make_volunteer):
    user = make_volunteer(display_name="河畔小水滴", real_name="李秀英")
    MembershipFactory(team=team, user=user)
    return user


def test_totals_count_only_approved_reports_and_hours(client, team, leader, staff, member):
    page = client.get(team_url(team))
    totals = page.context["totals"]
    assert totals["reports"] == 0 and totals["hours"] == 0 and totals["figures"] == []
    draft = report(team, leader, litter_kg="30", trees=5, hours={member.pk: "4"})
    submitted = report(team, leader, days_ago=3, litter_kg="99")
    report_submit(report=submitted, by=leader)
    assert client.get(team_url(team)).context["totals"]["reports"] == 0

    report_submit(report=draft, by=leader)
    report_approve(report=draft, by=staff)
    approved(team, leader, staff, days_ago=4, litter_kg="12.5", river_km="3", households=20)

    page = client.get(team_url(team))
    totals = page.context["totals"]
    assert totals["reports"] == 2
    assert totals["hours"] == Decimal("4")
    assert totals["litter_kg"] == Decimal("42.5") and totals["river_km"] == Decimal("3")
    assert totals["households"] == 20 and totals["trees"] == 5 and totals["samples"] == 0
    assert [f.name for f in totals["figures"]] == ["litter_kg", "river_km", "households", "trees"]
    body = page.content.decode()
    assert "42.5" in body and "approved service hours" in body
    assert "All 2 reports" in body


def test_the_team_page_shows_the_latest_three_approved_reports(client, team, leader, staff):
    for n in range(4):
        approved(team, leader, staff, days_ago=n + 1, litter_kg="5")
    report(team, leader, days_ago=0, title="未批准")
    page = client.get(team_url(team))
    assert [r.title for r in page.context["latest_reports"]] == ["巡河1", "巡河2", "巡河3"]
    assert "未批准" not in page.content.decode()
    assert team_url(team, "reports/") in page.content.decode()


def test_leaders_see_a_write_a_report_button(client, team, leader, member):
    new_report = f"/en/teams/{team.pk}/reports/new/"
    assert new_report not in client.get(team_url(team)).content.decode()
    client.force_login(member)
    assert new_report not in client.get(team_url(team)).content.decode()
    client.force_login(leader)
    assert new_report in client.get(team_url(team)).content.decode()


def test_members_see_star_levels_the_public_sees_no_names(client, team, leader, member):
    HoursByVolunteer.objects.create(user=member, approved_hours=320, records=40, star_level=2)
    public = client.get(team_url(team)).content.decode()
    assert "河畔小水滴" not in public and "★" not in public
    client.force_login(member)
    page = client.get(team_url(team)).content.decode()
    assert "河畔小水滴" in page and "★★<" in page and "2-star volunteer" in page
    assert "李秀英" not in page
    client.force_login(leader)
    manage = client.get(team_url(team, "manage/")).content.decode()
    assert "★★<" in manage and "2-star volunteer" in manage


def test_the_team_page_runs_a_fixed_number_of_queries_for_reports_and_members(
    client, team, leader, staff, member
):
    approved(team, leader, staff, photos=1, litter_kg="10", hours={member.pk: "2"})
    client.force_login(member)
    few = queries_for(client, team_url(team))
    for n in range(11):
        approved(team, leader, staff, days_ago=n + 3, photos=2, river_km="4", trees=3)
    for n in range(8):
        user = VolunteerFactory(home_township=TownshipFactory()).user
        MembershipFactory(team=team, user=user)
        HoursByVolunteer.objects.create(user=user, approved_hours=100 * n, star_level=min(n, 5))
    page = client.get(team_url(team))
    assert len(page.context["latest_reports"]) == 3 and page.context["totals"]["reports"] == 12
    assert queries_for(client, team_url(team)) == few
    client.force_login(leader)
    as_leader = queries_for(client, team_url(team))
    approved(team, leader, staff, days_ago=30, photos=3)
    assert queries_for(client, team_url(team)) == as_leader


def test_report_pages_run_a_fixed_number_of_queries(client, team, leader, staff):
    first = approved(team, leader, staff, photos=1, litter_kg="10")
    few_detail = queries_for(client, f"/en/reports/{first.pk}/")
    few_list = queries_for(client, team_url(team, "reports/"))
    many = approved(team, leader, staff, days_ago=5, photos=9, litter_kg="10")
    for n in range(12):
        approved(team, leader, staff, days_ago=n + 6, photos=2)
    assert queries_for(client, f"/en/reports/{many.pk}/") == few_detail
    assert queries_for(client, team_url(team, "reports/")) == few_list
    client.force_login(leader)
    for n in range(3):
        report(team, leader, days_ago=n + 20, photos=1)
    leader_list = queries_for(client, team_url(team, "reports/"))
    report(team, leader, days_ago=40, photos=2)
    assert queries_for(client, team_url(team, "reports/")) == leader_list


def test_the_manage_page_keeps_a_fixed_number_of_queries_with_star_levels(client, team, leader):
    client.force_login(leader)
    few = queries_for(client, team_url(team, "manage/"))
    for n in range(6):
        user = VolunteerFactory().user
        MembershipFactory(team=team, user=user)
        HoursByVolunteer.objects.create(user=user, approved_hours=200 * n, star_level=min(n, 5))
    assert queries_for(client, team_url(team, "manage/")) == few
