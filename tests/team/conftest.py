from __future__ import annotations

from ..security.conftest import world

__all__ = ["world"]
