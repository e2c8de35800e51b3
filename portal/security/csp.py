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
