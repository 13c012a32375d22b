"""Signed one-click unsubscribe links of the newsletter (RFC 8058): the person and the issue
they came from; what they withdraw is their newsletter consent."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "alliage.newsletters.unsubscribe"


def absolute(url: str) -> str:
    return settings.ALLIAGE_BASE_URL.rstrip("/") + url if url.startswith("/") else url


def unsubscribe_token(*, user_id: int, newsletter_id: int) -> str:
    return signing.dumps({"u": user_id, "n": newsletter_id}, salt=SALT)


def unsubscribe_read(token: str) -> tuple[int, int | None]:
    """The user id and the newsletter's; a bad token is ``signing.BadSignature``."""
    data = signing.loads(token, salt=SALT)
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        raise signing.BadSignature("bad payload")
    newsletter = data.get("n")
    return data["u"], newsletter if isinstance(newsletter, int) else None


def unsubscribe_url(*, user_id: int, newsletter_id: int) -> str:
    """The page's absolute address, in the language active now."""
    token = unsubscribe_token(user_id=user_id, newsletter_id=newsletter_id)
    return absolute(reverse("newsletters:unsubscribe", args=[token]))


def unsubscribe_headers(*, url: str) -> dict[str, str]:
    """List-Unsubscribe with the https link (and a mailto address where one is configured,
    ALLIAGE_NEWSLETTER_UNSUBSCRIBE_MAILTO), and List-Unsubscribe-Post for one click."""
    targets = [f"<{url}>"]
    mailto = getattr(settings, "ALLIAGE_NEWSLETTER_UNSUBSCRIBE_MAILTO", "")
    if mailto:
        targets.append(f"<mailto:{mailto}?subject=unsubscribe>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
