"""Safe retries of API writes (R7): a write sent again with the same Idempotency-Key is done
once and answered as the first time; another body under the same key is refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from alliage.api.idempotency import idempotent_responses_purge
from alliage.api.models import IdempotentResponse
from alliage.evaluation.models import Measurement

from ..factories import IndicatorFactory

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def _post(client, url, header, body, key=None):
    headers = {"Authorization": header}
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


@pytest.fixture
def measuring(cast, token):
    indicator = IndicatorFactory(coalition=cast.coalition, unit="t")
    url = f"/api/v1/indicators/{indicator.pk}/measurements"
    body = {"value": "12", "measured_on": timezone.localdate().isoformat(), "source": "Bilan"}
    return indicator, url, token(cast.lead, "write"), body


def test_a_retry_with_the_same_key_writes_once_and_answers_the_same(client, measuring) -> None:
    indicator, url, header, body = measuring
    first = _post(client, url, header, body, key="retry-1")
    again = _post(client, url, header, body, key="retry-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Measurement.objects.filter(indicator=indicator).count() == 1


def test_without_a_key_each_post_writes(client, measuring) -> None:
    indicator, url, header, body = measuring
    assert _post(client, url, header, body).status_code == 201
    assert _post(client, url, header, body).status_code == 201
    assert Measurement.objects.filter(indicator=indicator).count() == 2


def test_the_same_key_with_another_body_is_refused(client, measuring) -> None:
    indicator, url, header, body = measuring
    assert _post(client, url, header, body, key="k").status_code == 201
    other = _post(client, url, header, {**body, "value": "13"}, key="k")
    assert other.status_code == 422
    assert other["Content-Type"] == PROBLEM
    assert "Idempotency-Key" in other.json()["detail"]
    assert Measurement.objects.filter(indicator=indicator).count() == 1


def test_keys_belong_to_a_token(client, cast, token, measuring) -> None:
    indicator, url, header, body = measuring
    other = token(cast.team, "write")
    assert _post(client, url, header, body, key="same").status_code == 201
    assert _post(client, url, other, body, key="same").status_code == 201
    assert Measurement.objects.filter(indicator=indicator).count() == 2


def test_a_refused_write_is_not_kept_and_can_be_corrected(client, measuring) -> None:
    indicator, url, header, body = measuring
    wrong = _post(client, url, header, {**body, "value": "12 kg"}, key="fix")
    assert wrong.status_code == 422
    assert not IdempotentResponse.objects.exists()
    # The same request once corrected, with the same key: done, once.
    assert _post(client, url, header, body, key="fix").status_code == 201
    assert _post(client, url, header, body, key="fix").status_code == 201
    assert Measurement.objects.filter(indicator=indicator).count() == 1


def test_no_token_no_key_kept(client, measuring) -> None:
    _indicator, url, _header, body = measuring
    response = _post(client, url, "Bearer alliage_nope_nope", body, key="k")
    assert response.status_code == 401
    assert not IdempotentResponse.objects.exists()


@pytest.mark.parametrize("key", ["", "x" * 256, "tab\there", "with space", "é"])
def test_a_malformed_key_is_refused(client, measuring, key) -> None:
    indicator, url, header, body = measuring
    response = _post(client, url, header, body, key=key)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert not Measurement.objects.filter(indicator=indicator).exists()


def test_answers_are_kept_24_hours(client, measuring) -> None:
    indicator, url, header, body = measuring
    assert _post(client, url, header, body, key="day").status_code == 201
    IdempotentResponse.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert idempotent_responses_purge() == 1
    assert _post(client, url, header, body, key="day").status_code == 201
    assert Measurement.objects.filter(indicator=indicator).count() == 2


def test_other_writes_honour_the_key(client, cast, token) -> None:
    header = token(cast.lead, "write")
    slug = cast.coalition.slug
    revision = client.get(f"/api/v1/coalitions/{slug}").json()["revision"]
    body = json.dumps({"summary": "Une fois", "base_revision": revision})
    headers = {"Authorization": header, "Idempotency-Key": "canvas-1"}
    url = f"/api/v1/coalitions/{slug}/canvas"
    first = client.patch(url, body, content_type="application/json", headers=headers)
    again = client.patch(url, body, content_type="application/json", headers=headers)
    assert first.status_code == again.status_code == 200
    # Without the key the second PATCH would be refused as stale (409): it was not redone.
    assert again.json()["revision"] == first.json()["revision"] == revision + 1
    assert again["ETag"] == first["ETag"]


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_write_once(cast, token) -> None:
    """Two copies of one request at the same time: the second waits on the key the first
    claimed (a unique constraint, in the write's transaction) and answers its result."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write at a time anyway")
    import threading

    from django.db import connections
    from django.test import Client

    indicator = IndicatorFactory(coalition=cast.coalition, unit="t")
    url = f"/api/v1/indicators/{indicator.pk}/measurements"
    header = token(cast.lead, "write")
    body = {"value": "5", "measured_on": timezone.localdate().isoformat(), "source": "Bilan"}
    barrier = threading.Barrier(4)
    statuses: list[int] = []

    def send() -> None:
        try:
            barrier.wait()
            statuses.append(_post(Client(), url, header, body, key="together").status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [201] * 4
    assert Measurement.objects.filter(indicator=indicator).count() == 1


def test_an_erasure_forgets_the_kept_answers(client, cast, measuring) -> None:
    from alliage.core.personal_data import personal_data_entries

    _indicator, url, header, body = measuring
    assert _post(client, url, header, body, key="mine").status_code == 201
    entry = next(e for e in personal_data_entries() if e.app_label == "api")
    entry.erase(cast.lead)
    assert not IdempotentResponse.objects.exists()
