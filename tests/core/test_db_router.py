"""Read-only replicas (issue 15): the reads of anonymous pages go to a real second database,
everything else to the primary. The replica here is a copy of the test database (SQLite's
backup API, or pg_dump into a second PostgreSQL database) whose rows then differ from it."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings

from alliage.coalitions.models import Coalition, Programme
from alliage.core.db_router import (
    ReplicaMiddleware,
    ReplicaRouter,
    replica_aliases,
    replica_databases,
    replica_reads,
)
from tests.factories import CoalitionFactory, UserFactory

ALIAS = "replica_0"
ROUTED = override_settings(DATABASE_ROUTERS=["alliage.core.db_router.ReplicaRouter"])


def _copy_sqlite(primary: dict, tmp_path: Path) -> dict:
    target = tmp_path / "replica.sqlite3"
    source, copy = sqlite3.connect(primary["NAME"]), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(target)}


def _pg(tool: str, db: dict, *args: str, **kwargs) -> bytes:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is needed to copy the database")
    connection_args = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432)]
    return subprocess.run(  # noqa: S603 (our own arguments)
        [path, *connection_args, "-U", db["USER"] or "postgres", *args],
        check=True,
        capture_output=True,
        **kwargs,
    ).stdout


def _copy_postgres(primary: dict) -> dict:
    name = f"{primary['NAME']}_replica"
    psql = ("-q", "-v", "ON_ERROR_STOP=1")
    _pg("psql", primary, *psql, "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{name}"')
    _pg("psql", primary, *psql, "-d", "postgres", "-c", f'CREATE DATABASE "{name}"')
    dump = _pg("pg_dump", primary, "--no-owner", "--no-privileges", primary["NAME"])
    _pg("psql", primary, *psql, "-d", name, input=dump)
    return {**{k: primary[k] for k in ("ENGINE", "HOST", "PORT", "USER", "PASSWORD")}, "NAME": name}


def _drop_postgres(replica: dict) -> None:
    _pg(
        "psql",
        replica,
        "-q",
        "-d",
        "postgres",
        "-c",
        f'DROP DATABASE IF EXISTS "{replica["NAME"]}"',
    )


@pytest.fixture
def coalition(transactional_db) -> Coalition:
    return CoalitionFactory(title="Titre du primaire", slug="sobriete")


@pytest.fixture
def replica(coalition: Coalition, tmp_path: Path) -> Iterator[str]:
    """A second database, a copy of the primary in which the coalition has another title and
    a programme exists that the primary does not have."""
    primary = connection.settings_dict
    if connection.vendor == "sqlite":
        config = _copy_sqlite(primary, tmp_path)
    else:
        config = _copy_postgres(primary)
    connections.settings[ALIAS] = connections.configure_settings(
        {"default": dict(primary), ALIAS: {**config, "CONN_MAX_AGE": None}}
    )[ALIAS]
    try:
        # Connected here: the test case refuses to open a connection to an alias it was not
        # told about, and the alias exists only for this test.
        connections[ALIAS].connect()
        with connections[ALIAS].cursor() as cursor:
            cursor.execute(
                "UPDATE coalitions_coalition SET title = %s WHERE id = %s",
                ["Titre de la réplique", coalition.pk],
            )
        with ROUTED:
            yield ALIAS
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]
        if config["ENGINE"].endswith("postgresql"):
            _drop_postgres(config)


def test_without_replicas_the_settings_are_unchanged() -> None:
    assert replica_aliases() == []
    assert getattr(settings, "DATABASE_ROUTERS", []) == []
    assert "alliage.core.db_router.ReplicaMiddleware" in settings.MIDDLEWARE


def test_replica_urls_become_numbered_databases() -> None:
    databases = replica_databases(
        ["postgres://u@db-1:5432/alliage", "postgres://u@db-2:5432/alliage"], conn_max_age=60
    )
    assert list(databases) == ["replica_0", "replica_1"]
    assert databases["replica_1"]["HOST"] == "db-2"
    assert databases["replica_0"]["CONN_MAX_AGE"] == 60


def test_a_replica_is_never_migrated() -> None:
    router = ReplicaRouter()
    assert router.allow_migrate("replica_0", "coalitions") is False
    assert router.allow_migrate("default", "coalitions") is None


def test_an_anonymous_page_reads_the_replica_and_a_signed_in_one_the_primary(
    replica: str, coalition: Coalition, settings
) -> None:
    # The coalition was written a moment ago: a cached page rebuilt so soon reads the primary
    # (tests/core/test_pagecache.py); here the replica is taken to have caught up at once.
    settings.ALLIAGE_REPLICA_LAG_SECONDS = 0
    anonymous = Client().get("/coalitions/sobriete/")
    assert anonymous.status_code == 200
    assert "Titre de la réplique" in anonymous.content.decode()
    client = Client()
    client.force_login(UserFactory())
    signed_in = client.get("/coalitions/sobriete/")
    assert signed_in.status_code == 200
    assert "Titre du primaire" in signed_in.content.decode()
    assert "Titre de la réplique" not in signed_in.content.decode()


def title_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(Coalition.objects.get(slug="sobriete").title)


def served(request: HttpRequest, view=title_view) -> str:
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    return ReplicaMiddleware(view)(request).content.decode()


def test_which_requests_read_the_replica(replica: str) -> None:
    factory = RequestFactory()
    assert served(factory.get("/")) == "Titre de la réplique"
    assert served(factory.head("/")) == "Titre de la réplique"
    assert served(factory.post("/")) == "Titre du primaire"
    assert served(factory.get("/", HTTP_AUTHORIZATION="Bearer alliage_x_y")) == "Titre du primaire"
    signed_in = factory.get("/")
    signed_in.user = UserFactory()
    assert served(signed_in) == "Titre du primaire"


def test_a_request_reads_its_own_writes_and_transactions_read_the_primary(replica: str) -> None:
    def write_then_read(request: HttpRequest) -> HttpResponse:
        before = Coalition.objects.get(slug="sobriete").title
        Programme.objects.filter(pk=-1).update(name="nothing")  # any write
        return HttpResponse(f"{before}|{Coalition.objects.get(slug='sobriete').title}")

    def in_transaction(request: HttpRequest) -> HttpResponse:
        with transaction.atomic():
            return title_view(request)

    assert served(RequestFactory().get("/"), write_then_read) == (
        "Titre de la réplique|Titre du primaire"
    )
    assert served(RequestFactory().get("/"), in_transaction) == "Titre du primaire"


def test_tasks_and_commands_read_the_primary(replica: str) -> None:
    # No request: nothing allowed the replica.
    assert Coalition.objects.get(slug="sobriete").title == "Titre du primaire"
    with replica_reads(ALIAS):
        assert Coalition.objects.get(slug="sobriete").title == "Titre de la réplique"
        assert Coalition.objects.using("default").get(slug="sobriete").title == (
            "Titre du primaire"
        )


def test_an_object_read_from_the_replica_is_saved_on_the_primary(replica: str) -> None:
    with replica_reads(ALIAS):
        coalition = Coalition.objects.get(slug="sobriete")
        coalition.summary = "Écrit depuis une page"
        coalition.save(update_fields=["summary"])
    assert Coalition.objects.using("default").get(pk=coalition.pk).summary == (
        "Écrit depuis une page"
    )
    assert Coalition.objects.using(ALIAS).get(pk=coalition.pk).summary != "Écrit depuis une page"
