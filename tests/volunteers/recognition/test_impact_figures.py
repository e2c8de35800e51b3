"""The impact dashboard's figures (/impact/): totals, rankings, top teams, and what it costs."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Sum
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from portal.dates import shiyan_today
from tests.factories import (
    CountyFactory,
    EventFactory,
    TeamFactory,
    TownshipFactory,
    VolunteerFactory,
)
from tests.utils import approved
from tests.volunteers.recognition.helpers import URL, approved_report, recount
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport
from volunteers.participation.models.rollups import HoursByMonth
from volunteers.people.models import VolunteerProfile
from volunteers.recognition.selectors import city_totals
from volunteers.teams.models import Team

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def this_year_days_ago() -> int:
    """A day in the past that is still in this calendar year (Shiyan time), when there is one."""
    return 1 if shiyan_today().timetuple().tm_yday > 1 else 0


def last_year_days_ago() -> int:
    return shiyan_today().timetuple().tm_yday + 20


# --- Totals ------------------------------------------------------------------------


def test_totals_equal_a_recount_of_the_approved_rows(client, activity, second_team):
    expected = recount()
    assert expected["hours"] == Decimal("12")  # 3.5 + 2 + 4 + 2.5; the rejected 1.5 is out
    response = client.get(URL)
    assert response.status_code == 200
    totals = response.context["totals"]
    for name, value in expected.items():
        assert totals[name] == value, name
    assert totals["volunteers"] == VolunteerProfile.objects.count()
    assert totals["active_teams"] == 2
    assert totals["events_held"] == 4  # one past event per approved record
    reported = ActivityReport.objects.filter(status="approved", event__isnull=False).count()
    assert totals["events_reported"] == reported
    html = response.content.decode()
    assert 'data-total="hours"' in html
    assert "130.5" in html  # litter: 120.5 + 10 (the report awaiting review is not counted)


@pytest.mark.usefixtures("english")
def test_each_figure_says_what_it_counts_and_where_from(client, activity):
    """Reports and events are two different counts: each says what it is, and the event
    figure says how many of those events have a report."""
    html = client.get(URL).content.decode()
    assert 'data-source="portal"' in html and "Counted on this portal" in html
    reports = html.split('data-total="reports"')[1].split("</li>")[0]
    assert "activities reported" in reports and "announced here first" in reports
    events = html.split('data-total="events_held"')[1].split("</li>")[0]
    assert "events announced here and held" in events
    reported = ActivityReport.objects.filter(status="approved", event__isnull=False).count()
    assert f"{reported} of them" in events


def test_county_and_township_rows_equal_a_recount(client, activity, second_team, team):
    other, _leader = second_team
    counties = {c["code"]: c for c in client.get(URL).context["counties"]}
    for one in (team, other):
        records = ServiceRecord.objects.filter(status="approved", township__county=one.county)
        expected = records.aggregate(h=Sum("hours"))["h"]
        row = counties[one.county.code]
        assert row["hours"] == expected
        assert row["records"] == records.count()
        reports = ActivityReport.objects.filter(status="approved", township__county=one.county)
        assert row["reports"] == reports.count()
        assert row["litter_kg"] == reports.aggregate(s=Sum("litter_kg"))["s"]
        (township,) = row["active_townships"]
        assert township["code"] == one.township.code
        assert township["hours"] == expected


def test_active_teams_need_recent_work_and_approval(team, leader, staff, volunteer):
    assert city_totals()["active_teams"] == 0
    approved(team, leader, staff, volunteer, "2", days_ago=400)
    TeamFactory(status="pending")
    cache.clear()
    assert city_totals()["active_teams"] == 0  # its only event is more than a year old
    EventFactory(team=team)  # upcoming: not held yet
    cache.clear()
    assert city_totals()["active_teams"] == 0
    approved(team, leader, staff, volunteer, "1", days_ago=30)
    cache.clear()
    assert city_totals()["active_teams"] == 1


def test_the_dashboard_is_cached_until_the_next_approval(client, team, leader, staff, volunteer):
    approved(team, leader, staff, volunteer, "2", days_ago=3)
    assert client.get(URL).context["totals"]["hours"] == Decimal("2")
    with override_settings(PAGECACHE_ENABLED=False), CaptureQueriesContext(connection) as seen:
        assert client.get(URL).context["totals"]["hours"] == Decimal("2")
    assert not [q for q in seen if "hoursby" in q["sql"].lower()]  # figures from the cache
    approved(team, leader, staff, volunteer, "3", days_ago=4)
    assert client.get(URL).context["totals"]["hours"] == Decimal("5")


# --- Rankings and personal data ---------------------------------------------------------


def test_only_volunteers_who_opted_in_are_ranked(client, activity):
    first, second = activity["first"], activity["second"]
    VolunteerProfile.objects.filter(user=first).update(show_in_rankings=True)
    response = client.get(URL)
    ranked = response.context["top_volunteers"]
    assert [(v["display_name"], v["hours"]) for v in ranked] == [("清流", Decimal("3.50"))]
    assert set(ranked[0]) == {"rank", "display_name", "star_level", "hours", "stars"}
    html = response.content.decode()
    assert "清流" in html
    assert "碧波" not in html  # more hours, but did not opt in
    assert "河长助手" not in html
    for private in ("王秘密", "赵隐私", "13912345678", "13712345678", first.email, second.email):
        assert private not in html
    assert 'href="/en/me/profile/"' in html
    assert "show my display name in public rankings" in html


def test_opting_out_leaves_the_ranking_at_once(
    client, activity, django_capture_on_commit_callbacks
):
    from volunteers.people.services import profile_update

    first = activity["first"]
    profile = VolunteerProfile.objects.get(user=first)
    with django_capture_on_commit_callbacks(execute=True):
        profile_update(profile=profile, show_in_rankings=True)
    assert [v["display_name"] for v in client.get(URL).context["top_volunteers"]] == ["清流"]

    with django_capture_on_commit_callbacks(execute=True):
        profile_update(profile=profile, show_in_rankings=False)
    assert client.get(URL).context["top_volunteers"] == []


def test_deleted_accounts_never_appear_even_if_they_had_opted_in(client, team, leader, staff):
    from volunteers.accounts.services import account_delete

    user = VolunteerFactory(display_name="将离开", show_in_rankings=True).user
    approved(team, leader, staff, user, "2", days_ago=3)
    account_delete(user=user)
    assert client.get(URL).context["top_volunteers"] == []


def test_ranking_is_empty_with_an_explanation(client):
    with translation.override("en"):
        html = client.get(URL).content.decode()
    assert "No volunteer has chosen to be listed yet." in html


# --- Top teams this year --------------------------------------------------------------


def test_top_teams_only_count_this_year(client, team, leader, staff, make_volunteer, second_team):
    other, other_leader = second_team
    old, new = make_volunteer(), make_volunteer()
    approved(team, leader, staff, old, "4", days_ago=last_year_days_ago())
    approved(team, leader, staff, new, "1", days_ago=this_year_days_ago())
    approved(other, other_leader, staff, new, "3", days_ago=this_year_days_ago())
    assert HoursByMonth.objects.filter(team=team).aggregate(s=Sum("approved_hours"))["s"] == 5

    response = client.get(URL)
    top = [(t["name"], t["hours"]) for t in response.context["top_teams"]]
    assert top == [(other.name, Decimal("3.00")), (team.name, Decimal("1.00"))]
    html = response.content.decode()
    assert f'href="/en/teams/{other.pk}/"' in html
    assert f"Top teams in {shiyan_today().year}" in html


def test_top_teams_leave_out_teams_no_longer_approved(client, team, leader, staff, volunteer):
    approved(team, leader, staff, volunteer, "2", days_ago=this_year_days_ago())
    Team.objects.filter(pk=team.pk).update(status="rejected")
    assert client.get(URL).context["top_teams"] == []


# --- Queries -------------------------------------------------------------------------


def uncached_queries(client, url) -> int:
    client.get(url)  # fills per-process caches (sites, content types)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_a_fixed_number_of_queries_whatever_the_data(client, team, leader, staff, volunteer):
    approved(team, leader, staff, volunteer, "2", days_ago=3)
    approved_report(team, leader, staff)
    county = team.county.code
    few = uncached_queries(client, URL)
    few_focused = uncached_queries(client, f"{URL}?county={county}")

    for n in range(4):
        chief = VolunteerFactory().user
        other = TeamFactory(leader=chief, county=CountyFactory(), name=f"新队{n}")
        TownshipFactory(county=other.county)
        for days in (2, 50, 400):
            user = VolunteerFactory(show_in_rankings=True).user
            approved(other, chief, staff, user, "1.5", days_ago=days)
        approved_report(other, chief, staff, litter_kg="5")
        approved_report(team, leader, staff, days_ago=n + 2)

    assert uncached_queries(client, URL) == few <= 22
    assert uncached_queries(client, f"{URL}?county={county}") == few_focused <= few + 1
    # Cached, only the site's header and footer are read (the figures come from the cache).
    client.get(URL)
    with CaptureQueriesContext(connection) as cached:
        client.get(URL)
    assert not any("volunteers_" in q["sql"] for q in cached.captured_queries)
    assert len(cached) < few - 8
