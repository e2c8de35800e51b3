"""Staff export service records and activity reports: a CSV now, or a file made in the background.

The files name the volunteers (display and real names, never phones or
e-mails), so only staff who may read records, reports and profiles get them;
bad filters are refused with a message and nothing is queued.
"""

import csv
import datetime
import io
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from portal.csv_stream import end_of_file_line, end_of_file_rows
from portal.errors import ServiceError
from showcase.roles import editorial_setup_ensure
from tests.factories import (
    CountyFactory,
    SignupFactory,
    TeamFactory,
    TownshipFactory,
    VolunteerFactory,
)
from tests.volunteers.conftest import approved
from tests.volunteers.participation.test_hours import past_event
from volunteers.participation.models.reports import ActivityReport
from volunteers.participation.services.attendance import (
    record_create_for_attendance,
    records_submit,
)
from volunteers.recognition.models.exports import Export
from volunteers.recognition.services.exports import files as export_service
from volunteers.recognition.services.exports.files import export_run
from volunteers.recognition.services.exports.requests import export_filters_clean, export_request
from volunteers.recognition.services.exports.rows import export_rows
from volunteers.recognition.tasks import sweep_exports
from volunteers.roles import volunteer_staff_group_ensure

pytestmark = pytest.mark.django_db

EXPORTS = "/admin/volunteers/exports/"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def in_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def make_officer(name):
    user = VolunteerFactory(display_name=name).user
    volunteer_staff_group_ensure(users=[user])
    return in_english(user)


@pytest.fixture
def officer(db):
    """A member of the "Volunteer staff" group (not a superuser)."""
    return make_officer("导出员小李")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def editor(db):
    groups = editorial_setup_ensure()
    user = get_user_model().objects.create_user("editor", "editor@example.com", "pw")
    user.groups.add(groups["Editors"])
    return user


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


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


def post_form(client, button, **choices):
    data = {"kind": "records", "format": "csv", button: "1"}
    data.update(choices)
    return client.post(EXPORTS, data)


def complete_rows(text: str) -> list[list[str]] | None:
    """The heading and data rows of a CSV export; None if its end-of-file line is missing."""
    rows = list(csv.reader(io.StringIO(text)))
    if len(rows) < 2 or len(rows[-1]) != 1:
        return None
    if end_of_file_rows(rows[-1][0]) != len(rows) - 2:  # the heading and the line itself
        return None
    return rows[:-1]


def read_stream(response):
    """The whole streamed body and its rows, which must end with the end-of-file line."""
    body = b"".join(response.streaming_content)
    rows = complete_rows(body.decode("utf-8-sig"))
    assert rows is not None, body.decode("utf-8-sig")[-200:]
    return body, rows


def first_column(rows):
    return [int(row[0]) for row in rows[1:]]


# --- Filters -----------------------------------------------------------------------------


