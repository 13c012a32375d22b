"""What the calls app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CALL_CREATED = "call.created", _("Call created")
    CALL_UPDATED = "call.updated", _("Call settings changed")
    CALL_DUPLICATED = "call.duplicated", _("Call duplicated")
    CALL_FORM_CHANGED = "call.form_changed", _("Call questions changed")
    CALL_RUBRIC_CHANGED = "call.rubric_changed", _("Call rubric changed")
    CALL_REVIEWERS_ASSIGNED = "call.reviewers_assigned", _("Reviewers assigned")
    CALL_DECISIONS_PUBLISHED = "call.decisions_published", _("Decisions published")
    CALL_PROPOSALS_INVITED = "call.proposals_invited", _("Retained proposals invited")
    SUBMISSION_SUBMITTED = "submission.submitted", _("Proposal submitted")
    SUBMISSION_DECIDED = "submission.decided", _("Decision on a proposal")
    REVIEW_SUBMITTED = "review.submitted", _("Review submitted")
    REVIEW_REMINDED = "review.reminded", _("Reminder sent")  # to a reviewer, by the team
    REVIEW_CONFLICT_DECLARED = "review.conflict_declared", _("Conflict of interest declared")
