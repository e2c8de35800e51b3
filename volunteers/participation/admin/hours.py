"""The service-hours review queue in the Wagtail admin, put together.

Submitted records wait here, and the list opens on them: ``hours_queue.py``
lists and shows the records, ``hours_actions.py`` holds the decisions.
"""

from django.utils.translation import gettext_lazy as _

from portal.admin_ui.listing import TextColumn
from portal.admin_ui.review.decisions import Decision
from portal.admin_ui.review.listing import date_column, status_column
from portal.admin_ui.review.viewset import ReviewViewSet
from volunteers.participation.admin.hours_actions import (
    RecordAdjustView,
    RecordApproveView,
    RecordRejectView,
)
from volunteers.participation.admin.hours_queue import (
    SEARCH_FIELDS,
    NotesColumn,
    ServiceRecordFilterSet,
    ServiceRecordIndexView,
    ServiceRecordInspectView,
)
from volunteers.participation.admin.records import activity_title, hours_text
from volunteers.participation.models.hours import RecordStatus, ServiceRecord

SUBMITTED, APPROVED, REJECTED = RecordStatus.SUBMITTED, RecordStatus.APPROVED, RecordStatus.REJECTED


class ServiceRecordViewSet(ReviewViewSet):
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
    # The statuses each decision is offered in; the services decide.
    decisions = (
        Decision("approve", _("Approve"), (SUBMITTED,), RecordApproveView),
        Decision("adjust", _("Adjust hours"), (SUBMITTED, APPROVED, REJECTED), RecordAdjustView),
        Decision("reject", _("Reject"), (SUBMITTED, APPROVED), RecordRejectView),
    )
    # Only the date sorts (see ServiceRecordIndexView): teams have a filter.
    list_display = [
        "person",
        TextColumn("activity", label=_("Activity"), accessor=activity_title),
        TextColumn("team", label=_("Team"), accessor="team"),
        date_column(),
        TextColumn(
            "hours",
            label=_("Hours"),
            accessor=lambda r: hours_text(r.hours),
            classname="qs-nowrap",
        ),
        TextColumn("source", label=_("Source"), accessor="get_source_display"),
        status_column(SUBMITTED),
        NotesColumn("notes", label=_("Notes")),
    ]
