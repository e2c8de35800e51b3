from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page

from portal.base_url import absolute_url
from portal.health import readiness
from portal.page_share import page_card as draw_page_card
from portal.share_cards import png_response


def _to_allauth(request, url_name, *, default_next=None):
    target = reverse(url_name)
    next_url = request.GET.get("next") or default_next
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"{target}?{urlencode({'next': next_url})}"
    return redirect(target)


# Wagtail's own account pages are side doors around allauth: no rate limits,
# accounts with an unverified e-mail let in, reset mail sent during the
# request. Each one sends the visitor to allauth's page for the same thing;
# a POST made straight to them is answered the same way and does nothing.


def admin_login(request):
    return _to_allauth(request, "account_login", default_next=reverse("wagtailadmin_home"))


def page_login(request):
    """Wagtail's login for pages restricted to signed-in visitors."""
    return _to_allauth(request, "account_login")


def admin_password_reset(request, rest=""):
    return _to_allauth(request, "account_reset_password")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    # Rendered without the request context on purpose: whatever broke the
    # request may also break context processors.
    return HttpResponse(get_template("500.html").render(), status=500)


def healthz(request):
    """Liveness probe: this process answers. Touches nothing else, so it stays cheap."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness probe: 200 when the database, cache, broker and outbox are all well."""
    report = readiness()
    return JsonResponse(report, status=200 if report["ready"] else 503)


@require_GET
def page_card(request, pk: int):
    """The drawn share card of a live, public page (see portal/page_share.py)."""
    page = Page.objects.live().public().filter(pk=pk).specific().first()
    if page is None:
        raise Http404
    return png_response(request, draw_page_card(page))


# Private and per-visitor pages stay out of search engines; everything else is listed in
# the sitemap. Both languages' paths: English ones carry the /en/ prefix.
ROBOTS_DISALLOW = ("/admin/", "/accounts/", "/me/", "/_util/", "/api/")


@require_GET
def robots_txt(request):
    lines = ["User-agent: *"]
    for path in ROBOTS_DISALLOW:
        lines.append(f"Disallow: {path}")
        if path not in ("/admin/", "/api/"):
            lines.append(f"Disallow: /en{path}")
    lines.append(f"Sitemap: {absolute_url(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
