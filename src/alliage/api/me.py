"""The token's owner: whose token a client holds, and what it may do."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Schema
from ninja.errors import AuthenticationError

from alliage.actors.selectors import person_for_user

from .common import domain_router
from .problems import READ_ERRORS

router = domain_router("me")


class MeOut(Schema):
    name: str
    profile: str
    token: str
    scope: str


@router.get("/me", response={200: MeOut, **READ_ERRORS}, operation_id="alliage_api_routers_me")
def me(request: HttpRequest):
    """Whose token this is, and what it may do (401 without a token)."""
    if not request.user.is_authenticated:
        raise AuthenticationError
    person = person_for_user(user=request.user)
    if person is None:
        raise Http404
    return {
        "name": str(person),
        "profile": request.build_absolute_uri(person.get_absolute_url()),
        "token": request.auth.prefix,
        "scope": request.auth.scope,
    }
