"""Serve and store whole public pages (see the package docstring)."""

import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language_from_path
from wagtail.views import serve as wagtail_serve

from portal.pagecache import store
from portal.pagecache.tags import tag_versions

logger = logging.getLogger(__name__)

HIT_HEADER = "X-Page-Cache"
# Wagtail pages are stored for anonymous visitors only.
WAGTAIL_PAGES = {"shared": False}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@dataclass
class PageCacheState:
    """What the middleware knows about one request whose page may be cached."""

    key: str
    timeout: int
    versions: dict[str, str] | None = None  # set once the page says what it shows
    tags: list[str] = field(default_factory=list)
    failed: bool = False

    def depend(self, *tags: str) -> None:
        """Declare the data the page shows; must be called before it reads that data."""
        self.tags.extend(tags)
        try:
            self.versions = tag_versions(self.tags)
        except Exception:  # noqa: BLE001  cache down: render, don't store
            logger.warning("Page cache unavailable; not storing", exc_info=True)
            self.failed = True

    @property
    def storable(self) -> bool:
        return self.versions is not None and not self.failed

    def expire_at(self, moment) -> None:
        """The page changes by itself at ``moment`` (a deadline passes): keep it no longer."""
        seconds = (moment - timezone.now()).total_seconds()
        if seconds > 0:
            self.timeout = max(1, min(self.timeout, int(seconds)))


def cache_state(request) -> PageCacheState | None:
    return getattr(request, "_pagecache", None)


def _anonymous(request) -> bool:
    # Decided from the cookies alone, without loading a session: a visitor with a
    # session (signed in, or a message waiting) always gets a freshly rendered page.
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _view_policy(view_func):
    # Wagtail's serve view, and portal.routing.serve which says so itself.
    if view_func is wagtail_serve:
        return WAGTAIL_PAGES
    return getattr(view_func, "pagecache_policy", None)


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    return not getattr(messages, "_queued_messages", None)


def _hit(request, entry: store.Entry):
    """The response for a stored page: 304 when the visitor has it, compressed if accepted."""
    response = None
    if entry.etag:
        response = get_conditional_response(
            request, etag=entry.etag, last_modified=int(entry.stored_at)
        )
    if response is None:
        accepts = request.META.get("HTTP_ACCEPT_ENCODING", "")
        response = entry.response(gzip=bool(ACCEPTS_GZIP.search(accepts)))
    elif entry.csp_update:
        # A 304 refreshes the headers the browser keeps: the same policy as the body's.
        response._csp_update = entry.csp_update
    if entry.etag:
        # Weak once compressed, as GZipMiddleware marks it: the bytes differ by encoding.
        weak = "W/" if response.get("Content-Encoding") == "gzip" else ""
        response["ETag"] = weak + entry.etag
        response["Last-Modified"] = http_date(int(entry.stored_at))
    response[HIT_HEADER] = "hit"
    return response


class PageCacheFrontMiddleware:
    """The front door, right after GZipMiddleware and the CSP middleware: serves a
    stored page without a form token to a visitor without a session before sessions,
    languages, URLs, CSRF or authentication are looked at, and stores pages with the
    headers the whole stack gave them (the CSP header, with its nonce, is added outside).
    Pages with a token, and shared feeds for signed-in people, are served
    by ``PageCacheMiddleware`` further in, where each visitor gets their own token.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        entry = None
        if settings.PAGECACHE_ENABLED and request.method in ("GET", "HEAD") and _anonymous(request):
            language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
            try:
                entry = store.entry_read(store.page_key(request, language=language))
            except Exception:  # noqa: BLE001  a cache outage must not fail the page
                logger.warning("Page cache unavailable; rendering", exc_info=True)
        if entry is not None and not entry.form_token:
            return _hit(request, entry)
        response = self.get_response(request)
        pending = getattr(request, "_pagecache_pending", None)
        if pending is not None:
            key, content, versions, timeout = pending
            try:
                stored = store.entry_write(
                    key, response, content=content, versions=versions, timeout=timeout
                )
            except Exception:  # noqa: BLE001
                logger.warning("Could not store a page in the cache", exc_info=True)
            else:
                if stored.etag:
                    response["ETag"] = stored.etag
                    response["Last-Modified"] = http_date(int(stored.stored_at))
        return response


class PageCacheMiddleware:
    """Placed right after CsrfViewMiddleware, so each served page gets its own CSRF token.

    Decides whether a page may be stored (the front door stores it) and serves
    stored pages that carry a form token or are shared with signed-in people.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.PAGECACHE_ENABLED or request.method not in ("GET", "HEAD"):
            return None
        policy = _view_policy(view_func)
        if policy is None or not (policy["shared"] or _anonymous(request)):
            return None
        try:
            key = store.page_key(request)
            entry = store.entry_read(key)
        except Exception:  # noqa: BLE001  a cache outage must not fail the page
            logger.warning("Page cache unavailable; rendering", exc_info=True)
            return None
        request._pagecache = PageCacheState(key=key, timeout=settings.PAGECACHE_SECONDS)
        if entry is None:
            return None
        request._pagecache_hit = True
        return _hit(request, entry)

    def __call__(self, request):
        response = self.get_response(request)
        state = cache_state(request)
        if state is None:
            return response
        if not getattr(request, "_pagecache_hit", False):
            response[HIT_HEADER] = "miss"
            if state.storable and request.method == "GET" and _storable(request, response):
                # Kept before the token goes in; written with the final headers on the way out.
                request._pagecache_pending = (
                    state.key,
                    response.content,
                    state.versions,
                    state.timeout,
                )
        if not response.streaming and store.has_placeholder(response):
            store.fill_placeholder(response, get_token(request))
        return response
