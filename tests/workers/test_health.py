"""The queue's part of /healthz (R3): its depth, the age of its oldest READY task and of the
last heartbeat; 503 once a task has waited too long (no worker takes the queue)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .factories import HeartbeatFactory, TaskRowFactory

pytestmark = pytest.mark.django_db


def health() -> tuple[int, dict]:
    response = Client().get("/healthz")
    return response.status_code, json.loads(response.content)


def test_an_empty_queue_is_healthy() -> None:
    code, body = health()
    assert code == 200
    assert body["queue"] == {
        "status": "ok",
        "ready": 0,
        "oldest_ready_seconds": None,
        "worker_seen_seconds": None,
    }


def test_the_queue_depth_and_the_last_heartbeat_are_reported() -> None:
    TaskRowFactory.create_batch(3)
    TaskRowFactory(status="SUCCESSFUL")
    HeartbeatFactory(seen_at=timezone.now() - dt.timedelta(seconds=20))
    code, body = health()
    assert code == 200
    assert body["queue"]["ready"] == 3
    assert body["queue"]["oldest_ready_seconds"] < 60
    assert 20 <= body["queue"]["worker_seen_seconds"] < 80


def test_a_task_waiting_too_long_makes_the_health_check_fail() -> None:
    row = TaskRowFactory()
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=20)
    )
    code, body = health()
    assert code == 503
    assert body["status"] == "error"
    assert body["queue"]["status"] == "stale"
    assert body["queue"]["oldest_ready_seconds"] >= 20 * 60


def test_the_health_check_reads_the_queue_in_a_constant_number_of_queries(
    django_assert_max_num_queries,
) -> None:
    TaskRowFactory.create_batch(30)
    with django_assert_max_num_queries(3):
        health()


def test_a_load_balancer_asking_for_the_web_scope_is_not_told_about_the_queue() -> None:
    """A stale queue fails the full check (monitoring) but not ``?scope=web``, so a stopped
    worker does not take the web servers out of the load balancer too."""
    row = TaskRowFactory()
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=20)
    )
    response = Client().get("/healthz?scope=web")
    assert response.status_code == 200
    assert "queue" not in json.loads(response.content)
    assert health()[0] == 503
