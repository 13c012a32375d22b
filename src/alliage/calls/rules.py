"""Who may see, submit to, review and decide calls."""

from __future__ import annotations

import rules

from alliage.core.predicates import is_admin, is_signed_in

from .predicates import (
    has_reviewed,
    is_assigned_reviewer,
    is_call_team,
    is_conflicted,
    is_in_review,
    is_invited,
    is_public_call,
    is_published_acceptance,
    is_sent,
    is_submitter,
)

can_manage = is_call_team | is_admin
is_clean_reviewer = is_assigned_reviewer & ~is_conflicted

rules.add_perm("calls.see_call", is_public_call | can_manage | is_invited)
rules.add_perm("calls.submit_to_call", is_signed_in & (is_public_call | can_manage | is_invited))
rules.add_perm("calls.manage_call", can_manage)
# The team first: it reads no row, where a reviewer's assignment is one query per proposal
# (the audit log checks every proposal it names).
rules.add_perm(
    "calls.see_submission",
    is_submitter | (is_sent & (can_manage | is_clean_reviewer)) | is_published_acceptance,
)
rules.add_perm("calls.edit_submission", is_submitter)
rules.add_perm("calls.review_submission", is_clean_reviewer & is_in_review & ~has_reviewed)
# Once sent, a review is read again by its reviewer alone, read-only, even after the decisions
# (nobody else: not another reviewer, not a reviewer since found conflicted, not the team).
rules.add_perm("calls.read_own_review", is_clean_reviewer & has_reviewed)
rules.add_perm("calls.view_all_reviews", can_manage | (is_clean_reviewer & has_reviewed))
rules.add_perm("calls.decide_submission", can_manage)
