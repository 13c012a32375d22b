"""The legal and trust pages: public, read-only."""

from __future__ import annotations

from ..permission_table import Row

ALL = "ooooooooo"

ROWS: tuple[Row, ...] = (
    Row("legal:legal-notice", get=ALL),
    Row("legal:privacy", get=ALL),
    Row("legal:terms", get=ALL),
    Row("legal:accessibility", get=ALL),
    Row("legal:status", get=ALL),
)
