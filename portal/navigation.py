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

# Django views that belong in the header once their app provides them.
VIEW_NAV_ITEMS = [
    ("volunteers:event_list", _("Events")),
    ("volunteers:team_list", _("Teams")),
    ("volunteers:impact", _("Impact")),
]


def main_navigation(request):
    items = []
    site = Site.find_for_request(request)
    if site is not None:
        root = site.root_page.localized
        items.append({"title": _("Home"), "url": root.get_url(request), "key": "home"})
        for page in root.get_children().live().in_menu().public().specific(defer=True):
            items.append({"title": page.title, "url": page.get_url(request), "key": page.slug})
    for name, title in VIEW_NAV_ITEMS:
        try:
            items.append({"title": title, "url": reverse(name), "key": name})
        except NoReverseMatch:
            continue
    return items


def language_links(request):
    """Links to the current page in every language, for the switcher and hreflang."""
    current = get_language()
    page = getattr(request, "_wagtail_page", None)
    translations = {}
    if isinstance(page, Page):
        for other in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[other.locale.language_code] = other.get_url(request)
    # Keep the query (search terms, filters) when switching language.
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    links = []
    for code, name in settings.LANGUAGES:
        url = translations.get(code) or translate_url(request.path, code)
        links.append({"code": code, "name": name, "url": url + query, "current": code == current})
    return links
