"""Settings shared by every profile; everything that varies comes from ALLIAGE_* variables.

The defaults serve the embedded case: a SQLite file and a generated secret under ``var/``.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import alliage
from alliage.core.reporting import admins_parse, sentry_init

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("ALLIAGE_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("ALLIAGE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def stored_secret_key() -> str:
    """Return ALLIAGE_SECRET_KEY, or a secret generated once and kept in ``var/secret_key``."""
    if key := os.environ.get("ALLIAGE_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


DEBUG = env_bool("ALLIAGE_DEBUG", False)
SECRET_KEY = stored_secret_key()
ALLOWED_HOSTS = env_list("ALLIAGE_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("ALLIAGE_CSRF_TRUSTED_ORIGINS")
SITE_NAME = "Alliage"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("ALLIAGE_DATABASE_URL", f"sqlite:///{VAR_DIR / 'alliage.sqlite3'}"),
        conn_max_age=int(os.environ.get("ALLIAGE_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the threaded server write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        # secure_delete: deleted rows are overwritten with zeros, not left in free pages (an
        # erasure must leave nothing readable in the file).
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    "django_tasks",
    "alliage.workers",  # before django_tasks_db: its `db_worker` command is ours
    "django_tasks_db",
    "alliage.core",
    "alliage.notifications",
    "alliage.follows",
    "alliage.actors",
    "alliage.membership",
    "alliage.coalitions",
    "alliage.moderation",
    "alliage.agenda",
    "alliage.assembly",
    "alliage.calls",
    "alliage.commons",
    "alliage.evaluation",
    "alliage.sitesearch",
    "alliage.discussions",
    "alliage.imports",
    "alliage.matching",
    "alliage.invitations",
    "alliage.api",
    "alliage.selfdata",
    "alliage.newsletters",
    "alliage.team",
    "alliage.myspace",
    "alliage.legal",
    "alliage.demo",
    "alliage.accounts",
]

MIDDLEWARE = [
    "alliage.core.client_address.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "alliage.api.middleware.ApiMiddleware",
    "alliage.core.outage.DatabaseUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "alliage.api.middleware.ApiConditionalGetMiddleware",
    "alliage.core.middleware.RejectNulMiddleware",
    "alliage.api.idempotency.IdempotencyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "alliage.core.middleware.ActingUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alliage.urls"
WSGI_APPLICATION = "alliage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alliage.core.context_processors.site",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "template_partials.templatetags.partials",
                "alliage.core.templatetags.dates",
                "alliage.core.templatetags.language",
            ],
        },
    }
]

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "alliage.core.auth.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "coalitions:home"
LOGOUT_REDIRECT_URL = "coalitions:home"

AXES_FAILURE_LIMIT = int(os.environ.get("ALLIAGE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "alliage.core.client_address.axes_client_address"
CSRF_FAILURE_VIEW = "alliage.core.csrf.csrf_failure"

# The proxies whose X-Forwarded-For is believed (addresses or CIDR networks, comma-separated);
# every limit counts by the client address derived from it (alliage.core.client_address).
ALLIAGE_TRUSTED_PROXIES = env_list("ALLIAGE_TRUSTED_PROXIES")

# Limits of the account pages (alliage.accounts.limits), as "count/period" (s, m, h, d):
# failed log-ins from one address, whatever the accounts tried; sign-ups and password resets
# per address asking and per e-mail address asked for. An account that failed
# ALLIAGE_LOGIN_ACCOUNT_FREE_FAILURES times (from anywhere, forgotten a day after the last
# failure) is slowed, not locked: each further attempt waits ALLIAGE_LOGIN_ACCOUNT_DELAY
# seconds, doubled at each failure up to ALLIAGE_LOGIN_ACCOUNT_MAX_DELAY, except from a
# browser that logged in to it before.
ALLIAGE_LOGIN_ADDRESS_RATE = os.environ.get("ALLIAGE_LOGIN_ADDRESS_RATE", "20/15m")
ALLIAGE_LOGIN_ACCOUNT_FREE_FAILURES = int(
    os.environ.get("ALLIAGE_LOGIN_ACCOUNT_FREE_FAILURES", "10")
)
ALLIAGE_LOGIN_ACCOUNT_DELAY = int(os.environ.get("ALLIAGE_LOGIN_ACCOUNT_DELAY", "30"))
ALLIAGE_LOGIN_ACCOUNT_MAX_DELAY = int(os.environ.get("ALLIAGE_LOGIN_ACCOUNT_MAX_DELAY", "900"))
ALLIAGE_SIGNUP_RATES = {
    "address": os.environ.get("ALLIAGE_SIGNUP_ADDRESS_RATE", "20/h"),
    "email": os.environ.get("ALLIAGE_SIGNUP_EMAIL_RATE", "3/h"),
}
ALLIAGE_RESET_RATES = {
    "address": os.environ.get("ALLIAGE_RESET_ADDRESS_RATE", "10/h"),
    "email": os.environ.get("ALLIAGE_RESET_EMAIL_RATE", "3/h"),
}

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
FORMAT_MODULE_PATH = ["alliage.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = None  # served from the apps by WhiteNoise; production collects into var/static
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"


def storage_settings(url: str) -> dict[str, dict[str, object]]:
    """The ``default`` (uploads) and ``exports`` (personal-data archives) storages from
    ALLIAGE_STORAGE_URL. Empty: the local disk (MEDIA_ROOT and ALLIAGE_EXPORT_DIR).
    ``s3://[KEY:SECRET@]bucket[/prefix]?endpoint_url=…&region=…&addressing_style=path``: an
    S3-compatible bucket, uploads under ``<prefix>/media/`` and archives under
    ``<prefix>/exports/``; without KEY:SECRET the credentials come the usual AWS way
    (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, an instance role)."""
    from urllib.parse import parse_qs, unquote, urlsplit

    if not url:
        return {
            "default": {"BACKEND": "alliage.core.storage.AtomicFileSystemStorage"},
            "exports": {"BACKEND": "alliage.core.storage.ExportFileSystemStorage"},
        }
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.hostname:
        raise ImproperlyConfigured(
            "ALLIAGE_STORAGE_URL must be empty (the local disk) or s3://bucket?endpoint_url=…"
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    unknown = set(query) - {"endpoint_url", "region", "addressing_style", "signature_version"}
    if unknown:
        raise ImproperlyConfigured(f"ALLIAGE_STORAGE_URL: unknown option(s) {sorted(unknown)}")
    options: dict[str, object] = {"bucket_name": unquote(parts.hostname)}
    for option, name in (
        ("endpoint_url", "endpoint_url"),
        ("region", "region_name"),
        ("addressing_style", "addressing_style"),
        ("signature_version", "signature_version"),
    ):
        if query.get(option):
            options[name] = query[option]
    if parts.username:
        options["access_key"] = unquote(parts.username)
        options["secret_key"] = unquote(parts.password or "")
    prefix = parts.path.strip("/")
    return {
        alias: {
            "BACKEND": "alliage.core.s3.PrivateS3Storage",
            "OPTIONS": {**options, "location": f"{prefix}/{folder}".lstrip("/")},
        }
        for alias, folder in (("default", "media"), ("exports", "exports"))
    }


STORAGES = {
    **storage_settings(os.environ.get("ALLIAGE_STORAGE_URL", "")),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def cache_settings(url: str, *, var_dir: Path | None = None) -> dict[str, dict[str, object]]:
    """CACHES from ALLIAGE_CACHE_URL. Every rate limit lives in this cache, so all the processes
    that serve the site must share it: Redis (``redis://``, ``rediss://``, ``unix://``) for
    several servers; by default (empty) files under the var dir, which the processes of one
    machine share (the demo runs several gunicorn workers); ``locmem://`` keeps each process's
    own memory (the tests)."""
    if not url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str((var_dir or VAR_DIR) / "cache"),
                "OPTIONS": {"MAX_ENTRIES": 20_000},
            }
        }
    if url == "locmem://":
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "alliage",
            }
        }
    raise ImproperlyConfigured(
        "ALLIAGE_CACHE_URL must be empty (files under the var dir), locmem:// or a redis://, "
        "rediss:// or unix:// URL."
    )


CACHES = cache_settings(os.environ.get("ALLIAGE_CACHE_URL", ""))

# The API's rate limits, per token (or per address without one).
ALLIAGE_API_RATES = {
    "read": os.environ.get("ALLIAGE_API_READ_RATE", "600/m"),
    "write": os.environ.get("ALLIAGE_API_WRITE_RATE", "60/m"),
}

# The matching index is published in the database (matching.store); each machine keeps a
# memory-mapped copy of the current snapshot in the folder of ALLIAGE_MATCHING_INDEX.
ALLIAGE_MATCHING_INDEX = Path(
    os.environ.get("ALLIAGE_MATCHING_INDEX", VAR_DIR / "matching" / "index.npz")
)
# Seconds between two checks of the published version (0: on every use, one small query).
ALLIAGE_MATCHING_CHECK_SECONDS = float(os.environ.get("ALLIAGE_MATCHING_CHECK_SECONDS", "0"))
# Delta rows past which the worker folds them into a new snapshot.
ALLIAGE_MATCHING_COMPACT_AFTER = int(os.environ.get("ALLIAGE_MATCHING_COMPACT_AFTER", "200"))
# The semantic signal of the matching (sentence embeddings, matching.semantic): on unless
# ALLIAGE_MATCHING_SEMANTIC=0; everything works without it (the text signal alone). Turned on
# again, it needs `alliage matching_rebuild` to give the index its vectors.
ALLIAGE_MATCHING_SEMANTIC = env_bool("ALLIAGE_MATCHING_SEMANTIC", True)
MEDIA_URL = "/media/"

EMAIL_BACKEND = os.environ.get(
    "ALLIAGE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("ALLIAGE_FROM_EMAIL", "Alliage <noreply@alliage.example.org>")
# With django-anymail installed, ALLIAGE_EMAIL_BACKEND names its backend for the provider
# ("anymail.backends.mailgun.EmailBackend"…) and ALLIAGE_ANYMAIL holds its settings as JSON.
if os.environ.get("ALLIAGE_ANYMAIL"):
    ANYMAIL = json.loads(os.environ["ALLIAGE_ANYMAIL"])

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Error reporting: mail to ALLIAGE_ADMINS, and Sentry when ALLIAGE_SENTRY_DSN is set and the
# optional sentry-sdk is installed. The 500 page says "the team has been told" only then.
ADMINS = admins_parse(os.environ.get("ALLIAGE_ADMINS", ""))
SERVER_EMAIL = os.environ.get("ALLIAGE_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ALLIAGE_SENTRY_ENABLED = sentry_init(
    os.environ.get("ALLIAGE_SENTRY_DSN", ""),
    environment=os.environ.get("ALLIAGE_SENTRY_ENVIRONMENT", "production"),
    release=alliage.__version__,
)
# While the database is down, pages answer 503 with this Retry-After.
ALLIAGE_RETRY_AFTER_SECONDS = int(os.environ.get("ALLIAGE_RETRY_AFTER_SECONDS", "30"))

# The same error is logged (and mailed) once per ALLIAGE_LOG_REPEAT_SECONDS, with the number of
# repeats it stood for, so that an outage does not write a traceback per request.
LOG_LEVEL = os.environ.get("ALLIAGE_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "repeats": {
            "()": "alliage.core.logfilters.RepeatFilter",
            "seconds": int(os.environ.get("ALLIAGE_LOG_REPEAT_SECONDS", "60")),
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["repeats"]},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "repeats"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": LOG_LEVEL},
        "alliage": {"handlers": ["mail_admins"], "level": LOG_LEVEL},
    },
}

ALLIAGE_PAGE_SIZE = 20
ALLIAGE_BASE_URL = os.environ.get("ALLIAGE_BASE_URL", "http://127.0.0.1:8000")
# Newsletters: copies sent per batch (one connection each), and an optional mailto address
# added to their List-Unsubscribe header.
ALLIAGE_NEWSLETTER_BATCH = int(os.environ.get("ALLIAGE_NEWSLETTER_BATCH", "200"))
ALLIAGE_NEWSLETTER_UNSUBSCRIBE_MAILTO = os.environ.get("ALLIAGE_NEWSLETTER_UNSUBSCRIBE_MAILTO", "")

# Background work. The embedded default runs each task at once, in the request; production
# queues them in the database for `alliage worker` (ALLIAGE_TASKS=database).
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[os.environ.get("ALLIAGE_TASKS", "immediate")]
    }
}
# A worker not seen for ALLIAGE_WORKER_LEASE_SECONDS loses its tasks to the others; a task
# lost ALLIAGE_TASK_MAX_ATTEMPTS times fails; /healthz answers 503 once a task has waited
# ALLIAGE_QUEUE_MAX_AGE_MINUTES; an archive still being prepared after
# ALLIAGE_EXPORT_STALE_MINUTES is failed, and the person may ask again.
ALLIAGE_WORKER_LEASE_SECONDS = int(os.environ.get("ALLIAGE_WORKER_LEASE_SECONDS", "60"))
ALLIAGE_TASK_MAX_ATTEMPTS = int(os.environ.get("ALLIAGE_TASK_MAX_ATTEMPTS", "3"))
ALLIAGE_QUEUE_MAX_AGE_MINUTES = int(os.environ.get("ALLIAGE_QUEUE_MAX_AGE_MINUTES", "15"))
ALLIAGE_EXPORT_STALE_MINUTES = int(os.environ.get("ALLIAGE_EXPORT_STALE_MINUTES", "30"))

# Self Data: archives of a person's data wait under var/exports (shared storage when several
# servers run), for ALLIAGE_EXPORT_TTL_HOURS; accounts unused for ALLIAGE_INACTIVE_AFTER_DAYS
# are flagged by `alliage flag_inactive_accounts`; a sender may write
# ALLIAGE_CONTACT_DAILY_LIMIT messages a day through profiles.
ALLIAGE_EXPORT_DIR = Path(os.environ.get("ALLIAGE_EXPORT_DIR", VAR_DIR / "exports"))
ALLIAGE_EXPORT_TTL_HOURS = int(os.environ.get("ALLIAGE_EXPORT_TTL_HOURS", "24"))
ALLIAGE_INACTIVE_AFTER_DAYS = int(os.environ.get("ALLIAGE_INACTIVE_AFTER_DAYS", "730"))
ALLIAGE_CONTACT_DAILY_LIMIT = int(os.environ.get("ALLIAGE_CONTACT_DAILY_LIMIT", "5"))

# Invitations: a coalition's lead sends ALLIAGE_INVITATION_DAILY_LIMIT invitations a day at
# most, each link valid ALLIAGE_INVITATION_DAYS days; a person asks for
# ALLIAGE_INTRODUCTION_DAILY_LIMIT introductions a day.
ALLIAGE_INVITATION_DAILY_LIMIT = int(os.environ.get("ALLIAGE_INVITATION_DAILY_LIMIT", "20"))
ALLIAGE_INVITATION_DAYS = int(os.environ.get("ALLIAGE_INVITATION_DAYS", "14"))
ALLIAGE_INTRODUCTION_DAILY_LIMIT = int(os.environ.get("ALLIAGE_INTRODUCTION_DAILY_LIMIT", "5"))

# Operations: Prometheus metrics at /metrics (django-prometheus; for ALLIAGE_METRICS_ALLOW or
# the bearer ALLIAGE_METRICS_TOKEN only, see alliage.core.metrics), a request id, JSON logs
# (ALLIAGE_LOG_FORMAT=json) and read-only replicas (ALLIAGE_REPLICA_URLS, alliage.core.db_router).
INSTALLED_APPS.append("django_prometheus")
MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "alliage.core.logformat.RequestIdMiddleware",
    *MIDDLEWARE,
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "alliage.core.db_router.ReplicaMiddleware",
)
ALLIAGE_METRICS_ALLOW = env_list("ALLIAGE_METRICS_ALLOW", "127.0.0.1,::1")
ALLIAGE_METRICS_TOKEN = os.environ.get("ALLIAGE_METRICS_TOKEN", "")
if os.environ.get("ALLIAGE_LOG_FORMAT", "text").strip().lower() == "json":
    from alliage.core.logformat import json_logging

    LOGGING = json_logging(LOGGING)
if _replica_urls := env_list("ALLIAGE_REPLICA_URLS"):
    from alliage.core.db_router import replica_databases

    DATABASES.update(
        replica_databases(_replica_urls, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"])
    )
    DATABASE_ROUTERS = ["alliage.core.db_router.ReplicaRouter"]
# How far a replica may lag: a cached page rebuilt sooner after a change reads the primary.
ALLIAGE_REPLICA_LAG_SECONDS = int(os.environ.get("ALLIAGE_REPLICA_LAG_SECONDS", "10"))
# Pages of visitors not signed in kept in the cache (alliage.core.pagecache); 0 serves them cold.
ALLIAGE_PAGE_CACHE = os.environ.get("ALLIAGE_PAGE_CACHE", "1") != "0"
