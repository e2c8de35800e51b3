"""The query behind the search page."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.models import Locale, Page
from wagtail.search.backends.base import BaseSearchResults

from portal.search.tokenise import split_query


def searchable_pages(*, locale: Locale | None = None) -> QuerySet[Page]:
    """Live pages nobody needs to log in for, in ``locale``, without the tree root."""
    pages = Page.objects.live().public().filter(depth__gt=1)
    if locale is not None:
        pages = pages.filter(locale=locale)
    return pages


def search_pages(query: str, *, locale: Locale | None = None) -> BaseSearchResults | QuerySet[Page]:
    """Pages matching a cleaned query, best first, as specific page instances.

    The result is lazy and sliceable (a Paginator takes it as it is); a page
    of it costs one query for the rows plus one per page type on it.

    Every index token must occur (AND). A query of single Chinese characters
    only cannot use the bigram index, so it matches titles and search
    descriptions containing each character instead, newest first.
    """
    tokens, singles = split_query(query)
    pages = searchable_pages(locale=locale).specific()
    if tokens:
        return pages.search(" ".join(tokens), operator="and")
    if singles:
        for char in singles:
            pages = pages.filter(Q(title__contains=char) | Q(search_description__contains=char))
        return pages.order_by("-first_published_at", "-pk")
    return Page.objects.none()
