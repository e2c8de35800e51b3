"""Production: PostgreSQL, Redis, SMTP, behind a TLS-terminating reverse proxy."""

from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import *  # noqa: F403
from portal.settings.base import LOGGING, env

IS_PRODUCTION = True
DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

if not env("REDIS_URL", default=""):
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production: it backs the cache, allauth's rate "
        "limits and the Celery broker shared by every process."
    )

ACCOUNT_EMAIL_VERIFICATION = "mandatory"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
PROXY_FORWARDED_FOR = env.bool("PROXY_FORWARDED_FOR", default=True)
# SECURE_COOKIES=false is for a local trial over plain http on 127.0.0.1 only (make prod):
# a Secure cookie is never sent back over http (browsers except only "localhost"), so
# neither signing in nor any other form would work there. `check --deploy` flags it.
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING["root"]["level"] = env("LOG_LEVEL", default="WARNING")
