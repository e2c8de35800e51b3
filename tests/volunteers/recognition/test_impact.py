"""The public impact dashboard (/impact/) and the home page's live totals."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Sum
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from portal.charts import nice_ceiling
from portal.dates import shiyan_today
from tests.factories import (
    CountyFactory,
    EventFactory,
    MembershipFactory,
    TeamFactory,
    TownshipFactory,
    VolunteerFactory,
)
from tests.volunteers.conftest import approved
from tests.volunteers.participation.test_reports import fields
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport
from volunteers.participation.models.rollups import HoursByMonth
from volunteers.participation.services.hours import record_reject
from volunteers.participation.services.reports import report_approve, report_save, report_submit
from volunteers.people.models import VolunteerProfile
from volunteers.recognition.charts import hours_by_month_chart
from volunteers.recognition.selectors import city_totals, impact_dashboard, month_start
from volunteers.teams.models import Team

pytestmark = pytest.mark.django_db

URL = "/en/impact/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def approved_report(team, leader, staff, *, participants=None, days_ago=1, **figures):
    data = fields(team, date=timezone.localdate() - datetime.timedelta(days=days_ago), **figures)
    report = report_save(team=team, by=leader, data=data, participants=participants)
    report_submit(report=report, by=leader)
    return report_approve(report=report, by=staff)


def this_year_days_ago() -> int:
    """A day in the past that is still in this calendar year (Shiyan time), when there is one."""
    return 1 if shiyan_today().timetuple().tm_yday > 1 else 0


def last_year_days_ago() -> int:
    return shiyan_today().timetuple().tm_yday + 20


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


def recount() -> dict:
    records = ServiceRecord.objects.filter(status="approved")
    reports = ActivityReport.objects.filter(status="approved")
    hours = records.aggregate(hours=Sum("hours"))["hours"] or Decimal(0)
    sums = reports.aggregate(
        reports=Count("pk"),
        litter_kg=Sum("litter_kg"),
        river_km=Sum("river_km"),
        households=Sum("households"),
        samples=Sum("samples"),
        trees=Sum("trees"),
    )
    return {
        "hours": hours,
        "volunteers_with_hours": records.values("volunteer").distinct().count(),
        **sums,
    }


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
    html = response.content.decode()
    assert 'data-total="hours"' in html
    assert "130.5" in html  # litter: 120.5 + 10 (the report awaiting review is not counted)


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


# --- The county filter ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["abc", "999999999999", "4203' OR 1=1 --", "4" * 500, "<script>", "郧阳区", "%00", " "],
)
def test_bad_county_values_show_the_whole_city_with_a_notice(client, activity, value):
    response = client.get(URL, {"county": value})
    assert response.status_code == 200
    assert response.context["focus"] is None
    html = response.content.decode()
    if value.strip():
        assert "We could not find that county, so the whole city is shown." in html
    assert "<script>alert" not in html
    assert len(response.context["counties"]) == len(response.context["all_counties"])


def test_no_county_is_no_notice(client, activity):
    html = client.get(URL, {"county": ""}).content.decode()
    assert "We could not find that county" not in html


def test_a_county_focuses_the_table_chart_and_map(client, activity, second_team, team):
    other, _leader = second_team
    response = client.get(URL, {"county": other.county.code})
    assert response.status_code == 200
    assert response.context["focus"]["code"] == other.county.code
    assert [c["code"] for c in response.context["counties"]] == [other.county.code]
    html = response.content.decode()
    assert "The map, the table and the chart show Yunyang District." in html
    assert "Approved hours by month: Yunyang District" in html
    assert "Liubei Town" in html
    assert team.township.name_en not in html
    # The totals band stays city-wide; the chart is the county's.
    assert response.context["totals"]["hours"] == recount()["hours"]
    assert sum(h for _m, h in response.context["months"]) == Decimal("4")


def test_chinese_page_names_places_in_chinese(client, activity, second_team):
    other, _leader = second_team
    html = client.get("/impact/", {"county": other.county.code}).content.decode()
    assert "柳陂镇" in html
    assert "Liubei Town" not in html


# --- Chart, map and table ---------------------------------------------------------------


def test_the_chart_map_and_table_are_on_the_page(client, activity):
    html = client.get(URL).content.decode()
    assert '<svg class="chart impact-chart"' in html
    assert '<title id="impact-chart-title">Approved service hours per month: Shiyan</title>' in html
    assert '<desc id="impact-chart-desc">' in html
    assert "<details" in html and "Show the figures as a table" in html
    assert 'class="folium-map qs-map"' in html
    assert "L.circleMarker" in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "Counties in figures" in html
    assert '<th scope="col" class="impact-num">Approved hours</th>' in html


def test_the_page_has_empty_states_before_any_approval(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "folium-map" not in html
    assert '<svg class="chart' not in html
    assert "No approved service hours in the last 24 months yet." in html
    assert "No team has approved hours this year yet." in html
    assert "No approved hours or activity reports yet." in html


def test_the_chart_escapes_text_and_describes_the_figures():
    today = shiyan_today()
    months = [(month_start(today, back), Decimal(back)) for back in range(3, -1, -1)]
    svg = hours_by_month_chart(months=months, chart_id="c", place="<b>县</b>")
    assert "<b>" not in svg
    assert "&lt;b&gt;县&lt;/b&gt;" in svg
    with translation.override("en"):
        svg = hours_by_month_chart(months=months, chart_id="c", place="Shiyan")
    assert "6 hours in all" in svg
    assert f"the busiest month was {month_start(today, 3):%Y-%m} with 3 hours" in svg
    assert svg.count("<rect") == 4


def test_axis_tops_are_round_numbers():
    assert [nice_ceiling(Decimal(v)) for v in ("0", "7", "12", "230", "999", "1001")] == [
        10,
        10,
        20,
        250,
        1000,
        2000,
    ]


def test_hours_by_month_cover_24_months_with_zeros(team, leader, staff, volunteer):
    approved(team, leader, staff, volunteer, "2", days_ago=3)
    months = impact_dashboard()["months"]
    assert len(months) == 24
    assert months[-1][0] == month_start(shiyan_today())
    assert months[0][0] == month_start(shiyan_today(), 23)
    assert sum(h for _m, h in months) == Decimal("2")


def test_popups_carry_names_and_figures_only(client, activity):
    html = client.get(URL).content.decode()
    assert "approved" in html
    for private in ("王秘密", "13912345678"):
        assert private not in html


# --- Home page and navigation -------------------------------------------------------------


def test_home_shows_the_live_totals(client, home, activity, team):
    from tests.factories import CaseStudyIndexPageFactory, CaseStudyPageFactory

    CaseStudyPageFactory(parent=CaseStudyIndexPageFactory(parent=home))
    EventFactory(team=team)
    html = client.get("/en/").content.decode()
    assert "data-home-impact" in html
    assert "Live totals of the volunteers" in html
    assert 'href="/en/impact/"' in html
    assert "approved service hours" in html
    assert ">12<" in html  # 12 approved hours
    assert "130.5" in html  # kg of litter
    # After the upcoming events, before the case studies (in the Chinese home page's tree).
    html = client.get("/").content.decode()
    assert html.index("data-home-events") < html.index("data-home-impact")
    assert html.index("data-home-impact") < html.index("home-cases-title")


def test_home_has_no_totals_before_any_approval(client, home):
    assert "data-home-impact" not in client.get("/en/").content.decode()


def test_the_navigation_links_to_the_dashboard(client, home):
    assert '<a href="/en/impact/"' in client.get("/en/").content.decode()
    assert '<a href="/impact/"' in client.get("/").content.decode()
