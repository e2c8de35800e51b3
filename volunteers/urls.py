from django.urls import include, path

app_name = "volunteers"

urlpatterns = [
    path("", include("volunteers.urls_maps")),
    path("", include("volunteers.urls_teams")),
    path("", include("volunteers.urls_events")),
    path("", include("volunteers.urls_opendata")),
    path("", include("volunteers.urls_checkins")),
    path("", include("volunteers.urls_reports")),
    path("", include("volunteers.urls_certificates")),
    path("", include("volunteers.urls_impact")),
]
