"""Forms for the event pages: the list's filters and the leaders' event form.

The forms check what a single field can tell (types, ranges, known places);
the rules that tie fields together (end after start, deadline before start,
places already taken) belong to ``volunteers.services.events`` and come back
as ``ServiceError`` field messages.
"""

import datetime
from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from volunteers.campaign_links import campaign_links
from volunteers.choices import EventKind, Visibility
from volunteers.events.models import MAX_CAPACITY, Event
from volunteers.places.models import County, Township

# Division codes of Shiyan's counties and townships all start with 4203.
SHIYAN_CODE_PREFIX = "4203"
# A generous box around Shiyan: a point outside it is almost always a typo or
# latitude and longitude swapped.
SHIYAN_BOUNDS = {"lat": (31.3, 33.8), "lon": (109.3, 111.9)}
DEFAULT_DEADLINE_BEFORE_START = datetime.timedelta(days=1)
ISO_DATE = "%Y-%m-%d"
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def shiyan_townships():
    return (
        Township.objects.filter(code__startswith=SHIYAN_CODE_PREFIX)
        .select_related("county")
        .order_by("county__code", "code")
    )


def townships_by_county(townships):
    """``[(county, [township, …]), …]`` for a select with one group per county."""
    return [(county, list(towns)) for county, towns in groupby(townships, key=lambda t: t.county)]


# --- The event list's filters ---------------------------------------------------


class EventFilterForm(forms.Form):
    """Reads the list's query string; a value it cannot use is dropped, never an error page."""

    county = forms.ChoiceField(required=False)
    township = forms.ChoiceField(required=False)
    type = forms.ChoiceField(required=False, choices=[("", "")] + EventKind.choices)
    free = forms.BooleanField(required=False)

    date_error = _("Enter the date as YYYY-MM-DD, for example 2026-05-01.")

    def __init__(self, data, *, counties, townships):
        super().__init__(data)
        self.fields["county"].choices = [("", "")] + [(c.code, c.name) for c in counties]
        self.fields["township"].choices = [("", "")] + [(t.code, t.name) for t in townships]
        # "from" is a Python keyword, so these two are added here.
        for name in ("from", "to"):
            self.fields[name] = forms.DateField(
                required=False,
                input_formats=[ISO_DATE],
                error_messages={"invalid": self.date_error},
            )
        self._townships = {t.code: t for t in townships}

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            self.add_error("to", _("The end date is before the start date."))
            data.pop("from", None)
        # A township from another county is left over from an earlier choice
        # (the county select changed without JavaScript): the county wins.
        township = self._townships.get(data.get("township") or "")
        if township and data.get("county") and township.county.code != data["county"]:
            data["township"] = ""
        return data

    def filters(self) -> dict:
        """The usable filters for ``events_for_listing``; invalid ones are left out."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return {
            "county": data.get("county") or "",
            "township": data.get("township") or "",
            "kind": data.get("type") or "",
            "date_from": data.get("from"),
            "date_to": data.get("to"),
            "has_places": bool(data.get("free")),
        }

    def chosen(self) -> dict:
        """The filters as the form shows them: only values that were understood."""
        f = self.filters()
        return {
            "county": f["county"],
            "township": f["township"],
            "type": f["kind"],
            "from": f["date_from"].isoformat() if f["date_from"] else "",
            "to": f["date_to"].isoformat() if f["date_to"] else "",
            "free": f["has_places"],
        }


# --- The leaders' event form ------------------------------------------------------


class GroupedTownshipIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for county, towns in townships_by_county(self.queryset):
            yield (county.name, [self.choice(t) for t in towns])


class TownshipField(forms.ModelChoiceField):
    """Townships of Shiyan in one select, grouped by county."""

    iterator = GroupedTownshipIterator

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Choose a township of Shiyan from the list.")},
        )
        super().__init__(queryset=shiyan_townships(), **kwargs)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_LOCAL)


def _label(field_name: str):
    return capfirst(Event._meta.get_field(field_name).verbose_name)


def _max_length(field_name: str) -> int:
    """The model's limit, so the form and the database never disagree."""
    return Event._meta.get_field(field_name).max_length


def _datetime_field(name: str, **kwargs):
    return forms.DateTimeField(
        label=_label(name),
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        error_messages={
            "invalid": _("Enter a date and time, for example 2026-05-01 09:00."),
            "required": _("Enter a date and time."),
        },
        **kwargs,
    )


