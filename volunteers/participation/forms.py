"""The leaders' activity report form.

The form only reads what was typed (numbers, dates, choices from the lists);
whether a report makes sense — a date not in the future, figures a team can
plausibly reach, hours within a day, photos that are real images — is
``volunteers.participation.services.reports.report_save``'s to say, and its
messages are put on the matching fields here. The limits on lengths are the
model's, read from it by the form and the service alike.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from volunteers.campaign_links import campaign_links
from volunteers.choices import EventKind, EventStatus
from volunteers.events.forms import TownshipField
from volunteers.events.models import Event
from volunteers.participation.models.hours import MAX_HOURS_PER_RECORD
from volunteers.participation.models.reports import (
    MAX_PHOTOS,
    REPORT_FIGURES,
    ActivityReport,
    ReportPhoto,
)

ISO_DATE = "%Y-%m-%d"
PHOTO_TYPES = "image/jpeg,image/png,image/webp"

# Service field names that differ from the form's: the member hours have no single field.
MEMBERS_KEY = "participants"
# The fields a report always needs; the service says so, the form only marks them.
MARKED_REQUIRED = ("title", "date", "kind", "township", "summary", "participants_count")
# Taken from the event when one is chosen.
EVENT_FIELDS = ("date", "township", "lat", "lon")


def _label(field_name: str):
    return capfirst(ActivityReport._meta.get_field(field_name).verbose_name)


def _max_length(field_name: str, model=ActivityReport) -> int:
    return model._meta.get_field(field_name).max_length


CAPTION_LENGTH = _max_length("caption", ReportPhoto)


def _number_input(step: str, *, decimal: bool = False):
    return forms.NumberInput(
        attrs={"min": "0", "step": step, "inputmode": "decimal" if decimal else "numeric"}
    )


def _figure(name: str, *, unit, help_text, decimal: bool):
    errors = {"invalid": _("Enter a number.")}
    if decimal:
        errors.update(
            {
                "max_decimal_places": _("Use at most one decimal place, e.g. 12.5."),
                "max_digits": _("That number is too large."),
                "max_whole_digits": _("That number is too large."),
            }
        )
        field = forms.DecimalField(
            label=_label(name),
            required=False,
            max_digits=9,
            decimal_places=1,
            error_messages=errors,
            help_text=help_text,
            widget=_number_input("0.1", decimal=True),
        )
    else:
        errors["invalid"] = _("Enter a whole number.")
        field = forms.IntegerField(
            label=_label(name),
            required=False,
            error_messages=errors,
            help_text=help_text,
            widget=_number_input("1"),
        )
    field.unit = unit
    return field


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type=file multiple>``; a list, maybe empty."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": PHOTO_TYPES, "class": "report-upload__input"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        day = date_format(timezone.localtime(obj.starts_at), "DATE_FORMAT")
        return f"{day} · {obj.title}"


class CampaignChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


def reportable_events(team, *, current: Event | None = None):
    """The team's events a report can be about: started, not cancelled, not reported yet."""
    choices = Q(starts_at__lte=timezone.now(), report__isnull=True) & ~Q(
        status=EventStatus.CANCELLED
    )
    if current is not None:
        choices |= Q(pk=current.pk)
    return Event.objects.filter(team=team).filter(choices).order_by("-starts_at", "-pk")


