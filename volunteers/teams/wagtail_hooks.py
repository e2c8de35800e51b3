"""Wagtail hooks of teams: the team chooser, the dashboard panel, the log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from volunteers.teams.admin import LOG_TEAM_APPROVE, LOG_TEAM_REJECT, PendingTeamsPanel
from volunteers.teams.choosers import team_chooser_viewset
from volunteers.teams.models import Team


@hooks.register("register_admin_viewset")
def register_team_chooser():
    return team_chooser_viewset


@hooks.register("construct_homepage_panels")
def pending_teams_panel(request, panels):
    if request.user.has_perm(f"volunteers.change_{Team._meta.model_name}"):
        panels.append(PendingTeamsPanel(request))


@hooks.register("register_log_actions")
def team_log_actions(actions):
    actions.register_action(LOG_TEAM_APPROVE, _("Approve team"), _("Team approved"))
    actions.register_action(LOG_TEAM_REJECT, _("Reject team"), _("Team not approved"))