class EventForm(forms.Form):
    """What a leader fills in to create or change an event (times in Shiyan's time zone)."""

    title = forms.CharField(label=_label("title"), max_length=_max_length("title"))
    kind = forms.ChoiceField(label=_label("kind"), choices=EventKind.choices)
    description = forms.CharField(
        label=_label("description"),
        max_length=_max_length("description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    township = TownshipField(label=_label("township"), empty_label=_("Choose a township"))
    lat = forms.FloatField(
        label=_label("lat"),
        required=False,
        min_value=-90,
        max_value=90,
        error_messages={
            "min_value": _("Latitude is between -90 and 90."),
            "max_value": _("Latitude is between -90 and 90."),
        },
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    lon = forms.FloatField(
        label=_label("lon"),
        required=False,
        min_value=-180,
        max_value=180,
        error_messages={
            "min_value": _("Longitude is between -180 and 180."),
            "max_value": _("Longitude is between -180 and 180."),
        },
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    meeting_point = forms.CharField(
        label=_label("meeting_point"), max_length=_max_length("meeting_point"), required=False
    )
    starts_at = _datetime_field("starts_at")
    ends_at = _datetime_field("ends_at")
    signup_deadline = _datetime_field(
        "signup_deadline",
        required=False,
        help_text=_("Leave empty to close sign-up one day before the start."),
    )
    capacity = forms.IntegerField(
        label=_label("capacity"),
        min_value=1,
        max_value=MAX_CAPACITY,
        error_messages={
            "min_value": _("An event needs at least one place."),
            "max_value": _("An event can have at most 10,000 places."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    what_to_bring = forms.CharField(
        label=_label("what_to_bring"),
        max_length=_max_length("what_to_bring"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    visibility = forms.ChoiceField(
        label=_label("visibility"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )
    campaign = forms.ModelChoiceField(
        label=_label("campaign"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        help_text=_("Optional: the campaign this activity counts towards once it has taken place."),
        error_messages={
            "invalid_choice": _("Choose a running or upcoming campaign from the list.")
        },
    )

    def __init__(self, *args, is_new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_new = is_new
        self.fields["campaign"].queryset = campaign_links().for_events(
            current_id=self.initial.get("campaign")
        )

    def clean(self):
        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        if (
            lat is not None
            and lon is not None
            and "lat" not in self.errors
            and "lon" not in self.errors
            and not (
                SHIYAN_BOUNDS["lat"][0] <= lat <= SHIYAN_BOUNDS["lat"][1]
                and SHIYAN_BOUNDS["lon"][0] <= lon <= SHIYAN_BOUNDS["lon"][1]
            )
        ):
            self.add_error(
                "lat",
                _(
                    "This point is outside Shiyan. Latitude comes first (about 32 to 33), "
                    "then longitude (about 110 to 111)."
                ),
            )
        starts = data.get("starts_at")
        if starts and not data.get("signup_deadline") and "signup_deadline" not in self.errors:
            deadline = starts - DEFAULT_DEADLINE_BEFORE_START
            # An event less than a day away stays open for sign-up until it starts.
            data["signup_deadline"] = deadline if deadline > timezone.now() else starts
        deadline = data.get("signup_deadline")
        now = timezone.now()
        # A start in the past is the service's to report; this only catches a
        # deadline typed by hand that is already over.
        if self.is_new and deadline and starts and starts > now and deadline < now:
            self.add_error(
                "signup_deadline", ValidationError(_("The sign-up deadline has already passed."))
            )
        return data


def event_initial(event: Event) -> dict:
    return {
        "title": event.title,
        "kind": event.kind,
        "description": event.description,
        "township": event.township_id,
        "lat": event.lat,
        "lon": event.lon,
        "meeting_point": event.meeting_point,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "signup_deadline": event.signup_deadline,
        "capacity": event.capacity,
        "what_to_bring": event.what_to_bring,
        "visibility": event.visibility,
        "campaign": event.campaign_id,
    }


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=_max_length("cancel_reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone signed up receives it by e-mail."),
        error_messages={"required": _("Tell the volunteers why the event is cancelled.")},
    )


def counties_and_townships():
    """Shiyan's counties and townships for the list's filters (two queries)."""
    counties = list(County.objects.filter(code__startswith=SHIYAN_CODE_PREFIX).order_by("code"))
    townships = list(shiyan_townships())
    return counties, townships
