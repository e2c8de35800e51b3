"""The portal as an app a phone can install and use without a signal: its manifest, its
service worker (served from the site's root, so it may look after every page) and the page
it shows when there is no connection.

What works offline, and why, is in docs/offline.md.
"""

import json

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

THEME = "#0b5f78"
# Bump when the service worker's own logic changes; the static files it keeps carry their
# hashes in their names, so a new deployment gives it new ones anyway.
WORKER_VERSION = "1"


@require_GET
@cache_control(max_age=3600)
def manifest(request):
    data = {
        "name": _("Qingshui · Shiyan water guardians"),
        "short_name": _("Qingshui"),
        "description": _(
            "Volunteer events, check-in and service hours around the Danjiangkou reservoir."
        ),
        "lang": "en" if get_language() == "en" else "zh-Hans",
        "start_url": "/me/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f4f8f9",
        "theme_color": THEME,
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type="application/manifest+json"
    )


@require_GET
def service_worker(request):
    """Never cached by the browser's HTTP cache, so a new version is found at the next visit."""
    shell = [
        static("css/site.css"),
        static("js/site.js"),
        static("js/offline-checkins.js"),
        static("img/logo.svg"),
        static("img/icon-192.png"),
    ]
    body = render_to_string(
        "portal/pwa/sw.js",
        {
            "version": WORKER_VERSION,
            "shell": json.dumps(shell),
            "static_prefix": settings.STATIC_URL,
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request):
    """Shown by the service worker when a page cannot be loaded; a scanned check-in code
    opened without a signal is kept on the phone from here (static/js/offline-checkins.js)."""
    return render(request, "portal/pwa/offline.html")
