"""Permission-table rows of one area's new pages (calls_review); see permission_table.py."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from alliage.calls.models import Assignment, Submission

from ..permission_table import POST_ONLY, TEAM, TEAM_POST, Row
from ..world import PDF, World


def draft(w: World) -> dict[str, Any]:
    """The plain person's unsent draft in the team's call, with an attachment and a reviewer
    assigned (as if by mistake): drafts are their authors' alone (F11)."""
    submission, created = Submission.objects.get_or_create(
        call=w.call,
        person=w.users["person"].person,
        defaults={"title": "C-DRAFT-SECRET", "summary": "Un brouillon.", "status": "draft",
                  "attachment": SimpleUploadedFile("brouillon.pdf", PDF)},
    )  # fmt: skip
    if created:
        Assignment.objects.create(submission=submission, reviewer=w.users["reviewer"])
    return {"pk": submission.pk}


ROWS: tuple[Row, ...] = (
    # anonymous · person · adherent · member · lead · reviewer · conflicted · team · admin
    # Without ?proposal= the decision page sends the team to the ranking (tests/calls cover
    # the page itself and someone else's proposal).
    Row("calls:decision-form", kw=lambda w: {"slug": w.call.slug}, get="ldddddd" + "rr",
        post="m" * 9),
    Row("calls:publish-confirm", kw=lambda w: {"slug": w.call.slug}, get=TEAM, post="m" * 9),
    Row("calls:reviewer-remind", kw=lambda w: {"slug": w.call.slug}, get=POST_ONLY,
        post=TEAM_POST, data=lambda w: {"reviewer": w.users["reviewer"].pk}),
    # An unsent draft: its author only; not the team nor its reviewer (a superuser passes every
    # check, as everywhere: Django answers True to any has_perm of an active superuser).
    Row("calls:submission-detail", kw=draft, get="do" + "d" * 6 + "o", variant="draft"),
    Row("calls:attachment", kw=draft, get="do" + "d" * 6 + "o", variant="draft"),
    Row("calls:review-form", kw=draft, get="d" * 9, variant="draft"),
    Row("calls:decide", kw=draft, get=POST_ONLY, post="d" * 8 + "r", variant="draft",
        data=lambda w: {"decision": "accepted"}),
    Row("calls:assign-reviewer", kw=draft, get=POST_ONLY, post="d" * 8 + "r", variant="draft",
        data=lambda w: {"reviewer": w.users["conflicted"].pk}),
    # The API's proposals: the call's programme team (and superusers) only, every other role
    # a 404 as if the call had none; a draft is a 404 even to a superuser.
    Row("api:proposal_list", kw=lambda w: {"slug": w.call.slug}, get="d" * 7 + "oo", api=True),
    Row("api:proposal_get", kw=lambda w: {"slug": w.call.slug, "proposal_id": w.submission.pk},
        get="d" * 7 + "oo", api=True),
    Row("api:proposal_get", kw=lambda w: {"slug": w.call.slug, "proposal_id": draft(w)["pk"]},
        get="d" * 9, api=True, variant="draft"),
)  # fmt: skip
