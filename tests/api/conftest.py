from __future__ import annotations

import pytest

from alliage.api.services import token_create


@pytest.fixture
def token():
    """A token of the given scope for a user: ``token(user, "write")`` → the header value."""

    def make(user, scope: str = "read") -> str:
        _row, raw = token_create(by=user, name="test", scope=scope)
        return f"Bearer {raw}"

    return make
