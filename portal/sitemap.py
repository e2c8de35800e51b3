"""sitemap.xml: every language tree of the site's pages, and what apps add through the
``qingshui_sitemaps`` hook (a dict of Django sitemaps: events, teams, townships…).

Every address is on PORTAL_BASE_URL, as canonical links, feeds and the API are.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from wagtail import hooks
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

SITEMAPS_HOOK_NAME = "qingshui_sitemaps"


class LocalisedSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        queryset = Page.objects.none()
        for tree_root in root.get_translations(inclusive=True):
            queryset |= Page.objects.descendant_of(tree_root, inclusive=True)
        return queryset.live().public().order_by("path").defer_streamfields().specific()


def _on_portal(sitemap):
    """``sitemap`` writing its addresses on PORTAL_BASE_URL, not on the request's host."""
    parts = urlsplit(settings.PORTAL_BASE_URL)
    sitemap.protocol = parts.scheme
    sitemap.get_domain = lambda site=None: parts.netloc
    return sitemap


def sitemap(request):
    sitemaps = {"pages": LocalisedSitemap(request)}
    for provider in hooks.get_hooks(SITEMAPS_HOOK_NAME):
        sitemaps.update(provider())
    return django_sitemap(request, sitemaps={name: _on_portal(s) for name, s in sitemaps.items()})
