"""The API instance: /api/v1/, its OpenAPI 3 schema and its error mapping."""

from __future__ import annotations

from ninja import NinjaAPI

from . import commons, problems  # noqa: F401 (commons adds its endpoints to the routers)
from .routers import reads, writes

api = NinjaAPI(
    title="Alliage API",
    version="1",
    description=(
        "Programmes, coalitions, calls, events and impact indicators of an Alliage platform. "
        "Reading needs no token: you see what the site shows you. Writing needs a personal "
        "token with write scope, created in your profile, sent as `Authorization: Bearer`. "
        "Errors are RFC 9457 problem details. Lists are paginated (100 items a page at most) "
        "and answer conditional requests (ETag, Last-Modified)."
    ),
    urls_namespace="api",
    docs_url=None,  # our own documentation page, server-rendered under the site's CSP
    openapi_url="/openapi.json",
)
api.add_router("/", reads)
api.add_router("/", writes)
problems.install(api)
