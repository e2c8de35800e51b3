"""Plain text of pages, and a mixin that indexes it tokenised.

Usage on a page model::

    class CaseStudyPage(SearchTokensMixin, Page):
        search_fields = Page.search_fields + [index.SearchField("search_tokens")]

``search_tokens`` is a method, so no database column and no migration is
needed: the search backend calls it when the page is saved or published and
stores the result in its own index table. Searching ``Page.objects`` finds
the page through it too, because the index entry belongs to the page's whole
model hierarchy.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.exceptions import FieldDoesNotExist
from django.utils.encoding import force_str
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.rich_text import get_text_for_indexing

from portal.search.tokenise import index_text

DEFAULT_TEXT_FIELDS = ("summary", "intro")
DEFAULT_BODY_FIELDS = ("body",)


def raw_stream_text(block: blocks.Block, raw) -> Iterator[str]:
    """Text of a StreamField's stored JSON, without building its values.

    Building the values (what ``get_searchable_content`` does) fetches every
    image, page and snippet the blocks choose: one query per page and block
    type, too many for a list of search results. Text blocks keep their text
    in the JSON itself; chooser blocks hold only IDs and are skipped.
    """
    if raw is None or not getattr(block, "search_index", True):
        return
    if isinstance(block, (blocks.ChooserBlock, ImageBlock)):
        return
    if isinstance(block, blocks.RichTextBlock):
        yield get_text_for_indexing(force_str(raw))
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        yield force_str(raw)
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            yield from raw_stream_text(child, raw.get(name))
    elif isinstance(block, blocks.ListBlock) and isinstance(raw, list):
        for item in raw:
            # Wagtail ≥ 2.16 stores {"type": "item", "value": …, "id": …}.
            is_new_format = isinstance(item, dict) and item.get("type") == "item"
            yield from raw_stream_text(block.child_block, item["value"] if is_new_format else item)
    elif isinstance(block, blocks.StreamBlock) and isinstance(raw, list):
        for item in raw:
            if isinstance(item, dict) and item.get("type") in block.child_blocks:
                yield from raw_stream_text(block.child_blocks[item["type"]], item.get("value"))


def _field_texts(page: Page, name: str, *, cheap: bool) -> list[str]:
    try:
        field = page._meta.get_field(name)
    except FieldDoesNotExist:
        return []
    value = field.value_from_object(page)
    if isinstance(field, StreamField):
        if cheap:
            texts = list(raw_stream_text(field.stream_block, list(value.raw_data)))
        else:
            # StreamField blocks may return markup Wagtail did not strip.
            texts = [
                get_text_for_indexing(force_str(t)) for t in field.get_searchable_content(value)
            ]
    elif hasattr(field, "get_searchable_content"):  # RichTextField strips its HTML
        texts = field.get_searchable_content(value)
    else:
        texts = [value]
    return [text for text in (force_str(t).strip() for t in texts if t) if text]


def page_text(page: Page, *, include_title: bool = True, cheap: bool = False) -> str:
    """A page's readable text: title, search description, summary/intro, body.

    Works for any page model; ``search_text_fields`` and
    ``search_body_fields`` on the model name the fields (missing ones are
    skipped). ``cheap=True`` reads StreamFields from their stored JSON and
    never queries the database (for search result snippets).
    """
    parts = [page.title] if include_title else []
    parts.append(getattr(page, "search_description", "") or "")
    names = [
        *getattr(page, "search_text_fields", DEFAULT_TEXT_FIELDS),
        *getattr(page, "search_body_fields", DEFAULT_BODY_FIELDS),
    ]
    for name in names:
        parts.extend(_field_texts(page, name, cheap=cheap))
    return "\n".join(part for part in parts if part)


class SearchTokensMixin:
    """Give a page model a tokenised copy of its text for the search index."""

    search_text_fields: tuple[str, ...] = DEFAULT_TEXT_FIELDS
    search_body_fields: tuple[str, ...] = DEFAULT_BODY_FIELDS

    def get_search_text(self) -> str:
        """Title, search description, summary/intro fields and body as plain text."""
        return page_text(self)

    def search_tokens(self) -> str:
        """The page's text split by the site tokeniser, for ``index.SearchField``."""
        return index_text(self.get_search_text())
