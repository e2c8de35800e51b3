"""Who may write activity reports, and editing and submitting them."""

import pytest

from tests.factories import MembershipFactory, TeamFactory, VolunteerFactory
from tests.utils import en, messages_of, text
from tests.volunteers.participation.helpers import counts, form_data, jpeg, make_report
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.models.reports import ActivityReport
from volunteers.participation.services.reports import report_return, report_submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "english")]


# --- Who may write reports ----------------------------------------------------------------


def test_only_leaders_and_staff_may_write_reports(client, team, leader, member, staff, other_team):
    url = en("report_create", team.pk)
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(member)
    assert client.get(url).status_code == 403
    before = counts()
    assert client.post(url, form_data(team, photos=[jpeg()])).status_code == 403
    assert counts() == before
    client.force_login(other_team.memberships.get().user)
    assert client.post(url, form_data(team)).status_code == 403
    assert counts() == before
    co_leader = VolunteerFactory().user
    MembershipFactory(team=team, user=co_leader, role="co_leader")
    client.force_login(co_leader)
    assert client.get(url).status_code == 200
    client.force_login(staff)
    assert client.post(url, form_data(team)).status_code == 302
    assert ActivityReport.objects.get().created_by == staff


def test_unknown_ids_are_404(client, leader, team):
    client.force_login(leader)
    assert client.get(en("report_create", 999999)).status_code == 404
    assert client.get(en("report_edit", 999999)).status_code == 404
    assert client.post(en("report_submit", 999999)).status_code == 404
    assert client.get(en("report_detail", 999999)).status_code == 404
    assert client.get(en("team_reports", 999999)).status_code == 404
    huge = "9" * 25
    assert client.get(f"/en/reports/{huge}/").status_code == 404
    assert client.get(f"/en/reports/{huge}/edit/").status_code == 404
    assert client.get(f"/en/teams/{huge}/reports/new/").status_code == 404
    page = client.get(en("report_create", team.pk) + f"?event={huge}")
    assert page.status_code == 200 and page.context["form"]["event"].value() is None


def test_others_may_not_edit_or_submit(client, team, leader, member, other_team):
    report = make_report(team, leader)
    for user in (member, other_team.memberships.get().user):
        client.force_login(user)
        assert client.get(en("report_edit", report.pk)).status_code == 403
        assert client.post(en("report_edit", report.pk), form_data(team)).status_code == 403
        assert client.post(en("report_submit", report.pk)).status_code == 403
    report.refresh_from_db()
    assert report.status == "draft" and report.title == "巡河报告"


# --- Editing and submitting -----------------------------------------------------------------


def test_editing_shows_the_report_and_saves_changes(client, team, leader, member):
    report = make_report(team, leader, photos=[jpeg()], hours={member.pk: "2"})
    client.force_login(leader)
    page = client.get(en("report_edit", report.pk))
    form = page.context["form"]
    assert form["title"].value() == "巡河报告"
    assert str(form[f"hours_{member.pk}"].value()) == "2"
    assert 'name="remove_photos"' in text(page)
    response = client.post(
        en("report_edit", report.pk),
        form_data(team, title="改过的标题", **{f"hours_{member.pk}": ""}),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == "改过的标题"
    assert ServiceRecord.objects.get(report=report).status == RecordStatus.WITHDRAWN


def test_a_submitted_report_cannot_be_edited(client, team, leader):
    report = make_report(team, leader)
    report_submit(report=report, by=leader)
    client.force_login(leader)
    response = client.get(en("report_edit", report.pk))
    assert response.status_code == 302
    assert response["Location"] == en("report_detail", report.pk)
    assert "with staff for review" in messages_of(client.get(response["Location"]))
    client.post(en("report_edit", report.pk), form_data(team, title="偷偷改"))
    report.refresh_from_db()
    assert report.title == "巡河报告"


def test_a_returned_report_shows_the_reason_and_can_be_sent_again(client, team, leader, staff):
    report = make_report(team, leader)
    report_submit(report=report, by=leader)
    report_return(report=report, reason="请补充现场照片。", by=staff)
    client.force_login(leader)
    page = client.get(en("report_edit", report.pk))
    assert page.status_code == 200
    body = text(page)
    assert "Staff returned this report." in body and "请补充现场照片。" in body
    assert "请补充现场照片。" in text(client.get(en("report_detail", report.pk)))
    response = client.post(
        en("report_edit", report.pk), form_data(team, photos=[jpeg()], action="submit")
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.reject_reason == ""


def test_the_submit_button_sends_a_draft(client, team, leader):
    report = make_report(team, leader)
    client.force_login(leader)
    response = client.post(en("report_submit", report.pk))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    again = client.post(en("report_submit", report.pk), follow=True)
    assert "submitted already" in messages_of(again)
    assert client.get(en("report_submit", report.pk)).status_code == 405


def test_a_team_awaiting_approval_saves_drafts_but_cannot_submit(client, leader):
    team = TeamFactory(leader=leader, status="pending")
    client.force_login(leader)
    page = client.get(en("report_create", team.pk))
    assert "Save and submit for review" not in text(page)
    response = client.post(en("report_create", team.pk), form_data(team, action="submit"))
    report = ActivityReport.objects.get()
    assert report.status == "draft"
    assert "was not sent" in messages_of(client.get(response["Location"]))
