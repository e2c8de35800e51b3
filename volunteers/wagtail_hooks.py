from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from volunteers.events.admin.events import LOG_EVENT_CANCEL, EventViewSet
from volunteers.events.admin.signups import SignupViewSet
from volunteers.participation.admin.hours import ServiceRecordViewSet
from volunteers.participation.admin.hours_actions import (
    LOG_HOURS_ADJUST,
    LOG_HOURS_APPROVE,
    LOG_HOURS_REJECT,
    ApproveRecordsBulkAction,
)
from volunteers.participation.admin.panels import ReviewQueuePanel
from volunteers.participation.admin.reports import (
    LOG_REPORT_APPROVE,
    LOG_REPORT_RETURN,
    ActivityReportViewSet,
)
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport
from volunteers.people.admin import VolunteerViewSet
from volunteers.places.models import County, Township
from volunteers.teams.admin import LOG_TEAM_APPROVE, LOG_TEAM_REJECT, PendingTeamsPanel, TeamViewSet
from volunteers.teams.choosers import team_chooser_viewset
from volunteers.teams.models import Team

IN_RESERVOIR_AREA = BooleanColumn(
    "in_reservoir_area", label=_("Reservoir area"), sort_key="in_reservoir_area"
)
PLACE_PANELS = [
    FieldRowPanel([FieldPanel("name_zh"), FieldPanel("name_en")]),
    FieldRowPanel([FieldPanel("lat"), FieldPanel("lon")]),
    FieldPanel("in_reservoir_area"),
]


class CountyViewSet(SnippetViewSet):
    model = County
    icon = "site"
    menu_label = _("Counties")
    list_display = ["name_zh", "name_en", "code", IN_RESERVOIR_AREA]
    search_fields = ["name_zh", "name_en", "code"]
    panels = PLACE_PANELS
    ordering = ["code"]


class TownshipViewSet(SnippetViewSet):
    model = Township
    icon = "pick"
    menu_label = _("Townships")
    list_display = [
        "name_zh",
        "name_en",
        "county",
        IN_RESERVOIR_AREA,
        BooleanColumn(
            "point_is_approximate", label=_("Approximate point"), sort_key="point_is_approximate"
        ),
    ]
    list_filter = ["county", "in_reservoir_area", "point_is_approximate"]
    search_fields = ["name_zh", "name_en", "code"]
    panels = [FieldPanel("county"), *PLACE_PANELS, FieldPanel("point_is_approximate")]
    ordering = ["code"]


class VolunteersGroup(SnippetViewSetGroup):
    """One "Volunteers" menu for staff; each item shows only with its model permissions.

    Counties and townships stay snippets (their URLs under /admin/snippets/);
    the SnippetViewSetGroup keeps them out of the generic Snippets menu.
    """

    items = (
        TeamViewSet,
        EventViewSet,
        VolunteerViewSet,
        SignupViewSet,
        ServiceRecordViewSet,
        ActivityReportViewSet,
        CountyViewSet,
        TownshipViewSet,
    )
    menu_icon = "group"
    menu_label = _("Volunteers")
    menu_name = "volunteers"
    menu_order = 220
    # Plain links (the exports page) join the menu through this hook.
    submenu_hook = "register_volunteers_menu_item"


register_snippet(VolunteersGroup)


@hooks.register("register_admin_viewset")
def register_team_chooser():
    return team_chooser_viewset


@hooks.register("construct_homepage_panels")
def pending_teams_panel(request, panels):
    if request.user.has_perm(f"volunteers.change_{Team._meta.model_name}"):
        panels.append(PendingTeamsPanel(request))


@hooks.register("construct_homepage_panels")
def review_queue_panel(request, panels):
    user = request.user
    if any(
        user.has_perm(f"volunteers.change_{model._meta.model_name}")
        for model in (ServiceRecord, ActivityReport)
    ):
        panels.append(ReviewQueuePanel(request))


hooks.register("register_bulk_action", ApproveRecordsBulkAction)


@hooks.register("register_log_actions")
def volunteer_log_actions(actions):
    actions.register_action(LOG_TEAM_APPROVE, _("Approve team"), _("Team approved"))
    actions.register_action(LOG_TEAM_REJECT, _("Reject team"), _("Team not approved"))
    actions.register_action(LOG_EVENT_CANCEL, _("Cancel event"), _("Event cancelled"))
    actions.register_action(LOG_HOURS_APPROVE, _("Approve hours"), _("Service hours approved"))
    actions.register_action(LOG_HOURS_ADJUST, _("Adjust hours"), _("Service hours adjusted"))
    actions.register_action(LOG_HOURS_REJECT, _("Reject hours"), _("Service hours rejected"))
    actions.register_action(LOG_REPORT_APPROVE, _("Approve report"), _("Activity report approved"))
    actions.register_action(
        LOG_REPORT_RETURN, _("Return report"), _("Activity report returned to the leader")
    )


# --- Home page -----------------------------------------------------------------------

HOME_EVENTS = 3


@hooks.register("qingshui_home_section")
def upcoming_events_section(request, page):
    """The next public events, with their places left; nothing when none are planned."""
    from django.contrib.auth.models import AnonymousUser

    from portal.home_sections import HomeSection
    from volunteers.events.selectors import events_for_listing
    from volunteers.teams.models import Team

    events = list(events_for_listing(user=AnonymousUser(), filters={})[:HOME_EVENTS])
    if not events:
        return None
    return HomeSection(
        order=10,
        template="volunteers/includes/home_events.html",
        context={"events": events, "team_count": Team.objects.approved().count()},
    )


# Hooks of the impact dashboard and the staff exports live in their own modules.
from volunteers.recognition import wagtail_hooks, wagtail_hooks_impact  # noqa: E402, F401
