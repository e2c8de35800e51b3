"""Staff review of service hours in the Wagtail admin: the queue of submitted records.

Leaders record and submit the hours; staff approve, adjust or reject them
here. Every decision goes through ``volunteers.services.hours``, which writes
the record's audit trail and keeps the rollups in step, so nothing here
changes a record directly and records are neither created nor deleted.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property, classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from portal.admin_ui.helpers import listing_url, user_can, with_next
from portal.admin_ui.keyset import KeysetIndexMixin
from portal.admin_ui.listing import ActionsColumn, TextColumn, form_button
from portal.admin_ui.views import ObjectActionView, StaffViewSetMixin
from portal.dates import local_time
from portal.errors import ServiceError
from portal.ids import parse_id
from volunteers.events.models import Event
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import (
    RecordSource,
    RecordStatus,
    ServiceRecord,
    ServiceRecordChange,
)
from volunteers.participation.models.reports import ActivityReport, ReportStatus
from volunteers.participation.services.hours import record_adjust, record_approve, record_reject
from volunteers.people.display import person_name
from volunteers.places.display import place_label
from volunteers.places.models import County
from volunteers.teams.choosers import team_chooser_viewset
from volunteers.teams.models import Team

LOG_HOURS_APPROVE = "volunteers.hours_approve"
LOG_HOURS_ADJUST = "volunteers.hours_adjust"
LOG_HOURS_REJECT = "volunteers.hours_reject"
ALL = "all"
APPROVE_FORM_ID = "hours-approve"
GO_FORM_ID = "hours-go"
SEARCH_FIELDS = [
    "volunteer__volunteer__display_name",
    "volunteer__volunteer__real_name",
    "event__title",
    "report__title",
]
# Decisions staff may still take on a record in each status (the services decide).
ADJUSTABLE = (RecordStatus.SUBMITTED, RecordStatus.APPROVED, RecordStatus.REJECTED)
REJECTABLE = (RecordStatus.SUBMITTED, RecordStatus.APPROVED)


def hours_text(value) -> str:
    """2.50 → "2.5", 10.00 → "10"."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def activity_title(record) -> str:
    if record.event_id:
        return record.event.title
    if record.report_id:
        return record.report.title
    return ""


def record_label(record) -> str:
    parts = [person_name(record.volunteer), activity_title(record), record.date.isoformat()]
    return " · ".join(p for p in parts if p)


def _checked_in_far():
    return Exists(
        CheckIn.objects.filter(
            event_id=OuterRef("event_id"),
            volunteer_id=OuterRef("volunteer_id"),
            far_from_event=True,
        )
    )


def records_with_details(queryset=None):
    """Records with what the lists and pages show, and whether the check-in was far away."""
    queryset = ServiceRecord.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "volunteer__volunteer", "event", "report", "team", "township__county"
    ).annotate(checked_in_far=_checked_in_far())


# What a row of the hours queue shows, and nothing more: no place, no event
# description.
LISTED_FIELDS = (
    "volunteer__username",
    "volunteer__volunteer__display_name",
    "event__title",
    "report__title",
    "team__name",
    "date",
    "hours",
    "source",
    "status",
    "flagged_at",
    "flag_comment",
)


def records_listed():
    """The records of the hours queue with only the columns its rows show."""
    return ServiceRecord.objects.select_related(
        "volunteer__volunteer", "event", "report", "team"
    ).only(*LISTED_FIELDS)


def mark_checked_in_far(records) -> None:
    """Set ``checked_in_far`` on each of a page's records, in one query.

    Asked in the listing's query, the database answers it by hashing every
    far check-in there is, on every page; asked for the page's events, it
    reads only their check-ins.
    """
    events = {record.event_id for record in records if record.event_id}
    far = set(
        CheckIn.objects.filter(event_id__in=events, far_from_event=True).values_list(
            "event_id", "volunteer_id"
        )
        if events
        else ()
    )
    for record in records:
        record.checked_in_far = (record.event_id, record.volunteer_id) in far


def add_service_error(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class QueueFilterSet(WagtailFilterSet):
    """A filter set whose status filter starts on the items waiting for staff.

    A missing ``status`` means the queue; "All" is a choice of its own, so the
    queue stays the default and the filter can still be cleared.
    """

    queue_status = None

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = self.queue_status
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(status=value)


def queue_status_filter(choices, default):
    return django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(ALL, _("All")), *choices],
        empty_label=None,
        initial=default,
        widget=forms.RadioSelect,
        method="filter_status",
    )


