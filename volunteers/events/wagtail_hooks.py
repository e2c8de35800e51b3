"""Wagtail hooks of events: the home page's upcoming events, the log action, the sitemap."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.home_sections import HomeSection
from portal.sitemap import SITEMAPS_HOOK_NAME
from volunteers.events.admin.events import LOG_EVENT_CANCEL
from volunteers.events.selectors import events_for_listing
from volunteers.events.sitemaps import volunteer_sitemaps
from volunteers.teams.selectors import approved_team_count

HOME_EVENTS = 3


@hooks.register("qingshui_home_section")
def upcoming_events_section(request, page):
    """The next public events, with their places left; nothing when none are planned."""
    events = list(events_for_listing(user=AnonymousUser(), filters={})[:HOME_EVENTS])
    if not events:
        return None
    return HomeSection(
        order=10,
        template="volunteers/includes/home_events.html",
        context={"events": events, "team_count": approved_team_count()},
    )


@hooks.register("register_log_actions")
def event_log_actions(actions):
    actions.register_action(LOG_EVENT_CANCEL, _("Cancel event"), _("Event cancelled"))


@hooks.register(SITEMAPS_HOOK_NAME)
def volunteer_sitemap_sections():
    return volunteer_sitemaps()
