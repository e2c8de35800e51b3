"""The site search page: ``/search/?q=`` (``/en/search/?q=`` in English)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from portal.search.highlight import snippet
from portal.search.mixins import page_text
from portal.search.selectors import search_pages
from portal.search.tokenise import clean_query, query_words, split_query

RESULTS_PER_PAGE = 10


@dataclass(frozen=True)
class SearchHit:
    page: Page
    url: str
    kind: str
    snippet: SafeString


def _hit(request, page: Page, words: list[str], tokens: list[str]) -> SearchHit:
    model = page.specific_class
    kind = capfirst(model._meta.verbose_name) if model else _("Page")
    return SearchHit(
        page=page,
        url=page.get_url(request) or "",
        kind=kind,
        snippet=snippet(
            page_text(page, include_title=False, cheap=True) or page.title,
            words,
            fallback_words=tokens,
        ),
    )


def search(request):
    query = clean_query(request.GET.get("q", ""))
    tokens, singles = split_query(query)
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = None
    paginator = Paginator(search_pages(query, locale=locale), RESULTS_PER_PAGE)
    # get_page turns "abc" into page 1 and 99999 into the last page.
    page_obj = paginator.get_page(request.GET.get("page"))
    words = query_words(query)
    hits = [_hit(request, page, words, tokens + singles) for page in page_obj]
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "searchable": bool(tokens or singles),
            "hits": hits,
            "page_obj": page_obj,
            "paginator": paginator,
        },
    )
