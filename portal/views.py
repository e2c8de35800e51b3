from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode


def admin_login(request):
    """Send Wagtail's login to allauth's, whose rate limits protect it."""
    target = reverse("account_login")
    next_url = request.GET.get("next") or reverse("wagtailadmin_home")
    return redirect(f"{target}?{urlencode({'next': next_url})}")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    # Rendered without the request context on purpose: whatever broke the
    # request may also break context processors.
    from django.template.loader import get_template

    return HttpResponse(get_template("500.html").render(), status=500)


def healthz(request):
    """Liveness probe for the reverse proxy or orchestrator."""
    return HttpResponse("ok", content_type="text/plain")
