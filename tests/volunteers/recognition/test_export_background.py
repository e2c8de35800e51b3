"""Exports made in the background: progress, the file and its download, workers that die,
the sweep, and files kept out of the public media."""

import datetime
import io
import re
import zipfile

import pytest
from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone

from portal.csv_stream import end_of_file_line
from portal.errors import ServiceError
from tests.volunteers.recognition.helpers import EXPORTS, complete_rows, first_column, post_form
from volunteers.recognition.models.exports import Export
from volunteers.recognition.services.exports import files as export_service
from volunteers.recognition.services.exports.files import export_run
from volunteers.recognition.services.exports.requests import export_request
from volunteers.recognition.tasks import sweep_exports

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


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
