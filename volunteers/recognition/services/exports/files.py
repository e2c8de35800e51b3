"""The file of an export: written to a temporary place (CSV or Excel), then kept privately.

``export_run`` is the task's work and ``exports_tidy`` the beat sweep's. Both
CSV ways out, this file and the download streamed now, are written by
``portal.csv_stream.csv_lines``, so they end with the same end-of-file line;
the Excel file ends with the same text in its last row.
"""

import datetime
import logging
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.csv_stream import csv_cell, csv_lines, end_of_file_line
from volunteers.recognition.models.exports import Export, ExportFormat, ExportKind, ExportStatus
from volunteers.recognition.services.exports.rows import export_count, export_rows

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 5000
# One sheet of a workbook holds 1,048,576 rows: the heading, the data, the end-of-file row.
XLSX_MAX_ROWS = 1_048_574
# A running export reports progress every few seconds (and before its slow last
# steps); one silent this long lost its worker and is started again, once.
LOST_AFTER = datetime.timedelta(seconds=90)
MAX_ATTEMPTS = 2
KEEP_FILES = datetime.timedelta(days=7)


class ExportTooLarge(Exception):
    """More rows than the chosen format can hold."""


class ExportTakenOver(Exception):
    """This run was given up for lost and the export started again elsewhere."""


def export_filename(kind: str, filters: dict, extension: str) -> str:
    """A download name that says what is inside: qingshui-records-20260101-20260331.csv."""
    start = (filters.get("date_from") or "").replace("-", "")
    end = (filters.get("date_to") or "").replace("-", "")
    if start and end:
        period = f"{start}-{end}"
    elif start:
        period = f"from-{start}"
    elif end:
        period = f"to-{end}"
    else:
        period = "all"
    return f"qingshui-{kind}-{period}.{extension}"


def _progress(owned):
    def report(done: int) -> None:
        if done % PROGRESS_EVERY == 0:
            _alive(owned, rows_done=done)

    return report


def _alive(owned, **fields) -> None:
    """Tell the sweep this run is alive; stop if it was given up and restarted meanwhile."""
    if not owned.update(alive_at=timezone.now(), **fields):
        raise ExportTakenOver


def _write_csv(path: Path, rows, progress) -> int:
    done = 0

    def counted(n: int) -> None:
        nonlocal done
        done = n
        progress(n)

    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.writelines(csv_lines(rows, progress=counted))
    return done


def _write_xlsx(path: Path, rows, progress, *, sheet: str) -> int:
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            # Rows go to disk as they are written, not kept for the end.
            "constant_memory": True,
            "tmpdir": str(path.parent),
            # Text stays text: no formulas, numbers or links made out of it.
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    worksheet = workbook.add_worksheet(re.sub(r"[\[\]:*?/\\]", " ", sheet)[:31])
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    header = next(rows)
    worksheet.freeze_panes(1, 0)
    for column, title in enumerate(header):
        worksheet.set_column(column, column, max(10, min(30, len(title) * 2)))
        worksheet.write_string(0, column, title, bold)
    done = 0
    for done, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, datetime.date):
                worksheet.write_datetime(done, column, value, day)
            elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                worksheet.write_number(done, column, float(value))
            else:
                worksheet.write_string(done, column, csv_cell(value))
        progress(done)
    italic = workbook.add_format({"italic": True})
    worksheet.write_string(done + 1, 0, end_of_file_line(done), italic)
    workbook.close()
    return done


def _make_file(export: Export, owned) -> tuple[str, int]:
    """Write the export's file to a temporary place, then save it to the private storage."""
    kind, filters = export.kind, export.filters
    total = export_count(kind, filters)
    _alive(owned, rows_total=total, rows_done=0)
    if export.format == ExportFormat.XLSX and total > XLSX_MAX_ROWS:
        raise ExportTooLarge(
            _("%(count)d rows are more than one Excel sheet holds; choose CSV or a shorter period.")
            % {"count": total}
        )
    sheet = str(ExportKind(kind).label)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    name = f"{kind}-{export.pk}-{stamp}.{export.format}"
    with tempfile.TemporaryDirectory(prefix="qingshui-export-") as tmp:
        path = Path(tmp) / name
        rows = export_rows(kind, filters)
        progress = _progress(owned)
        if export.format == ExportFormat.XLSX:
            done = _write_xlsx(path, rows, progress, sheet=sheet)
        else:
            done = _write_csv(path, rows, progress)
        _alive(owned)
        with path.open("rb") as handle:
            export.file.save(name, File(handle), save=False)
    return export.file.name, done


