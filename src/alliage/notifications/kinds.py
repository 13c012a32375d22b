"""The registry of notification kinds. Each app declares the kinds it sends in its own
``hooks.py`` (``hooks.register(hooks.NOTIFICATION_KINDS, Kind(...))``), as it declares its
personal data, so that the preferences page, the centre and the e-mails cover a new kind as
soon as it is registered, and sending an unregistered kind is an error, not a silent loss.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from alliage.core import hooks

Text = str | Promise


class Delivery(models.TextChoices):
    """How a person wants to hear about one kind of notification, besides the in-app centre."""

    NOW = "now", _("E-mail at once")
    DAILY = "daily", _("In the daily digest")
    WEEKLY = "weekly", _("In the weekly digest")
    NEVER = "never", _("Never by e-mail")


@dataclass(frozen=True)
class Kind:
    """One kind of notification.

    ``key`` is ``<app>.<event>`` (stored on each notification); ``label`` names it on the
    preferences page; ``message`` is the line shown in the centre and the e-mails, a lazy
    translation with ``%(name)s`` placeholders filled from the notification's ``context``
    (so it reads in the language of whoever reads it, not of whoever caused it); ``default``
    is the delivery a person has until they choose; ``group`` heads the preferences page."""

    key: str
    label: Text
    message: Text
    default: str = Delivery.DAILY
    group: Text = ""

    def render(self, context: dict[str, Any]) -> str:
        """The message with its placeholders filled; a missing value reads as empty rather
        than failing the page (a notification outlives the shape of its context)."""
        return str(self.message) % _Defaulting(context)


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return ""


def all_kinds() -> dict[str, Kind]:
    """Every registered kind, by key, in registration order."""
    return {kind.key: kind for kind in hooks.get_hooks(hooks.NOTIFICATION_KINDS)}


def get_kind(key: str) -> Kind:
    """The kind registered under ``key``; an unknown key is a ``LookupError``."""
    try:
        return all_kinds()[key]
    except KeyError:
        raise LookupError(f"Unknown notification kind {key!r}: register it in hooks.py.") from None


def message_of(notification: Any, kinds: dict[str, Kind] | None = None) -> str | None:
    """The line a notification reads as, in the active language; None for a kind no longer
    registered (the centre shows its key, the e-mails leave it out). ``kinds`` saves reading
    the registry again for each notification of a page or a digest."""
    kind = (kinds if kinds is not None else all_kinds()).get(notification.kind)
    return kind.render(notification.context) if kind else None
