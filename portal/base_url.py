"""The portal's public address, ``PORTAL_BASE_URL``, and everything built from it.

E-mails and certificate PDFs are made by Celery workers, away from any request, so
their links cannot take the host from one; Wagtail writes absolute links (feeds,
sitemap, API) from its Site's hostname and port. All of them come from this one
setting, so a link in a message, a QR code on paper and a feed entry never disagree.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from wagtail.models import Site

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def absolute_url(path: str = "") -> str:
    """``path`` (as ``reverse`` or ``Page.url`` give it) on the portal's public address;
    an address that is already absolute (media on another storage) is kept."""
    if path.startswith(("http://", "https://")):
        return path
    if path and not path.startswith("/"):
        path = "/" + path
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def site_address() -> tuple[str, int]:
    """The hostname and port a Wagtail Site needs for its absolute links to be ours."""
    parts = urlsplit(settings.PORTAL_BASE_URL)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def default_site_sync() -> bool:
    """Point the default Wagtail Site at PORTAL_BASE_URL; True if it had to change.

    Run after every ``migrate`` (see ``PortalConfig.ready``), so changing the setting and
    deploying is all it takes; an address typed into the Sites admin is put back then.
    """
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return False
    hostname, port = site_address()
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True


def sync_site_after_migrate(sender, **kwargs) -> None:
    # A flushed database has no default site: nothing to do then.
    default_site_sync()


@checks.register()
def check_base_url_form(app_configs, **kwargs):
    parts = urlsplit(settings.PORTAL_BASE_URL)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        problem = "is not an http(s) address"
    elif parts.path not in ("", "/") or parts.query or parts.fragment:
        problem = "has a path, but the portal is served from the root of its host"
    else:
        return []
    return [
        checks.Error(
            f"PORTAL_BASE_URL {settings.PORTAL_BASE_URL!r} {problem}.",
            hint="Set PORTAL_BASE_URL to the public address, e.g. https://qingshui.example",
            id="portal.E001",
        )
    ]


@checks.register(deploy=True)
def check_base_url_public(app_configs, **kwargs):
    parts = urlsplit(settings.PORTAL_BASE_URL)
    if parts.scheme == "https" and parts.hostname not in LOOPBACK_HOSTS:
        return []
    return [
        checks.Warning(
            f"PORTAL_BASE_URL is {settings.PORTAL_BASE_URL!r}: links in e-mails, the QR codes "
            "on certificates and the addresses in feeds and the sitemap would point there.",
            hint=(
                "Set PORTAL_BASE_URL to the portal's public https address, e.g. "
                "PORTAL_BASE_URL=https://qingshui.example (then run migrate, which "
                "updates the Wagtail Site)."
            ),
            id="portal.W001",
        )
    ]
