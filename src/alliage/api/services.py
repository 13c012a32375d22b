"""Personal API tokens: created in the profile, scoped, revocable, stored hashed."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.actors.services import person_ensure
from alliage.core.errors import BusinessError
from alliage.core.models import User
from alliage.core.services import audit_record

from .audit import AuditAction
from .models import ApiToken, TokenScope

TOKEN_PREFIX = "alliage"  # noqa: S105 (the tokens' public marker, not a secret)
MAX_ACTIVE_TOKENS = 10
# Recording every use would write on every request; a minute is precise enough to tell a
# forgotten token from one in use.
LAST_USED_PRECISION = timedelta(minutes=1)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, by: User, name: str, scope: str) -> tuple[ApiToken, str]:
    """A new token for the signed-in person; returns it and the only copy of its value."""
    if scope not in TokenScope.values:
        raise BusinessError(_("Choose read or write."), field="scope")
    name = name.strip()
    if not name or len(name) > 80:
        raise BusinessError(_("Name the token (80 characters at most)."), field="name")
    person = person_ensure(user=by)
    if person.api_tokens.filter(revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise BusinessError(
            _("You have %(n)s active tokens: revoke one first.") % {"n": MAX_ACTIVE_TOKENS}
        )
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        person=person, name=name, prefix=prefix, key_hash=_hash(secret), scope=scope
    )
    audit_record(action=AuditAction.TOKEN_CREATED, by=by, target=token, scope=scope, prefix=prefix)
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Only its owner revokes a token; it stops working at once."""
    if token.person.user_id != by.pk:
        raise BusinessError(_("This token is not yours."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(action=AuditAction.TOKEN_REVOKED, by=by, target=token, prefix=token.prefix)
    return token


def token_authenticate(raw: str) -> ApiToken | None:
    """The active token this value belongs to, its owner's account being active; None for
    anything else. Compared in constant time."""
    name, _sep, rest = raw.strip().partition("_")
    prefix, _sep, secret = rest.partition("_")
    if name != TOKEN_PREFIX or not prefix or not secret or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("person__user")
        .filter(prefix=prefix, revoked_at__isnull=True, person__user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, _hash(secret)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
