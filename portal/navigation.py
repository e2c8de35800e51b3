"""Header navigation and the language switcher.

Navigation lists only destinations that exist: the home page's live children
marked "show in menus", then the named views of apps that are installed. A
link in the header never leads to a 404.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site

from portal.models import SiteSettings
from portal.pagecache.fragments import shared_part

# Django views that belong in the header once their app provides them.
VIEW_NAV_ITEMS = [
    ("volunteers:event_list", _("Events")),
    ("volunteers:team_list", _("Teams")),
    ("volunteers:impact", _("Impact")),
]


def main_navigation(request):
    """The header's links; the same on every page of a language, so built once for all
    of them until a page is published, moved or unpublished."""
    return shared_part(
        f"nav:{request.get_host()}:{get_language()}", lambda: _main_navigation(request)
    )


def _main_navigation(request):
    items = []
    site = Site.find_for_request(request)
    if site is not None:
        root = site.root_page.localized
        items.append({"title": str(_("Home")), "url": root.get_url(request), "key": "home"})
        for page in root.get_children().live().in_menu().public().specific(defer=True):
            items.append({"title": page.title, "url": page.get_url(request), "key": page.slug})
    for name, title in VIEW_NAV_ITEMS:
        try:
            items.append({"title": str(title), "url": reverse(name), "key": name})
        except NoReverseMatch:
            continue
    return items


def language_links(request):
    """Links to the current page in every language, for the switcher and hreflang."""
    current = get_language()
    page = getattr(request, "_wagtail_page", None)
    translations = {}
    if isinstance(page, Page):
        translations = shared_part(
            f"translations:{request.get_host()}:{page.pk}", lambda: _translations(request, page)
        )
    # Keep the query (search terms, filters) when switching language.
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    links = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code) or translate_url(request.path, code)
        links.append({"code": code, "name": name, "url": url + query, "current": code == current})
    return links


def _translations(request, page) -> dict[str, str]:
    return {
        other.locale.language_code: other.get_url(request)
        for other in page.get_translations(inclusive=True).live().select_related("locale")
    }


def site_settings(request):
    """The site's settings (footer, privacy page), read once for all pages until saved."""
    return shared_part(f"settings:{request.get_host()}", lambda: SiteSettings.for_request(request))
