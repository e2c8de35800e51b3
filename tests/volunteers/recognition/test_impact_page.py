"""The impact dashboard's county filter, chart, map and table, and the home page's live totals."""

from decimal import Decimal

import pytest
from django.utils import translation

from portal.charts import nice_ceiling
from portal.dates import shiyan_today
from tests.factories import EventFactory
from tests.utils import approved
from tests.volunteers.recognition.helpers import URL, recount
from volunteers.recognition.charts import hours_by_month_chart
from volunteers.recognition.selectors import impact_dashboard, month_start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


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
    # The city's reported figures and the portal's own counts are told apart.
    assert html.index('data-source="reported"') < html.index('data-source="portal"')
    assert "Reported figures" in html and "Counted on this portal" in html
    assert "volunteers registered on this portal" in html
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
