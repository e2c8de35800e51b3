"""Split text into the tokens the search index stores and the query looks for.

Both database backends split on whitespace and punctuation only, so a sentence
such as ``我们招募志愿者参加巡河`` is one token to them. We hand them text that
is already split: Latin words and numbers as they are (lower-cased), and each
run of Chinese characters as overlapping character bigrams (``我们 们招 招募
募志 志愿 …``) or, with the ``jieba`` tokeniser, as jieba's search-mode words.
The query goes through the same function, so any two-character word that
appears in a page is found.

Which tokeniser the site uses is the ``SEARCH_TOKENISER`` setting ("jieba" by
default: it ranked better in benchmarks/search_tokenisers.py, see
docs/search.md). Changing it needs ``python manage.py update_index`` so stored
pages are tokenised the same way as new queries.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_TOKENISER = "jieba"
# Long enough for any real query; a pasted paragraph would only make the
# database work harder for no better result.
MAX_QUERY_LENGTH = 100
MAX_QUERY_TOKENS = 32

# CJK Unified Ideographs, Extension A, compatibility ideographs and the
# supplementary planes (Extensions B and later).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CHUNK_RE = re.compile(rf"(?P<han>[{_HAN}]+)|(?P<word>[^\W_{_HAN}]+)")
_HAN_RE = re.compile(rf"[{_HAN}]")


def normalise(text: str) -> str:
    """Fold full-width letters and digits (ＷＡＴＥＲ２０２４) and case."""
    return unicodedata.normalize("NFKC", text).lower()


def iter_chunks(text: str) -> Iterator[tuple[str, bool]]:
    """Yield ``(chunk, is_han)`` for each run of Chinese characters or Latin word.

    Punctuation, spaces and symbols separate chunks and are dropped.
    """
    for match in _CHUNK_RE.finditer(normalise(text)):
        han = match.group("han")
        yield (han, True) if han else (match.group("word"), False)


def is_han(token: str) -> bool:
    return bool(_HAN_RE.match(token))


def bigram_tokens(text: str) -> list[str]:
    """Latin words as they are; Chinese runs as overlapping character pairs.

    A run of one character stays a token of its own so that it can still be
    matched exactly.
    """
    tokens: list[str] = []
    for chunk, han in iter_chunks(text):
        if not han or len(chunk) == 1:
            tokens.append(chunk)
        else:
            tokens.extend(chunk[i : i + 2] for i in range(len(chunk) - 1))
    return tokens


@functools.cache
def _jieba():
    """Import and initialise jieba on first use, without its stderr chatter.

    Loading the dictionary takes a second or two and some 50 MB: web processes
    load it as they start (``tokeniser_warm_up``), others only if they search.
    """
    import jieba  # noqa: PLC0415 - jieba's dictionary is large: loaded on first use

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokeniser_warm_up() -> None:
    """Load the configured tokeniser now (web processes call this as they start), so
    no visitor's search waits for jieba's dictionary."""
    if settings.SEARCH_TOKENISER == "jieba":
        _jieba()


def jieba_tokens(text: str) -> list[str]:
    """Latin words as they are; Chinese runs cut by ``jieba.cut_for_search``.

    Search mode also emits the shorter dictionary words inside a long one
    (志愿者 → 志愿, 愿者, 志愿者), which is what lets a short query match.
    """
    tokens: list[str] = []
    for chunk, han in iter_chunks(text):
        if not han:
            tokens.append(chunk)
        else:
            tokens.extend(t for t in _jieba().cut_for_search(chunk) if t.strip())
    return tokens


def _covered(word: str, parts: set[str]) -> bool:
    """Whether shorter words of two or more characters cover every character of ``word``."""
    covered = [False] * len(word)
    for part in parts:
        if 2 <= len(part) < len(word):
            start = word.find(part)
            while start != -1:
                covered[start : start + len(part)] = [True] * len(part)
                start = word.find(part, start + 1)
    return all(covered)


def jieba_query_tokens(text: str) -> list[str]:
    """jieba's search-mode words of a query, without compounds of other words.

    jieba segments a word differently depending on what follows it: alone,
    合同能源管理 gives 合同 能源 管理 能源管理, but in 合同能源管理模式 it gives
    合同 能源 管理 管理模式 and no 能源管理. The parts are far more stable than
    the compound, so a compound whose characters are all covered by shorter
    words is left out of the query (every token must match).
    """
    tokens = jieba_tokens(text)
    parts = set(tokens)
    return [t for t in tokens if len(t) <= 2 or not _covered(t, parts)]


@dataclass(frozen=True)
class Tokeniser:
    """How page text is cut for the index and how a query is cut to match it."""

    index: Callable[[str], list[str]]
    query: Callable[[str], list[str]]


TOKENISERS: dict[str, Tokeniser] = {
    "bigram": Tokeniser(index=bigram_tokens, query=bigram_tokens),
    "jieba": Tokeniser(index=jieba_tokens, query=jieba_query_tokens),
}


def get_tokeniser(name: str | None = None) -> Tokeniser:
    """The tokeniser called ``name``, by default the ``SEARCH_TOKENISER`` setting."""
    name = name or getattr(settings, "SEARCH_TOKENISER", DEFAULT_TOKENISER)
    if name not in TOKENISERS:
        raise ImproperlyConfigured(
            f"SEARCH_TOKENISER must be one of {sorted(TOKENISERS)}, not {name!r}."
        )
    return TOKENISERS[name]


def tokeniser_name() -> str:
    """The name of the tokeniser the site uses (the ``SEARCH_TOKENISER`` setting)."""
    tokeniser = get_tokeniser()
    return next(name for name, t in TOKENISERS.items() if t is tokeniser)


def tokenise(text: str) -> list[str]:
    """Tokens of page text with the site's tokeniser, in order, repeats kept."""
    return get_tokeniser().index(text or "")


