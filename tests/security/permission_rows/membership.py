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
    # not pending); 404 to the others, the team too (it answers from its own pages); the
    # administrator, who may do anything, passes to the same refusal
    Row(
        "membership:withdraw",
        kw=lambda w: {"pk": _adherents(w)},
        get="lmmmmmmmm",
        post="ldrdddddr",
    ),
    # renewal in one click: the holder's people (the adherent's ends in more than 60 days:
    # refused with a message); 404 to the others but the administrator
    Row(
        "membership:renew",
        kw=lambda w: {"pk": _adherents(w)},
        get="lmmmmmmmm",
        post="ldrdddddr",
    ),
    # who votes for an organisation: the adherent's is a person's membership (refused with
    # a message); 404 to the others but the administrator
    Row(
        "membership:representative",
        kw=lambda w: {"pk": _adherents(w)},
        get="lmmmmmmmm",
        post="ldrdddddr",
        data=lambda w: {"representative": ""},
    ),
    # the receipt: the holder's people and the team
    Row(
        "membership:receipt",
        kw=lambda w: {"pk": _adherents(w)},
        get="ldoddddoo",
        post="lmmmmmmmm",
    ),
)


def _adherents(w: object) -> int:
    return Membership.objects.order_by("pk").first().pk
