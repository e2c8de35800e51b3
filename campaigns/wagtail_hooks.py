from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem

from campaigns.admin_views import (
    LOG_PLEDGE_HIDE,
    LOG_PLEDGE_SHOW,
    CampaignsAdminGroup,
    campaign_admin_buttons,
)
from campaigns.models import CampaignPage
from campaigns.selectors import campaign_index_for, running_campaigns
from portal.home_sections import HOOK_NAME, HomeSection


@hooks.register("register_admin_viewset")
def register_campaigns_admin():
    return CampaignsAdminGroup()


@hooks.register("register_log_actions")
def campaign_log_actions(actions):
    actions.register_action(LOG_PLEDGE_HIDE, _("Hide pledge"), _("Pledge hidden"))
    actions.register_action(LOG_PLEDGE_SHOW, _("Show pledge again"), _("Pledge shown again"))


@hooks.register("register_page_header_buttons")
def campaign_page_header_buttons(page, user, view_name=None, next_url=None):
    """Pledges, their export and progress updates, from the campaign's own admin pages."""
    if not issubclass(page.specific_class or type(page), CampaignPage):
        return []
    return [
        MenuItem(label, url, icon_name=icon, priority=80 + n)
        for n, (label, url, icon) in enumerate(campaign_admin_buttons(page, user))
    ]


@hooks.register(HOOK_NAME)
def running_campaigns_section(request, page):
    """Running campaigns in the home page's language with their first goal's progress."""
    cards = running_campaigns(locale=page.locale)
    if not cards:
        return None
    return HomeSection(
        order=30,
        template="campaigns/includes/home_campaigns.html",
        context={"cards": cards, "index": campaign_index_for(page.locale)},
    )