def index_text(text: str) -> str:
    """The value stored in the search index: tokens separated by spaces."""
    return " ".join(tokenise(text))


def clean_query(raw: str | None) -> str:
    """Make a query string safe and bounded.

    Control and other invisible characters (NUL, zero-width spaces, unpaired
    surrogates) become spaces, runs of whitespace collapse and the result is
    cut to ``MAX_QUERY_LENGTH`` characters.
    """
    if not raw:
        return ""
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in raw)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_tokens(query: str, tokeniser: Tokeniser | None = None) -> list[str]:
    """Distinct tokens of a (cleaned) query, in order, at most ``MAX_QUERY_TOKENS``.

    Every token consists of letters, digits or Chinese characters only, so
    nothing in a query can reach the backends' query syntax.
    """
    tokeniser = tokeniser or get_tokeniser()
    return list(dict.fromkeys(tokeniser.query(query or "")))[:MAX_QUERY_TOKENS]


def query_words(query: str) -> list[str]:
    """The words of a query as typed (Latin words, whole Chinese runs).

    Used to highlight hits: people expect to see ``合同能源管理`` marked,
    not its bigrams.
    """
    words = (m.group() for m in _CHUNK_RE.finditer(unicodedata.normalize("NFKC", query)))
    return list(dict.fromkeys(words))


def split_query(query: str, tokeniser: Tokeniser | None = None) -> tuple[list[str], list[str]]:
    """Split a cleaned query into ``(index_tokens, single_characters)``.

    A single Chinese character is a token only where it stands alone
    (bigrams: between punctuation, ``水、电、气``; jieba: where no word
    contains it), so requiring it would make a query like ``水 water`` miss
    most pages that mention water; it is left out of the full-text query. A
    query made only of single characters is answered by a title lookup
    instead (see :func:`portal.search.selectors.search_pages`).
    """
    tokens = query_tokens(query, tokeniser)
    singles = [t for t in tokens if len(t) == 1 and is_han(t)]
    return [t for t in tokens if t not in singles], singles
