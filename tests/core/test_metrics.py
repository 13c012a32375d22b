"""/metrics: django-prometheus' metrics for the monitoring, not for the public (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.utils import ConnectionHandler
from django.test import Client, override_settings
from django_prometheus.db import execute_total
from prometheus_client.parser import text_string_to_metric_families

TOKEN = "m-" + "t0ken" * 8
ROOT = Path(__file__).resolve().parent.parent.parent


def get(remote: str = "127.0.0.1", **headers: str):
    return Client(REMOTE_ADDR=remote).get("/metrics", headers=headers)


def test_loopback_reads_the_metrics_in_prometheus_format() -> None:
    Client().get("/livez")
    response = get()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    assert "no-cache" in response["Cache-Control"]
    names = {f.name for f in text_string_to_metric_families(response.content.decode())}
    assert "django_http_requests_total_by_view_transport_method" in names


def test_the_middleware_counts_each_view() -> None:
    def livez_count() -> float:
        body = get().content.decode()
        return sum(
            sample.value
            for family in text_string_to_metric_families(body)
            for sample in family.samples
            if sample.name == "django_http_requests_total_by_view_transport_method_total"
            and sample.labels.get("view") == "livez"
        )

    before = livez_count()
    for _ in range(3):
        Client().get("/livez")
    assert livez_count() == before + 3


@pytest.mark.parametrize("remote", ["203.0.113.5", "10.0.0.8", "::ffff:198.51.100.1", "junk"])
def test_any_other_address_gets_a_404(remote: str) -> None:
    response = get(remote)
    assert response.status_code == 404
    assert b"django_http" not in response.content


def test_a_request_through_an_unknown_proxy_is_not_let_in_by_its_loopback_peer() -> None:
    # A reverse proxy on the same machine connects from 127.0.0.1 for every visitor.
    assert get(**{"X-Forwarded-For": "203.0.113.5"}).status_code == 404
    assert get(**{"X-Forwarded-For": "127.0.0.1"}).status_code == 404
    assert get(Forwarded="for=203.0.113.5").status_code == 404


@override_settings(ALLIAGE_TRUSTED_PROXIES=["10.0.0.1"], ALLIAGE_METRICS_ALLOW=["192.0.2.0/24"])
def test_behind_a_trusted_proxy_the_client_address_decides() -> None:
    assert get("10.0.0.1", **{"X-Forwarded-For": "192.0.2.7"}).status_code == 200
    assert get("10.0.0.1", **{"X-Forwarded-For": "203.0.113.5"}).status_code == 404
    assert get("192.0.2.8").status_code == 200
    assert get("127.0.0.1").status_code == 404  # the list replaces the loopback default


@override_settings(ALLIAGE_METRICS_TOKEN=TOKEN)
def test_the_bearer_token_opens_the_metrics_from_anywhere() -> None:
    assert get("203.0.113.5", Authorization=f"Bearer {TOKEN}").status_code == 200
    assert get("203.0.113.5", Authorization=f"bearer {TOKEN}").status_code == 200
    assert get("203.0.113.5", Authorization=f"Bearer {TOKEN}x").status_code == 404
    assert get("203.0.113.5", Authorization=f"Basic {TOKEN}").status_code == 404
    assert get("203.0.113.5", Authorization="Bearer ").status_code == 404


@override_settings(ALLIAGE_METRICS_TOKEN="", ALLIAGE_METRICS_ALLOW=[])
def test_with_neither_list_nor_token_nobody_reads_them() -> None:
    assert get().status_code == 404
    assert get(Authorization="Bearer ").status_code == 404


@override_settings(ALLIAGE_METRICS_ALLOW=["not-a-network"])
def test_a_wrong_entry_in_the_list_is_a_configuration_error() -> None:
    with pytest.raises(ImproperlyConfigured, match="ALLIAGE_METRICS_ALLOW"):
        get()


def test_the_metrics_take_no_post() -> None:
    assert Client().post("/metrics").status_code == 405


@pytest.mark.django_db
def test_the_database_wrapper_counts_queries_on_this_database() -> None:
    vendor = connection.vendor
    engine = (
        f"django_prometheus.db.backends.{'postgresql' if vendor == 'postgresql' else 'sqlite3'}"
    )
    handler = ConnectionHandler({"default": {**connection.settings_dict, "ENGINE": engine}})
    metered = handler["default"]
    before = execute_total.labels("default", vendor)._value.get()
    try:
        with metered.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone()[0] == 1
            cursor.execute("SELECT %s", [2])
            assert cursor.fetchone()[0] == 2
    finally:
        metered.close()
    assert execute_total.labels("default", vendor)._value.get() >= before + 2


def test_production_wraps_the_database_backends(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALLIAGE_", "DJANGO_"))}
    env.update(
        ALLIAGE_SECRET_KEY="pQ9-r8Xz_" * 8,
        ALLIAGE_DATABASE_URL="postgres://alliage@127.0.0.1:9/alliage",
        ALLIAGE_REPLICA_URLS="postgres://alliage@127.0.0.1:9/replica",
        ALLIAGE_ALLOWED_HOSTS="alliage.example.org",
        ALLIAGE_VAR_DIR=str(tmp_path),
        PYTHONPATH=str(ROOT / "src"),
    )
    script = (
        "import alliage.settings.production as p;"
        "print(sorted(d['ENGINE'] for d in p.DATABASES.values()), p.SECURE_REDIRECT_EXEMPT)"
    )
    out = subprocess.run(  # noqa: S603 (our own settings)
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.count("django_prometheus.db.backends.postgresql") == 2
    assert "^metrics$" in out and "^livez$" in out
    env["ALLIAGE_METRICS_DATABASE"] = "0"
    out = subprocess.run(  # noqa: S603 (our own settings)
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "django_prometheus" not in out
