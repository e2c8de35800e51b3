# Event list, event pages, sign-up and the leaders' event forms.
from django.urls import path

from volunteers.views import events as views

urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/signup/", views.event_signup, name="event_signup"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path("events/<int:pk>/signups/", views.event_roster, name="event_roster"),
    path("events/<int:pk>/signups.csv", views.event_roster_csv, name="event_roster_csv"),
    path("signups/<int:pk>/cancel/", views.signup_cancel, name="signup_cancel"),
    path("teams/<int:team_pk>/events/new/", views.event_create, name="event_create"),
]
