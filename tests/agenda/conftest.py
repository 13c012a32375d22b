from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Iterator[Callable[..., Any]]:
    """Run a service as its own committed transaction would: the e-mails it queues on commit
    go out before the call returns (the test's wrapping transaction never commits)."""

    def run(service: Callable[..., Any], **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    yield run
