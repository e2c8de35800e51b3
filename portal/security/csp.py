"""The Content-Security-Policy, with a nonce that survives the page cache.

django-csp builds the header from ``settings.CONTENT_SECURITY_POLICY`` and makes a
fresh nonce per request. A stored page or a shared part (``portal.pagecache``) must
not hold one visitor's nonce, so templates never write the nonce itself: ``{%
csp_nonce %}`` writes a placeholder, and on the way out ``NonceCSPMiddleware`` puts
this response's nonce in its place, just before the header is written with the
same nonce. It sits outside the page cache's front door, so pages served from the
cache get a nonce of their own too.

The placeholder is derived from ``SECRET_KEY``: a fixed, public one would hand the
real nonce to any injected ``<script nonce="…">`` that wrote it.
"""

import base64
import hashlib
import re
from functools import cache

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac


@cache
def nonce_placeholder() -> str:
    """Stands in for the nonce in rendered HTML; the same in every process."""
    return "qs-nonce-" + salted_hmac("portal.security.csp", "nonce-placeholder").hexdigest()[:32]


def nonce_fill(request, response) -> None:
    """Put this request's nonce in place of the placeholder in ``response``'s body."""
    # Compressed bodies are only stored pages without a placeholder (pagecache.store).
    if response.streaming or response.has_header("Content-Encoding"):
        return
    placeholder = nonce_placeholder().encode()
    if placeholder not in response.content:
        return
    response.content = response.content.replace(placeholder, str(request.csp_nonce).encode())
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


@cache
def _admin_prefix() -> str:
    return reverse("wagtailadmin_home")


class NonceCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, filling nonce placeholders and using the admin's policy
    (``settings.ADMIN_CONTENT_SECURITY_POLICY``) under the Wagtail admin's URL."""

    def process_response(self, request, response):
        nonce_fill(request, response)
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        # A view's own @csp decorator (parts.config) still wins.
        admin = request.path_info.startswith(_admin_prefix())
        if admin and not report_only and parts.config is None:
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


# An inline element whose nonce attribute holds the placeholder, and its text.
_NONCED_ELEMENT = re.compile(rb'<(script|style)\b([^>]*?) nonce="([^"]+)"([^>]*)>(.*?)</\1>', re.S)
_DIRECTIVES = {b"script": "script-src", b"style": "style-src"}


def nonces_to_hashes(content: bytes) -> tuple[bytes, dict[str, list[str]]]:
    """``content`` with its placeholder nonces taken out, and the policy's additions that
    allow the same inline scripts and styles by their SHA-256 instead.

    A stored page is the same for every visitor, so its inline code can be allowed by
    hash: then the page needs no per-response nonce and is sent as stored, compressed
    once and revalidated by ``ETag``. Only elements that carried the placeholder are
    hashed, so an injected ``<script>`` (which cannot know the placeholder) stays blocked.
    """
    placeholder = nonce_placeholder().encode()
    additions: dict[str, list[str]] = {}

    def swap(match: re.Match) -> bytes:
        tag, before, nonce, after, text = match.groups()
        if nonce != placeholder:
            return match[0]
        digest = base64.b64encode(hashlib.sha256(text).digest()).decode()
        sources = additions.setdefault(_DIRECTIVES[tag], [])
        if f"'sha256-{digest}'" not in sources:
            sources.append(f"'sha256-{digest}'")
        return b"<%s%s%s>%s</%s>" % (tag, before, after, text, tag)

    if placeholder not in content:
        return content, {}
    return _NONCED_ELEMENT.sub(swap, content), additions
