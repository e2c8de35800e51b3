# Open-data feeds: GeoJSON for maps, iCalendar for calendar apps (docs/open-data.md).
from django.urls import path

from volunteers.views import opendata as views

urlpatterns = [
    path("api/events.geojson", views.events_geojson, name="events_geojson"),
    path("api/teams.geojson", views.teams_geojson, name="teams_geojson"),
    path("events/calendar.ics", views.events_ics, name="events_ics"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("teams/<int:pk>/calendar.ics", views.team_ics, name="team_ics"),
]
