"""Team directory, team pages and membership."""

from django.urls import path

from volunteers.teams import views as teams

urlpatterns = [
    path("teams/", teams.team_list, name="team_list"),
    path("teams/new/", teams.team_create, name="team_create"),
    path("teams/<int:pk>/", teams.team_detail, name="team_detail"),
    path("teams/<int:pk>/card.png", teams.team_card_png, name="team_card"),
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
