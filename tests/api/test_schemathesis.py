"""A bounded schemathesis run against the live API (a live server thread): generated requests,
valid and invalid, on every operation, without a token and with a coalition lead's write
token. No 5xx, and every response matches the schema the API publishes."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from alliage.api.services import token_create

from ..factories import (
    CallFactory,
    EventFactory,
    IndicatorFactory,
    MeasurementFactory,
    ResourceFactory,
    ReuseFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = 15


def test_the_api_never_fails_and_keeps_its_schema(cast, live_server) -> None:
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
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13
    calls = 0
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
                    case.path_parameters = real[case.path.split("/")[3]]
                response = case.call(base_url=live_server.url, headers=headers)
                calls += 1
                case.validate_response(
                    response, checks=[not_a_server_error, response_schema_conformance]
                )

        check()
    assert calls >= len(operations) * 2
