from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from .maps import checks  # noqa: F401  registers the tile-provider system check
        from .pagecache import signals

        signals.connect()
