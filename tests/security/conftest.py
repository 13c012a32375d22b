from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test.utils import override_settings

from .world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """Built once per test module inside a transaction that is rolled back at its end; each
    test's own transaction (and each request's savepoint) nests inside it."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            world = build_world()
            world.log_in_all()
            yield world
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            media.disable()
