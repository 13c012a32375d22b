"""Rows of the membership pages."""

from __future__ import annotations

from alliage.actors.models import Membership

from ..permission_table import Row

ROWS: tuple[Row, ...] = (
    # public; signed in, an application in one's own name is sent (then redirected)
    Row(
        "membership:page",
        get="ooooooooo",
        post="lrrrrrrrr",
        data=lambda w: {"tier": "individual"},
    ),
    # withdraw: only the holder's people, here the adherent (refused with a message: it is
    # not pending); 404 to the others, the team too (it answers from its own pages)
    Row(
        "membership:withdraw",
        kw=lambda w: {"pk": Membership.objects.order_by("pk").first().pk},
        get="lmmmmmmmm",
        post="ldrdddddd",
    ),
)
