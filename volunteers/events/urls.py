"""Events: the map and township pages, the list, event pages and sign-up, open-data feeds."""

from django.urls import path

from volunteers.events.views import events, manage, maps, opendata, share, signups

urlpatterns = [
    path("events/map/", maps.event_map, name="event_map"),
    path("events/<int:pk>/popup/", maps.event_popup, name="event_popup"),
    path("townships/", maps.township_list, name="township_list"),
    path("townships/<str:code>/", maps.township_detail, name="township_detail"),
    path("townships/<str:code>/card.png", maps.township_card, name="township_card"),
    path("events/", events.event_list, name="event_list"),
    path("events/<int:pk>/", events.event_detail, name="event_detail"),
    path("events/<int:pk>/signup/", signups.event_signup, name="event_signup"),
    path("events/<int:pk>/card.png", share.event_card, name="event_card"),
    path("events/<int:pk>/poster.png", share.event_poster, name="event_poster"),
    path("events/<int:pk>/edit/", manage.event_edit, name="event_edit"),
    path("events/<int:pk>/cancel/", manage.event_cancel, name="event_cancel"),
    path("events/<int:pk>/signups/", events.event_roster, name="event_roster"),
    path("events/<int:pk>/signups.csv", events.event_roster_csv, name="event_roster_csv"),
    path("signups/<int:pk>/cancel/", signups.signup_cancel, name="signup_cancel"),
    path("signups/<int:pk>/status.json", signups.signup_status, name="signup_status"),
    path("teams/<int:team_pk>/events/new/", manage.event_create, name="event_create"),
    path("api/events.geojson", opendata.events_geojson, name="events_geojson"),
    path("api/teams.geojson", opendata.teams_geojson, name="teams_geojson"),
    path("events/calendar.ics", opendata.events_ics, name="events_ics"),
    path("events/<int:pk>/event.ics", opendata.event_ics, name="event_ics"),
    path("teams/<int:pk>/calendar.ics", opendata.team_ics, name="team_ics"),
]
