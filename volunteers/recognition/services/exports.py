"""Staff exports of service records and activity reports: streamed now, or made in the background.

One source of rows serves both ways out: ``export_rows`` yields the heading
and then one row per record from a ``values_list`` read in chunks, so neither
the streamed CSV download nor the background job holds more than one chunk.

A background export is a row first (pending), written in the request's
transaction; the task that writes the file runs after commit and does nothing
for a row that is no longer pending, so a retried task never writes twice.
It reports progress on the row with plain updates (outside any transaction)
so the page staff wait on sees them. A beat sweep re-sends exports left
pending by a broker outage, fails those a lost worker left running, and
removes files after ``KEEP_FILES``: they carry real names.
"""

import datetime
import logging
import re
import tempfile
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from portal.csv_stream import csv_cell, csv_lines, end_of_file_line
from portal.enqueue import enqueue_on_commit
from portal.errors import ServiceError
from portal.ids import parse_id
from volunteers.choices import EventKind
from volunteers.participation.models.hours import RecordSource, RecordStatus, ServiceRecord
from volunteers.participation.models.reports import REPORT_FIGURES, ActivityReport, ReportStatus
from volunteers.people.models import VolunteerProfile
from volunteers.places.models import County, Township
from volunteers.recognition.models.exports import Export, ExportFormat, ExportKind, ExportStatus
from volunteers.teams.models import Team
from volunteers.teams.permissions import is_staff

logger = logging.getLogger(__name__)

CHUNK = 2000
PROGRESS_EVERY = 5000
MAX_YEARS = 10
MAX_RANGE = datetime.timedelta(days=365 * MAX_YEARS + MAX_YEARS // 4)
# One sheet of a workbook holds 1,048,576 rows: the heading, the data, the end-of-file row.
XLSX_MAX_ROWS = 1_048_574
# At most this many exports of one person waiting or being prepared at once.
MAX_OPEN = 3
# A running export reports progress every few seconds (and before its slow last
# steps); one silent this long lost its worker and is started again, once.
LOST_AFTER = datetime.timedelta(seconds=90)
MAX_ATTEMPTS = 2
KEEP_FILES = datetime.timedelta(days=7)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FILTER_KEYS = ("date_from", "date_to", "county", "township", "team", "status")
# Read permissions an exporter needs: the files name the volunteers (real names).
EXPORT_PERMISSIONS = (
    (ServiceRecord, ("view", "change")),
    (ActivityReport, ("view", "change")),
    (VolunteerProfile, ("view", "change")),
)


class ExportTooLarge(Exception):
    """More rows than the chosen format can hold."""


class ExportTakenOver(Exception):
    """This run was given up for lost and the export started again elsewhere."""


def export_allowed(user) -> bool:
    """Staff who may read service records, reports and volunteers' profiles (superusers too).

    The "Volunteer staff" group has exactly these permissions; content editors
    and moderators have none of them.
    """
    if not (is_staff(user) and user.is_active):
        return False
    if user.is_superuser:
        return True
    return all(
        any(user.has_perm(f"volunteers.{action}_{model._meta.model_name}") for action in actions)
        for model, actions in EXPORT_PERMISSIONS
    )


# --- Filters ------------------------------------------------------------------------


def _text(data, key) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value).strip()[:40]


def _date(value: str, key: str, errors: dict) -> datetime.date | None:
    if not value:
        return None
    try:
        if not DATE_RE.match(value):
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        errors[key] = _("Enter a real date as YYYY-MM-DD, e.g. 2026-05-01.")
        return None


def _statuses(kind: str) -> dict:
    choices = RecordStatus.choices if kind == ExportKind.RECORDS else ReportStatus.choices
    return dict(choices)


