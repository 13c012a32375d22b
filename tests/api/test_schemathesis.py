"""A bounded schemathesis run against the API (F14), in process through its WSGI application:
generated requests, valid and invalid, on every operation, without a token and with a
coalition lead's write token, every check schemathesis has (``--checks all``): no 5xx, every
status, content type, header and body as the published schema says, valid data accepted and
invalid data refused. A fixed number of examples per operation keeps it under a minute."""

from __future__ import annotations

import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.specs.openapi.checks import positive_data_acceptance

from alliage.api.idempotency import KEY_PATTERN
from alliage.api.services import token_create

from ..factories import (
    CallFactory,
    EventFactory,
    IndicatorFactory,
    MeasurementFactory,
    ResourceFactory,
    ReuseFactory,
)

pytestmark = pytest.mark.django_db

EXAMPLES = 12
# Business rules no JSON Schema can state, answered 422 with the field: a measurement's value
# must be in the indicator's own unit and its date not in the future. Every other check runs.
BEYOND_THE_SCHEMA = {
    "/api/v1/indicators/{indicator_id}/measurements": (positive_data_acceptance,),
}


@pytest.fixture
def api_schema(settings):
    settings.ALLIAGE_API_RATES = {"read": "100000/m", "write": "100000/m"}
    # As Django's test client does: the test's transaction holds the connection, which the
    # end of each request would otherwise close.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
        # Valid data may still meet the state of the data: a revision someone else moved (409,
        # 412) or no revision said (428, as the schema cannot say "this header or that field").
        # All three are documented on the operations that answer them.
        accepted = schema.config.checks.positive_data_acceptance
        accepted.expected_statuses = [*accepted.expected_statuses, "412", "428"]
        # A NUL anywhere is refused with 400 before any operation (documented on each one, and
        # tested in tests/security/test_malformed_bodies.py); JSON Schema cannot say it of
        # every string, so valid data here holds none.
        schema.config.generation.update(allow_x00=False)
        yield schema
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_api_never_fails_and_keeps_its_schema(cast, api_schema) -> None:
    indicator = IndicatorFactory(coalition=cast.coalition)
    MeasurementFactory(indicator=indicator)
    event = EventFactory(programme=cast.coalition.programme)
    call = CallFactory(programme=cast.coalition.programme)
    resource = ResourceFactory(publication__programme=cast.coalition.programme)
    ReuseFactory(publication=resource.publication, status="published")
    # Generated slugs name nothing: the token's calls use real ones, to reach the code behind.
    real = {
        "programmes": {"slug": cast.coalition.programme.slug},
        "coalitions": {"slug": cast.coalition.slug},
        "events": {"slug": event.slug},
        "calls": {"slug": call.slug},
        "indicators": {"indicator_id": indicator.pk},
        "publications": {"slug": resource.publication.slug},
        "datasets": {"slug": resource.publication.slug},
    }
    write = {"Authorization": "Bearer " + token_create(by=cast.lead, name="st", scope="write")[1]}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 13
    load_all_checks()
    every_check = CHECKS.get_all()
    calls = 0
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            nonlocal calls
            for headers in ({}, write):
                if headers and case.path_parameters:
                    # the real slug; generated values for the parameters after it
                    real_ones = real[case.path.split("/")[3]]
                    case.path_parameters = {**case.path_parameters, **real_ones}
                key = (case.headers or {}).get("Idempotency-Key")
                if isinstance(key, str) and re.fullmatch(KEY_PATTERN, key):
                    # A client sends a new key with each new request, as the schema asks (a key
                    # sent again with another request is refused: tests/api/test_idempotency.py).
                    case.headers["Idempotency-Key"] = f"{key[:200]}-{calls}"
                checks = [c for c in every_check if c not in BEYOND_THE_SCHEMA.get(case.path, ())]
                case.call_and_validate(headers=headers, checks=checks)
                calls += 1

        try:
            check()
        except Exception as error:  # every operation's failures, then the verdict
            failures.append(f"{operation.label}: {str(error)[:2000]}")
    assert not failures, "\n\n".join(failures)
    assert calls >= len(operations) * 2
