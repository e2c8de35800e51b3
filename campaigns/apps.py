from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        # Models are loaded only now, so these imports wait for ready().
        from campaigns import signals  # noqa: PLC0415
        from campaigns.links import CampaignLinks  # noqa: PLC0415
        from volunteers.campaign_links import campaign_links_register  # noqa: PLC0415

        signals.connect()
        campaign_links_register(CampaignLinks())
