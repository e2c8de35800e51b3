"""What a Wagtail page shows when shared: its cover or hero image when it has one.

A page without one (an index page, a campaign before its photo arrives) gets a drawn card
with what it is, its title and the facts its model offers through ``share_facts()``.
"""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language
from wagtail.models import Page

from portal.share_cards import cached_png, card_png, share_tags, version


def _facts(page: Page) -> list[str]:
    facts = getattr(page, "share_facts", None)
    return list(facts()) if facts else []


def _kicker(page: Page) -> str:
    return str(capfirst(page._meta.verbose_name))


def _version(page: Page) -> str:
    return version(get_language(), page.pk, page.title, _kicker(page), *_facts(page))


def page_share(page: Page) -> dict:
    description = page.search_description or getattr(page, "summary", "") or ""
    tags = {"title": page.seo_title or page.title, "description": description[:200],
            "path": page.url}  # fmt: skip
    photo = getattr(page, "social_image", None)
    if photo is not None:
        rendition = photo.get_rendition("fill-1200x630|format-jpeg")
        return share_tags(**tags, photo=rendition, alt=photo.default_alt_text)
    card = f"{reverse('page_card', args=[page.pk])}?v={_version(page)}"
    return share_tags(**tags, card_path=card, alt=" · ".join([page.title, *_facts(page)]))


def page_card(page: Page) -> bytes:
    return cached_png(
        f"page:{page.pk}:card:{_version(page)}",
        lambda: card_png(kicker=_kicker(page), title=page.title, lines=_facts(page)),
    )
