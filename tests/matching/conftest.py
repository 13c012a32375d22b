from __future__ import annotations

from collections.abc import Iterator

import pytest

from alliage.matching import store


@pytest.fixture
def matching_index(db: None) -> Iterator[None]:
    """Each test starts without an index file; the first search builds it from the test's
    own database rows."""
    store.index_forget()
    yield
    store.index_forget()
