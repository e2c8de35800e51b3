import re
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from portal.base_url import absolute_url as on_portal
from portal.dates import local_iso
from portal.page_share import page_share as share_for_page
from portal.pagecache.fragments import shared_part

register = template.Library()
CHINESE = re.compile(r"[\u3400-\u9fff]")


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (or removed when empty)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def absolute_url(path: str) -> str:
    """``path`` on PORTAL_BASE_URL: canonical and share links name the portal's one
    address, as the sitemap, feeds and API do, whichever host the request came to."""
    return on_portal(path)


@register.simple_tag
def page_share(page):
    """A Wagtail page's share meta (portal/page_share.py); None for anything else."""
    return share_for_page(page) if isinstance(page, Page) else None


@register.filter
def alt_language(text) -> str:
    """ "zh-Hans" when ``text`` (an image's alt text) is Chinese on a page in another
    language, for a ``lang`` around the image; "" when it matches the page."""
    if get_language() == "zh-hans" or not CHINESE.search(str(text or "")):
        return ""
    return "zh-Hans"


@register.filter
def html_datetime(value) -> str:
    """A ``<time datetime>`` value (portal.dates.local_iso)."""
    return local_iso(value) if value else ""


@register.filter
def public_url(path: str) -> str:
    """``path`` on PORTAL_BASE_URL, for e-mails: they are rendered without a request."""
    return on_portal(path)


@register.simple_tag(takes_context=True)
def breadcrumb_pages(context, page):
    """Ancestors a visitor can open, from the home page down (the tree root excluded):
    their title, depth and URLs, built once per page until the tree changes."""
    request = context["request"]

    def build():
        ancestors = page.get_ancestors().filter(depth__gt=1).live().specific(defer=True)
        return [
            {
                "title": p.title,
                "depth": p.depth,
                "url": p.get_url(request),
                "full_url": p.get_full_url(request),
            }
            for p in ancestors
        ]

    return shared_part(f"crumbs:{request.get_host()}:{page.pk}", build)


@register.filter
def figure(value) -> str:
    """A measured figure for display: thousands grouped, no trailing zeros (45.6, 1,000)."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    text = f"{abs(number).normalize():,f}"
    return f"-{text}" if number < 0 else text


@register.filter(name="abs")
def absolute(value):
    try:
        return abs(value)
    except TypeError:
        return value
