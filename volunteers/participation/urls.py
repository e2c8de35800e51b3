"""Check-in on site, the leader's attendance list and activity reports."""

from django.urls import path

from volunteers.participation.views import attendance, checkins, reports

urlpatterns = [
    path("events/<int:pk>/checkin/", checkins.checkin_code, name="checkin_code"),
    path(
        "events/<int:pk>/checkin/code.json",
        checkins.checkin_code_refresh,
        name="checkin_code_refresh",
    ),
    path("events/<int:pk>/check/", checkins.checkin_confirm, name="checkin_confirm"),
    path("events/<int:pk>/check/sync/", checkins.checkin_offline_sync, name="checkin_sync"),
    path("events/<int:pk>/check/<str:token>/", checkins.checkin_scan, name="checkin_scan"),
    path("events/<int:pk>/attendance/", attendance.attendance, name="attendance"),
    path("teams/<int:team_pk>/reports/new/", reports.report_create, name="report_create"),
    path("teams/<int:pk>/reports/", reports.team_reports, name="team_reports"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/card.png", reports.report_card, name="report_card"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", reports.report_submit_view, name="report_submit"),
]
