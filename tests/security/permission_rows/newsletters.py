"""Permission-table rows of the newsletters' pages; see permission_table.py."""

from __future__ import annotations

from typing import Any

from ..permission_table import Row
from ..world import World

ALL = "ooooooooo"
AREA = "lddddddoo"  # the team's area: anonymous visitors log in, other roles are refused
AREA_POST = "ldddddd" + "rr"
MANAGE = "ddddddd" + "oo"  # another programme's newsletter does not exist for them
MANAGE_POST = "ddddddd" + "rr"
POST_ONLY = "mmmmmmmmm"


def _newsletter(w: World, status: str = "draft") -> Any:
    from alliage.newsletters.models import Newsletter

    return Newsletter.objects.create(
        programme=w.programme, subject="Lettre du tableau", body="Texte", status=status
    )


def draft(w: World) -> dict[str, Any]:
    return {"pk": _newsletter(w).pk}


def archived(w: World, status: str = "sent") -> dict[str, Any]:
    return {"slug": w.programme.slug, "pk": _newsletter(w, status).pk}


def data(w: World) -> dict[str, Any]:
    return {"programme": w.programme.pk, "subject": "Lettre du tableau", "body": "Texte"}


ROWS: tuple[Row, ...] = (
    # anonymous · person · adherent · member · lead · reviewer · conflicted · team · admin
    Row("team:newsletters:newsletter-list", get=AREA),
    Row("team:newsletters:newsletter-create", get=AREA, post=AREA_POST, data=data),
    Row("team:newsletters:audience-count", get=AREA,
        data=lambda w: {"programme": w.programme.pk, "adherents_only": "on"}),
    Row("team:newsletters:newsletter-edit", kw=draft, get=MANAGE, post=MANAGE_POST, data=data),
    Row("team:newsletters:newsletter-test", kw=draft, get=POST_ONLY, post=MANAGE_POST),
    Row("team:newsletters:newsletter-send", kw=draft, get=MANAGE, post=MANAGE_POST),
    Row("newsletters:archive", kw=lambda w: {"slug": w.programme.slug}, get=ALL,
        post=POST_ONLY),
    Row("newsletters:archive-detail", kw=archived, get=ALL, post=POST_ONLY),
    # a draft is in nobody's archive, not even its team's (they read it in the team's area)
    Row("newsletters:archive-detail", kw=lambda w: archived(w, "draft"), get="d" * 9,
        variant="draft"),
    # a forged unsubscribe link is a 400 page for everyone, without a sign-in
    Row("newsletters:unsubscribe", kw=lambda w: {"token": "forged"}, get="4" * 9,
        post="4" * 9),
)  # fmt: skip
