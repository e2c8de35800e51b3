"""The review queues on the admin's home page."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from portal.admin_ui.helpers import user_can
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.models.reports import ActivityReport, ReportStatus


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
