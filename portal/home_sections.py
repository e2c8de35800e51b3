"""Sections that other apps contribute to the home page.

The home page knows nothing about case studies, campaigns or events. Each app
registers a ``qingshui_home_section`` Wagtail hook returning a ``HomeSection``
(or ``None`` when it has nothing to show, so an empty slot is never rendered).
"""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail import hooks

from portal.pagecache.fragments import shared_part
from portal.pagecache.pages import SITE

HOOK_NAME = "qingshui_home_section"
# Feeds the home page announces in its <head> (RSS/Atom autodiscovery): each hook returns
# ``FeedLink``s for the home page's language.
FEEDS_HOOK_NAME = "qingshui_home_feeds"


@dataclass
class HomeSection:
    order: int
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass
class FeedLink:
    title: str
    url: str
    mime_type: str


def collect_home_feeds(page) -> list[FeedLink]:
    return [link for provider in hooks.get_hooks(FEEDS_HOOK_NAME) for link in provider(page)]


def collect_home_sections(request, page) -> list[HomeSection]:
    sections = []
    for provider in hooks.get_hooks(HOOK_NAME):
        section = provider(request, page)
        if section is not None:
            sections.append(section)
    return sorted(sections, key=lambda s: s.order)


def render_home_sections(request, page) -> str:
    """The sections' HTML, the same for every visitor (none looks at who asks), so kept
    until what they show changes: signed-in volunteers, whose home page is always
    rendered afresh, still get these parts without a query."""
    html = shared_part(
        f"home-sections:{request.get_host()}:{page.pk}:{get_language()}",
        lambda: _render_sections(request, page),
        tags=(SITE, *page.cache_tags),
        timeout=settings.PAGECACHE_SECONDS,  # campaigns start and end by the calendar
    )
    return mark_safe(html)  # noqa: S308  our own rendered templates


def _render_sections(request, page) -> str:
    # Without the request's context processors: a section shows data, never the visitor.
    return "".join(
        render_to_string(section.template, {"section": section.context, "request": request})
        for section in collect_home_sections(request, page)
    )
