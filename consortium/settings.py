"""Settings for the Baltic AI Gigafactory Consortium portal.

Everything that differs between a laptop and production comes from the environment (see `.env.example`).
Production refuses to start without a secret key; debug is off unless asked for.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "development-only-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Absolute links in emails (edit and cancellation links) are built from this.
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Content per language (a column per language); it must come before the admin to patch its forms.
    "modeltranslation",
    # The portal's admin site (branding, dashboard, two-factor check) replaces django.contrib.admin's default.
    "consortium.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "csp",
    "django_countries",
    "phonenumber_field",
    "post_office",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "consortium",
    "registrations",
    "events",
    # Above the others: access and erasure requests over the personal data each app declares.
    "privacy",
]

MIDDLEWARE = [
    # Probes and metrics are answered first: before host validation, redirects and the request log.
    "consortium.probes.ProbeMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "consortium.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "consortium.middleware.RejectNullCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "consortium.middleware.DatabaseUnavailableMiddleware",
    # Records who made each change that django-simple-history stores.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "consortium.urls"
WSGI_APPLICATION = "consortium.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "consortium.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    # What is the same for every visitor, kept by each process for itself: rendered forms
    # (consortium.forms.rendered), whether demonstration data is shown (consortium.demo).
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "local",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis going away makes the cache answer as empty rather than fail a visitor's request (DESIGN.md rule 8),
    # and a Redis that hangs holds a request for a second at most.
    CACHES["default"]["BACKEND"] = "consortium.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(socket_connect_timeout=1, socket_timeout=1)

# The client's address (consortium.client.client_address, shared by the form limit and the staff lock-out):
# the number of reverse proxies in front of the portal that append to X-Forwarded-For. 0: clients connect
# directly and X-Forwarded-For is ignored; 1: one proxy (e.g. the Kubernetes ingress or nginx); 2: a load
# balancer in front of that proxy.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Public form posts per client address (all forms together; IPv6 per /64), e.g. "30/h"; empty turns the limit
# off. Counted by django-ratelimit in the shared cache, so every web node counts towards the same limit.
RATELIMIT_PUBLIC_POSTS = env.str("RATELIMIT_PUBLIC_POSTS", default="30/h")
RATELIMIT_IP_META_KEY = "consortium.client.client_address"
RATELIMIT_IPV6_MASK = 64
# With the cache unreachable, forms are accepted rather than refused.
RATELIMIT_FAIL_OPEN = True

# django-axes counts failed staff logins and refuses further attempts for a while (its backend comes first).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
# One person mistyping does not lock out colleagues behind the same proxy address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "consortium.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "consortium.client.client_address"
# Staff must confirm each admin login with a code from an authenticator app (TOTP); `make run` may skip it.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Baltic AI Gigafactory portal")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Lithuanian first (the default), then English.
LANGUAGE_CODE = "lt"
LANGUAGES = [
    ("lt", _("Lithuanian")),
    ("en", _("English")),
    ("lv", _("Latvian")),
    ("et", _("Estonian")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Vilnius"
USE_TZ = True

# --- Content per language and native formats (rule 6) -------------------------------------------------------
# Staff write titles, descriptions, venues and email texts in each language (django-modeltranslation: a column
# per language). A text left empty in the reader's language is shown in Lithuanian, or else in English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "lt"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("lt", "en")
# Dates and times as each language writes them (Django's own formats are missing or wrong for some of ours).
FORMAT_MODULE_PATH = ["consortium.formats"]
# --------------------------------------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files live in the database (consortium.storage): any web node writes an attachment, any worker sends it.
# MEDIA_ROOT is only where earlier versions kept them; migration consortium 0003 moves them into the database.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"  # never served publicly: email attachments only
STORAGES = {
    "default": {"BACKEND": "consortium.storage.DatabaseStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "DJANGO_STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The consortium's countries first in the staff pages' country lists; no separator, which would be an option anyone
# could select and a screen reader reads out. The public form offers only the countries its call accepts.
COUNTRIES_FIRST = ["LT", "LV", "EE", "PL"]
PHONENUMBER_DEFAULT_REGION = "LT"

# Mail: every message is a django-post-office row written in the caller's transaction and delivered by
# our own Celery task (consortium.tasks.deliver_email), queued on commit; a beat task sweeps leftovers.
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email.pop("EMAIL_BACKEND")
for _key, _value in _email.items():
    globals()[_key] = _value
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Baltic AI Gigafactory Consortium <no-reply@consortium.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_BACKEND},
    "CELERY_ENABLED": False,
    "DEFAULT_PRIORITY": "medium",
    "LOG_LEVEL": 2,
    "MESSAGE_ID_ENABLED": True,
}
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=8)
# Retries wait 30 s, 1 min, 2 min … up to this many seconds.
MAIL_MAX_RETRY_DELAY = 3600
# One delivery task may take this long (connecting, talking to the mail server) before Celery stops it (and
# 5 seconds more before it kills it)…
MAIL_TASK_TIME_LIMIT = EMAIL_TIMEOUT * 3 + 10
# …and a claimed message is left alone this long: after that, a message whose worker died is tried again.
MAIL_CLAIM_SECONDS = env.int("MAIL_CLAIM_SECONDS", default=MAIL_TASK_TIME_LIMIT + 45)
# The sweeper runs every MAIL_SWEEP_INTERVAL seconds and queues, oldest first, up to MAIL_SWEEP_BATCH messages
# untouched for MAIL_SWEEP_GRACE seconds (younger ones still have their own task on the way).
MAIL_SWEEP_INTERVAL = env.float("MAIL_SWEEP_INTERVAL", default=60.0)
MAIL_SWEEP_GRACE = env.float("MAIL_SWEEP_GRACE", default=30.0)
MAIL_SWEEP_BATCH = env.int("MAIL_SWEEP_BATCH", default=500)

# Celery: without a broker, tasks run in-process (the embedded default of `make run`).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="portal")
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# Celery closes the worker's database connection after every task unless told how many tasks it may serve;
# CONN_MAX_AGE and the health check decide instead (consortium/celery.py), as they do for web requests.
CELERY_DB_REUSE_MAX = 1000
# A broker that is down must not hold an applicant's request for long: the sweeper sends what is left.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # Redis hands an unacknowledged task to another worker after this many seconds. A retry waits in the
    # broker up to MAIL_MAX_RETRY_DELAY and tasks ack late: both must stay well below it, or a message would be
    # delivered twice (consortium.checks verifies it).
    "visibility_timeout": 2 * MAIL_MAX_RETRY_DELAY + 600,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
CELERY_BEAT_SCHEDULE = {
    "sweep-outbox": {"task": "consortium.tasks.sweep_outbox", "schedule": MAIL_SWEEP_INTERVAL},
    # Reminders go out about a day before a meeting; each run picks up whoever has become due.
    "meeting-reminders": {"task": "events.tasks.send_meeting_reminders", "schedule": 600.0},
    # Changes of a meeting whose notification task was lost (broker down) are announced by this one.
    "meeting-changes": {"task": "events.tasks.sweep_meeting_changes", "schedule": 300.0},
}

# Content Security Policy: our own scripts, styles and images only; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
# A staff member's session ends after a working day and when the browser closes (a shared computer).
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = False
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Registrations read per database round trip when staff export them (their answers are prefetched per chunk).
REGISTRATION_EXPORT_CHUNK_SIZE = env.int("REGISTRATION_EXPORT_CHUNK_SIZE", default=2000)

# Reverting a registration to an earlier version would skip the review rules: history is for reading.
SIMPLE_HISTORY_REVERT_DISABLED = True

# The privacy notice's version is stored with every consent given.
PRIVACY_NOTICE_VERSION = "2025-07-21"
PERSONAL_DATA_RETENTION_MONTHS = env.int("PERSONAL_DATA_RETENTION_MONTHS", default=24)

# --- Reaching the ministry (issue 18): contacts on every page and email, the statements --------------------------
# The ministry's address and phone for applicants and attendees: in the footer of every page, on every outcome page
# and in every email. The phone is shown only when set.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="kanceliarija@eimin.lt")
CONTACT_PHONE = env.str("CONTACT_PHONE", default="")
# The portal's emails come from DEFAULT_FROM_EMAIL; replies to them go to this monitored mailbox.
MAIL_REPLY_TO = env.str("MAIL_REPLY_TO", default=CONTACT_EMAIL)
# The controller's data protection officer, named in the privacy notice (GDPR Art. 13(1)(b)).
DATA_PROTECTION_OFFICER_EMAIL = env.str("DATA_PROTECTION_OFFICER_EMAIL", default="dap@eimin.lt")
DATA_PROTECTION_OFFICER_PHONE = env.str("DATA_PROTECTION_OFFICER_PHONE", default="+370 706 61845")
# Files people attach (a reply to a request for more information): at most this many per request, each at most this
# large. Larger or further files are dropped while they stream in (consortium.uploads.UploadLimits, first here).
UPLOAD_MAX_FILES = 5
UPLOAD_MAX_FILE_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "consortium.uploads.UploadLimits",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# The accessibility statement: when it was prepared and last reviewed (YYYY-MM-DD).
ACCESSIBILITY_STATEMENT_PREPARED = env.str("ACCESSIBILITY_STATEMENT_PREPARED", default="2026-11-23")
ACCESSIBILITY_STATEMENT_REVIEWED = env.str("ACCESSIBILITY_STATEMENT_REVIEWED", default="2026-12-02")
# --------------------------------------------------------------------------------------------------------------

# One JSON line per event in production (LOG_FORMAT=json), readable lines under `make run`.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact": {"()": "consortium.logs.RedactSecretsFilter"},
        "request_id": {"()": "consortium.logs.RequestIdFilter"},
    },
    "formatters": {
        "json": {"()": "consortium.logs.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("LOG_FORMAT", default="plain" if DEBUG else "json"),
            "filters": ["redact", "request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "post_office": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Replaced by consortium.request, which leaves the secrets out of the path.
        "django.server": {"level": "WARNING"},
    },
}


# --- Running on several machines: probes, metrics, error reports, housekeeping, pooling ----------------------

# /metrics answers only with "Authorization: Bearer <METRICS_TOKEN>"; unset, there are no metrics (404).
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

# Error reports to Sentry from web, worker and beat, only when SENTRY_DSN is set; personal data is scrubbed.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    from consortium.errors import start_error_reporting

    start_error_reporting(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        release=env.str("SENTRY_RELEASE", default="") or None,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# Nightly housekeeping in beat (consortium/housekeeping.py): each task is idempotent and safe to run twice.
# PERSONAL_DATA_PURGE on: erase personal data past PERSONAL_DATA_RETENTION_MONTHS; off: only count it, in the log.
PERSONAL_DATA_PURGE = env.bool("PERSONAL_DATA_PURGE", default=False)
# Delivery logs (each attempt to send an email) are kept this many days; the emails themselves stay.
MAIL_LOG_RETENTION_DAYS = env.int("MAIL_LOG_RETENTION_DAYS", default=180)
CELERY_IMPORTS = ["consortium.housekeeping"]
CELERY_BEAT_SCHEDULE |= {
    "purge-personal-data": {
        "task": "privacy.tasks.purge_personal_data",
        "schedule": crontab(hour=3, minute=15),
    },
    "clear-sessions": {
        "task": "consortium.housekeeping.clear_sessions",
        "schedule": crontab(hour=3, minute=30),
    },
    "prune-mail-logs": {
        "task": "consortium.housekeeping.prune_mail_logs",
        "schedule": crontab(hour=3, minute=45),
    },
}

# Behind PgBouncer in transaction pooling mode (DATABASE_PGBOUNCER=on): a connection serves one transaction at a
# time, so no server-side cursors (the export's .iterator() would use one) and no prepared statements, and the
# pool, not each process, keeps connections open (CONN_MAX_AGE 0 unless DATABASE_CONN_MAX_AGE says otherwise).
DATABASE_PGBOUNCER = env.bool("DATABASE_PGBOUNCER", default=False)
if DATABASE_PGBOUNCER:
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
