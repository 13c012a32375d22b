"""The API instance: /api/v1/, its OpenAPI 3 schema and its error mapping.

One router per domain, each added here. Their operation ids are written out on each
operation rather than derived from the module (ninja's default), because clients generated
from the schema call operations by them: they keep the names they had when every endpoint
lived in ``routers`` (or ``commons``), whatever module holds the code now."""

from __future__ import annotations

from . import agenda, calls, coalitions, commons, evaluation, me, problems, programmes, proposals
from .openapi import AlliageAPI

api = AlliageAPI(
    title="Alliage API",
    version="1",
    description=(
        "Programmes, coalitions, calls, events and impact indicators of an Alliage platform. "
        "Reading needs no token: you see what the site shows you. Writing needs a personal "
        "token with write scope, created in your profile, sent as `Authorization: Bearer`. "
        "Errors are RFC 9457 problem details (application/problem+json). A write sent with an "
        "Idempotency-Key header can be retried safely. A change of a coalition's canvas says "
        "which revision it changes (If-Match with the ETag of the GET, or base_revision). "
        "Lists are paginated (100 items a page at most) "
        "and answer conditional requests (ETag, Last-Modified)."
    ),
    urls_namespace="api",
    docs_url=None,  # our own documentation page, server-rendered under the site's CSP
    openapi_url="/openapi.json",
)
for domain in (programmes, coalitions, evaluation, calls, proposals, agenda, me, commons):
    api.add_router("/", domain.router)
problems.install(api)
