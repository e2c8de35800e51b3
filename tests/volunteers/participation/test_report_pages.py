"""An activity report's public page and a team's list of reports: what visitors and leaders see."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import CampaignPageFactory, TeamFactory
from tests.utils import en, text
from tests.volunteers.participation.helpers import jpeg, make_report
from volunteers.participation.models.reports import ReportPhoto
from volunteers.participation.services.reports import report_approve, report_submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "english")]


# --- The report page ------------------------------------------------------------------------


def test_drafts_and_reports_under_review_are_not_public(client, team, leader, member, staff):
    report = make_report(team, leader)
    url = en("report_detail", report.pk)
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(leader)
    page = client.get(url)
    assert page.status_code == 200 and "Draft." in text(page)
    assert en("report_edit", report.pk) in text(page)
    report_submit(report=report, by=leader)
    client.logout()
    assert client.get(url).status_code == 404
    client.force_login(staff)
    assert "Awaiting review." in text(client.get(url))


def test_an_approved_report_is_public_without_names(client, team, leader, member, staff):
    report = make_report(
        team,
        leader,
        photos=[jpeg("a.jpg"), jpeg("b.jpg")],
        hours={member.pk: "3"},
        households=0,
        samples=4,
        lat=32.65,
        lon=111.02,
    )
    ReportPhoto.objects.filter(report=report, sort_order=0).update(caption="清理后的库岸")
    report_submit(report=report, by=leader)
    report_approve(report=report, by=staff)
    response = client.get(en("report_detail", report.pk))
    assert response.status_code == 200
    body = text(response)
    assert "巡河报告" in body and team.name in body
    assert "3 approved volunteer hours" in body
    assert "5 people took part" in body
    # Figures: only the ones given.
    figures = [f.name for f in response.context["figures"]]
    assert figures == ["litter_kg", "river_km", "samples"]
    # Photos: lazy thumbnails linking to the large rendition; alt = caption or title.
    assert body.count('loading="lazy"') == 2
    assert 'alt="清理后的库岸"' in body and 'alt="巡河报告"' in body
    assert ".format-webp" in body or ".webp" in body
    assert 'property="og:image"' in body
    assert "data-report-map" in body
    # No personal data of the volunteers.
    for private in ("河畔小水滴", "李秀英", "13912345678", member.email, "库区老张"):
        assert private not in body
    assert "Draft." not in body and en("report_edit", report.pk) not in body


def test_the_report_page_links_its_event_and_campaign(
    client, team, leader, staff, past_event, home_page_for_campaigns
):
    campaign = CampaignPageFactory(parent=home_page_for_campaigns, title="清漂专项行动")
    report = make_report(team, leader, event=past_event, campaign=campaign)
    report_submit(report=report, by=leader)
    report_approve(report=report, by=staff)
    body = text(client.get(en("report_detail", report.pk)))
    assert en("event_detail", past_event.pk) in body
    assert "清漂专项行动" in body


# --- A team's reports -------------------------------------------------------------------------


def test_the_team_list_shows_approved_reports_and_leaders_drafts(client, team, leader, staff):
    approved = make_report(team, leader, title="已批准的报告", photos=[jpeg()])
    report_submit(report=approved, by=leader)
    report_approve(report=approved, by=staff)
    make_report(team, leader, title="草稿报告")
    url = en("team_reports", team.pk)
    public = text(client.get(url))
    assert "已批准的报告" in public and "草稿报告" not in public
    assert "Write a report" not in public
    client.force_login(leader)
    page = client.get(url)
    assert [r.title for r in page.context["own_reports"]] == ["草稿报告"]
    assert "Your drafts and reports under review" in text(page)
    assert "Write a report" in text(page)


def test_the_team_list_paginates_and_has_an_empty_state(client, team, leader, staff):
    client.force_login(leader)
    empty = client.get(en("team_reports", team.pk))
    assert "No approved activity reports yet." in text(empty)
    assert en("report_create", team.pk) in text(empty)
    for n in range(13):
        report = make_report(
            team, leader, title=f"报告{n}", date=timezone.localdate() - datetime.timedelta(days=n)
        )
        report_submit(report=report, by=leader)
        report_approve(report=report, by=staff)
    client.logout()
    first = client.get(en("team_reports", team.pk))
    assert len(first.context["reports"].object_list) == 12
    second = client.get(en("team_reports", team.pk) + "?page=2")
    assert [r.title for r in second.context["reports"].object_list] == ["报告12"]


def test_the_reports_of_an_unapproved_team_are_hidden(client, leader, make_volunteer):
    team = TeamFactory(leader=leader, status="pending")
    assert client.get(en("team_reports", team.pk)).status_code == 404
    client.force_login(leader)
    assert client.get(en("team_reports", team.pk)).status_code == 200


@pytest.mark.parametrize("event", ["²", "٣", "9" * 40, "-3", "abc"])
def test_an_odd_event_in_the_query_string_is_ignored(client, team, leader, event):
    client.force_login(leader)
    response = client.get(en("report_create", team.pk), {"event": event})
    assert response.status_code == 200
