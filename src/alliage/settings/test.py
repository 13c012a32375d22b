"""Test profile: fast hashing, local e-mail, tasks run at once, SQLite unless a URL is set.

The SQLite test database is a file (not memory) so that concurrent threads share it, and write
transactions start IMMEDIATE as in production, which serialises writers.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("ALLIAGE_SECRET_KEY", "test-only-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("ALLIAGE_DATABASE_URL", "sqlite:///:memory:")

from .base import *  # noqa: F403
from .base import DATABASES, cache_settings

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 60,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA secure_delete=ON;",
    }
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"alliage-test-{os.getpid()}.sqlite3")
    }
AXES_ENABLED = True
# Each test process counts its own rate limits (the files of the default would outlive a run).
CACHES = cache_settings("locmem://")
# Each test process has its own matching index (tests reset it with matching.store.index_forget).
ALLIAGE_MATCHING_INDEX = Path(tempfile.mkdtemp(prefix="alliage-matching-")) / "index.npz"
# The semantic signal is off, so that a test's figures do not depend on the model; the tests
# of the semantic matching turn it on (tests/matching/test_semantic*.py).
ALLIAGE_MATCHING_SEMANTIC = False
# Each test process keeps its data archives in its own temporary directory.
ALLIAGE_EXPORT_DIR = Path(tempfile.mkdtemp(prefix="alliage-exports-"))
