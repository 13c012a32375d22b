"""Bearer tokens for the API. Reading works without one (as an anonymous visitor); a token
that is wrong, revoked or expired is refused with 401 rather than read as anonymous, so a
client never mistakes a broken token for missing data."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from .models import ApiToken, TokenScope
from .services import token_authenticate


class Anonymous:
    """The caller of a read endpoint without a token."""

    scope = None
    prefix = "anonymous"

    def __str__(self) -> str:
        return "anonymous"


class TokenAuth(HttpBearer):
    def __init__(self, *, optional: bool = False, write: bool = False) -> None:
        super().__init__()
        self.optional = optional
        self.write = write

    def __call__(self, request: HttpRequest) -> ApiToken | Anonymous | None:
        if not request.headers.get("Authorization"):
            if self.optional:
                request.user = AnonymousUser()
                return Anonymous()
            return None
        scheme, _sep, raw = request.headers["Authorization"].partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            raise AuthenticationError
        return self.authenticate(request, raw)

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = token_authenticate(token)
        if found is None:
            raise AuthenticationError
        if self.write and found.scope != TokenScope.WRITE:
            raise HttpError(403, "This token can only read: create a token with write scope.")
        request.user = found.person.user
        return found


read = TokenAuth(optional=True)
write = TokenAuth(write=True)
