"""The queue's listing: filters that open on the items waiting, columns, the index view."""

import django_filters
from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views import generic

from portal.admin_ui.helpers import listing_url
from portal.admin_ui.keyset import KeysetIndexMixin
from portal.admin_ui.listing import (
    ActionsColumn,
    CheckboxColumn,
    StatusColumn,
    TextColumn,
    TitleLinkColumn,
    form_button,
)

ALL = "all"


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


def date_range_filter():
    return django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)


def date_column():
    """The item's day; the queues sort by it (and only by it: see ``keyset_orderings``)."""
    return TextColumn(
        "date",
        label=_("Date"),
        accessor=lambda item: item.date.isoformat(),
        sort_key="date",
        classname="qs-nowrap",
    )


def status_column(waiting):
    """The item's status, highlighted while it is ``waiting``."""
    return StatusColumn(
        "get_status_display",
        label=_("Status"),
        primary=lambda item: item.status == waiting,
        classname="qs-nowrap",
    )


class DecisionsColumn(ActionsColumn):
    """The decisions open to a row's item, as buttons of the page's forms.

    A one-click decision's button posts the page's form of that decision to
    the item's URL; the others open their pages through the page's "go" form,
    which carries only the way back (``review_results.html``).
    """

    def __init__(self, *args, decisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.decisions = decisions  # (decision, form id) pairs

    def get_actions(self, instance):
        if not self.can_change:
            return []
        return [
            form_button(form_id, decision.url(instance), decision.label)
            for decision, form_id in self.decisions
            if decision.is_open(instance)
        ]


class ReviewIndexView(KeysetIndexMixin, generic.IndexView):
    """The queue: its first column links to the review page, its last holds the decisions.

    ``form_prefix`` names the page's forms the rows' buttons submit:
    ``<prefix>-<decision>`` for a one-click decision, ``<prefix>-go`` for the
    ones that open a page. ``bulk_obj_type`` adds the bulk actions' checkboxes.
    """

    results_template_name = "portal/admin_ui/review_results.html"
    decisions = ()
    form_prefix = ""
    bulk_obj_type = ""
    actions_column_class = DecisionsColumn

    def get_title_column_kwargs(self) -> dict:
        """The first column's label and value (``accessor``)."""
        raise NotImplementedError

    def _get_title_column(self, field_name, column_class=TitleLinkColumn, **kwargs):
        # No buttons in the title cell: the decisions have a column of their own.
        title_id = None
        if self.bulk_obj_type:
            checkbox = CheckboxColumn("bulk_actions", obj_type=self.bulk_obj_type)
            title_id = checkbox.get_aria_describedby
        return TitleLinkColumn(
            field_name,
            get_url=self.get_inspect_url,
            title_id=title_id,
            **self.get_title_column_kwargs(),
            **kwargs,
        )

    @cached_property
    def row_decisions(self) -> list:
        """The decisions rows offer, each with the id of the page's form its button submits."""
        return [
            (decision, f"{self.form_prefix}-{decision.name if decision.one_click else 'go'}")
            for decision in self.decisions
            if decision.in_rows
        ]

    @cached_property
    def row_forms(self) -> list[dict]:
        """The page's forms the rows' buttons submit, once each, and whether they post."""
        posts = {form_id: decision.one_click for decision, form_id in self.row_decisions}
        return [{"id": form_id, "post": post} for form_id, post in posts.items()]

    def get_row_forms(self) -> list[dict]:
        """The forms the page writes: only for staff who may decide."""
        return self.row_forms if self.can_change else []

    @cached_property
    def columns(self):
        actions = self.actions_column_class(
            "actions", label="", can_change=self.can_change, decisions=self.row_decisions
        )
        checkboxes = []
        if self.bulk_obj_type:
            checkboxes.append(CheckboxColumn("bulk_actions", obj_type=self.bulk_obj_type))
        return [*checkboxes, *super().columns, actions]

    @cached_property
    def can_change(self) -> bool:
        return self.user_has_permission("change")

    def get_list_more_buttons(self, instance):
        # The first column links to the review page and the decisions have a
        # column of their own: no menu on each row.
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(row_forms=self.get_row_forms(), listing_url=listing_url(self))
        return context
