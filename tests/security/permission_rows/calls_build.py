"""Permission-table rows of one area's new pages (calls_build); see permission_table.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ..permission_table import POST_ONLY, TEAM, TEAM_POST, Row, call
from ..world import World

# anonymous · person · adherent · member · lead · reviewer · conflicted · team · admin


def _when(days: int) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def settings(w: World) -> dict[str, Any]:
    return {
        "programme": w.programme.pk,
        "title": "Appel de la table",
        "kind": "projects",
        "allowed_kinds": ["association", "individual"],
        "opens_at": _when(-1),
        "closes_at": _when(30),
        "visibility": "team",
        "reviewers_per_submission": "2",
    }


ROWS: tuple[Row, ...] = (
    Row("team:calls:call-list", get=TEAM),
    Row("team:calls:call-create", get=TEAM, post=TEAM_POST, data=settings),
    Row("team:calls:call-edit", kw=call, get=TEAM, post=TEAM_POST,
        data=lambda w: {**settings(w), "title": w.call.title, "visibility": "public"}),
    Row("team:calls:call-questions", kw=call, get=TEAM, post=TEAM_POST,
        data=lambda w: {"action": "add", "new-kind": "short", "new-label_fr": "Territoire ?"}),
    Row("team:calls:call-rubric", kw=call, get=TEAM, post=TEAM_POST,
        data=lambda w: {"action": "add", "new-name": "Impact", "new-weight": "1",
                        "new-scale": "5"}),
    Row("team:calls:call-reviewers", kw=call, get=TEAM, post=TEAM_POST,
        data=lambda w: {"action": "add", "reviewer": w.users["person"].pk}),
    Row("team:calls:reviewer-search", kw=call, get=TEAM),
    Row("team:calls:call-duplicate", kw=call, get=TEAM, post=TEAM_POST,
        data=lambda w: {"title": "Copie", "opens_at": _when(1), "closes_at": _when(40)}),
)  # fmt: skip

ROWS += (
    # The idea stage's team action: confirmation page, then the POST (refused, back to it,
    # while the world's call has no project stage; tests/calls/test_two_stage.py covers it).
    Row("calls:invite-confirm", kw=call, get=TEAM, post="m" * 9),
    Row("calls:invite-retained", kw=call, get=POST_ONLY, post=TEAM_POST,
        data=lambda w: {"confirm": "yes"}),
)  # fmt: skip
