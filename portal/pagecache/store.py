"""Cached responses: what is kept of a page and how it is checked on the way out."""

import hashlib
from dataclasses import dataclass
from gzip import decompress as gzip_decompress

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language

from portal.pagecache.tags import tag_versions
from portal.security.csp import nonce_placeholder, nonces_to_hashes

# Bumped when what is stored changes shape, so older entries are never read.
PREFIX = "pagecache:page:2:"
# Stands in for the CSRF token in a stored page; each response gets its own token.
CSRF_PLACEHOLDER = "pagecache-csrf-8f3a1c2e"
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
# GZipMiddleware's own threshold: smaller bodies are not worth compressing.
GZIP_MIN_BYTES = 200
# Headers that belong to one response, never to a stored page (the cache's own marker
# and validators are set afresh on every response).
_NOT_STORED = {"content-length", "set-cookie", "date", "etag", "last-modified", "x-page-cache"}


@dataclass
class Entry:
    # None when kept compressed only: nearly every visitor accepts gzip, and a hit reads
    # the whole entry from Redis, so the map pages would carry their 250 KB twice.
    content: bytes | None
    status: int
    headers: list[tuple[str, str]]
    versions: dict[str, str]
    stored_at: float
    expires_at: float  # also checked here, not only by the cache: deadlines are exact
    # Pages with a CSRF token differ per response and have none.
    etag: str | None
    # Compressed once when stored (pages without a token only), not on every hit.
    gzipped: bytes | None = None
    # The policy's additions that allow the page's inline scripts by hash
    # (its nonces were taken out when it was stored).
    csp_update: dict | None = None
    # Holds the CSRF placeholder: served only where the visitor's token can be made.
    form_token: bool = False

    def response(self, *, gzip: bool) -> HttpResponse:
        """The stored page, compressed if ``gzip`` and worth it."""
        compressed = gzip and self.gzipped is not None
        if compressed:
            body = self.gzipped
        elif self.content is None:
            body = gzip_decompress(self.gzipped)
        else:
            body = self.content
        response = HttpResponse(body, status=self.status)
        for name, value in self.headers:
            response[name] = value
        if compressed:
            # As GZipMiddleware would have sent it (which leaves it alone now).
            response["Content-Encoding"] = "gzip"
            patch_vary_headers(response, ("Accept-Encoding",))
        if self.csp_update:
            response._csp_update = self.csp_update  # read by django-csp's middleware
        return response


def page_key(request, *, language: str | None = None) -> str:
    language = language or get_language() or ""
    # The nonce placeholder follows SECRET_KEY: pages stored under another key, or before
    # scripts carried it, are never read (their scripts would be blocked).
    parts = (nonce_placeholder(), request.scheme, request.get_host(), language)
    raw = "|".join((*parts, request.get_full_path()))
    return PREFIX + hashlib.sha256(raw.encode()).hexdigest()[:32]


def entry_read(key: str) -> Entry | None:
    """The stored page, if every tag it depends on still has the version it was made with."""
    entry = cache.get(key)
    if not isinstance(entry, Entry) or entry.expires_at <= timezone.now().timestamp():
        return None
    if tag_versions(entry.versions) != entry.versions:
        return None
    return entry


def entry_write(
    key: str, response: HttpResponse, *, content: bytes, versions: dict, timeout: int
) -> Entry:
    """Store ``content`` (the body before any visitor's token went in) with ``response``'s
    status and headers."""
    now = timezone.now().timestamp()
    etag = gzipped = None
    content, csp_update = nonces_to_hashes(content)
    if csp_update:
        # The visitor who caused the render gets the very page the next ones will.
        response.content, _ = nonces_to_hashes(response.content)
        response._csp_update = csp_update
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
    form_token = _PLACEHOLDER_BYTES in content
    # A nonce left over (in no element of its own) is filled in per response, on the whole
    # page; a browser revalidating such a page would keep a body with an old nonce.
    if not form_token and nonce_placeholder().encode() not in content:
        etag = f'"{hashlib.sha256(content).hexdigest()[:24]}"'
        if len(content) >= GZIP_MIN_BYTES:
            gzipped = compress_string(content)
    entry = Entry(
        content=None if gzipped else content,
        status=response.status_code,
        headers=[(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED],
        # Read before the page was rendered: a change committed while it rendered has
        # moved them on already, so such a page is merely rendered once more.
        versions=versions,
        stored_at=now,
        expires_at=now + timeout,
        etag=etag,
        gzipped=gzipped,
        csp_update=csp_update or None,
        form_token=form_token,
    )
    cache.set(key, entry, timeout)
    return entry


def has_placeholder(response: HttpResponse) -> bool:
    return _PLACEHOLDER_BYTES in response.content


def fill_placeholder(response: HttpResponse, token: str) -> None:
    response.content = response.content.replace(_PLACEHOLDER_BYTES, token.encode())
