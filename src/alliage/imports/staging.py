"""The uploaded file between the preview and the commit: kept in the private ``exports``
storage (the server's disk, or the bucket every app server shares: the commit may reach
another server than the preview) under ``imports/`` and a random name, and handed to the
browser only as a signed token (the user, the kind, the file's name and that random name),
never as a path. A token is good for an hour and for its user."""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

SALT = "alliage.imports.staging"
MAX_AGE = 3600
NAME = re.compile(r"[0-9a-f]{32}")
FOLDER = "imports"


def _storage() -> Storage:
    return storages["exports"]


def _sweep(storage: Storage) -> None:
    """Forget files older than a token may live."""
    limit = dt.datetime.now(tz=dt.UTC) - dt.timedelta(seconds=MAX_AGE)
    try:
        _folders, files = storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    for name in files:
        if not NAME.fullmatch(name):
            continue
        try:
            old = storage.get_modified_time(f"{FOLDER}/{name}") < limit
        except FileNotFoundError:
            continue
        if old:
            storage.delete(f"{FOLDER}/{name}")


def stage(*, content: bytes, filename: str, kind: str, user_id: int) -> str:
    storage = _storage()
    _sweep(storage)
    name = storage.save(f"{FOLDER}/{secrets.token_hex(16)}", ContentFile(content))
    return signing.dumps(
        {"f": name.rsplit("/", 1)[-1], "n": filename[:200], "k": kind, "u": user_id}, salt=SALT
    )


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
    try:
        with _storage().open(f"{FOLDER}/{name}", "rb") as handle:
            content = handle.read()
    except OSError:
        return None
    return content, str(data.get("n", "")), str(data.get("k", ""))


def discard(*, token: str) -> None:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return
    name = str(data.get("f", "")) if isinstance(data, dict) else ""
    if NAME.fullmatch(name):
        _storage().delete(f"{FOLDER}/{name}")
