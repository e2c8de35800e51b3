# Team directory, team pages, membership, the volunteer's own pages (/me/).
from django.urls import path

from volunteers.views import me, teams

urlpatterns = [
    path("privacy/", me.privacy, name="privacy"),
    path("me/", me.my_events, name="me"),
    path("me/hours/", me.my_hours, name="my_hours"),
    path("me/hours/<int:pk>/flag/", me.my_record_flag, name="record_flag"),
    path("me/profile/", me.profile, name="profile"),
    path("me/data/", me.my_data, name="my_data"),
    path("me/data.json", me.my_data_download, name="my_data_download"),
    path("teams/", teams.team_list, name="team_list"),
    path("teams/new/", teams.team_create, name="team_create"),
    path("teams/<int:pk>/", teams.team_detail, name="team_detail"),
    path("teams/<int:pk>/join/", teams.team_join, name="team_join"),
    path("teams/<int:pk>/leave/", teams.team_leave, name="team_leave"),
    path("teams/<int:pk>/manage/", teams.team_manage, name="team_manage"),
    path(
        "teams/<int:pk>/members/<int:membership_pk>/approve/",
        teams.membership_approve_view,
        name="membership_approve",
    ),
    path(
        "teams/<int:pk>/members/<int:membership_pk>/decline/",
        teams.membership_decline_view,
        name="membership_decline",
    ),
    path(
        "teams/<int:pk>/members/<int:membership_pk>/role/",
        teams.membership_role_view,
        name="membership_role",
    ),
    path(
        "teams/<int:pk>/members/<int:membership_pk>/remove/",
        teams.membership_remove_view,
        name="membership_remove",
    ),
]