class ReportForm(forms.Form):
    event = EventChoiceField(
        label=_label("event"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("No event"),
        help_text=_(
            "Choose the event this report is about, or “No event” for an activity that was "
            "not announced. For an event, the day and place come from the event, and the "
            "volunteers' hours from its attendance list."
        ),
        error_messages={"invalid_choice": _("Choose one of your team's past events.")},
    )
    campaign = CampaignChoiceField(
        label=_label("campaign"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        help_text=_("Optional: the campaign this activity was part of."),
        error_messages={"invalid_choice": _("Choose a published campaign from the list.")},
    )
    title = forms.CharField(
        label=_label("title"),
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"maxlength": _max_length("title"), "autocomplete": "off"}),
        help_text=_("For example: Clean-up of the reservoir shore at Langhe."),
    )
    date = forms.DateField(
        label=_label("date"),
        required=False,
        input_formats=[ISO_DATE],
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD, for example 2026-05-01.")},
    )
    kind = forms.ChoiceField(
        label=_label("kind"),
        required=False,
        choices=[("", _("Choose a type"))] + EventKind.choices,
    )
    township = TownshipField(
        label=_label("township"), required=False, empty_label=_("Choose a township")
    )
    place = forms.CharField(
        label=_label("place"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": _max_length("place")}),
        help_text=_("Optional: a landmark, village or stretch of river."),
    )
    lat = forms.FloatField(
        label=_label("lat"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    lon = forms.FloatField(
        label=_label("lon"),
        required=False,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    summary = forms.CharField(
        label=_label("summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": _max_length("summary")}),
        help_text=_("What you did and what you found. Everyone can read it once staff approve it."),
    )
    participants_count = forms.IntegerField(
        label=_label("participants"),
        required=False,
        error_messages={"invalid": _("Enter a whole number.")},
        help_text=_("Everyone who helped, members or not."),
        widget=_number_input("1"),
    )
    litter_kg = _figure(
        "litter_kg",
        unit=_("kg"),
        decimal=True,
        help_text=_("Weighed or estimated, in kilograms."),
    )
    river_km = _figure(
        "river_km",
        unit=_("km"),
        decimal=True,
        help_text=_("Length of river or shore walked, in kilometres."),
    )
    households = _figure(
        "households",
        unit=_("households"),
        decimal=False,
        help_text=_("Homes or shops visited or given material."),
    )
    samples = _figure(
        "samples", unit=_("samples"), decimal=False, help_text=_("Water samples taken.")
    )
    trees = _figure(
        "trees", unit=_("trees"), decimal=False, help_text=_("Trees or shrubs planted.")
    )
    photos = MultipleFileField(
        label=_("Photos"),
        required=False,
        help_text=_(
            "Up to %(n)d photos, JPEG, PNG or WebP. Location and camera data are removed. "
            "Please do not show faces of children or anyone who did not agree."
        )
        % {"n": MAX_PHOTOS},
    )
    remove_photos = forms.TypedMultipleChoiceField(
        label=_("Remove photos"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    figure_names = REPORT_FIGURES
    caption_max_length = CAPTION_LENGTH

    def __init__(self, *args, team, report: ActivityReport | None = None, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team
        self.report = report
        self.member_errors: list[str] = []
        self.fields["event"].queryset = reportable_events(
            team, current=report.event if report is not None and report.event_id else None
        )
        self.fields["campaign"].queryset = campaign_links().for_reports(
            current_id=report.campaign_id if report is not None else None
        )
        for name in MARKED_REQUIRED:
            self.fields[name].marked_required = True
        self.existing_photos = list(report.photos.all()) if report is not None else []
        self.fields["remove_photos"].choices = [(p.pk, str(p.pk)) for p in self.existing_photos]
        self.member_fields = []
        for membership in members:
            name = f"hours_{membership.user_id}"
            self.fields[name] = forms.DecimalField(
                label=membership.name,
                required=False,
                min_value=0,
                max_value=MAX_HOURS_PER_RECORD,
                decimal_places=2,
                error_messages={
                    "invalid": _("Enter the hours as a number, e.g. 2.5."),
                    "min_value": _("Hours cannot be negative."),
                    "max_value": _("No one serves more than 24 hours in a day."),
                    "max_decimal_places": _("Use at most two decimal places, e.g. 2.5."),
                },
                widget=forms.NumberInput(
                    attrs={
                        "min": "0",
                        "max": str(MAX_HOURS_PER_RECORD),
                        "step": "0.5",
                        "inputmode": "decimal",
                        "class": "report-hours__input",
                    }
                ),
            )
            self.fields[name].user_id = membership.user_id
            self.fields[name].stars = getattr(membership, "stars", 0)
            self.fields[name].star_text = getattr(membership, "star_text", "")
            self.member_fields.append(name)

    # --- Pieces for the template --------------------------------------------------

    def figure_fields(self):
        return [self[name] for name in self.figure_names]

    def member_hours_fields(self):
        return [self[name] for name in self.member_fields]

    def photo_rows(self):
        """Existing photos with whether their "remove" box is ticked."""
        ticked = {str(v) for v in (self["remove_photos"].value() or [])}
        return [(photo, str(photo.pk) in ticked) for photo in self.existing_photos]

    # --- What the service needs -----------------------------------------------------

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "event": data.get("event"),
            "campaign": data.get("campaign"),
            "title": data.get("title", ""),
            "date": data.get("date"),
            "kind": data.get("kind", ""),
            "township": data.get("township"),
            "place": data.get("place", ""),
            "lat": data.get("lat"),
            "lon": data.get("lon"),
            "summary": data.get("summary", ""),
            "participants": data.get("participants_count"),
            **{name: data.get(name) for name in self.figure_names},
        }

    def participant_hours(self) -> dict:
        """``{user_id: hours}`` of members given hours; blank means they did not take part."""
        if self.cleaned_data.get("event") is not None:
            return {}
        hours = {}
        for name in self.member_fields:
            value = self.cleaned_data.get(name)
            if value is not None and value > 0:
                hours[self.fields[name].user_id] = value
        return hours

    def new_photos(self, captions) -> list:
        uploads = list(self.cleaned_data.get("photos") or [])
        for n, upload in enumerate(uploads):
            upload.caption = (captions.get(f"caption_{n}") or "").strip()[:CAPTION_LENGTH]
        return uploads

    def add_service_errors(self, error: ValidationError) -> None:
        """Put the service's messages on the fields they are about."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for field, messages in error.message_dict.items():
            if field == MEMBERS_KEY and self.member_fields:
                self.member_errors.extend(messages)
            elif field in self.fields:
                self.add_error(field, messages)
            else:
                self.add_error(None, messages)
