"""Permission-table rows of one area's new pages (team); see permission_table.py."""

from __future__ import annotations

from typing import Any

from ..permission_table import Row
from ..world import World

TEAM = "ldddddd" + "oo"  # the programme's team and administrators
TEAM_POST = "ldddddd" + "rr"
POST_ONLY = "mmmmmmmmm"


def programme(w: World) -> dict[str, Any]:
    return {"slug": w.programme.slug}


ROWS: tuple[Row, ...] = (
    # anonymous · person · adherent · member · lead · reviewer · conflicted · team · admin
    Row("team:dashboard", get="lddddddoo"),
    Row("team:programmes:programme-list", get=TEAM),
    Row("team:programmes:programme-create", get=TEAM, post=TEAM_POST,
        data=lambda w: {"name": "Expédition du table", "kind": "expedition"}),
    Row("team:programmes:programme-edit", kw=programme, get=TEAM, post=TEAM_POST,
        data=lambda w: {"name": w.programme.name, "kind": w.programme.kind}),
    Row("team:programmes:programme-move", kw=programme, get=POST_ONLY, post=TEAM_POST,
        data=lambda w: {"direction": "down"}),
    Row("team:programmes:programme-archive", kw=programme, get=POST_ONLY, post=TEAM_POST,
        data=lambda w: {"archive": ""}),
    Row("team:programmes:join-request-list", get=TEAM),
    Row("team:indicators:attention-list", get=TEAM),
    Row("myspace:home", get="l" + "o" * 8),
    # The audit log: a team reads its programmes' part (tests/security/test_audit_scope.py),
    # a platform admin the whole; the inactive accounts are the platform admins' only.
    Row("selfdata:audit-log", get=TEAM),
    Row("selfdata:audit-log", get=TEAM, variant="log-ins",
        data=lambda w: {"action": "auth.login_failed"}),
    Row("selfdata:inactive-accounts", get="ldddddddo"),
)  # fmt: skip
