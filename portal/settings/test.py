"""Settings for the test suite.

The same environment variables as production pick the database and Redis, so
CI runs the suite against PostgreSQL and Redis while a bare checkout uses SQLite
and local memory.
"""

from portal.settings.base import *  # noqa: F403
from portal.settings.base import BASE_DIR, REDIS_URL, env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
# A worker process started by the integration tests writes mail to files
# (EMAIL_FILE_PATH); in-process tests read Django's locmem outbox.
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default="")
if EMAIL_FILE_PATH:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Tests read the SMS outbox rows, or what the memory backend was handed.
SMS_BACKEND = env("SMS_BACKEND", default="portal.sms.backends.MemoryBackend")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "test-media")
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "test-private")
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
# Tests call tasks directly or through a real worker; never by accident in-process.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)

# Tests clear the cache between tests; keep it in its own Redis database so a
# clear never flushes the Celery broker's queues that a worker test relies on.
if REDIS_URL:
    from urllib.parse import urlsplit, urlunsplit

    _parts = urlsplit(REDIS_URL)
    _cache_db = env.int("TEST_CACHE_REDIS_DB", default=15)
    CACHES["default"]["LOCATION"] = urlunsplit(_parts._replace(path=f"/{_cache_db}"))  # noqa: F405