def export_filters_clean(data, *, kind: str = ExportKind.RECORDS) -> dict:
    """The filters of an export in their stored form, or a ServiceError naming each bad field.

    ``data`` maps the keys of ``FILTER_KEYS`` to text (or dates, or model
    instances); empty values mean "any". The result holds only the filters
    given: ISO dates, division codes, a team id and a status value.
    """
    errors: dict[str, str] = {}
    cleaned: dict = {}
    date_from = _date(_text(data, "date_from"), "date_from", errors)
    date_to = _date(_text(data, "date_to"), "date_to", errors)
    if date_from and date_to:
        if date_from > date_to:
            errors["date_to"] = _("The end date is before the start date.")
        elif date_to - date_from > MAX_RANGE:
            errors["date_to"] = _(
                "Choose at most %(years)d years at a time; export longer periods in parts."
            ) % {"years": MAX_YEARS}
    if date_from:
        cleaned["date_from"] = date_from.isoformat()
    if date_to:
        cleaned["date_to"] = date_to.isoformat()

    county = None
    code = _text(data, "county")
    if code:
        county = County.objects.filter(code=code).first()
        if county is None:
            errors["county"] = _("There is no county with the code “%(code)s”.") % {"code": code}
        else:
            cleaned["county"] = county.code
    code = _text(data, "township")
    if code:
        township = Township.objects.select_related("county").filter(code=code).first()
        if township is None:
            errors["township"] = _("There is no township with the code “%(code)s”.") % {
                "code": code
            }
        elif county is not None and township.county_id != county.pk:
            errors["township"] = _(
                "%(township)s is in %(other)s, not in %(county)s: choose a township of the "
                "chosen county, or no county."
            ) % {"township": township, "other": township.county, "county": county}
        else:
            cleaned["township"] = township.code

    team = _text(data, "team")
    if team:
        team_id = parse_id(team)
        if team_id is None or not Team.objects.filter(pk=team_id).exists():
            errors["team"] = _("There is no such team; choose one from the list.")
        else:
            cleaned["team"] = team_id

    status = _text(data, "status")
    if status:
        if status not in _statuses(kind):
            errors["status"] = _("Choose one of the statuses in the list.")
        else:
            cleaned["status"] = status

    if errors:
        raise ServiceError(errors)
    return cleaned


def _filtered(queryset, filters: dict):
    if "date_from" in filters:
        queryset = queryset.filter(date__gte=filters["date_from"])
    if "date_to" in filters:
        queryset = queryset.filter(date__lte=filters["date_to"])
    if "county" in filters:
        queryset = queryset.filter(township__county__code=filters["county"])
    if "township" in filters:
        queryset = queryset.filter(township__code=filters["township"])
    if "team" in filters:
        queryset = queryset.filter(team_id=filters["team"])
    if "status" in filters:
        queryset = queryset.filter(status=filters["status"])
    return queryset


# --- Rows ---------------------------------------------------------------------------


RECORD_FIELDS = (
    "pk",
    "date",
    "volunteer__volunteer__display_name",
    "volunteer__volunteer__real_name",
    "hours",
    "status",
    "source",
    "event__title",
    "report__title",
    "team__name",
    "township__county__name_zh",
    "township__county__name_en",
    "township__name_zh",
    "township__name_en",
)
REPORT_FIELDS = (
    "pk",
    "date",
    "title",
    "kind",
    "status",
    "team__name",
    "township__county__name_zh",
    "township__county__name_en",
    "township__name_zh",
    "township__name_en",
    "place",
    "event__title",
    "participants",
    "litter_kg",
    "river_km",
    "households",
    "samples",
    "trees",
    "created_by__volunteer__display_name",
)
REPORT_COLUMNS = ("participants", *REPORT_FIGURES)


def _queryset(kind: str, filters: dict):
    if kind == ExportKind.RECORDS:
        return _filtered(ServiceRecord.objects.all(), filters).order_by("date", "pk")
    if kind == ExportKind.REPORTS:
        return _filtered(ActivityReport.objects.all(), filters).order_by("date", "pk")
    raise ServiceError({"kind": _("Choose what to export.")})


def export_count(kind: str, filters: dict) -> int:
    """How many rows an export of ``filters`` (already cleaned) holds: one COUNT query."""
    return _queryset(kind, filters).count()


