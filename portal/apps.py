from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal import base_url  # registers the PORTAL_BASE_URL system checks
        from portal.maps import checks  # noqa: F401  registers the tile-provider system check
        from portal.pagecache import signals

        signals.connect()
        # Sent once per migrate for this app, after every app's migrations have run.
        post_migrate.connect(base_url.sync_site_after_migrate, sender=self)
