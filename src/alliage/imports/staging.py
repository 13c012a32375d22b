"""The uploaded file between the preview and the commit: kept in a private directory under a
random name, and handed to the browser only as a signed token (the user, the kind, the file's
name and that random name), never as a path. A token is good for an hour and for its user."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core import signing

SALT = "alliage.imports.staging"
MAX_AGE = 3600
NAME = re.compile(r"[0-9a-f]{32}")


def _directory() -> Path:
    directory = Path(settings.VAR_DIR) / "imports"
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    return directory


def _sweep(directory: Path) -> None:
    """Forget files older than a token may live."""
    limit = time.time() - MAX_AGE
    for path in directory.iterdir():
        if NAME.fullmatch(path.name) and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def stage(*, content: bytes, filename: str, kind: str, user_id: int) -> str:
    directory = _directory()
    _sweep(directory)
    name = secrets.token_hex(16)
    (directory / name).write_bytes(content)
    return signing.dumps({"f": name, "n": filename[:200], "k": kind, "u": user_id}, salt=SALT)


def unstage(*, token: str, user_id: int) -> tuple[bytes, str, str] | None:
    """The staged file's content, name and kind, or None (a token forged, expired, another
    user's, or its file gone)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != user_id:
        return None
    name = str(data.get("f", ""))
    if not NAME.fullmatch(name):
        return None
    path = _directory() / name
    try:
        return path.read_bytes(), str(data.get("n", "")), str(data.get("k", ""))
    except OSError:
        return None


def discard(*, token: str) -> None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return
    name = str(data.get("f", "")) if isinstance(data, dict) else ""
    if NAME.fullmatch(name):
        (_directory() / name).unlink(missing_ok=True)
