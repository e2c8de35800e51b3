"""Staff decisions on service records: approve, adjust or reject one, approve several.

Every decision goes through ``volunteers.participation.services.hours``, which
writes the record's audit trail and keeps the rollups in step, so nothing
here changes a record directly.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.log_actions import log

from portal.admin_ui.helpers import user_can
from portal.admin_ui.review.decisions import (
    FormDecisionView,
    OneClickDecisionView,
    reason_field,
)
from portal.errors import ServiceError
from portal.ids import parse_id
from volunteers.participation.admin.hours_queue import records_in_listing
from volunteers.participation.admin.records import (
    activity_title,
    hours_text,
    record_label,
    records_with_details,
)
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.services.hours import record_adjust, record_approve, record_reject
from volunteers.people.display import person_name

LOG_HOURS_APPROVE = "volunteers.hours_approve"
LOG_HOURS_ADJUST = "volunteers.hours_adjust"
LOG_HOURS_REJECT = "volunteers.hours_reject"
HISTORY_HELP = _("Kept in the record's history; the volunteer can see it.")


class RecordDecisionMixin:
    """What the pages of a decision on one record show; the service says whether it may be done."""

    related = ("volunteer__volunteer", "event", "report", "team", "township__county")
    template_name = "volunteers/participation/admin/hours_decide.html"  # adjust, reject

    def get_page_subtitle(self):
        return record_label(self.object)

    def get_index_label(self):
        return _("Service hours")

    def get_object_label(self):
        return record_label(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            record=self.object,
            volunteer_name=person_name(self.object.volunteer),
            activity=activity_title(self.object),
            hours=hours_text(self.object.hours),
        )
        return context


class RecordApproveView(RecordDecisionMixin, OneClickDecisionView):
    """One click: POST approves the record; a GET lands on the record's page."""

    log_action = LOG_HOURS_APPROVE

    def act(self, data):
        return record_approve(record=self.object, by=self.request.user)

    def success_message(self, record):
        return _("%(hours)s hours of %(name)s approved.") % {
            "hours": hours_text(record.hours),
            "name": person_name(record.volunteer),
        }

    def success_buttons(self, record):
        return [messages.button(self.get_edit_url(), _("View"))]


class AdjustForm(forms.Form):
    # Plain text: the service reads the number and says what is wrong with it.
    hours = forms.CharField(
        label=_("Hours"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "style": "max-width: 10rem"}),
    )
    reason = reason_field(_("Reason for the change"), HISTORY_HELP)


class RecordAdjustView(RecordDecisionMixin, FormDecisionView):
    form_class = AdjustForm
    page_title = _("Adjust hours")
    not_allowed_message = _("The leader has not submitted this record yet.")
    log_action = LOG_HOURS_ADJUST

    def get_initial(self):
        return {"hours": hours_text(self.object.hours)}

    def act(self, data):
        return record_adjust(
            record=self.object, hours=data["hours"], reason=data["reason"], by=self.request.user
        )

    def success_message(self, record):
        return _("Hours of %(name)s changed to %(hours)s and approved.") % {
            "name": person_name(record.volunteer),
            "hours": hours_text(record.hours),
        }


class RejectForm(forms.Form):
    reason = reason_field(_("Reason for rejecting"), HISTORY_HELP)


class RecordRejectView(RecordDecisionMixin, FormDecisionView):
    form_class = RejectForm
    page_title = _("Reject service record")
    not_allowed_message = _("Only a submitted or approved record can be rejected.")
    log_action = LOG_HOURS_REJECT

    def act(self, data):
        return record_reject(record=self.object, reason=data["reason"], by=self.request.user)

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
