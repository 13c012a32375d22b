"""Safe retries of API writes (R7): a write sent with an ``Idempotency-Key`` header is done
once per token and key. Its answer is kept 24 hours; the same request sent again gets that
answer back, marked ``Idempotent-Replayed: true``, without writing again; the same key with
another request is refused with 422.

The key is claimed in the same transaction as the write, under a unique constraint: a
concurrent retry waits for the first to finish and then gets its answer, and a worker killed
mid-request leaves neither the write nor the claim behind, so the retry does the write."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from .models import ApiToken, IdempotentResponse, TokenScope
from .problems import problem_response
from .services import token_authenticate

HEADER = "Idempotency-Key"
KEPT_FOR = timedelta(hours=24)
MAX_KEY_LENGTH = 255
# Visible ASCII characters, no space: a UUID, a hash, a client's own counter.
KEY_PATTERN = rf"^[!-~]{{1,{MAX_KEY_LENGTH}}}$"
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# The answer's headers a replay gives back with its body.
REPLAYED_HEADERS = ("ETag", "Last-Modified", "Location")


def request_fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.get_full_path()}\n".encode())
    digest.update(request.body)
    return digest.hexdigest()


def idempotent_responses_purge(*, now: datetime | None = None) -> int:
    """Forget the answers older than 24 hours; run on every keyed write (one indexed DELETE)."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    deleted, _by_model = IdempotentResponse.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _replay(request: HttpRequest, kept: IdempotentResponse, fingerprint: str) -> HttpResponse:
    if kept.fingerprint != fingerprint:
        return problem_response(
            request,
            422,
            f"This {HEADER} was already used with another request: send a new key for a "
            "new request, or the same request to get its answer again.",
        )
    response = HttpResponse(kept.body, status=kept.status, content_type=kept.content_type)
    for name, value in kept.headers.items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent_call(
    request: HttpRequest,
    *,
    token: ApiToken,
    key: str,
    run: Callable[[HttpRequest], HttpResponse],
) -> HttpResponse:
    """Answer ``request`` once per token and key: run it, keeping a successful answer, or
    give back the answer kept for an earlier identical request."""
    fingerprint = request_fingerprint(request)
    idempotent_responses_purge()
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = IdempotentResponse.objects.create(
                    token=token, key=key, fingerprint=fingerprint, status=0, content_type=""
                )
        except IntegrityError:
            claim = None
        if claim is None:
            kept = IdempotentResponse.objects.get(token=token, key=key)
            return _replay(request, kept, fingerprint)
        response = run(request)
        if not 200 <= response.status_code < 300 or response.streaming:
            # Not kept: a refused write wrote nothing, and the client may correct it and send
            # it again with the same key. The claim goes with the rest.
            transaction.set_rollback(True)
            return response
        claim.status = response.status_code
        claim.content_type = response.get("Content-Type", "application/json")
        claim.headers = {h: response[h] for h in REPLAYED_HEADERS if response.has_header(h)}
        claim.body = response.content.decode()
        claim.save(update_fields=["status", "content_type", "headers", "body"])
    return response


def _write_token(request: HttpRequest) -> ApiToken | None:
    scheme, _sep, raw = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return None
    token = token_authenticate(raw)
    return token if token is not None and token.scope == TokenScope.WRITE else None


class IdempotencyMiddleware:
    """Under /api/, a write with an ``Idempotency-Key`` and a valid write token goes through
    ``idempotent_call``. Without a key, or without a token that may write (the operation then
    answers 401 or 403), the request runs as usual."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if key is None or request.method not in WRITE_METHODS:
            return self.get_response(request)
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        if not re.fullmatch(KEY_PATTERN, key):
            return problem_response(
                request,
                400,
                f"{HEADER} must be 1 to {MAX_KEY_LENGTH} visible ASCII characters, without "
                "spaces (a UUID, for example).",
            )
        token = _write_token(request)
        if token is None:
            return self.get_response(request)
        return idempotent_call(request, token=token, key=key, run=self.get_response)
