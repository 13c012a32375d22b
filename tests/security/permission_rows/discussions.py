"""Permission-table rows of discussions and moderation; see permission_table.py."""

from __future__ import annotations

from typing import Any

from ..permission_table import Row
from ..world import World

ALL = "ooooooooo"
TEAM = "ldddddd" + "oo"
READERS = "ddd" + "oo" + "dd" + "oo"  # the coalition's members, the team, admins
WRITE = {"body": "Un commentaire"}


def thread(key: str, channel: str, obj: str) -> Any:
    return lambda w: {"key": key, "pk": getattr(w, obj).pk, "channel": channel}


def comment(w: World) -> dict[str, Any]:
    return {"pk": w.member_comment().pk}


ROWS: tuple[Row, ...] = (
    # anonymous · person · adherent · member · lead · reviewer · conflicted · team · admin
    Row("discussions:thread", kw=thread("coalitions.coalition", "public", "coalition"),
        get=ALL, post="l" + "r" * 8, data=lambda w: WRITE, variant="public"),
    # the members' thread does not exist for whoever may not read it, signed in or not
    Row("discussions:thread", kw=thread("coalitions.coalition", "members", "coalition"),
        get=READERS, post="ddd" + "rr" + "dd" + "rr", data=lambda w: WRITE, variant="members"),
    # a proposal's thread: its author (not a role here) and the team; never the reviewers
    Row("discussions:thread", kw=thread("calls.submission", "private", "submission"),
        get="ddddddd" + "oo", post="ddddddd" + "rr", data=lambda w: WRITE, variant="proposal"),
    Row("discussions:thread", kw=thread("commons.publication", "public", "publication"),
        get=ALL, post="l" + "r" * 8, data=lambda w: WRITE, variant="publication"),
    Row("discussions:thread", kw=thread("evaluation.assessment", "dialogue", "assessment"),
        get=READERS, post="ddd" + "rr" + "dd" + "rr", data=lambda w: WRITE,
        variant="assessment"),
    Row("discussions:people", kw=thread("coalitions.coalition", "members", "coalition"),
        get="ldd" + "oo" + "dd" + "oo"),
    # only its author edits a comment (and a superuser, who has every permission)
    Row("discussions:comment-edit", kw=comment, get="lddoddddo", post="lddrddddr",
        data=lambda w: {"body": "Un avis revu"}),
    # its author deletes it, and so do those who keep the public thread: its leads, the team
    Row("discussions:comment-delete", kw=comment, get="l" + "m" * 8, post="lddrrddrr"),
    Row("discussions:comment-history", kw=comment, get=ALL),
    Row("moderation:report", kw=lambda w: {"key": "discussions.comment",
                                            "pk": w.member_comment().pk},
        get="l" + "o" * 8, post="l" + "r" * 8, data=lambda w: {"reason": "spam"}),
    Row("team:moderation:queue", get=TEAM),
    Row("team:moderation:decide", kw=lambda w: {"pk": w.reported_case().pk},
        get="l" + "m" * 8, post="ldddddd" + "rr",
        data=lambda w: {"decision": "keep", "note": "Dans les règles"}),
)  # fmt: skip
