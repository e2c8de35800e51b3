# Check-in on site with the leader's QR code, and the leader's attendance list.
from django.urls import path

from volunteers.views import checkins as views

urlpatterns = [
    path("events/<int:pk>/checkin/", views.checkin_code, name="checkin_code"),
    path(
        "events/<int:pk>/checkin/code.json",
        views.checkin_code_refresh,
        name="checkin_code_refresh",
    ),
    path("events/<int:pk>/check/", views.checkin_confirm, name="checkin_confirm"),
    path("events/<int:pk>/check/<str:token>/", views.checkin_scan, name="checkin_scan"),
    path("events/<int:pk>/attendance/", views.attendance, name="attendance"),
]
