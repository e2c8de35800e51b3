"""The ceiling: the fastest page Django can serve on this machine.

A bare Django project (no middleware, no database, no templates) with one view
returning ``HttpResponse("ok")``. ``benchmarks/bench.py`` serves it with the
very same gunicorn command line as the portal and measures the two in turns,
so a page's requests per second can be read as a share of what Django itself
manages here and now, whatever else the machine is busy with.

    gunicorn benchmarks.ceiling:application --bind 127.0.0.1:8312 --workers 2
"""

import secrets

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY=secrets.token_urlsafe(32),
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_I18N=False,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("", ok)]

application = get_wsgi_application()
