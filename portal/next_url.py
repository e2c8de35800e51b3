"""Where a button or form sends the visitor back to."""

from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request, default: str = "") -> str:
    """A ``next`` on this site (POST or query string), else ``default``: never elsewhere."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
