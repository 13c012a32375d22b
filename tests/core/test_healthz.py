from __future__ import annotations

import json

import pytest
from django.test import Client


@pytest.mark.django_db
def test_healthz_reports_the_database() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["database"]["status"] == "up"
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_healthz_says_when_the_database_is_down(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import connection

    def broken(*args, **kwargs):
        raise RuntimeError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"]["status"] == "down"
