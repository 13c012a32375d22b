"""Notifications: the registry of notification kinds every app adds to, each person's in-app
notifications, their delivery choices per kind, and the e-mails (at once or in digests).
Sits just above core: imports only core; the other apps call its services."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "alliage.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
