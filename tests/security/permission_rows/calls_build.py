"""Permission-table rows of one area's new pages (calls_build); see permission_table.py."""

from __future__ import annotations

from ..permission_table import Row

ROWS: tuple[Row, ...] = ()
