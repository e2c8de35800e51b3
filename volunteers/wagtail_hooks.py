"""The volunteer domain in the Wagtail admin: one "Volunteers" menu, and each package's hooks.

Wagtail looks for hooks in ``<app>.wagtail_hooks`` only, so the packages' hook
modules are imported here.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from volunteers.events import wagtail_hooks as event_hooks
from volunteers.events.admin.events import EventViewSet
from volunteers.events.admin.signups import SignupViewSet
from volunteers.participation import wagtail_hooks as participation_hooks
from volunteers.participation.admin.hours import ServiceRecordViewSet
from volunteers.participation.admin.reports import ActivityReportViewSet
from volunteers.people.admin import VolunteerViewSet
from volunteers.places.admin import CountyViewSet, TownshipViewSet
from volunteers.recognition import wagtail_hooks as recognition_hooks
from volunteers.recognition import wagtail_hooks_impact as impact_hooks
from volunteers.teams import wagtail_hooks as team_hooks
from volunteers.teams.admin import TeamViewSet

HOOK_MODULES = (event_hooks, participation_hooks, recognition_hooks, impact_hooks, team_hooks)


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
