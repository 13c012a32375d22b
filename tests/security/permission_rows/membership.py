"""Rows of the membership pages."""

from __future__ import annotations

from ..permission_table import Row

ROWS: tuple[Row, ...] = (
    # public; signed in, an application in one's own name is sent (then redirected)
    Row(
        "membership:page",
        get="ooooooooo",
        post="lrrrrrrrr",
        data=lambda w: {"tier": "individual"},
    ),
)
