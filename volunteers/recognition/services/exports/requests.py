"""Who may export, the filters an export takes, and asking for an export made in the background."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from portal.enqueue import enqueue_on_commit
from portal.errors import ServiceError
from portal.ids import parse_id
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.models.reports import ActivityReport, ReportStatus
from volunteers.people.models import VolunteerProfile
from volunteers.places.models import County, Township
from volunteers.recognition.models.exports import Export, ExportFormat, ExportKind, ExportStatus
from volunteers.teams.models import Team
from volunteers.teams.permissions import is_staff

MAX_YEARS = 10
MAX_RANGE = datetime.timedelta(days=365 * MAX_YEARS + MAX_YEARS // 4)
# At most this many exports of one person waiting or being prepared at once.
MAX_OPEN = 3
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FILTER_KEYS = ("date_from", "date_to", "county", "township", "team", "status")
# Read permissions an exporter needs: the files name the volunteers (real names).
EXPORT_PERMISSIONS = (
    (ServiceRecord, ("view", "change")),
    (ActivityReport, ("view", "change")),
    (VolunteerProfile, ("view", "change")),
)


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
        enqueue_on_commit("volunteers.tasks.run_export", export.pk)
    return export
