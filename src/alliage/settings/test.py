"""Test profile: fast hashing, local e-mail, SQLite in memory unless a database URL is set."""

from __future__ import annotations

import os

os.environ.setdefault(
    "ALLIAGE_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789"
)
os.environ.setdefault("ALLIAGE_DATABASE_URL", "sqlite://:memory:")

from .base import *  # noqa: F403
from .base import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
AXES_ENABLED = True
