"""sitemap.xml covering every language tree of the site, not just the default one."""

from django.contrib.sitemaps.views import sitemap as django_sitemap
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class LocalisedSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        queryset = Page.objects.none()
        for tree_root in root.get_translations(inclusive=True):
            queryset |= Page.objects.descendant_of(tree_root, inclusive=True)
        return queryset.live().public().order_by("path").defer_streamfields().specific()


def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": LocalisedSitemap(request)})
