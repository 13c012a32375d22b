"""F10: accounts that existed before sign-up needed a confirmed address count as confirmed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0002_user_language")]
AFTER = [("core", "0003_user_email_confirmed")]


@pytest.mark.django_db(transaction=True)
def test_existing_accounts_are_confirmed_by_the_migration() -> None:
    try:
        _check()
    finally:  # the next tests need every migration (the search ones depend on core's later ones)
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _check() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_user = executor.loader.project_state(BEFORE).apps.get_model("core", "User")
    old_user.objects.create(email="ancienne@example.org", password="!")
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new_user = executor.loader.project_state(AFTER).apps.get_model("core", "User")
    assert new_user.objects.get(email="ancienne@example.org").email_confirmed is True
