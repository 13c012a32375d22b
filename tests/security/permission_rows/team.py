"""Permission-table rows of one area's new pages (team); see permission_table.py."""

from __future__ import annotations

from ..permission_table import Row

ROWS: tuple[Row, ...] = (
    # anonymous · person · adherent · member · lead · reviewer · conflicted · team · admin
    Row("team:dashboard", get="lddddddoo"),
)
