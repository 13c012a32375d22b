"""Pages of calls, by subject; ``urls`` reaches them all from here."""

from __future__ import annotations

from .calls import call_detail, call_list
from .decisions import (
    decide,
    decision_form,
    invite_confirm,
    invite_retained,
    publish_confirm,
    publish_decisions,
    ranking,
)
from .reviews import (
    assign_auto,
    assign_reviewer,
    conflict_declare,
    review_form,
    reviewer_queue,
    reviewer_remind,
)
from .submissions import (
    my_submissions,
    submission_attachment,
    submission_autosave,
    submission_detail,
    submission_edit,
    submission_withdraw,
)

__all__ = [
    "assign_auto",
    "assign_reviewer",
    "call_detail",
    "call_list",
    "conflict_declare",
    "decide",
    "decision_form",
    "invite_confirm",
    "invite_retained",
    "my_submissions",
    "publish_confirm",
    "publish_decisions",
    "ranking",
    "review_form",
    "reviewer_queue",
    "reviewer_remind",
    "submission_attachment",
    "submission_autosave",
    "submission_detail",
    "submission_edit",
    "submission_withdraw",
]
