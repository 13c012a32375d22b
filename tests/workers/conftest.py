from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

from . import jobs


@pytest.fixture
def database_queue() -> Iterator[None]:
    """Tasks go to the database backend, as in production, instead of running at once."""
    jobs.RUNS.clear()
    jobs.FAIL_FIRST.clear()
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        yield