def team_choice_filter():
    """Records or reports of one team, picked in the team chooser (2,000 teams at scale)."""
    return django_filters.ModelChoiceFilter(
        label=_("Team"), queryset=Team.objects.all(), widget=team_chooser_viewset.widget_class
    )


class ServiceRecordFilterSet(QueueFilterSet):
    queue_status = RecordStatus.SUBMITTED
    status = queue_status_filter(RecordStatus.choices, RecordStatus.SUBMITTED)
    flagged = django_filters.BooleanFilter(
        label=_("Flagged as wrong"), widget=BooleanRadioSelect, method="filter_flagged"
    )
    team = team_choice_filter()
    county = django_filters.ModelChoiceFilter(
        label=_("County"), field_name="township__county", queryset=County.objects.all()
    )
    date = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
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

    cell_template_name = "volunteers/participation/admin/hours_notes_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["record"] = instance
        return context


class RecordActionsColumn(ActionsColumn):
    """Approve, adjust and reject, as buttons of the page's two forms.

    Approve posts the page's approve form (``hours_results.html``) to the
    record's approve URL; adjust and reject open their pages through the
    page's other form, which carries only the way back.
    """

    def get_actions(self, instance):
        if not self.can_change:
            return []
        actions = []
        if instance.status == RecordStatus.SUBMITTED:
            url = reverse("volunteer_hours:approve", args=[instance.pk])
            actions.append(form_button(APPROVE_FORM_ID, url, _("Approve")))
        if instance.status in ADJUSTABLE:
            url = reverse("volunteer_hours:adjust", args=[instance.pk])
            actions.append(form_button(GO_FORM_ID, url, _("Adjust hours")))
        if instance.status in REJECTABLE:
            url = reverse("volunteer_hours:reject", args=[instance.pk])
            actions.append(form_button(GO_FORM_ID, url, _("Reject")))
        return actions


class ServiceRecordIndexView(KeysetIndexMixin, generic.IndexView):
    """The queue, newest service day first (or oldest first), paged by keyset.

    Both orders are read straight from the (status, -date, id) index, or from
    (-date, id) for all statuses.
    """

    results_template_name = "volunteers/participation/admin/hours_results.html"
    keyset_orderings = {"-date": ("-date", "pk"), "date": ("date", "-pk")}

    def get_base_queryset(self):
        return records_listed()

    def paginate_queryset(self, queryset, page_size):
        paginator, page, records, is_paginated = super().paginate_queryset(queryset, page_size)
        mark_checked_in_far(records)
        return paginator, page, records, is_paginated

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column_class = self._get_title_column_class(column_class)
        return column_class(
            "person",
            label=_("Volunteer"),
            accessor=lambda r: person_name(r.volunteer),
            get_url=self.get_inspect_url,
            get_title_id=lambda r: f"record_{r.pk}_title",
            **kwargs,
        )

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="record"),
            *super().columns,
            RecordActionsColumn("actions", label="", can_change=self.can_change),
        ]

    @cached_property
    def can_change(self) -> bool:
        return self.user_has_permission("change")

    @cached_property
    def listing_url(self) -> str:
        return listing_url(self)

    def get_list_more_buttons(self, instance):
        # The row's actions have a column of their own (RecordActionsColumn) and
        # the volunteer's name links to the record: no menu on each row.
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            can_change=self.can_change,
            approve_form_id=APPROVE_FORM_ID,
            go_form_id=GO_FORM_ID,
            listing_url=self.listing_url,
        )
        return context


# --- One record ---------------------------------------------------------------------


def record_buttons(user, record, back=None):
    """Adjust and reject links for a record (approve is a form of its own)."""
    buttons = []
    if not user_can(user, ServiceRecord, ["change"]):
        return buttons
    if record.status in ADJUSTABLE:
        url = reverse("volunteer_hours:adjust", args=[record.pk])
        buttons.append(
            Button(_("Adjust hours"), url=with_next(url, back) if back else url, icon_name="edit")
        )
    if record.status in REJECTABLE:
        url = reverse("volunteer_hours:reject", args=[record.pk])
        buttons.append(
            Button(_("Reject"), url=with_next(url, back) if back else url, icon_name="cross")
        )
    return buttons


