"""Behind the reverse proxy, rate limits see the visitor's address, not the proxy's."""

from django.core.exceptions import MiddlewareNotUsed
from django.test import override_settings
from django.test.client import RequestFactory

from portal.middleware import ProxiedClientAddressMiddleware


def client_address(*, proxied: bool, **meta) -> str:
    """REMOTE_ADDR as the views see it, with PROXY_FORWARDED_FOR on or off."""
    request = RequestFactory().get("/", **meta)
    with override_settings(PROXY_FORWARDED_FOR=proxied):
        try:
            middleware = ProxiedClientAddressMiddleware(lambda r: r.META["REMOTE_ADDR"])
        except MiddlewareNotUsed:
            return request.META["REMOTE_ADDR"]  # Django leaves it out of the chain
    return middleware(request)


def test_the_address_the_proxy_appended_is_the_visitors():
    # On a unix socket gunicorn has no peer address; the visitor sent "10.0.0.1" itself.
    meta = {"REMOTE_ADDR": "", "HTTP_X_FORWARDED_FOR": "10.0.0.1, 203.0.113.9"}
    assert client_address(proxied=True, **meta) == "203.0.113.9"


def test_without_a_proxy_the_header_is_ignored():
    meta = {"REMOTE_ADDR": "198.51.100.4", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    assert client_address(proxied=False, **meta) == "198.51.100.4"


def test_a_missing_or_garbled_header_keeps_the_peer_address():
    assert client_address(proxied=True, REMOTE_ADDR="198.51.100.4") == "198.51.100.4"
    meta = {"REMOTE_ADDR": "198.51.100.4", "HTTP_X_FORWARDED_FOR": "unknown"}
    assert client_address(proxied=True, **meta) == "198.51.100.4"
