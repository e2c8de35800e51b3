"""Excerpts of a page's text around the words someone searched for."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_WIDTH = 80
# Characters a window may move to avoid cutting a Latin word in half.
_BOUNDARY_SLACK = 15


def _pattern(words: Iterable[str]) -> re.Pattern | None:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


def _window(text: str, start: int, end: int, width: int) -> tuple[int, int]:
    """About ``width`` characters with the hit a third of the way in."""
    lead = max(0, (width - (end - start)) // 3)
    left = max(0, start - lead)
    right = min(len(text), left + width)
    left = max(0, right - width)
    # Latin text: start and stop at a space rather than mid-word.
    if left > 0 and text[left - 1].isalnum() and text[left].isalnum():
        space = text.find(" ", left, min(start, left + _BOUNDARY_SLACK))
        if space != -1:
            left = space + 1
    if right < len(text) and text[right - 1].isalnum() and text[right].isalnum():
        space = text.rfind(" ", max(end, right - _BOUNDARY_SLACK), right)
        if space != -1:
            right = space
    return left, right


def _mark(excerpt: str, pattern: re.Pattern | None) -> str:
    if pattern is None:
        return escape(excerpt)
    out, pos = [], 0
    for match in pattern.finditer(excerpt):
        out.append(escape(excerpt[pos : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        pos = match.end()
    out.append(escape(excerpt[pos:]))
    return "".join(out)


def snippet(
    text: str,
    words: Iterable[str],
    *,
    fallback_words: Iterable[str] = (),
    width: int = SNIPPET_WIDTH,
) -> SafeString:
    """An HTML-escaped excerpt of ``text`` around the first of ``words``.

    Every occurrence of a word inside the excerpt is wrapped in ``<mark>``.
    When none of ``words`` occurs (a Chinese query matched through its
    bigrams but not as a whole), ``fallback_words`` are tried; with no hit at
    all the excerpt is the beginning of the text.
    """
    text = " ".join((text or "").split())
    if not text:
        return mark_safe("")  # noqa: S308 (empty string)
    pattern = _pattern(words)
    match = pattern.search(text) if pattern else None
    if match is None:
        pattern = _pattern(fallback_words)
        match = pattern.search(text) if pattern else None
    if match is None:
        left, right = 0, min(len(text), width)
        if right < len(text) and text[right - 1].isalnum() and text[right].isalnum():
            space = text.rfind(" ", right - _BOUNDARY_SLACK, right)
            right = space if space > 0 else right
    else:
        left, right = _window(text, match.start(), match.end(), width)
    html = _mark(text[left:right].strip(), pattern)
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    # Every piece of page text went through escape() in _mark.
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308
