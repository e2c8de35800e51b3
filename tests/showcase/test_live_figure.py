"""The live-figure block: a figure from the volunteers' rollups inside case studies and stories."""

import datetime
import json

import pytest
from django.utils import timezone, translation
from wagtail.blocks import StructBlockValidationError

from portal.dates import shiyan_today
from showcase.blocks import LiveFigureBlock
from showcase.models import CaseStudyPage, StoryPage
from tests.factories import (
    CaseStudyPageFactory,
    CountyFactory,
    TeamFactory,
    TownshipFactory,
    VolunteerFactory,
)
from tests.utils import approved
from volunteers.participation.services.reports import report_approve, report_save, report_submit
from volunteers.places.models import County
from volunteers.teams.models import Team

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def staff(db):
    user = VolunteerFactory(display_name="工作人员").user
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def county(db):
    return CountyFactory(name_zh="郧阳区", name_en="Yunyang District")


@pytest.fixture
def leader(db):
    return VolunteerFactory().user


@pytest.fixture
def team(county, leader):
    township = TownshipFactory(county=county, name_zh="柳陂镇", name_en="Liubei Town")
    return TeamFactory(leader=leader, county=county, township=township, name="郧阳护水队")


@pytest.fixture
def hours(team, leader, staff):
    """2 h last year and 3.5 h + 1 h this year in the county, by the same team."""
    this_year = 1 if shiyan_today().timetuple().tm_yday > 1 else 0
    last_year = shiyan_today().timetuple().tm_yday + 20
    approved(team, leader, staff, VolunteerFactory().user, "2", days_ago=last_year)
    approved(team, leader, staff, VolunteerFactory().user, "3.5", days_ago=this_year)
    approved(team, leader, staff, VolunteerFactory().user, "1", days_ago=this_year)


def report(team, leader, staff, **figures):
    data = {
        "title": "库岸清漂",
        "date": timezone.localdate() - datetime.timedelta(days=1),
        "kind": "cleanup",
        "township": team.township,
        "summary": "清理库岸垃圾。",
        "participants": 8,
        **figures,
    }
    r = report_save(team=team, by=leader, data=data)
    report_submit(report=r, by=leader)
    return report_approve(report=r, by=staff)


def value(**overrides):
    raw = {
        "figure": "hours",
        "place": "city",
        "county": None,
        "township": None,
        "team": None,
        "period": "all",
        "label": "",
    }
    raw.update(overrides)
    return LiveFigureBlock().to_python(raw)


def render(**overrides) -> str:
    with translation.override("en"):
        return LiveFigureBlock().render(value(**overrides))


# --- What it shows ---------------------------------------------------------------------


def test_a_county_figure_is_read_from_the_rollups(county, hours):
    html = render(place="county", county=county.pk)
    assert "6.5" in html
    assert "approved service hours in Yunyang District" in html
    assert "this year" not in html
    assert f'datetime="{shiyan_today():%Y-%m-%d}"' in html
    assert 'href="/en/impact/"' in html


def test_this_year_counts_only_this_years_hours(county, team, hours):
    html = render(place="county", county=county.pk, period="year")
    assert '<span class="live-figure__number">4.5</span>' in html
    assert "approved service hours in Yunyang District this year" in html
    html = render(place="team", team=team.pk, period="year")
    assert '<span class="live-figure__number">4.5</span>' in html
    assert "approved service hours by 郧阳护水队 this year" in html
    html = render(period="year")
    assert '<span class="live-figure__number">4.5</span>' in html
    assert "approved service hours in Shiyan this year" in html


def test_report_figures_for_a_township_and_the_city(team, leader, staff):
    report(team, leader, staff, litter_kg="120.5", trees=7)
    report(team, leader, staff, litter_kg="10")
    html = render(figure="litter_kg", place="township", township=team.township.pk)
    assert '<span class="live-figure__number">130.5</span>' in html
    assert '<span class="live-figure__unit">kg</span>' in html
    assert "litter collected in Liubei Town" in html
    html = render(figure="reports")
    assert '<span class="live-figure__number">2</span>' in html
    assert "activities reported in Shiyan" in html


def test_a_place_without_figures_yet_shows_zero(county):
    html = render(figure="trees", place="county", county=county.pk)
    assert '<span class="live-figure__number">0</span>' in html


def test_the_editors_label_comes_first_with_the_description_below(county, hours):
    html = render(place="county", county=county.pk, label="郧阳区志愿者的贡献")
    assert '<p class="live-figure__label">郧阳区志愿者的贡献</p>' in html
    assert "approved service hours in Yunyang District" in html


