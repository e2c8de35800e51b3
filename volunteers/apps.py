from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Volunteers")

    def ready(self):
        # Imported once the models are loaded; checks registers the certificate-font check.
        from volunteers import checks, signals  # noqa: F401, PLC0415

        signals.connect()
