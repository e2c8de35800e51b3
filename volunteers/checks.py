"""Say at start-up, not on the first certificate, when the certificate font is missing."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Warning, register


@register("volunteers")
def check_certificate_font(app_configs, **kwargs):
    if Path(settings.CERTIFICATE_FONT).exists():
        return []
    return [
        Warning(
            f"CERTIFICATE_FONT {settings.CERTIFICATE_FONT} does not exist: "
            "hours certificates cannot be made.",
            hint="Run scripts/ensure-fonts.sh (Debian: apt-get install fonts-wqy-microhei) "
            "or point CERTIFICATE_FONT at a TrueType CJK font.",
            id="volunteers.W001",
        )
    ]
