"""Short readable page addresses from Chinese titles.

Wagtail fills a new page's slug from its title; a Chinese title makes a Unicode slug that
becomes a 150-character percent-encoded URL once pasted into a chat. Until a page is
first published, the editors' form turns such a slug into pinyin, cut at a word:
"丹江口库区清漂行动" → ``dan-jiang-kou-ku-qu-qing-piao-xing-dong``.
"""

from django.utils.text import slugify
from pypinyin import lazy_pinyin
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

MAX_LENGTH = 50


def readable_slug(text: str) -> str:
    """``text`` in pinyin (other words kept), as an ASCII slug of at most MAX_LENGTH."""
    slug = slugify(" ".join(lazy_pinyin(text)))
    if len(slug) <= MAX_LENGTH:
        return slug
    cut = slug[: MAX_LENGTH + 1].rsplit("-", 1)[0]
    return cut or slug[:MAX_LENGTH]


def free_slug(base: str, parent: Page, page: Page) -> str:
    """``base``, or ``base-2``, ``base-3``…: the first one no sibling uses."""
    slug, n = base, 1
    while not Page._slug_is_available(slug, parent, page):
        n += 1
        slug = f"{base}-{n}"
    return slug


class ReadableSlugPageForm(WagtailAdminPageForm):
    """The editors' page form: a Unicode slug on a page never published becomes pinyin.

    A published page keeps the slug it has: changing it would break shared links.
    """

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug.isascii() or self.instance.first_published_at:
            return slug
        parent = self.parent_page or self.instance.get_parent()
        return free_slug(readable_slug(slug) or "page", parent, self.instance)
