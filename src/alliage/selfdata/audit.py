"""What the selfdata app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    ACCOUNT_ERASED = "account.erased", _("Account erased")
    ACCOUNT_FLAGGED_INACTIVE = "account.flagged_inactive", _("Account flagged as inactive")
    AUTH_LOGIN = "auth.login", _("Logged in")
    AUTH_LOGIN_FAILED = "auth.login_failed", _("Failed log-in")
    AUTH_PASSWORD_CHANGED = "auth.password_changed", _("Password changed")
    CONSENT_GRANTED = "consent.granted", _("Consent given")
    CONSENT_WITHDRAWN = "consent.withdrawn", _("Consent withdrawn")
    SELFDATA_EXPORT_REQUESTED = "selfdata.export_requested", _("Archive of personal data requested")
    SELFDATA_EXPORT_DOWNLOADED = (
        "selfdata.export_downloaded",
        _("Archive of personal data downloaded"),
    )
    ROLE_STAFF_CHANGED = "role.staff_changed", _("Administration access changed")
    ROLE_SUPERUSER_CHANGED = "role.superuser_changed", _("All permissions changed")
    ROLE_ACTIVE_CHANGED = "role.active_changed", _("Account activated or deactivated")
    ROLE_GROUPS_CHANGED = "role.groups_changed", _("Permission groups changed")
    ROLE_PERMISSIONS_CHANGED = "role.permissions_changed", _("Permissions changed")
    ROLE_GROUP_PERMISSIONS_CHANGED = (
        "role.group_permissions_changed",
        _("A group's permissions changed"),
    )
    ROLE_PROGRAMME_TEAM_CHANGED = "role.programme_team_changed", _("Programme team changed")
    ROLE_REVIEWER_POOL_CHANGED = "role.reviewer_pool_changed", _("Reviewer pool changed")