def _label(model, name) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _records_layout():
    statuses = {value: str(label) for value, label in RecordStatus.choices}
    sources = {value: str(label) for value, label in RecordSource.choices}
    earlier = _("Earlier service recorded by staff")
    english = translation.get_language() == "en"
    header = [
        _("Record"),
        _("Date"),
        _label(VolunteerProfile, "display_name"),
        _label(VolunteerProfile, "real_name"),
        _("Hours"),
        _("Status"),
        _("Source"),
        _("Activity"),
        _("Team"),
        _("County"),
        _("Township"),
    ]

    def row(values):
        (pk, date, shown, real, hours, status, source, event, report, team, *places) = values
        (county_zh, county_en, township_zh, township_en) = places
        return [
            pk,
            date,
            csv_cell(shown),
            csv_cell(real),
            hours,
            statuses.get(status, status),
            sources.get(source, source),
            csv_cell(event or report or earlier),
            csv_cell(team),
            csv_cell(county_en if english and county_en else county_zh),
            csv_cell(township_en if english and township_en else township_zh),
        ]

    return header, RECORD_FIELDS, row


def _reports_layout():
    statuses = {value: str(label) for value, label in ReportStatus.choices}
    kinds = {value: str(label) for value, label in EventKind.choices}
    english = translation.get_language() == "en"
    header = [
        _("Report"),
        _("Date"),
        _("Title"),
        _("Type"),
        _("Status"),
        _("Team"),
        _("County"),
        _("Township"),
        _label(ActivityReport, "place"),
        _("Event"),
        *(_label(ActivityReport, name) for name in REPORT_COLUMNS),
        _label(ActivityReport, "created_by"),
    ]

    def row(values):
        (pk, date, title, kind, status, team, county_zh, county_en, *rest) = values
        (township_zh, township_en, place, event, *figures, author) = rest
        return [
            pk,
            date,
            csv_cell(title),
            kinds.get(kind, kind),
            statuses.get(status, status),
            csv_cell(team),
            csv_cell(county_en if english and county_en else county_zh),
            csv_cell(township_en if english and township_en else township_zh),
            csv_cell(place),
            csv_cell(event),
            *figures,
            csv_cell(author),
        ]

    return header, REPORT_FIELDS, row


def export_rows(kind: str, filters: dict):
    """The heading, then one row per record or report of ``filters`` (already cleaned).

    Headings and labels are fixed in the active language now, when this is
    called; the rows are read later, a chunk at a time, as the result is
    iterated. Text cells are defused against formulas; numbers and dates
    stay numbers and dates for the writer to format.
    """
    queryset = _queryset(kind, filters)
    header, fields, row = _records_layout() if kind == ExportKind.RECORDS else _reports_layout()

    def rows():
        yield header
        for values in queryset.values_list(*fields).iterator(chunk_size=CHUNK):
            yield row(values)

    return rows()


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


# --- Background exports -------------------------------------------------------------


def _language() -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def export_request(*, by, kind: str, format: str, filters) -> Export:
    """A new export (pending), made by a task once the request's transaction commits."""
    if not export_allowed(by):
        raise PermissionDenied
    errors = {}
    if kind not in ExportKind.values:
        errors["kind"] = _("Choose what to export.")
    if format not in ExportFormat.values:
        errors["format"] = _("Choose CSV or Excel.")
    if errors:
        raise ServiceError(errors)
    cleaned = export_filters_clean(filters, kind=kind)
    with transaction.atomic():
        open_exports = Export.objects.filter(
            requested_by=by, status__in=(ExportStatus.PENDING, ExportStatus.RUNNING)
        )
        if open_exports.count() >= MAX_OPEN:
            raise ServiceError(
                _(
                    "You already have %(count)d exports being prepared; "
                    "wait for one of them to finish."
                )
                % {"count": MAX_OPEN}
            )
        export = Export.objects.create(
            kind=kind, format=format, filters=cleaned, language=_language(), requested_by=by
        )
        _queue(export.pk)
    return export


def _queue(export_id: int) -> None:
    from volunteers.recognition.tasks import run_export

    enqueue_on_commit(run_export, export_id)


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
    import xlsxwriter

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
