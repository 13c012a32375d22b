"""Production profile: refuses to start without a real secret and a real database."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

if len(os.environ.get("ALLIAGE_SECRET_KEY", "")) < 50:
    raise ImproperlyConfigured(
        "ALLIAGE_SECRET_KEY must be set to a random value of 50+ characters."
    )
if not os.environ.get("ALLIAGE_DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured("ALLIAGE_DATABASE_URL must point to a PostgreSQL database.")

from .base import *  # noqa: F403
from .base import STORAGES, VAR_DIR, env_list

DEBUG = False
ALLOWED_HOSTS = env_list("ALLIAGE_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLIAGE_ALLOWED_HOSTS must list the host names served.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# A load balancer probes /healthz (and a supervisor /livez, Prometheus /metrics) over plain
# http: a 301 would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^livez$", r"^metrics$"]
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
STORAGES = {  # uploads and archives as in base (ALLIAGE_STORAGE_URL)
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
# Tasks wait for `alliage worker` unless told otherwise: with the immediate backend each save
# would update the matching index and send its e-mails inside the request.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[os.environ.get("ALLIAGE_TASKS", "database")]
    }
}
STATIC_ROOT = VAR_DIR / "static"
EMAIL_BACKEND = os.environ.get(
    "ALLIAGE_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)

from .base import DATABASES, env_bool  # noqa: E402

# django-prometheus' database wrappers: queries, errors and their durations per database in
# /metrics (ALLIAGE_METRICS_DATABASE=0 keeps Django's own backends).
if env_bool("ALLIAGE_METRICS_DATABASE", True):
    for _database in DATABASES.values():
        _database["ENGINE"] = {
            "django.db.backends.postgresql": "django_prometheus.db.backends.postgresql",
            "django.db.backends.sqlite3": "django_prometheus.db.backends.sqlite3",
        }.get(_database["ENGINE"], _database["ENGINE"])