def test_chinese_page_names_the_county_in_chinese(county, hours):
    html = LiveFigureBlock().render(value(place="county", county=county.pk))
    assert "郧阳区" in html
    assert "Yunyang District" not in html


def test_a_deleted_place_or_team_renders_nothing(county, team):
    missing_county = County.objects.order_by("-pk").first().pk + 100
    missing_team = Team.objects.order_by("-pk").first().pk + 100
    assert render(place="county", county=missing_county).strip() == ""
    assert render(place="team", team=missing_team).strip() == ""
    Team.objects.filter(pk=team.pk).update(status="rejected")
    assert render(place="team", team=team.pk).strip() == ""
    assert render(figure="", place="").strip() == ""  # a half-filled draft


# --- What editors may choose -------------------------------------------------------------


def errors_of(**overrides) -> dict:
    with translation.override("en"):
        with pytest.raises(StructBlockValidationError) as caught:
            LiveFigureBlock().clean(value(**overrides))
        return {name: str(error.messages[0]) for name, error in caught.value.block_errors.items()}


def test_this_year_is_refused_for_report_figures(county):
    errors = errors_of(figure="litter_kg", place="county", county=county.pk, period="year")
    assert list(errors) == ["period"]
    assert "only available for approved service hours" in errors["period"]
    assert "Choose “All time”" in errors["period"]


def test_this_year_is_refused_for_a_township(team):
    errors = errors_of(place="township", township=team.township.pk, period="year")
    assert "not available for a township" in errors["period"]


def test_a_place_must_be_chosen_for_its_scope(db):
    assert errors_of(place="county") == {
        "county": "Choose the county, or set the place to the whole city."
    }
    assert "Choose the team" in errors_of(place="team")["team"]
    assert "Choose the township" in errors_of(place="township")["township"]


def test_possible_combinations_are_accepted(county, team):
    block = LiveFigureBlock()
    for overrides in (
        {"period": "year"},
        {"place": "county", "county": county.pk, "period": "year"},
        {"place": "team", "team": team.pk, "period": "year"},
        {"figure": "river_km", "place": "township", "township": team.township.pk},
    ):
        cleaned = block.clean(value(**overrides))
        assert cleaned["period"] == overrides.get("period", "all")


def test_the_team_list_offers_approved_teams_only(team):
    pending = TeamFactory(status="pending", name="待审核队")
    field = LiveFigureBlock().child_blocks["team"].field
    choices = [label for _value, label in field.choices]
    assert team.name in choices
    assert pending.name not in choices


def test_the_team_select_reads_the_submitted_form(team):
    block = LiveFigureBlock().child_blocks["team"]
    assert block.value_from_datadict({"t": str(team.pk)}, {}, "t") == team
    assert block.value_from_datadict({"t": ""}, {}, "t") is None  # "no team" is not an error
    assert block.value_from_datadict({"t": "abc"}, {}, "t") is None
    assert block.value_from_datadict({}, {}, "t") is None
    assert block.get_form_state(team) == [str(team.pk)]


# --- On pages ---------------------------------------------------------------------------


def test_case_studies_and_stories_offer_the_block():
    for model in (CaseStudyPage, StoryPage):
        assert "live_figure" in model._meta.get_field("body").stream_block.child_blocks


def test_a_case_study_shows_the_live_figure(client, cases_index, county, hours):
    page = CaseStudyPageFactory(
        parent=cases_index,
        body=[
            {"type": "text", "value": "<p>正文。</p>"},
            {
                "type": "live_figure",
                "value": {
                    "figure": "hours",
                    "place": "county",
                    "county": county.pk,
                    "township": None,
                    "team": None,
                    "period": "year",
                    "label": "",
                },
            },
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-live-figure" in html
    assert '<span class="live-figure__number">4.5</span>' in html
    County.objects.filter(pk=county.pk).update(name_zh="郧阳")  # read at render time
    assert "郧阳" in client.get(page.url).content.decode()


def test_the_editor_opens_a_page_with_the_block(client, cases_index, county, team, hours):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-12345")
    page = CaseStudyPageFactory(
        parent=cases_index,
        body=[
            {
                "type": "live_figure",
                "value": {
                    "figure": "hours",
                    "place": "team",
                    "county": None,
                    "township": None,
                    "team": team.pk,
                    "period": "all",
                    "label": "",
                },
            }
        ],
    )
    client.force_login(admin)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    # The block's form is sent as JSON for the editor's scripts: the team is one of its options.
    assert json.dumps(team.name)[1:-1] in response.content.decode()
