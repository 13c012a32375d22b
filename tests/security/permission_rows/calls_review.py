"""Permission-table rows of one area's new pages (calls_review); see permission_table.py."""

from __future__ import annotations

from ..permission_table import POST_ONLY, TEAM, TEAM_POST, Row

ROWS: tuple[Row, ...] = (
    # anonymous · person · adherent · member · lead · reviewer · conflicted · team · admin
    # Without ?proposal= the decision page sends the team to the ranking (tests/calls cover
    # the page itself and someone else's proposal).
    Row("calls:decision-form", kw=lambda w: {"slug": w.call.slug}, get="ldddddd" + "rr",
        post="m" * 9),
    Row("calls:publish-confirm", kw=lambda w: {"slug": w.call.slug}, get=TEAM, post="m" * 9),
    Row("calls:reviewer-remind", kw=lambda w: {"slug": w.call.slug}, get=POST_ONLY,
        post=TEAM_POST, data=lambda w: {"reviewer": w.users["reviewer"].pk}),
)  # fmt: skip
