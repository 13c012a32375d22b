"""Helpers every app's services share."""

from __future__ import annotations

import pytest

from alliage.core.services import on_commit_once

pytestmark = pytest.mark.django_db


def test_on_commit_once_runs_once_per_transaction(django_capture_on_commit_callbacks) -> None:
    runs: list[str] = []
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            on_commit_once("test.key", lambda n=n: runs.append(f"a{n}"))
        on_commit_once("test.other", lambda: runs.append("b"))
    assert runs == ["a4", "b"]  # the latest request of each key, once
    with django_capture_on_commit_callbacks(execute=True):
        on_commit_once("test.key", lambda: runs.append("again"))
    assert runs == ["a4", "b", "again"]
