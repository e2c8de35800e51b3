"""Campaigns that volunteer events and reports may link to (volunteers/campaign_links.py)."""

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Locale

from campaigns.choices import CampaignStatus
from campaigns.models import CampaignPage
from campaigns.selectors import campaigns_for_events, linked_campaign
from portal.dates import shiyan_today


class CampaignLinks:
    def for_events(self, *, current_id=None):
        return campaigns_for_events(current=CampaignPage(pk=current_id) if current_id else None)

    def for_reports(self, *, current_id=None):
        """Published campaigns in the active language that have begun: reports look back."""
        choices = Q(locale=Locale.get_active(), start_date__lte=shiyan_today())
        if current_id is not None:
            choices |= Q(pk=current_id)
        return CampaignPage.objects.live().public().filter(choices).order_by("-start_date", "pk")

    def for_review(self, request=None):
        return CampaignPage.objects.order_by("-start_date", "title")

    def link_refusal(self, campaign):
        if not campaign.live or campaign.status == CampaignStatus.FINISHED:
            return _("Choose a campaign that is running or about to start.")
        return None

    def shown(self, campaign_id):
        return linked_campaign(campaign_id)
