"""Staff review activity reports in the Wagtail admin: approved with their hours, or
returned with a reason; the leader's e-mail follows."""

import datetime
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.outbox import OutgoingMail
from tests.factories import ImageFactory, MembershipFactory, TeamFactory, VolunteerFactory
from tests.utils import queries_for
from tests.utils import text as _html
from tests.volunteers.participation.helpers import REPORTS, submit
from volunteers.participation.models.reports import ActivityReport, ReportPhoto
from volunteers.participation.models.rollups import HoursByTeam
from volunteers.participation.services.reports import report_save, report_submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


# --- The reports queue ----------------------------------------------------------------


def _public_pages_ready() -> bool:
    """The leader's e-mail links to the report's public pages, built separately."""
    try:
        reverse("volunteers:report_detail", args=[1])
        reverse("volunteers:report_edit", args=[1])
    except NoReverseMatch:
        return False
    return True


@pytest.fixture
def members(team):
    people = [VolunteerFactory(display_name=f"队员{n}").user for n in range(2)]
    for person in people:
        MembershipFactory(team=team, user=person)
    return people


@pytest.fixture
def submitted_report(team, leader, members):
    """A free-standing clean-up with hours for two members, sent to staff."""
    report = report_save(
        team=team,
        by=leader,
        data={
            "title": "丹江口库区岸线清漂",
            "date": timezone.localdate() - datetime.timedelta(days=3),
            "kind": "cleanup",
            "township": team.township,
            "place": "库区岸线3号码头",
            "summary": "清理岸线漂浮物，劝导游客不乱扔垃圾。",
            "participants": 6,
            "litter_kg": "85.5",
            "river_km": "3",
        },
        participants={members[0].pk: "3", members[1].pk: "2.5"},
    )
    report = report_submit(report=report, by=leader)
    if not _public_pages_ready():
        ActivityReport.objects.filter(pk=report.pk).update(created_by=None)
    report.refresh_from_db()
    return report


def make_report(team, *, status="submitted", title="巡河报告", **fields):
    return ActivityReport.objects.create(
        team=team,
        title=title,
        date=timezone.localdate() - datetime.timedelta(days=2),
        kind="cleanup",
        township=team.township,
        summary="巡查河道，清理垃圾。",
        participants=5,
        status=status,
        **fields,
    )


def test_the_reports_list_opens_on_reports_awaiting_review(admin_client, team):
    make_report(team, title="等待审核的报告")
    make_report(team, title="已通过的报告", status="approved")
    make_report(TeamFactory(), title="别队的报告")
    queue = _html(admin_client.get(REPORTS))
    assert "等待审核的报告" in queue and "别队的报告" in queue
    assert "已通过的报告" not in queue
    assert "已通过的报告" in _html(admin_client.get(REPORTS, {"status": "all"}))
    by_team = _html(admin_client.get(REPORTS, {"team": team.pk}))
    assert "等待审核的报告" in by_team and "别队的报告" not in by_team
    by_county = _html(admin_client.get(REPORTS, {"county": team.township.county_id}))
    assert "等待审核的报告" in by_county and "别队的报告" not in by_county
    assert admin_client.get(REPORTS, {"date_from": "2020-01-01"}).status_code == 200


def test_the_review_page_shows_the_whole_report(admin_client, submitted_report, members):
    photo = ReportPhoto.objects.create(
        report=submitted_report, image=ImageFactory(), caption="清漂现场"
    )
    page = admin_client.get(reverse("volunteer_reports:inspect", args=[submitted_report.pk]))
    assert page.status_code == 200
    html = _html(page)
    for text in ("丹江口库区岸线清漂", "劝导游客", "库区岸线3号码头", "85.5", "清漂现场"):
        assert text in html, text
    assert ".format-webp.webp" in html and photo.image.title
    records = html[html.index("data-report-records") :]
    assert "队员0" in records and "队员1" in records and "Awaiting approval" in records
    assert reverse("volunteer_reports:approve", args=[submitted_report.pk]) in html


def test_staff_approve_a_report_and_its_hours(
    officer_client, officer, submitted_report, team, django_capture_on_commit_callbacks
):
    assert not HoursByTeam.objects.filter(team=team, approved_hours__gt=0).exists()
    url = reverse("volunteer_reports:approve", args=[submitted_report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(url, {"next": REPORTS}, follow=True)
    assert response.redirect_chain[-1][0] == REPORTS
    assert "approved with 2 service records" in _html(response)
    submitted_report.refresh_from_db()
    assert submitted_report.status == "approved" and submitted_report.decided_by == officer
    statuses = set(submitted_report.service_records.values_list("status", flat=True))
    assert statuses == {"approved"}
    assert HoursByTeam.objects.get(team=team).approved_hours == Decimal("5.50")
    assert ModelLogEntry.objects.filter(action="volunteers.report_approve").exists()
    if submitted_report.created_by_id:
        assert OutgoingMail.objects.filter(kind="volunteers/email/report_approved").exists()

    again = officer_client.post(url, follow=True)
    assert "Only a report awaiting review can be approved." in _html(again)


def test_staff_return_a_report_with_a_reason(officer_client, submitted_report):
    url = reverse("volunteer_reports:return", args=[submitted_report.pk])
    assert officer_client.get(url).status_code == 200
    missing = officer_client.post(url, {"reason": ""})
    assert missing.status_code == 200
    assert "Say what the leader should change." in _html(missing)
    assert ActivityReport.objects.get(pk=submitted_report.pk).status == "submitted"

    response = officer_client.post(url, {"reason": "请补充现场照片", "next": REPORTS})
    assert response.status_code == 302 and response["Location"] == REPORTS
    submitted_report.refresh_from_db()
    assert submitted_report.status == "rejected"
    assert submitted_report.reject_reason == "请补充现场照片"
    assert set(submitted_report.service_records.values_list("status", flat=True)) == {"draft"}
    page = _html(
        officer_client.get(reverse("volunteer_reports:inspect", args=[submitted_report.pk]))
    )
    assert "请补充现场照片" in page
    assert reverse("volunteer_reports:approve", args=[submitted_report.pk]) not in page


def test_an_event_report_lists_the_events_hours(admin_client, done_event, leader, team):
    record = submit(done_event, leader, VolunteerFactory(display_name="到场的人").user)[0]
    report = make_report(team, title="活动报告", event=done_event)
    html = _html(admin_client.get(reverse("volunteer_reports:inspect", args=[report.pk])))
    records = html[html.index("data-report-records") :]
    assert "到场的人" in records
    assert reverse("volunteer_hours:inspect", args=[record.pk]) in records


def test_the_reports_list_runs_the_same_queries_for_3_or_30_reports(admin_client):
    def add_reports(n):
        for _ in range(n):
            report = make_report(TeamFactory(), title="报告")
            ReportPhoto.objects.create(report=report, image_id=image.pk)

    image = ImageFactory()
    add_reports(3)
    few = queries_for(admin_client, REPORTS)
    add_reports(27)
    assert queries_for(admin_client, REPORTS) == few


def test_the_dashboard_counts_reports_awaiting_review(admin_client, team):
    make_report(team)
    html = _html(admin_client.get("/admin/"))
    assert "1 activity report is awaiting review." in html
