"""The published OpenAPI document says what the API really answers (F14): errors as
``application/problem+json``, reading without a token, the header of safe retries, and what
each error status means here. Ninja writes the operations; this adjusts what it cannot say."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from .idempotency import HEADER as IDEMPOTENCY_HEADER
from .idempotency import KEY_PATTERN
from .problems import CONTENT_TYPE

ERRORS = {
    400: "The request cannot be read: a NUL character (\\u0000) in the address, the query or "
    "the body, a JSON body nested too deeply, or a malformed Idempotency-Key.",
    401: "The token sent is wrong, revoked or expired; or a write was sent without a token.",
    403: "You may not do this, or the token can only read.",
    404: "No such resource, or it is not visible to you.",
    409: "A conflict: the resource changed since you read it (base_revision), or the write "
    "lost a race.",
    412: "If-Match names a revision that is not the current one: read it again.",
    413: "The body is larger than the server accepts.",
    422: "The input does not match the schema or a business rule, or the Idempotency-Key was "
    "already used with another request.",
    428: "The change must say which revision it changes: If-Match or base_revision.",
    429: "The rate limit is reached; Retry-After says when to try again.",
}
WRITE_METHODS = ("post", "put", "patch", "delete")
IF_MATCH = r'^(W/)?"r[0-9]{1,9}-[0-9a-f]{32}"$'


def _idempotency_parameter() -> dict[str, Any]:
    return {
        "in": "header",
        "name": IDEMPOTENCY_HEADER,
        "required": False,
        "description": (
            "Any unique value (a UUID) to retry this write safely: for 24 hours, the same "
            "request with the same key gets the first answer back (with "
            "Idempotent-Replayed: true) and writes nothing again; the same key with another "
            "request is refused with 422."
        ),
        "schema": {"type": "string", "pattern": KEY_PATTERN},
    }


def refine(schema: OpenAPISchema) -> OpenAPISchema:
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method == "get":
                # Reading needs no token: anonymous callers see what the site shows them.
                operation["security"] = [*operation.get("security", []), {}]
            if method in WRITE_METHODS:
                operation.setdefault("parameters", []).append(_idempotency_parameter())
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "header" and parameter["name"] == "If-Match":
                    # Documented here, not enforced by the input schema: another value gets
                    # the 428 that says what to send.
                    parameter["schema"] = {"type": "string", "pattern": IF_MATCH}
            for status, answer in operation.get("responses", {}).items():
                code = int(status)
                if code < 400:
                    continue
                answer["description"] = ERRORS.get(code, answer.get("description", ""))
                content = answer.get("content", {})
                if "application/json" in content:
                    answer["content"] = {CONTENT_TYPE: content["application/json"]}
    return schema


class AlliageAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        return refine(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))
