"""Signed one-click unsubscribe links (RFC 8058): user and target (a kind or a digest)."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from .email import absolute

SALT = "alliage.notifications.unsubscribe"


def unsubscribe_token(*, user_id: int, target: str) -> str:
    return signing.dumps({"u": user_id, "t": target}, salt=SALT)


def unsubscribe_read(token: str) -> tuple[int, str]:
    """The user id and target; a bad token is ``signing.BadSignature``."""
    data = signing.loads(token, salt=SALT)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise signing.BadSignature("bad payload")
    return data["u"], str(data.get("t", ""))


def unsubscribe_headers(*, user_id: int, target: str) -> dict[str, str]:
    token = unsubscribe_token(user_id=user_id, target=target)
    url = absolute(reverse("notifications:unsubscribe", args=[token]))
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
