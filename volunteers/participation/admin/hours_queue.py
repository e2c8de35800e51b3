"""The queue of service records and a record's review page.

Leaders record and submit the hours; staff approve, adjust or reject them
(``hours_actions.py``). Records are neither created nor deleted here.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import BooleanRadioSelect

from portal.admin_ui.helpers import user_can
from portal.admin_ui.review.listing import (
    QueueFilterSet,
    ReviewIndexView,
    date_range_filter,
    queue_status_filter,
)
from portal.admin_ui.review.viewset import ReviewInspectView
from portal.dates import local_time
from volunteers.events.models import Event
from volunteers.participation.admin.queue_common import (
    county_filter,
    place_and_times,
    team_choice_filter,
)
from volunteers.participation.admin.records import (
    activity_title,
    hours_text,
    mark_checked_in_far,
    record_label,
    records_listed,
    records_with_details,
)
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import (
    RecordSource,
    RecordStatus,
    ServiceRecord,
    ServiceRecordChange,
)
from volunteers.participation.models.reports import ActivityReport
from volunteers.people.display import person_name

SEARCH_FIELDS = [
    "volunteer__volunteer__display_name",
    "volunteer__volunteer__real_name",
    "event__title",
    "report__title",
]


class ServiceRecordFilterSet(QueueFilterSet):
    queue_status = RecordStatus.SUBMITTED
    status = queue_status_filter(RecordStatus.choices, RecordStatus.SUBMITTED)
    flagged = django_filters.BooleanFilter(
        label=_("Flagged as wrong"), widget=BooleanRadioSelect, method="filter_flagged"
    )
    team = team_choice_filter()
    county = county_filter()
    date = date_range_filter()
    source = django_filters.ChoiceFilter(
        label=_("Source"),
        choices=RecordSource.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ServiceRecord
        fields = []

    def filter_flagged(self, queryset, name, value):
        return queryset.filter(flagged_at__isnull=not value)


def records_in_listing(request):
    """The records a listing with ``request``'s filters and search shows."""
    filters = ServiceRecordFilterSet(
        request.GET, queryset=ServiceRecord.objects.all(), request=request
    )
    queryset = filters.qs if filters.is_valid() else ServiceRecord.objects.none()
    query = request.GET.get("q", "").strip()
    if query:
        match = Q()
        for field in SEARCH_FIELDS:
            match |= Q(**{f"{field}__icontains": query})
        queryset = queryset.filter(match)
    return queryset


# --- Listing --------------------------------------------------------------------------


class NotesColumn(Column):
    """The volunteer's flag (⚑ and their comment) and a check-in made far from the event."""

    def render_cell_html(self, instance, parent_context):
        notes = []
        if instance.flagged_at:
            notes.append(
                format_html(
                    '<div data-record-flag title="{}"><span aria-hidden="true">⚑</span> '
                    '<span class="w-sr-only">{}</span> {}</div>',
                    _("Flagged as wrong by the volunteer"),
                    _("Flagged as wrong:"),
                    Truncator(instance.flag_comment).chars(80),
                )
            )
        if getattr(instance, "checked_in_far", False):
            notes.append(
                format_html(
                    '<div data-record-far title="{}"><span aria-hidden="true">⚠</span> {}</div>',
                    _("The phone was far from the event at check-in or check-out"),
                    _("Checked in far from the event"),
                )
            )
        classes = f"hours-notes {self.classname}" if self.classname else "hours-notes"
        return format_html(
            '<td class="{}">{}</td>', classes, format_html_join("", "{}", ((n,) for n in notes))
        )


class ServiceRecordIndexView(ReviewIndexView):
    """The queue, newest service day first (or oldest first), paged by keyset.

    Both orders are read straight from the (status, -date, id) index, or from
    (-date, id) for all statuses.
    """

    keyset_orderings = {"-date": ("-date", "pk"), "date": ("date", "-pk")}
    form_prefix = "hours"
    bulk_obj_type = "record"

    def get_base_queryset(self):
        return records_listed()

    def paginate_queryset(self, queryset, page_size):
        paginator, page, records, is_paginated = super().paginate_queryset(queryset, page_size)
        mark_checked_in_far(records)
        return paginator, page, records, is_paginated

    def get_title_column_kwargs(self):
        return {
            "label": _("Volunteer"),
            "accessor": lambda r: person_name(r.volunteer),
            "get_title_id": lambda r: f"record_{r.pk}_title",
        }


# --- One record ---------------------------------------------------------------------


class ServiceRecordInspectView(ReviewInspectView):
    """The record, its check-in, the decisions staff may take and its full audit trail."""

    page_title = _("Service record")
    template_name = "volunteers/participation/admin/hours_inspect.html"
    related = ("submitted_by__volunteer", "decided_by__volunteer")

    def get_queryset(self):
        return records_with_details(super().get_queryset())

    def get_page_subtitle(self):
        return record_label(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        profile = getattr(record.volunteer, "volunteer", None)
        changes = [
            {
                "change": change,
                "who": person_name(change.changed_by),
                "old_hours": hours_text(change.old_hours),
                "new_hours": hours_text(change.new_hours),
            }
            for change in ServiceRecordChange.objects.filter(record=record)
            .select_related("changed_by__volunteer")
            .order_by("changed_at", "pk")
        ]
        checkin = None
        if record.event_id:
            checkin = CheckIn.objects.filter(
                event_id=record.event_id, volunteer_id=record.volunteer_id
            ).first()
        context.update(
            record=record,
            profile=profile,
            volunteer_name=person_name(record.volunteer),
            activity=activity_title(record),
            hours=hours_text(record.hours),
            changes=changes,
            checkin=checkin,
            submitted_by=person_name(record.submitted_by),
            decided_by=person_name(record.decided_by),
            flagged_at=local_time(record.flagged_at),
            event_url=self._event_url(record),
            report_url=self._report_url(record),
            **place_and_times(record),
        )
        return context

    def _event_url(self, record):
        if record.event_id and user_can(self.request.user, Event, ["view", "change"]):
            return reverse("volunteer_events:edit", args=[record.event_id])
        return ""

    def _report_url(self, record):
        if record.report_id and user_can(self.request.user, ActivityReport, ["view", "change"]):
            return reverse("volunteer_reports:inspect", args=[record.report_id])
        return ""