def export_run(*, export_id: int) -> bool:
    """Make the file of a pending export; False if there was nothing to do or it failed.

    Only a pending export runs: the row is switched to running under its lock,
    so a task delivered twice, or sent again by the sweep, finds it taken. Each
    run then writes only while the row is still its own (same ``started_at``):
    a run given up for lost and restarted elsewhere stops, and its file is
    dropped, so one file is made however the deliveries fell.
    """
    with transaction.atomic():
        export = (
            Export.objects.select_for_update()
            .filter(pk=export_id, status=ExportStatus.PENDING)
            .first()
        )
        if export is None:
            return False
        now = timezone.now()
        export.status, export.started_at, export.alive_at = ExportStatus.RUNNING, now, now
        export.attempts += 1
        export.save(update_fields=["status", "started_at", "alive_at", "attempts"])
    owned = Export.objects.filter(
        pk=export.pk, status=ExportStatus.RUNNING, started_at=export.started_at
    )
    try:
        with translation.override(export.language):
            name, done = _make_file(export, owned)
    except ExportTakenOver:
        logger.warning("Export %s was started again elsewhere; this run stops", export.pk)
        return False
    except Exception as error:  # noqa: BLE001 - any failure is the export's, told on its page
        logger.exception("Export %s failed", export.pk)
        if export.file:
            export.file.delete(save=False)
        with translation.override(export.language):
            message = (
                str(error)
                if isinstance(error, ExportTooLarge)
                else _(
                    "The file could not be made (%(error)s). Ask for it again; if it fails "
                    "again, tell the site's administrators."
                )
                % {"error": error.__class__.__name__}
            )
        owned.update(status=ExportStatus.FAILED, error=message, file="", finished_at=timezone.now())
        return False
    finished = owned.update(
        status=ExportStatus.DONE,
        file=name,
        rows_done=done,
        rows_total=done,
        error="",
        finished_at=timezone.now(),
    )
    if not finished:
        export.file.storage.delete(name)
        return False
    return True


def exports_pending_ids() -> list[int]:
    """Exports still pending a while after they were asked for (for the beat sweep)."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.WORK_RETRY_AFTER_SECONDS)
    return list(
        Export.objects.filter(status=ExportStatus.PENDING, created_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[:100]
    )


def exports_tidy() -> dict:
    """Start again exports whose worker died (once); remove files older than ``KEEP_FILES``."""
    now = timezone.now()
    restarted = failed = 0
    lost = Export.objects.filter(status=ExportStatus.RUNNING, alive_at__lt=now - LOST_AFTER)
    for export in lost.order_by("pk")[:100]:
        same_run = Export.objects.filter(
            pk=export.pk, status=ExportStatus.RUNNING, started_at=export.started_at
        )
        if export.attempts < MAX_ATTEMPTS:
            restarted += same_run.update(
                status=ExportStatus.PENDING, started_at=None, alive_at=None, rows_done=0
            )
            continue
        with translation.override(export.language):
            message = _("The export was interrupted. Ask for it again.")
        failed += same_run.update(status=ExportStatus.FAILED, error=message, finished_at=now)
    removed = 0
    old = (
        Export.objects.filter(finished_at__lt=now - KEEP_FILES)
        .exclude(file="")
        .order_by("pk")[:100]
    )
    for export in old:
        export.file.delete(save=False)
        Export.objects.filter(pk=export.pk).update(file="")
        removed += 1
    return {"restarted": restarted, "failed": failed, "removed": removed}
