"""The rows of an export: the heading, then one row per service record or activity report.

Rows are read as ``values_list`` tuples a chunk at a time, never as model
objects, so an export of millions of rows holds one chunk. The cells are
plain values (text, numbers, dates): the file writers defuse text against
formulas and format numbers and dates.
"""

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from portal.errors import ServiceError
from volunteers.choices import EventKind
from volunteers.participation.models.hours import RecordSource, RecordStatus, ServiceRecord
from volunteers.participation.models.reports import REPORT_FIGURES, ActivityReport, ReportStatus
from volunteers.people.models import VolunteerProfile
from volunteers.recognition.models.exports import ExportKind

CHUNK = 2000
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
            shown,
            real,
            hours,
            statuses.get(status, status),
            sources.get(source, source),
            event or report or earlier,
            team,
            county_en if english and county_en else county_zh,
            township_en if english and township_en else township_zh,
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
            title,
            kinds.get(kind, kind),
            statuses.get(status, status),
            team,
            county_en if english and county_en else county_zh,
            township_en if english and township_en else township_zh,
            place,
            event,
            *figures,
            author,
        ]

    return header, REPORT_FIELDS, row


def export_rows(kind: str, filters: dict):
    """The heading, then one row per record or report of ``filters`` (already cleaned).

    Headings and labels are fixed in the active language now, when this is
    called; the rows are read later, a chunk at a time, as the result is
    iterated. Cells stay plain: the writer (``csv_lines``, or the Excel
    writer) defuses text against formulas and formats numbers and dates.
    """
    queryset = _queryset(kind, filters)
    header, fields, row = _records_layout() if kind == ExportKind.RECORDS else _reports_layout()

    def rows():
        yield header
        for values in queryset.values_list(*fields).iterator(chunk_size=CHUNK):
            yield row(values)

    return rows()