class ServiceRecordInspectView(generic.InspectView):
    """The record, its check-in, the decisions staff may take and its full audit trail."""

    page_title = _("Service record")
    template_name = "volunteers/participation/admin/hours_inspect.html"

    def get_object(self, queryset=None):
        queryset = records_with_details(
            ServiceRecord.objects.select_related("submitted_by__volunteer", "decided_by__volunteer")
        )
        return get_object_or_404(queryset, pk=self.pk)

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
        can_change = self.user_has_permission("change")
        here = reverse("volunteer_hours:inspect", args=[record.pk])
        context.update(
            record=record,
            profile=profile,
            volunteer_name=person_name(record.volunteer),
            activity=activity_title(record),
            place=place_label(record.township),
            hours=hours_text(record.hours),
            changes=changes,
            checkin=checkin,
            submitted_by=person_name(record.submitted_by),
            decided_by=person_name(record.decided_by),
            submitted_at=local_time(record.submitted_at),
            decided_at=local_time(record.decided_at),
            flagged_at=local_time(record.flagged_at),
            can_approve=can_change and record.status == RecordStatus.SUBMITTED,
            approve_url=reverse("volunteer_hours:approve", args=[record.pk]),
            next_url=here,
            buttons=record_buttons(self.request.user, record, back=here),
            event_url=self._event_url(record),
            report_url=self._report_url(record),
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


class RecordActionView(ObjectActionView):
    """Approve, adjust or reject one record; the service says whether it may be done."""

    model = ServiceRecord
    header_icon = "time"
    related = ("volunteer__volunteer", "event", "report", "team", "township__county")
    inspect_url_name = None

    def get_page_subtitle(self):
        return record_label(self.object)

    def get_edit_url(self):
        return reverse(self.inspect_url_name, args=[quote(self.object.pk)])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Service hours")},
            {"url": self.get_edit_url(), "label": record_label(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            record=self.object,
            volunteer_name=person_name(self.object.volunteer),
            activity=activity_title(self.object),
            hours=hours_text(self.object.hours),
        )
        return context


class RecordApproveView(RecordActionView):
    """One click: POST approves the record; a GET lands on the record's page."""

    def get(self, request, *args, **kwargs):
        return redirect(self.get_edit_url())

    def post(self, request, *args, **kwargs):
        try:
            record = record_approve(record=self.object, by=request.user)
        except ServiceError as error:
            messages.error(request, " ".join(error.messages))
        else:
            log(instance=record, action=LOG_HOURS_APPROVE, user=request.user)
            messages.success(
                request,
                _("%(hours)s hours of %(name)s approved.")
                % {"hours": hours_text(record.hours), "name": person_name(record.volunteer)},
                buttons=[messages.button(self.get_edit_url(), _("View"))],
            )
        return redirect(self.get_next_url())


class AdjustForm(forms.Form):
    # Plain text: the service reads the number and says what is wrong with it.
    hours = forms.CharField(
        label=_("Hours"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "style": "max-width: 10rem"}),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the record's history; the volunteer can see it."),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the record's history; the volunteer can see it."),
    )


class RecordFormView(RecordActionView):
    form_class = None
    template_name = "volunteers/participation/admin/hours_decide.html"
    decision = ""

    def get_initial(self):
        return {}

    def get_form(self):
        if self.request.method == "POST":
            return self.form_class(self.request.POST)
        return self.form_class(initial=self.get_initial())

    def allowed(self) -> bool:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        if not self.allowed():
            messages.warning(request, self.not_allowed_message())
            return redirect(self.get_edit_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                record = self.act(form.cleaned_data)
            except ServiceError as error:
                add_service_error(form, error)
            else:
                messages.success(request, self.success_message(record))
                return redirect(self.get_next_url())
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["decision"] = self.decision
        return context


class RecordAdjustView(RecordFormView):
    form_class = AdjustForm
    decision = "adjust"
    page_title = _("Adjust hours")

    def get_initial(self):
        return {"hours": hours_text(self.object.hours)}

    def allowed(self):
        return self.object.status in ADJUSTABLE

    def not_allowed_message(self):
        return _("The leader has not submitted this record yet.")

    def act(self, data):
        record = record_adjust(
            record=self.object, hours=data["hours"], reason=data["reason"], by=self.request.user
        )
        log(instance=record, action=LOG_HOURS_ADJUST, user=self.request.user)
        return record

    def success_message(self, record):
        return _("Hours of %(name)s changed to %(hours)s and approved.") % {
            "name": person_name(record.volunteer),
            "hours": hours_text(record.hours),
        }


class RecordRejectView(RecordFormView):
    form_class = RejectForm
    decision = "reject"
    page_title = _("Reject service record")

    def allowed(self):
        return self.object.status in REJECTABLE

    def not_allowed_message(self):
        return _("Only a submitted or approved record can be rejected.")

    def act(self, data):
        record = record_reject(record=self.object, reason=data["reason"], by=self.request.user)
        log(instance=record, action=LOG_HOURS_REJECT, user=self.request.user)
        return record

    def success_message(self, record):
        return _("The record of %(name)s was rejected.") % {"name": person_name(record.volunteer)}


# --- Approving several at once ------------------------------------------------------------


class ApproveRecordsBulkAction(BulkAction):
    """Approve the selected records awaiting approval; the others are left as they are."""

    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected service records")
    template_name = "volunteers/participation/admin/hours_bulk_approve.html"
    action_priority = 10

    @classproperty
    def models(cls):
        return [ServiceRecord]

    def dispatch(self, request, *args, **kwargs):
        if not user_can(request.user, ServiceRecord, ["change"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        ids = [pk for pk in map(parse_id, object_ids) if pk]
        return records_with_details(ServiceRecord.objects.filter(pk__in=ids)).order_by(
            "-date", "pk"
        )

    def get_all_objects_in_listing_query(self, parent_id):
        return records_in_listing(self.request).values_list("pk", flat=True)

    def check_perm(self, record):
        return record.status == RecordStatus.SUBMITTED

    def object_context(self, record):
        return {
            "item": record,
            "name": person_name(record.volunteer),
            "activity": activity_title(record),
            "hours": hours_text(record.hours),
            "url": reverse("volunteer_hours:inspect", args=[record.pk]),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["header_icon"] = "time"
        context["no_access"] = [
            (record, person_name(record.volunteer), activity_title(record))
            for record in context["items_with_no_access"]
        ]
        return context

    def get_execution_context(self):
        return {"user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        approved = 0
        for record in objects:
            try:
                record = record_approve(record=record, by=user)
            except ServiceError:
                continue  # decided by someone else in the meantime
            log(instance=record, action=LOG_HOURS_APPROVE, user=user)
            approved += 1
        return approved, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d service record approved.",
            "%(count)d service records approved.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


# --- The viewset --------------------------------------------------------------------------


class ServiceRecordViewSet(StaffViewSetMixin, ModelViewSet):
    """Submitted records wait here; the list opens on them."""

    model = ServiceRecord
    name = "volunteer_hours"
    url_prefix = "volunteers/hours"
    icon = "time"
    menu_label = _("Service hours")
    index_view_class = ServiceRecordIndexView
    inspect_view_class = ServiceRecordInspectView
    filterset_class = ServiceRecordFilterSet
    index_template_name = "volunteers/participation/admin/hours_index.html"
    search_fields = SEARCH_FIELDS
    ordering = "-date"
    list_per_page = 50
    removed_views = ("add", "edit", "delete", "usage")
    form_fields = ()
    # Only the date sorts (see ServiceRecordIndexView): teams have a filter.
    list_display = [
        "person",
        TextColumn("activity", label=_("Activity"), accessor=activity_title),
        TextColumn("team", label=_("Team"), accessor="team"),
        TextColumn(
            "date",
            label=_("Date"),
            accessor=lambda r: r.date.isoformat(),
            sort_key="date",
            classname="qs-nowrap",
        ),
        TextColumn(
            "hours",
            label=_("Hours"),
            accessor=lambda r: hours_text(r.hours),
            classname="qs-nowrap",
        ),
        TextColumn("source", label=_("Source"), accessor="get_source_display"),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            primary=lambda r: r.status == RecordStatus.SUBMITTED,
            classname="qs-nowrap",
        ),
        NotesColumn("notes", label=_("Notes")),
    ]

    def get_urlpatterns(self):
        view_kwargs = {"inspect_url_name": self.get_url_name("inspect")}
        return [
            *super().get_urlpatterns(),
            path(
                "approve/<int:pk>/",
                self.construct_view(RecordApproveView, **view_kwargs),
                name="approve",
            ),
            path(
                "adjust/<int:pk>/",
                self.construct_view(RecordAdjustView, **view_kwargs),
                name="adjust",
            ),
            path(
                "reject/<int:pk>/",
                self.construct_view(RecordRejectView, **view_kwargs),
                name="reject",
            ),
        ]


# --- The admin home page --------------------------------------------------------------


class ReviewQueuePanel(Component):
    """How many service records and activity reports wait for staff, with links to them."""

    name = "volunteer_review_queue"
    order = 95
    template_name = "volunteers/participation/admin/hours_queue_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        records = reports = 0
        if user_can(user, ServiceRecord, ["view", "change"]):
            records = ServiceRecord.objects.filter(status=RecordStatus.SUBMITTED).count()
        if user_can(user, ActivityReport, ["view", "change"]):
            reports = ActivityReport.objects.filter(status=ReportStatus.SUBMITTED).count()
        context.update(
            records=records,
            reports=reports,
            records_url=reverse("volunteer_hours:index"),
            reports_url=reverse("volunteer_reports:index"),
        )
        return context
