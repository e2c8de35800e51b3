"""Request hygiene shared by every view."""

import contextlib
import ipaddress

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse


class ProxiedClientAddressMiddleware:
    """Make REMOTE_ADDR the visitor's address, not the reverse proxy's.

    Behind nginx, gunicorn's peer is nginx: 127.0.0.1, or no address at all on a unix
    socket. Every visitor would then share one pledge rate limit, and allauth refuses a
    sign-in whose client address it cannot tell. The proxy appends the address it saw to
    X-Forwarded-For, so the last entry is the one a visitor cannot forge; earlier entries
    are whatever the visitor sent. On only when PROXY_FORWARDED_FOR says a proxy that
    appends that header is the only way in.
    """

    def __init__(self, get_response):
        if not settings.PROXY_FORWARDED_FOR:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        last = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        # No header, or not an address: the peer's stays.
        with contextlib.suppress(ValueError):
            request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(last))
        return self.get_response(request)


class NulCharacterMiddleware:
    """Keep NUL characters away from the database.

    PostgreSQL cannot store or compare text containing NUL, so ``?tag=%00`` would
    turn an ordinary filter into a server error. Query-string values lose their
    NUL characters (the page then behaves as for any unknown value); a path that
    contains one names nothing and is a 404. Form fields already refuse NUL
    (Django's CharField validates it), so POST data is left to the forms.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class AdminForStaffMiddleware:
    """A signed-in visitor without admin access gets a page saying the admin is for staff.

    Wagtail would send them to the login page, and the login page sends a signed-in visitor
    straight back to where they came from: round and round until the browser gives up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        try:
            prefix = reverse("wagtailadmin_home")
        except NoReverseMatch:  # a URLconf without the admin
            return self.get_response(request)
        if (
            request.path_info.startswith(prefix)
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            return render(request, "403.html", {"admin_only": True}, status=403)
        return self.get_response(request)
