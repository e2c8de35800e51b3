import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# Before the first request, not during it: with gunicorn --preload the dictionary is
# loaded once in the master and shared by the workers it forks.
from portal.search.tokenise import tokeniser_warm_up  # noqa: E402

tokeniser_warm_up()
