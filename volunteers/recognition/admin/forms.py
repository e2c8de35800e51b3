"""The form of the staff exports page: what to export, and which records or reports.

The form only carries the choices: the service checks them, and its messages
are shown on the fields they are about.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.errors import ServiceError, form_add_service_error
from volunteers.participation.models.hours import RecordStatus
from volunteers.participation.models.reports import ReportStatus
from volunteers.places.models import County, Township
from volunteers.recognition.models.exports import ExportFormat, ExportKind
from volunteers.teams.models import Team


def _county_choices():
    return [("", _("All counties"))] + [(c.code, c.name) for c in County.objects.order_by("code")]


def _township_choices():
    groups: dict = {}
    for township in Township.objects.select_related("county").order_by("county__code", "code"):
        groups.setdefault(township.county, []).append((township.code, township.name))
    return [("", _("All townships"))] + [(str(county), items) for county, items in groups.items()]


def _team_choices():
    return [("", _("All teams"))] + list(Team.objects.order_by("name").values_list("pk", "name"))


class ExportForm(forms.Form):
    """Carries the choices to the service, which says what is wrong with them.

    Dates, places and the team are plain text fields on purpose: the service
    checks them and its messages (an impossible date, a township outside the
    county) are the ones staff read.
    """

    kind = forms.ChoiceField(
        label=_("What to export"),
        choices=ExportKind.choices,
        initial=ExportKind.RECORDS,
        widget=forms.RadioSelect,
    )
    format = forms.ChoiceField(
        label=_("Format of the file prepared in the background"),
        choices=ExportFormat.choices,
        initial=ExportFormat.CSV,
        widget=forms.RadioSelect,
        help_text=_("“Download CSV now” always gives a CSV file."),
    )
    date_from = forms.CharField(
        label=_("From"),
        required=False,
        max_length=20,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.CharField(
        label=_("To (inclusive)"),
        required=False,
        max_length=20,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    county = forms.CharField(label=_("County"), required=False, widget=forms.Select)
    township = forms.CharField(label=_("Township"), required=False, widget=forms.Select)
    team = forms.CharField(label=_("Team"), required=False, widget=forms.Select)
    record_status = forms.ChoiceField(
        label=_("Status of the service records"),
        required=False,
        choices=[("", _("All statuses")), *RecordStatus.choices],
    )
    report_status = forms.ChoiceField(
        label=_("Status of the activity reports"),
        required=False,
        choices=[("", _("All statuses")), *ReportStatus.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].widget.choices = _county_choices()
        self.fields["township"].widget.choices = _township_choices()
        self.fields["team"].widget.choices = _team_choices()
        self.fields["kind"].widget.attrs["data-export-kind"] = ""
        self.fields["county"].widget.attrs["data-export-county"] = ""
        self.fields["township"].widget.attrs["data-export-township"] = ""
        self.fields["record_status"].widget.attrs["data-export-for"] = ExportKind.RECORDS
        self.fields["report_status"].widget.attrs["data-export-for"] = ExportKind.REPORTS

    def filters(self) -> dict:
        data = self.cleaned_data
        status = data["record_status"] if data["kind"] == ExportKind.RECORDS else None
        if data["kind"] == ExportKind.REPORTS:
            status = data["report_status"]
        return {
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "county": data["county"],
            "township": data["township"],
            "team": data["team"],
            "status": status or "",
        }


def add_export_error(form, error: ServiceError) -> None:
    """The service names fields by filter key; the form has one status field per kind."""
    if hasattr(error, "error_dict") and "status" in error.error_dict:
        name = "record_status" if form.cleaned_data.get("kind") == ExportKind.RECORDS else None
        name = name or "report_status"
        error.error_dict[name] = error.error_dict.pop("status")
    form_add_service_error(form, error)
