"""Business errors raised by services and shown to users as a clear message, never as a 500."""

from __future__ import annotations


class BusinessError(Exception):
    """A use case refused for a business reason; ``message`` is translated and user-facing."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionRefused(BusinessError):
    """The acting user may not do this."""


class Conflict(BusinessError):
    """The write lost a race or builds on a stale version: the API answers 409."""
