"""A mixin that gives a page model a tokenised copy of its text to index.

Usage on a page model::

    class CaseStudyPage(SearchTokensMixin, Page):
        search_fields = Page.search_fields + [index.SearchField("search_tokens")]

``search_tokens`` is a method, so no database column and no migration is
needed: the search backend calls it when the page is saved or published and
stores the result in its own index table. Searching ``Page.objects`` finds
the page through it too, because the index entry is shared by the page's
whole model hierarchy.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.utils.encoding import force_str
from wagtail.rich_text import get_text_for_indexing

from .tokenise import index_text


class SearchTokensMixin:
    """Collect a page's readable text and expose it, tokenised, to the index.

    ``search_text_fields`` are plain text fields (missing ones are skipped);
    ``search_body_fields`` are rich text or StreamFields whose text Wagtail
    extracts with the field's own ``get_searchable_content``.
    """

    search_text_fields: tuple[str, ...] = ("summary", "intro")
    search_body_fields: tuple[str, ...] = ("body",)

    def _search_field_texts(self, name: str, *, html: bool) -> list[str]:
        try:
            field = self._meta.get_field(name)
        except FieldDoesNotExist:
            return []
        value = field.value_from_object(self)
        if hasattr(field, "get_searchable_content"):
            texts = field.get_searchable_content(value)
        else:
            texts = [value]
        texts = [force_str(text) for text in texts if text]
        if html:
            # StreamField text blocks may hold markup Wagtail did not strip.
            texts = [get_text_for_indexing(text) for text in texts]
        return [text for text in texts if text.strip()]

    def get_search_body_text(self) -> str:
        """Everything readable on the page except its title (used for snippets)."""
        parts = [getattr(self, "search_description", "") or ""]
        for name in self.search_text_fields:
            parts.extend(self._search_field_texts(name, html=False))
        for name in self.search_body_fields:
            parts.extend(self._search_field_texts(name, html=True))
        return "\n".join(part for part in parts if part)

    def get_search_text(self) -> str:
        """Title, search description, summary/intro fields and body as plain text."""
        return "\n".join(part for part in (self.title, self.get_search_body_text()) if part)

    def search_tokens(self) -> str:
        """The page's text split by the site tokeniser, for ``index.SearchField``."""
        return index_text(self.get_search_text())
