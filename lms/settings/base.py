"""Settings shared by every environment.

Every environment-specific value is read here, once, through django-environ; the
other settings modules only choose defaults for development and tests or tighten
security for production. `.env.example` documents each variable.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.paginator import UnorderedObjectListWarning
from django.utils.translation import gettext_lazy as _

from lms.settings.validation import (
    broker_url_config,
    cache_url_config,
    celery_task_queues,
    database_url_config,
    email_url_config,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "lms"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Runtime state of the one-machine default (SQLite file, embedded broker, uploads).
VAR_DIR = Path(env.str("LMS_VAR_DIR", default=str(BASE_DIR / "var")))

# DJANGO_DEBUG unset: on in dev.py, off elsewhere.
DEBUG_FROM_ENV: bool | None = env.bool("DJANGO_DEBUG", default=None)
DEBUG = bool(DEBUG_FROM_ENV)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("LMS_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "people",
    "media",
    "courses",
    "sandbox",
    "certificates",
    "tracking",
    "lms.shell",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "people.apps.PeopleUsersAdminConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.shell.middleware.LanguageFallbackMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.shell.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a locked-out login gets axes' response and nothing runs after it.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.shell.context_processors.site_shell",
            ],
        },
    },
]

# Database: DATABASE_URL, SQLite in var/ when unset.
DATABASES = {"default": database_url_config(env.str("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The one-machine default runs a web process and a worker with two processes on one file:
    # write transactions take the lock when they begin (no "database is locked" half-way
    # through), wait for each other, and readers do not block writers.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles any query whose estimated cost is high, which the sandbox's
    # layered reads are (a hashed anti-join the planner overestimates): 100 ms of compiling
    # for a 50 ms search. Short OLTP queries never gain from it.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_url_config(env.str("CACHE_URL", default="locmemcache://"))}

# Authentication
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "people:login"
WAGTAIL_FRONTEND_LOGIN_URL = "people:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day, for officers who read mail at the end of a shift
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Login throttling: lock the pair (e-mail, address) so that officers sharing one
# border-post address do not lock each other out; lock the whole address only after many
# more failures over any e-mails (people/throttling.py).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LMS_LOGIN_FAILURES_PER_ADDRESS = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "people.throttling.LoginFailureHandler"
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "people.throttling.lockout_response"
AXES_USERNAME_CALLABLE = "people.throttling.login_username"
# The client address (django-ipware behind LMS_PROXY_COUNT trusted proxies) that axes, the
# password-reset limits and the certificate lookup limits all count by.
AXES_CLIENT_IP_CALLABLE = "people.throttling.client_address"
LMS_PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
# Rate limits (password resets, certificate lookups) are django-ratelimit's counters in the
# default cache: Redis when several processes serve, per-process memory with one. Only its
# functions are used, not its app, whose system checks refuse the per-process cache outright
# and warn about Django's own Redis cache, which counts atomically all the same.
RATELIMIT_USE_CACHE = "default"
# Password-reset requests per e-mail and per client address in LMS_PASSWORD_RESET_WINDOW seconds.
LMS_PASSWORD_RESETS_PER_EMAIL = env.int("PASSWORD_RESETS_PER_EMAIL", default=3)
LMS_PASSWORD_RESETS_PER_ADDRESS = env.int("PASSWORD_RESETS_PER_ADDRESS", default=10)
LMS_PASSWORD_RESET_WINDOW = 60 * 60

# Internationalisation (D6): Spanish first, English second.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="America/Guatemala")
USE_I18N = True
# English dates and times without abbreviations' full stops (lms/formats/en/formats.py).
FORMAT_MODULE_PATH = ["lms.formats"]
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# A translation goes live when a trainer publishes it, never at submission with the source's text
# (wagtail-localize's default copies the source's live status): docs/decisions/0015-courses-lms.md.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Static files and uploads (D3: vendored, served by WhiteNoise, no CDN).
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# E-mail: console in development, SMTP from EMAIL_URL in production.
vars().update(email_url_config(env.str("EMAIL_URL", default="consolemail://")))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="OCAM Capacitación <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
# Translated, so that the admin in English does not greet its users in Spanish.
WAGTAIL_SITE_NAME = _("OCAM training platform")
WAGTAILIMAGES_IMAGE_MODEL = "media.CustomImage"
# SVG diagrams in lessons (light on slow links); Wagtail serves them as uploaded, never rasterised.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS: list[dict] = []  # no network at run time (D3)
WAGTAIL_PASSWORD_RESET_ENABLED = False  # resets go through the site's own e-mail flow
WAGTAILUSERS_PASSWORD_REQUIRED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No Gravatar (D3, and the CSP blocks it anyway): the admin shows an uploaded avatar or Wagtail's default.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Trainers publish directly (README, "Authoring and translating"): no moderation workflow, so the
# editor offers no "Submit to Moderators approval" (Wagtail's sample workflow, named in English).
WAGTAIL_WORKFLOW_ENABLED = False
# The admin's account page: people's names and login e-mails are an administrator's to change
# (people/viewsets.py drops Wagtail's first/last name panel), and every date is in the
# platform's one time zone (docs/decisions/0019), so there is no time zone to choose.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]

# Courses: blocks and completion requirements that lower apps add (see courses/blocks/__init__.py).
COURSES_LESSON_BLOCKS: list[tuple[str, str]] = []
COURSES_COMPLETION_REQUIREMENT_BLOCKS: list[tuple[str, str]] = []

# Certificates (docs/certificates.md). The Ed25519 key that signs certificates' QR payloads,
# revocation lists and Open Badges: a PEM file. Unset outside production, a key is made in
# var/keys/ on first use; production refuses to start without one.
CERTIFICATES_SIGNING_KEY_FILE = env.str("CERTIFICATES_SIGNING_KEY_FILE", default="")
# Retired public keys that still verify older certificates: a JSON Web Key Set file.
CERTIFICATES_RETIRED_KEYS_FILE = env.str("CERTIFICATES_RETIRED_KEYS_FILE", default="")
CERTIFICATES_KEY_DIR = VAR_DIR / "keys"
# Issued PDFs and bulk-download archives: outside MEDIA_ROOT, served only through views that
# check who asks.
CERTIFICATES_PRIVATE_ROOT = Path(env.str("CERTIFICATES_PRIVATE_ROOT", default=str(VAR_DIR / "private")))
CERTIFICATES_ISSUER_NAME = "OCAM · OIM / IOM"
# Verification lookups allowed per client address and window (seconds).
CERTIFICATES_LOOKUPS_PER_WINDOW = env.int("CERTIFICATES_LOOKUPS_PER_WINDOW", default=20)
CERTIFICATES_LOOKUP_WINDOW = 600
# Reminders before expiry, in days; the re-certification window opens by default this many days before.
CERTIFICATES_REMINDER_DAYS = (90, 60, 30, 7)
CERTIFICATES_RENEWAL_WINDOW_DAYS = 90
CERTIFICATES_BULK_DOWNLOAD_HOURS = 24
# Sections other apps add to "My learning": callables (request) -> HTML.
COURSES_MY_LEARNING_SECTIONS = ["certificates.views.my_learning_section"]

# The sandbox (docs/consultation.md): a simulated partner country answers an information request
# after this many seconds, and up to half as long again, a fixed share for each country.
SANDBOX_PARTNER_DELAY_SECONDS = env.int("SANDBOX_PARTNER_DELAY_SECONDS", default=120)

# Country tracking (docs/tracking.md). Roster files above this size, or with more rows, are
# refused before they are read; a status is "expiring" within these many days (first band it fits).
TRACKING_ROSTER_MAX_BYTES = env.int("TRACKING_ROSTER_MAX_BYTES", default=2 * 1024 * 1024)
TRACKING_ROSTER_MAX_ROWS = env.int("TRACKING_ROSTER_MAX_ROWS", default=10_000)
# An XLSX roster is refused, by its ZIP directory and before any part is read, if its parts unpack
# to more than these many bytes in all or in one part, are compressed more than this ratio (parts
# over 1 MiB), or are more than this many: decompression bombs (docs/tracking.md).
TRACKING_ROSTER_XLSX_MAX_UNPACKED_BYTES = env.int("TRACKING_ROSTER_XLSX_MAX_UNPACKED_BYTES", default=64 * 1024 * 1024)
TRACKING_ROSTER_XLSX_MAX_PART_BYTES = env.int("TRACKING_ROSTER_XLSX_MAX_PART_BYTES", default=32 * 1024 * 1024)
TRACKING_ROSTER_XLSX_MAX_RATIO = env.int("TRACKING_ROSTER_XLSX_MAX_RATIO", default=100)
TRACKING_ROSTER_XLSX_MAX_PARTS = env.int("TRACKING_ROSTER_XLSX_MAX_PARTS", default=200)
TRACKING_TREND_MONTHS = 12
# Unapplied roster uploads are deleted after this many days.
TRACKING_IMPORT_RETENTION_DAYS = 30

# Background work (D2): Celery on CELERY_BROKER_URL, an embedded broker when unset.
_broker = broker_url_config(
    env.str("CELERY_BROKER_URL", default=""),
    result_backend=env.str("CELERY_RESULT_BACKEND", default=""),
    var_dir=VAR_DIR,
)
CELERY_BROKER_URL = _broker.broker_url
CELERY_BROKER_TRANSPORT = _broker.transport
CELERY_BROKER_TRANSPORT_OPTIONS = _broker.transport_options
CELERY_RESULT_BACKEND = _broker.result_backend
CELERY_BROKER_IS_EMBEDDED = _broker.is_embedded
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_TASK_TIME_LIMIT = 60 * 30
CELERY_TASK_SOFT_TIME_LIMIT = 60 * 25
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queues by urgency (D10, docs/decisions/0018-task-queues-by-urgency.md): what a person waits for
# (certificates, e-mails) goes to the default queue, background work (Wagtail's search index,
# reconciles, reminders, scheduled reports) to the background queue (lms.celery.task_route).
# Workers consume both, in this order; on Redis they always serve the first before the second.
CELERY_TASK_DEFAULT_QUEUE = "urgent"
BACKGROUND_TASK_QUEUE = "background"
CELERY_TASK_QUEUES = celery_task_queues(CELERY_TASK_DEFAULT_QUEUE, BACKGROUND_TASK_QUEUE)
CELERY_TASK_ROUTES = ("lms.celery.task_route",)
if not CELERY_BROKER_IS_EMBEDDED:
    CELERY_BROKER_TRANSPORT_OPTIONS = {**CELERY_BROKER_TRANSPORT_OPTIONS, "queue_order_strategy": "priority"}
# Crontab schedules (the nightly status refresh, the monthly reports) run on the platform's calendar, the
# same one that defines "today" (docs/decisions/0019-dates-and-time-zones.md).
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "wagtail-publish-scheduled": {
        "task": "lms.core.tasks.scheduled_pages_publish_task",
        "schedule": 60.0 * 5,
    },
    "clear-expired-sessions": {
        "task": "lms.core.tasks.expired_sessions_clear_task",
        "schedule": 60.0 * 60 * 24,
    },
    "prune-login-logs": {
        "task": "lms.core.tasks.login_logs_prune_task",
        "schedule": 60.0 * 60 * 24,
    },
    # Certificates: the reconcile safety net (D5) and the expiry reminders, each sent once.
    "certificates-reconcile": {
        "task": "certificates.reconcile",
        "schedule": 60.0 * 10,
    },
    "certificates-reminders": {
        "task": "certificates.reminders",
        "schedule": 60.0 * 60 * 6,
    },
    # Country tracking: statuses move with the date (due -> overdue, expiring bands) every
    # night; the monthly reports go to the focal points on the first day of each month.
    "tracking-refresh": {
        "task": "tracking.refresh_all",
        "schedule": crontab(hour=3, minute=15),
    },
    # Reports whose task was lost are sent again; one not drawn after a day is marked failed.
    "tracking-reconcile": {
        "task": "tracking.reconcile",
        "schedule": 60.0 * 10,
    },
    "tracking-monthly-reports": {
        "task": "tracking.monthly_reports",
        "schedule": crontab(day_of_month=1, hour=6, minute=0),
    },
}

# Wagtail's own background tasks (reference index, file deletion, image focal points,
# front-end cache purges) run on the same Celery workers through a django-tasks backend.
TASKS = {"default": {"BACKEND": "lms.shell.task_backends.CeleryTaskBackend"}}

# Content-Security-Policy (django-csp 4). Nothing leaves our origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Inside the Wagtail admin only: its own inline styles and scripts, and page previews
# shown in a same-origin frame.
CONTENT_SECURITY_POLICY_ADMIN_REPLACE = {
    "style-src": ["'self'", "'unsafe-inline'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "frame-ancestors": ["'self'"],
}

SILENCED_SYSTEM_CHECKS: list[str] = []

# HTTPS settings that production.py applies (plain HTTP in development).
HTTPS_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)

# Security headers that apply everywhere; production.py adds HTTPS-only settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# wagtail-localize's translations report paginates an unordered queryset (its view, not ours):
# Django's warning about it, and only that one, is silenced.
warnings.filterwarnings(
    "ignore",
    message=r"Pagination may yield inconsistent results with an unordered object_list: "
    r"<class 'wagtail_localize\.models\.Translation'> QuerySet",
    category=UnorderedObjectListWarning,
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs each rendering step at INFO; its warnings and errors still show.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
