"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the
environment (twelve-factor style, through django-environ). With nothing set the
portal runs "embedded": SQLite, a local-memory cache, e-mail to the console and
Celery tasks executed in-process once the transaction commits.
"""

from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env file is convenient on a workstation; production sets real variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-key-only-for-local-use-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Project apps first so their templates win over the libraries' defaults.
    "portal",
    "showcase",
    "campaigns",
    "volunteers",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First, so rate limits and everything after see the visitor's address.
    "portal.middleware.ProxiedClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and feeds are sent compressed (static files come compressed from whitenoise).
    # CSRF tokens are masked afresh in every response, which defeats BREACH on them.
    "django.middleware.gzip.GZipMiddleware",
    # Stored public pages leave from here, before sessions, languages and URLs are looked at.
    "portal.pagecache.middleware.PageCacheFrontMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.NulCharacterMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Right after the CSRF middleware: cached pages get a fresh token in each response.
    "portal.pagecache.middleware.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.AdminForStaffMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.site_chrome",
                "volunteers.accounts.context_processors.leader_todo",
                "portal.pagecache.context_processors.csrf_placeholder",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
# The database cache stands in while Redis is unreachable (portal/cache.py);
# it is defined (and its table made by a migration) even without Redis.
CACHE_FALLBACK = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "portal_cache_fallback",
    "KEY_PREFIX": "qingshui",
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.FailoverRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "qingshui",
            "FALLBACK": "fallback",
            # A Redis that stops answering costs a request half a second once,
            # then is skipped for a few seconds; never a hung worker.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        },
        "fallback": CACHE_FALLBACK,
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "qingshui",
        },
        "fallback": CACHE_FALLBACK,
    }

# Anonymous public pages are served from the cache until what they show changes
# (docs/caching.md); this bounds how long a page whose invalidation was lost can live.
PAGECACHE_ENABLED = env.bool("PAGECACHE_ENABLED", default=True)
PAGECACHE_SECONDS = env.int("PAGECACHE_SECONDS", default=300)

# --- Accounts (django-allauth) ---------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/me/"
# Volunteers sign up and in with a mainland mobile number and an SMS code, or with
# e-mail; staff accounts are made with e-mail (docs/accounts.md).
ACCOUNT_LOGIN_METHODS = {"phone", "email"}
# Either is optional on its own and the sign-up form asks for at least one. allauth's
# checks accept mandatory e-mail verification only with "email*", so it is listed as
# required here and made optional by the form (volunteers/people/account_forms.py).
ACCOUNT_SIGNUP_FIELDS = ["phone", "email*", "password1*", "password2*"]
ACCOUNT_FORMS = {"signup": "volunteers.people.account_forms.SignupForm"}
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Six digits, as every Chinese app sends; valid ten minutes for sign-up and sign-in alike.
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_LOGIN_BY_CODE_FORMAT = ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT
ACCOUNT_PHONE_VERIFICATION_TIMEOUT = 10 * 60
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60
ACCOUNT_PHONE_VERIFICATION_MAX_ATTEMPTS = 5
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 5
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = 3
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = 3
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_CHANGE = 2
ACCOUNT_UNIQUE_EMAIL = True
# An account signs in once it has proved its mobile number or its e-mail address
# (volunteers/people/account_stages.py).
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, written out so they are visible and reviewed.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    # Each code sent is a paid text message to someone's phone: per number and per address.
    "request_login_code": "20/m/ip,3/m/key",
    "verify_phone": "1/30s/key,3/m/ip",
    "change_phone": "1/m/user",
}
ACCOUNT_ADAPTER = "volunteers.people.account_adapter.VolunteerAccountAdapter"
# Account mail is the portal's own (templates/account/email/): the subject names the site,
# never a host, and nobody is called by the username allauth makes up.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_USER_DISPLAY = "volunteers.people.display.account_display"
# The sign-up form also creates the volunteer profile (display name, consent …).
ACCOUNT_SIGNUP_FORM_CLASS = "volunteers.people.signup_form.VolunteerSignupForm"
# Wagtail's own /admin/login/ is not covered by allauth's rate limits, so the
# admin sends people to the allauth login page instead.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# Passwords are changed and reset through allauth only (rate-limited, reset
# mail through the outbox); the admin's account page links there instead.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False

# --- Languages --------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
# The portal's own catalogue first; then the Wagtail admin's strings its zh_Hans lacks.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A page created in one language gets an alias in the other, so every URL
# exists under both prefixes until an editor translates it.
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Files only their owner may download (hours certificates): never under MEDIA_ROOT,
# which the reverse proxy serves to anyone; the app streams them after a permission check.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/no-public-url/"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The maps' outlines (static/maps/) when whitenoise serves them; nginx names them too.
WHITENOISE_MIMETYPES = {".geojson": "application/geo+json"}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "清水 Qingshui"
# The one public address of the portal (portal/base_url.py): links in e-mails, the QR
# code on certificates, the Wagtail Site behind feeds, sitemap and API, the admin's
# own notification e-mails. Production must set it (`check --deploy` warns otherwise).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# How Chinese text is split into words for the search index: "jieba" or "bigram"
# (docs/search.md). Run `manage.py update_index` after changing it.
SEARCH_TOKENISER = env("SEARCH_TOKENISER", default="jieba")
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "xlsx", "docx", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Gravatar is unreachable from most Chinese networks (each admin page waited on
# it) and would send a hash of every staff email abroad: initials avatars only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The public API is read-only and lists published, public pages only.
WAGTAILAPI_BASE_URL = PORTAL_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/minute"},
}

# --- E-mail -----------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
# Text messages (sign-up and sign-in codes, reminders): printed to the console until a
# provider is configured (docs/sms.md).
SMS_BACKEND = env("SMS_BACKEND", default="portal.sms.backends.ConsoleBackend")
# For portal.sms.tencent.TencentBackend, as JSON in the environment (docs/sms.md).
SMS_TENCENT = env.json("SMS_TENCENT", default={})
SMS_TEMPLATES = env.json("SMS_TEMPLATES", default={})
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="清水 Qingshui <noreply@qingshui.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -----------------------------------------------------------------
# Without a broker the tasks run in-process (after the transaction commits,
# because services queue them with transaction.on_commit).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 4 * 60
# A message unacknowledged for an hour is delivered again; tasks are idempotent
# and nothing is scheduled further ahead than that (reminders are beat scans).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 1.0}
CELERY_BROKER_CONNECTION_TIMEOUT = 1.0
# Recovery of lost work (docs/operations.md). Every task's state is a row; a
# sweep every minute re-sends rows left waiting longer than
# WORK_RETRY_AFTER_SECONDS that no live worker holds, so a certificate or
# export whose worker was killed is taken up again within about two minutes.
# Messages are acknowledged late, so a task whose worker dies is also
# redelivered by Redis after the visibility timeout; by then its row is done
# and the task does nothing. The timeout stays above the longest task's hard
# limit (35 min), so a task that is merely slow is never run twice.
WORK_RETRY_AFTER_SECONDS = env.int("WORK_RETRY_AFTER_SECONDS", default=30)
CELERY_BEAT_SCHEDULE = {
    "sweep-outgoing-mail": {
        "task": "portal.tasks.sweep_outgoing_mail",
        "schedule": env.float("OUTBOX_SWEEP_SECONDS", default=60.0),
    },
    "sweep-outgoing-sms": {
        "task": "portal.tasks.sweep_outgoing_sms",
        "schedule": env.float("OUTBOX_SWEEP_SECONDS", default=60.0),
    },
    "send-event-reminders": {
        "task": "volunteers.tasks.send_event_reminders",
        "schedule": env.float("REMINDER_SCAN_SECONDS", default=300.0),
    },
    # Daily summaries of join requests: a scan, so one missed at eight goes out next time.
    "send-join-digests": {
        "task": "volunteers.tasks.send_join_digests",
        "schedule": env.float("REMINDER_SCAN_SECONDS", default=300.0),
    },
    "rebuild-hours-rollups": {
        "task": "volunteers.tasks.rebuild_rollups",
        "schedule": crontab(hour=3, minute=30),  # nightly, Asia/Shanghai
    },
    "sweep-certificates": {
        "task": "volunteers.tasks.sweep_certificates",
        "schedule": env.float("WORK_SWEEP_SECONDS", default=60.0),
    },
    "sweep-exports": {
        "task": "volunteers.tasks.sweep_exports",
        "schedule": env.float("WORK_SWEEP_SECONDS", default=60.0),
    },
    "publish-scheduled-pages": {
        "task": "portal.tasks.publish_scheduled_pages",
        "schedule": 60.0,
    },
}

# --- Security (hardened further in production.py) --------------------------
# Set when a reverse proxy that appends the visitor's address to X-Forwarded-For is the
# only way to the app (on in production): REMOTE_ADDR is then taken from that header.
PROXY_FORWARDED_FOR = env.bool("PROXY_FORWARDED_FOR", default=False)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# Wagtail marks its own preview frames SAMEORIGIN; everything else is never framed.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page action and background task at INFO.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

SITE_ID = 1

# --- Maps -------------------------------------------------------------------
# Points are stored in WGS-84. "osm" (default), "tianditu" (needs TIANDITU_KEY,
# WGS-84 compatible) or "gaode" (GCJ-02: points are shifted when drawn).
MAP_TILE_PROVIDER = env("MAP_TILE_PROVIDER", default="osm")
TIANDITU_KEY = env("TIANDITU_KEY", default="")

# --- Participation ------------------------------------------------------------
# A check-in whose phone position is further than this from the event point is flagged.
CHECKIN_FAR_METRES = env.int("CHECKIN_FAR_METRES", default=1000)
# Activity report photos: the largest upload, and the most pixels Pillow may decode
# (a decompression bomb is refused before it is decoded).
REPORT_PHOTO_MAX_BYTES = 8 * 1024 * 1024
REPORT_PHOTO_MAX_PIXELS = 40_000_000

# --- Certificates ---------------------------------------------------------------
# A TrueType CJK font embedded in the hours certificates (scripts/ensure-fonts.sh installs it).
CERTIFICATE_FONT = env("CERTIFICATE_FONT", default="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
CERTIFICATE_ISSUER = env("CERTIFICATE_ISSUER", default="十堰市机关事务服务中心")

# --- Staff exports --------------------------------------------------------------
# "Download CSV now" streams at most this many rows; more go to the background export.
# Chosen so a stream ends within about a third of gunicorn's 30-second worker timeout
# (docs/exports.md has the measurement).
EXPORT_STREAM_MAX_ROWS = env.int("EXPORT_STREAM_MAX_ROWS", default=150_000)

# --- Content-Security-Policy and Permissions-Policy (docs/security.md) ------------
# Kept in one block: the middleware and the template tag are placed from here.
from portal.maps.providers import tile_origins  # noqa: E402
from portal.security.policies import PERMISSIONS, content_security_policies  # noqa: E402

# Outside the page cache's front door, so stored pages get their nonce and header
# too; inside GZipMiddleware, so the nonce goes into the body before it is compressed.
MIDDLEWARE.insert(
    MIDDLEWARE.index("portal.pagecache.middleware.PageCacheFrontMiddleware"),
    "portal.security.csp.NonceCSPMiddleware",
)
# First, so every response carries it, static files included.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "portal.security.headers.PermissionsPolicyMiddleware",
)
TEMPLATES[0]["OPTIONS"].setdefault("builtins", []).append("portal.templatetags.csp_nonce")

CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY = content_security_policies(
    tile_origins=tile_origins(MAP_TILE_PROVIDER)
)
PERMISSIONS_POLICY = PERMISSIONS
