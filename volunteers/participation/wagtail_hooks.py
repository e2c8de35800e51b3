"""Wagtail hooks of participation: the review queue panel, bulk approval, log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from volunteers.participation.admin.hours_actions import (
    LOG_HOURS_ADJUST,
    LOG_HOURS_APPROVE,
    LOG_HOURS_REJECT,
    ApproveRecordsBulkAction,
)
from volunteers.participation.admin.panels import ReviewQueuePanel
from volunteers.participation.admin.reports import LOG_REPORT_APPROVE, LOG_REPORT_RETURN
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport


@hooks.register("construct_homepage_panels")
def review_queue_panel(request, panels):
    user = request.user
    if any(
        user.has_perm(f"volunteers.change_{model._meta.model_name}")
        for model in (ServiceRecord, ActivityReport)
    ):
        panels.append(ReviewQueuePanel(request))


hooks.register("register_bulk_action", ApproveRecordsBulkAction)


@hooks.register("register_log_actions")
def participation_log_actions(actions):
    actions.register_action(LOG_HOURS_APPROVE, _("Approve hours"), _("Service hours approved"))
    actions.register_action(LOG_HOURS_ADJUST, _("Adjust hours"), _("Service hours adjusted"))
    actions.register_action(LOG_HOURS_REJECT, _("Reject hours"), _("Service hours rejected"))
    actions.register_action(LOG_REPORT_APPROVE, _("Approve report"), _("Activity report approved"))
    actions.register_action(
        LOG_REPORT_RETURN, _("Return report"), _("Activity report returned to the leader")
    )