def test_bad_filters_get_a_clear_message_for_each_field(world):
    with pytest.raises(ServiceError) as caught:
        export_filters_clean(
            {
                "date_from": "2026-13-01",
                "county": "999999",
                "township": "888888",
                "team": "123456",
                "status": "lost",
            }
        )
    errors = caught.value.message_dict
    assert errors["date_from"] == ["Enter a real date as YYYY-MM-DD, e.g. 2026-05-01."]
    assert errors["county"] == ["There is no county with the code “999999”."]
    assert errors["township"] == ["There is no township with the code “888888”."]
    assert errors["team"] == ["There is no such team; choose one from the list."]
    assert errors["status"] == ["Choose one of the statuses in the list."]

    for odd_team in ("²", "٣", "9" * 30, "-1", "0"):
        with pytest.raises(ServiceError) as caught:
            export_filters_clean({"team": odd_team})
        assert caught.value.message_dict == {
            "team": ["There is no such team; choose one from the list."]
        }

    with pytest.raises(ServiceError) as caught:
        export_filters_clean({"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert caught.value.message_dict == {"date_to": ["The end date is before the start date."]}

    with pytest.raises(ServiceError) as caught:
        export_filters_clean({"date_from": "2010-01-01", "date_to": "2026-01-01"})
    assert "at most 10 years" in caught.value.message_dict["date_to"][0]

    with pytest.raises(ServiceError) as caught:
        export_filters_clean({"county": world.county_a.code, "township": world.town_b.code})
    assert caught.value.message_dict["township"] == [
        "Xijiadian is in Danjiangkou, not in Yunyang: choose a township of the chosen county, "
        "or no county."
    ]

    for bad in ("abc", "2026-5-1", "20260501", "2026-02-30"):
        with pytest.raises(ServiceError):
            export_filters_clean({"date_to": bad})


def test_good_filters_are_kept_in_their_stored_form(world):
    cleaned = export_filters_clean(
        {
            "date_from": datetime.date(2026, 1, 1),
            "date_to": " 2026-03-31 ",
            "county": world.county_a.code,
            "township": world.town_a.code,
            "team": str(world.team_a.pk),
            "status": "approved",
            "unknown": "ignored",
        }
    )
    assert cleaned == {
        "date_from": "2026-01-01",
        "date_to": "2026-03-31",
        "county": world.county_a.code,
        "township": world.town_a.code,
        "team": world.team_a.pk,
        "status": "approved",
    }
    assert export_filters_clean({"date_from": "", "team": None}) == {}
    # Reports have statuses of their own.
    assert export_filters_clean({"status": "rejected"}, kind="reports") == {"status": "rejected"}
    with pytest.raises(ServiceError):
        export_filters_clean({"status": "withdrawn"}, kind="reports")


def test_bad_filters_on_the_page_show_the_form_again_and_queue_nothing(
    officer_client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = post_form(
            officer_client,
            "background",
            date_from="2026-13-01",
            county=world.county_a.code,
            township=world.town_b.code,
            team="99999",
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was exported: check the choices marked below." in html
    assert "Enter a real date as YYYY-MM-DD, e.g. 2026-05-01." in html
    assert "Xijiadian is in Danjiangkou, not in Yunyang" in html
    assert "There is no such team; choose one from the list." in html
    assert callbacks == [] and Export.objects.count() == 0

    response = post_form(officer_client, "download", date_from="2026-05-02", date_to="2026-05-01")
    assert response.status_code == 400 and not response.streaming
    assert "The end date is before the start date." in response.content.decode()

    response = post_form(officer_client, "download", record_status="lost")
    assert response.status_code == 400


# --- The CSV streamed now ----------------------------------------------------------------


def test_the_csv_now_streams_exactly_the_filtered_records(officer_client, world):
    response = post_form(
        officer_client,
        "download",
        date_from=days_ago(6).isoformat(),
        date_to=days_ago(2).isoformat(),
        record_status="approved",
    )
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    filename = f"qingshui-records-{days_ago(6):%Y%m%d}-{days_ago(2):%Y%m%d}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    body, rows = read_stream(response)
    assert body.startswith(b"\xef\xbb\xbf")
    header = rows[0]
    assert header[:4] == ["Record", "Date", "Display name", "Real name"]
    # Oldest first; the submitted record and those outside the dates are left out.
    assert first_column(rows) == [world.other_rec.pk, world.formula_rec.pk]
    other = rows[1]
    assert other[1:] == [
        days_ago(5).isoformat(),
        "小水滴乙",
        "李强",
        "1.5",
        "Approved",
        "Leader's attendance list",
        world.other_rec.event.title,
        "习家店护水队",
        "Danjiangkou",
        "Xijiadian",
    ]


def test_every_csv_export_ends_with_a_line_counting_its_rows(
    officer_client, officer, world, django_capture_on_commit_callbacks
):
    streamed = b"".join(post_form(officer_client, "download").streaming_content)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        export = export_request(by=officer, kind="records", format="csv", filters={})
    export.refresh_from_db()
    with export.file.open("rb") as handle:
        prepared = handle.read()
    for body in (streamed, prepared):
        text = body.decode("utf-8-sig")
        *lines, last, after = text.split("\r\n")
        assert after == ""  # the line ends the file
        # Five records in the world: the heading, five rows, then the line saying so.
        assert len(lines) == 6
        assert last == "# 文件结束：共 5 行数据 / end of file: 5 data rows"
        assert end_of_file_rows(last) == 5
    assert streamed == prepared  # one writer for both ways out

    # An export with no rows says so too.
    body = b"".join(post_form(officer_client, "download", kind="reports").streaming_content)
    assert complete_rows(body.decode("utf-8-sig"))[1:] == []
    assert body.decode("utf-8-sig").endswith(end_of_file_line(0) + "\r\n")


def test_a_download_cut_off_on_the_way_is_told_apart_from_a_whole_one(officer_client, world):
    chunks = list(post_form(officer_client, "download").streaming_content)
    whole = b"".join(chunks).decode("utf-8-sig")
    assert complete_rows(whole) is not None
    # Cut after any line but the last, or anywhere inside the last line: the check fails.
    cuts = [len(b"".join(chunks[:n]).decode("utf-8-sig")) for n in range(1, len(chunks))]
    last_line = whole.rstrip("\r\n").rsplit("\r\n", 1)[1]
    start = len(whole) - len(last_line) - 2
    cuts += range(start, start + len(last_line))
    for cut in cuts:
        assert complete_rows(whole[:cut]) is None, whole[:cut][-80:]
    # A line whose two figures disagree (a digit lost on the way) is no end-of-file line.
    assert end_of_file_rows(end_of_file_line(12345).replace("12345 data", "1234 data")) is None


def test_too_many_rows_for_a_download_now_lead_to_the_background_export(
    officer_client, world, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_STREAM_MAX_ROWS = 3
    team = str(world.team_a.pk)
    with CaptureQueriesContext(connection) as queries:
        response = post_form(officer_client, "download", team=team, date_to=days_ago(1))
    assert response.status_code == 302 and not response.streaming
    record_queries = [q["sql"] for q in queries if "volunteers_servicerecord" in q["sql"]]
    assert len(record_queries) == 1 and "COUNT(" in record_queries[0]  # counted, not read
    target = response["Location"]
    assert target.startswith(EXPORTS + "?")

    page = officer_client.get(target)
    html = page.content.decode()
    # Four records of the team: two of them approved long ago and lately, one submitted, one
    # with a formula-like name.
    assert (
        "4 rows match these choices, more than “Download CSV now” gives (at most 3 rows): "
        "a longer download would be cut off by the server before its end."
    ) in html
    form = page.context["form"]
    assert form["team"].value() == team and form["date_to"].value() == days_ago(1).isoformat()
    assert form["kind"].value() == "records" and form["format"].value() == "csv"
    background = re.search(r"<button[^>]*data-export-background[^>]*>", html)[0]
    assert 'class="button"' in background  # the button to press next stands out
    assert "for up to 3 rows" in html
    assert Export.objects.count() == 0

    # The background export takes the same choices and makes the whole file.
    with django_capture_on_commit_callbacks(execute=True):
        post_form(officer_client, "background", team=team, date_to=days_ago(1))
    export = Export.objects.get()
    assert export.filters == {"team": world.team_a.pk, "date_to": days_ago(1).isoformat()}
    assert export.rows_done == 4
    with export.file.open("rb") as handle:
        assert len(complete_rows(handle.read().decode("utf-8-sig"))) == 5

    # At the limit the download goes ahead.
    response = post_form(officer_client, "download", team=team, record_status="approved")
    assert response.streaming
    assert len(read_stream(response)[1]) == 4


def test_the_csv_follows_county_team_and_status(officer_client, world):
    def ids(**choices):
        return first_column(read_stream(post_form(officer_client, "download", **choices))[1])

    everything = ids()
    assert everything == [
        world.fang_old.pk,
        world.fang_recent.pk,
        world.other_rec.pk,
        world.submitted.pk,
        world.formula_rec.pk,
    ]
    assert ids(county=world.county_b.code) == [world.other_rec.pk]
    assert ids(township=world.town_a.code, record_status="submitted") == [world.submitted.pk]
    assert ids(team=str(world.team_a.pk), record_status="approved") == [
        world.fang_old.pk,
        world.fang_recent.pk,
        world.formula_rec.pk,
    ]
    # The report status does not filter records.
    assert ids(county=world.county_b.code, report_status="draft") == [world.other_rec.pk]


def test_the_csv_has_names_but_no_phone_or_email_and_defuses_formulas(officer_client, world):
    body, rows = read_stream(post_form(officer_client, "download"))
    text = body.decode("utf-8-sig")
    assert "小水滴甲" in text and "王芳" in text
    for user in (world.fang, world.formula, world.other):
        assert user.volunteer.phone not in text
        assert user.email not in text
    formula_row = next(row for row in rows if row[0] == str(world.formula_rec.pk))
    assert formula_row[2:4] == ["'=HYPERLINK(1)", "'@SUM(A1)"]
    assert not any(cell.startswith(("=", "@", "+", "-")) for row in rows for cell in row)


def test_reports_are_exported_with_their_figures(officer_client, world):
    ActivityReport.objects.create(
        team=world.team_a,
        title="+清漂 汉江",
        date=days_ago(2),
        kind="cleanup",
        township=world.town_a,
        summary="清理岸线垃圾。",
        participants=12,
        litter_kg="35.5",
        status="approved",
        created_by=world.leader_a,
    )
    ActivityReport.objects.create(
        team=world.team_b,
        title="草稿",
        date=days_ago(2),
        kind="patrol",
        township=world.town_b,
        summary="-",
        participants=3,
        status="draft",
    )
    response = post_form(officer_client, "download", kind="reports", report_status="approved")
    _body, rows = read_stream(response)
    assert response["Content-Disposition"] == 'attachment; filename="qingshui-reports-all.csv"'
    assert len(rows) == 2
    header, row = rows
    assert header[:5] == ["Report", "Date", "Title", "Type", "Status"]
    assert row[2:8] == [
        "'+清漂 汉江",
        "Litter clean-up",
        "Approved",
        "柳陂护水队",
        "Yunyang",
        "Liupi",
    ]
    figures = dict(zip(header, row, strict=True))
    assert figures["People who took part"] == "12"
    assert figures["Litter collected (kg)"] == "35.5"
    assert figures["Written by"] == "队长甲"


def test_the_rows_speak_chinese_by_default(world):
    with translation.override("zh-hans"):
        rows = list(export_rows("records", {"county": world.county_b.code}))
    assert rows[1][-2:] == ["丹江口市", "习家店镇"]


# --- Background exports ------------------------------------------------------------------


def test_a_background_export_runs_reports_progress_and_downloads(
    officer_client, officer, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post_form(
            officer_client, "background", team=str(world.team_a.pk), record_status="approved"
        )
    assert len(callbacks) == 1
    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("volunteer_exports:progress", args=[export.pk])
    assert export.status == "done" and export.requested_by == officer
    assert export.filters == {"team": world.team_a.pk, "status": "approved"}
    assert (export.rows_done, export.rows_total) == (3, 3)
    assert export.file.name.startswith("exports/records-")
    assert export.started_at and export.finished_at

    page = officer_client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "3 of 3 rows" in html
    download = reverse("volunteer_exports:download", args=[export.pk])
    assert download in html and 'http-equiv="refresh"' not in html

    status = officer_client.get(reverse("volunteer_exports:status", args=[export.pk])).json()
    assert status["finished"] and status["percent"] == 100 and status["download_url"] == download
    assert status["text"] == "3 of 3 rows"

    listing = officer_client.get(EXPORTS).content.decode()
    assert download in listing and "柳陂护水队 · Approved" in listing

    file_response = officer_client.get(download)
    assert isinstance(file_response, FileResponse)
    assert file_response["Content-Disposition"].startswith("attachment")
    assert "qingshui-records-all.csv" in file_response["Content-Disposition"]
    body = b"".join(file_response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = complete_rows(body.decode("utf-8-sig"))
    assert first_column(rows) == [world.fang_old.pk, world.fang_recent.pk, world.formula_rec.pk]
    assert "王芳" in body.decode("utf-8-sig")


def test_progress_is_written_while_the_file_is_made(world, officer, monkeypatch):
    monkeypatch.setattr(export_service, "PROGRESS_EVERY", 1)
    export = Export.objects.create(kind="records", format="csv", filters={"status": "approved"})
    seen = []
    rows = export_service.export_rows

    def watching(kind, filters):
        for row in rows(kind, filters):
            seen.append(Export.objects.values_list("status", "rows_done", "rows_total").get())
            yield row

    monkeypatch.setattr(export_service, "export_rows", watching)
    assert export_run(export_id=export.pk) is True
    assert seen == [
        ("running", 0, 4),
        ("running", 0, 4),
        ("running", 1, 4),
        ("running", 2, 4),
        ("running", 3, 4),
    ]
    export.refresh_from_db()
    assert (export.status, export.rows_done, export.rows_total, export.percent) == (
        "done",
        4,
        4,
        100,
    )


def test_a_pending_export_shows_a_progress_page_that_refreshes_itself(officer_client, world):
    export = Export.objects.create(kind="records", format="xlsx", requested_by=None)
    html = officer_client.get(reverse("volunteer_exports:progress", args=[export.pk])).content
    html = html.decode()
    assert "Waiting to start" in html and "Counting the rows…" in html
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert reverse("volunteer_exports:status", args=[export.pk]) in html
    Export.objects.filter(pk=export.pk).update(status="running", rows_total=20000, rows_done=5000)
    status = officer_client.get(reverse("volunteer_exports:status", args=[export.pk])).json()
    assert status["text"] == "5,000 of 20,000 rows" and status["percent"] == 25
    assert not status["finished"] and status["download_url"] == ""
    not_ready = officer_client.get(reverse("volunteer_exports:download", args=[export.pk]))
    assert not_ready.status_code == 404


def test_running_an_export_twice_does_nothing_the_second_time(
    world, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        export = export_request(by=officer, kind="records", format="csv", filters={})
    export.refresh_from_db()
    assert export.status == "done"
    name, finished = export.file.name, export.finished_at
    assert export_run(export_id=export.pk) is False
    assert sweep_exports() == 0
    export.refresh_from_db()
    assert (export.file.name, export.finished_at, export.rows_done) == (name, finished, 5)
    assert export_run(export_id=999999) is False


def test_an_excel_export_is_a_workbook_with_the_chinese_names(
    officer_client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_form(officer_client, "background", format="xlsx", record_status="approved")
    export = Export.objects.get()
    assert export.status == "done" and export.file.name.endswith(".xlsx")
    response = officer_client.get(reverse("volunteer_exports:download", args=[export.pk]))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as workbook:
        assert workbook.testzip() is None
        sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
    for text in ("小水滴甲", "王芳", "小水滴乙", "李强", "柳陂护水队", "Real name"):
        assert text in sheet
    # The heading, four approved records, then the row that counts them.
    rows = re.findall(r'<row r="(\d+)".*?</row>', sheet, flags=re.S)
    assert rows == [str(n) for n in range(1, 7)]
    last = re.findall(r"<row .*?</row>", sheet, flags=re.S)[-1]
    assert end_of_file_line(4) in last
    assert "'=HYPERLINK(1)" in sheet and "'@SUM(A1)" in sheet
    assert "<f>" not in sheet  # no formulas at all
    assert "13900000001" not in sheet and "@example.com" not in sheet


def test_a_failed_export_says_so(world, officer, monkeypatch, django_capture_on_commit_callbacks):
    def broken(path, rows, progress):
        raise OSError("disk full")

    monkeypatch.setattr(export_service, "_write_csv", broken)
    with django_capture_on_commit_callbacks(execute=True):
        export = export_request(by=officer, kind="records", format="csv", filters={})
    export.refresh_from_db()
    assert export.status == "failed" and not export.file and export.finished_at
    assert export.error.startswith("The file could not be made (OSError).")
    assert export_run(export_id=export.pk) is False


def test_the_sweep_resends_forgotten_exports_and_tidies_old_ones(world, officer):
    forgotten = Export.objects.create(kind="reports", format="csv", requested_by=officer)
    fresh = Export.objects.create(kind="records", format="csv", requested_by=officer)
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    Export.objects.filter(pk=forgotten.pk).update(created_at=long_ago)

    assert sweep_exports() == 1
    forgotten.refresh_from_db()
    fresh.refresh_from_db()
    assert forgotten.status == "done" and forgotten.file
    assert fresh.status == "pending"

    storage = forgotten.file.storage
    name = forgotten.file.name
    assert storage.exists(name)
    Export.objects.filter(pk=forgotten.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=8)
    )
    sweep_exports()
    forgotten.refresh_from_db()
    assert not forgotten.file and not storage.exists(name)


def lost_run(export, *, silent_for, attempts=1):
    """The export as a worker that died mid-file leaves it: running, silent since then."""
    started = timezone.now() - silent_for - datetime.timedelta(seconds=5)
    Export.objects.filter(pk=export.pk).update(
        status="running",
        started_at=started,
        alive_at=timezone.now() - silent_for,
        rows_done=2,
        attempts=attempts,
        created_at=started,
    )


def test_an_export_whose_worker_died_is_made_again_once(world, officer):
    export = Export.objects.create(kind="records", format="csv", requested_by=officer)
    lost_run(export, silent_for=datetime.timedelta(seconds=30))
    assert sweep_exports() == 0  # still within the time a slow step may take
    lost_run(export, silent_for=datetime.timedelta(minutes=2))
    assert sweep_exports() == 1
    export.refresh_from_db()
    assert export.status == "done" and export.rows_done == 5 and export.attempts == 2
    assert sweep_exports() == 0


def test_an_export_lost_twice_is_given_up_with_a_message(world, officer):
    export = Export.objects.create(kind="records", format="csv", language="en")
    lost_run(export, silent_for=datetime.timedelta(minutes=2), attempts=2)
    assert sweep_exports() == 0
    export.refresh_from_db()
    assert export.status == "failed"
    assert export.error == "The export was interrupted. Ask for it again."


def test_a_run_given_up_for_lost_stops_and_leaves_no_second_file(world, officer, monkeypatch):
    export = Export.objects.create(kind="records", format="csv", requested_by=officer)
    real_write = export_service._write_csv

    def slow_then_restarted(path, rows, progress):
        done = real_write(path, rows, progress)
        # Meanwhile the sweep took this run for lost and another worker began again.
        Export.objects.filter(pk=export.pk).update(started_at=timezone.now())
        return done

    monkeypatch.setattr(export_service, "_write_csv", slow_then_restarted)
    storage = export.file.storage
    before = set(storage.listdir("exports")[1]) if storage.exists("exports") else set()
    assert export_run(export_id=export.pk) is False
    export.refresh_from_db()
    assert export.status == "running" and not export.file
    assert set(storage.listdir("exports")[1]) == before


def test_one_person_cannot_pile_up_exports(world, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        for _ in range(3):
            export_request(by=officer, kind="records", format="csv", filters={})
        with pytest.raises(ServiceError) as caught:
            export_request(by=officer, kind="records", format="csv", filters={})
    assert "You already have 3 exports being prepared" in caught.value.messages[0]
    assert Export.objects.count() == 3


def test_the_export_files_stay_out_of_the_public_media(world, officer, settings):
    export = Export.objects.create(kind="records", format="csv")
    export_run(export_id=export.pk)
    export.refresh_from_db()
    path = export.file.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert export.file.storage.base_url == "/no-public-url/"


# --- Who may export ----------------------------------------------------------------------


def test_only_staff_with_the_volunteer_permissions_may_ask_for_exports(
    world, staff, volunteer, leader, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        for person in (volunteer, leader, editor, staff):
            with pytest.raises(PermissionDenied):
                export_request(by=person, kind="records", format="csv", filters={})
    assert callbacks == [] and Export.objects.count() == 0


def test_a_superuser_may_export(admin_user, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = export_request(by=admin_user, kind="reports", format="xlsx", filters={})
    export.refresh_from_db()
    assert export.status == "done" and export.rows_total == 0


def test_the_exports_page_and_files_are_for_staff_only(
    client, officer, world, editor, volunteer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    home = client.get("/admin/").content.decode()
    assert EXPORTS in home
    page = client.get(EXPORTS)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Download CSV now" in html and "Prepare in the background" in html
    with django_capture_on_commit_callbacks(execute=True):
        post_form(client, "background")
    export = Export.objects.get()
    urls = [
        EXPORTS,
        reverse("volunteer_exports:progress", args=[export.pk]),
        reverse("volunteer_exports:status", args=[export.pk]),
        reverse("volunteer_exports:download", args=[export.pk]),
    ]

    # Another staff member may follow and download it (the same rows are theirs to export).
    colleague = make_officer("同事小王")
    client.force_login(colleague)
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert str(export.pk) not in client.get(EXPORTS).content.decode().split("recent exports")[1]

    # Editors may use the admin but get a 403 here, and no menu item.
    client.force_login(editor)
    assert EXPORTS not in client.get("/admin/").content.decode()
    for url in urls:
        assert client.get(url).status_code == 403, url
    response = post_form(client, "download")
    assert response.status_code == 403 and not getattr(response, "streaming", False)

    # Volunteers and leaders are sent to log in.
    for person in (volunteer, world.leader_a):
        client.force_login(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith("/accounts/login/")
    client.logout()
    assert client.get(urls[-1]).status_code == 302
    assert Export.objects.count() == 1
