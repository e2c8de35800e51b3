from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # These modules use models, so they are imported once the apps are ready;
        # base_url and maps.checks register system checks as they are imported.
        from portal import base_url  # noqa: PLC0415
        from portal.maps import checks  # noqa: F401, PLC0415
        from portal.pagecache import signals  # noqa: PLC0415
        from portal.roles import roles_after_migrate  # noqa: PLC0415

        signals.connect()
        # Sent once per migrate for this app, after every app's migrations have run.
        post_migrate.connect(base_url.sync_site_after_migrate, sender=self)
        # The admin roles too; the receiver first creates the permissions of the apps
        # after this one, which post_migrate has not reached yet.
        post_migrate.connect(roles_after_migrate, sender=self)
