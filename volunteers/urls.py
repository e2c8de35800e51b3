from django.urls import include, path

app_name = "volunteers"

# One URL module a package; all names live in the "volunteers" namespace.
urlpatterns = [
    path("", include("volunteers.events.urls")),
    path("", include("volunteers.teams.urls")),
    path("", include("volunteers.accounts.urls")),
    path("", include("volunteers.participation.urls")),
    path("", include("volunteers.recognition.urls")),
]
