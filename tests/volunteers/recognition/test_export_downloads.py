"""The CSV streamed at once: the filtered rows, names but no phones or e-mails, no formulas,
and a last line that tells a whole download from one cut off on the way."""

import datetime
import re

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from portal.csv_stream import end_of_file_line, end_of_file_rows
from tests.volunteers.recognition.helpers import EXPORTS, complete_rows, first_column, post_form
from volunteers.participation.models.reports import ActivityReport
from volunteers.recognition.models.exports import Export
from volunteers.recognition.services.exports.requests import export_request
from volunteers.recognition.services.exports.rows import export_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def read_stream(response):
    """The whole streamed body and its rows, which must end with the end-of-file line."""
    body = b"".join(response.streaming_content)
    rows = complete_rows(body.decode("utf-8-sig"))
    assert rows is not None, body.decode("utf-8-sig")[-200:]
    return body, rows


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
