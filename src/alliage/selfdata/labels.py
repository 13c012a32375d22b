"""Readable names of the audit log's actions; an action without one shows its code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "account.created": _("Account created"),
    "account.erased": _("Account erased"),
    "account.flagged_inactive": _("Account flagged as inactive"),
    "auth.login": _("Logged in"),
    "auth.login_failed": _("Failed log-in"),
    "auth.password_changed": _("Password changed"),
    "consent.granted": _("Consent given"),
    "consent.withdrawn": _("Consent withdrawn"),
    "selfdata.export_requested": _("Archive of personal data requested"),
    "selfdata.export_downloaded": _("Archive of personal data downloaded"),
    "role.staff_changed": _("Administration access changed"),
    "role.superuser_changed": _("All permissions changed"),
    "role.active_changed": _("Account activated or deactivated"),
    "role.groups_changed": _("Permission groups changed"),
    "role.permissions_changed": _("Permissions changed"),
    "role.group_permissions_changed": _("A group's permissions changed"),
    "role.programme_team_changed": _("Programme team changed"),
    "role.reviewer_pool_changed": _("Reviewer pool changed"),
    "calendar.token_renewed": _("Private calendar address created"),
    "calendar.token_revoked": _("Private calendar address revoked"),
    "coalition.proposed": _("Coalition proposed"),
    "coalition.canvas_changed": _("Coalition canvas changed"),
    "coalition.status_changed": _("Coalition status changed"),
    "coalition.join_requested": _("Asked to join a coalition"),
    "coalition.join_accepted": _("Request to join accepted"),
    "coalition.join_declined": _("Request to join declined"),
    "coalition.role_changed": _("Role in a coalition changed"),
    "coalition.member_removed": _("Left or removed from a coalition"),
    "coalition.lead_erased": _("A coalition's last lead erased their account"),
    "submission.submitted": _("Proposal submitted"),
    "submission.decided": _("Decision on a proposal"),
    "review.submitted": _("Review submitted"),
    "review.conflict_declared": _("Conflict of interest declared"),
    "call.created": _("Call created"),
    "call.reviewers_assigned": _("Reviewers assigned"),
    "call.decisions_published": _("Decisions published"),
    "event.created": _("Event created"),
    "event.changed": _("Event changed"),
}


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))
