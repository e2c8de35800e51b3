"""Local development: the embedded default plus DEBUG and relaxed verification."""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import env

DEBUG = env.bool("DEBUG", default=True)
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
# Serve straight from the source folders so edits show without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Template and code edits show at once: no whole-page cache unless asked for.
PAGECACHE_ENABLED = env.bool("PAGECACHE_ENABLED", default=not DEBUG)
