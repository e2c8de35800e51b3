"""The volunteer's own pages (/me/) and the privacy notice."""

from django.urls import path

from volunteers.accounts import views as me

urlpatterns = [
    path("privacy/", me.privacy, name="privacy"),
    path("me/", me.my_events, name="me"),
    path("me/lead/", me.lead, name="lead"),
    path("me/hours/", me.my_hours, name="my_hours"),
    path("me/hours/<int:pk>/flag/", me.my_record_flag, name="record_flag"),
    path("me/profile/", me.profile, name="profile"),
    path("me/data/", me.my_data, name="my_data"),
    path("me/data.json", me.my_data_download, name="my_data_download"),
]
