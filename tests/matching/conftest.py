from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from alliage.matching import signals, store

from . import quality


@pytest.fixture
def matching_index(db: None) -> Iterator[None]:
    """Each test starts without an index file; the first search builds it from the test's
    own database rows. The keys earlier tests of this process marked and rolled back (a demo
    load marks thousands) are forgotten too: they would go with this test's first commit and
    could pass the compaction threshold (a test that measures one update's writes failed so)."""
    store.index_forget()
    signals._pending.keys = set()
    yield
    store.index_forget()


@pytest.fixture(scope="session")
def demo_corpus(django_db_setup: None, django_db_blocker: Any) -> quality.DemoCorpus:
    """The demo's documents as the index holds them, read once per test process from a demo
    loaded in the test database and rolled back."""
    with django_db_blocker.unblock():
        return quality.demo_corpus()
