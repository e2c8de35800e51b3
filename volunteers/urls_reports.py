# Activity reports: the leaders' form, report pages and a team's reports.
from django.urls import path

from volunteers.views import reports

urlpatterns = [
    path("teams/<int:team_pk>/reports/new/", reports.report_create, name="report_create"),
    path("teams/<int:pk>/reports/", reports.team_reports, name="team_reports"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", reports.report_submit_view, name="report_submit"),
]
