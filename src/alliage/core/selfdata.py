"""What core holds about a person: the account; how it is exported, and how it is anonymised
last in an erasure, with everything that points to it outside Alliage's own apps (sessions,
the log-in throttling logs keyed by e-mail, the administration's log)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, User
from .personal_data import Dataset, Field, PersonalData

ERASED_DOMAIN = "erased.invalid"


def _account(user: User) -> Iterator[dict[str, Any]]:
    yield {
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def admin_log_forget(objects: Iterable[models.Model]) -> None:
    """Delete the administration's log lines about these objects: their descriptions name
    the person."""
    by_type: dict[int, list[str]] = {}
    for obj in objects:
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        by_type.setdefault(content_type.pk, []).append(str(obj.pk))
    for content_type_id, ids in by_type.items():
        LogEntry.objects.filter(content_type_id=content_type_id, object_id__in=ids).delete()


def sessions_end(user: User) -> int:
    """End every session of the account (the session table has no user column: each live
    session is decoded)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


def erase(user: User) -> None:
    """The account is kept as an anonymous row (contributions point to it): its address is
    replaced, it can no longer log in, it loses every role. Its sessions, the throttling
    logs keyed by its address and the administration's log by or about it are deleted, and
    the details of the audit entries about it are emptied (the dated actions remain)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    email = user.email
    sessions_end(user)
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=email).delete()
    LogEntry.objects.filter(user=user).delete()
    admin_log_forget([user])
    AuditEntry.objects.filter(target_type="core.user", target_id=str(user.pk)).update(data={})
    user.email = f"erased-{uuid.uuid4().hex}@{ERASED_DOMAIN}"
    user.set_unusable_password()
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


PERSONAL_DATA = PersonalData(
    app_label="core",
    title=_("Account"),
    purpose=_("To let you log in and to write to you about your account."),
    retention=_(
        "As long as your account exists; when you erase it, your name and address are replaced by "
        "an anonymous label."
    ),
    recipients=_(
        "You and the platform's administrators; your address is never shown to other people."
    ),
    models=("core.User", "core.AuditEntry"),
    erase=erase,
    datasets=(
        Dataset(
            key="account",
            title=_("Account"),
            description=_("Your account: how you log in and what it may do."),
            single=True,
            export=_account,
            fields=(
                Field("email", _("E-mail address"), _("the e-mail address you log in with")),
                Field(
                    "date_joined", _("Joined"), _("when the account was created (ISO 8601, UTC)")
                ),
                Field("last_login", _("Last log-in"), _("your last log-in (ISO 8601, UTC)")),
                Field("is_active", _("Active"), _("false once the account is closed")),
                Field(
                    "is_staff",
                    _("Administration access"),
                    _("true if you may use the administration site"),
                ),
                Field("is_superuser", _("All permissions"), _("true if you hold every permission")),
                Field("groups", _("Permission groups"), _("the permission groups you belong to")),
            ),
        ),
    ),
)
