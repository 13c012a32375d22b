"""Ids read from forms and query strings: a number the database can hold, else 0."""

from __future__ import annotations

import pytest

from alliage.core.http import MAX_PK, pk_from


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), (7, 7), ("", 0), (None, 0), ("abc", 0), ("-3", 0), ("0", 0),
     (str(MAX_PK), 0), (str(2**70), 0), ("1.5", 0)],
)  # fmt: skip
def test_an_id_sent_in_a_request(value, expected) -> None:
    assert pk_from(value) == expected
