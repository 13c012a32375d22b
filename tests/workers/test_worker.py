"""The task worker (R2, R3): it survives database outages, and the tasks of a worker killed
in the middle are taken again, a bounded number of times, without sending an e-mail twice."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alliage.workers.models import TaskEffect, WorkerHeartbeat
from alliage.workers.services import tasks_recover

from . import jobs
from .factories import HeartbeatFactory, TaskRowFactory, make_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_queue")]


def status(result) -> str:
    return DBTaskResult.objects.get(pk=result.id).status


def test_a_database_error_while_fetching_is_waited_out_and_the_task_then_runs() -> None:
    result = jobs.record.enqueue(value="after the outage")
    worker = make_worker()
    fetch, calls = worker.fetch, []

    def flaky_fetch():
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("could not connect to server: Connection refused")
        return fetch()

    worker.fetch = flaky_fetch
    worker.run()  # db_worker's loop raised the error and exited here
    assert status(result) == "SUCCESSFUL"
    assert jobs.RUNS == ["after the outage"]
    assert worker.waits[0] == 1  # it backed off once before reconnecting
    assert len(calls) >= 2


def test_the_backoff_grows_and_is_bounded() -> None:
    worker = make_worker(backoff_max=8)
    for _ in range(6):
        worker._back_off(OperationalError("down"))
    assert worker.waits == [1, 2, 4, 8, 8, 8]


def test_a_task_cut_by_a_database_error_is_put_back_and_run_again() -> None:
    jobs.FAIL_FIRST.add("cut")
    result = jobs.record.enqueue(value="cut")
    make_worker().run()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "SUCCESSFUL"
    assert jobs.RUNS == ["cut", "cut"]
    assert row.worker_ids == ["worker-under-test", "worker-under-test"]


def test_the_task_of_a_killed_worker_is_taken_again_at_start() -> None:
    row = TaskRowFactory(
        status="RUNNING",
        started_at=timezone.now() - dt.timedelta(minutes=5),
        worker_ids=["killed-with-kill-9"],
        args_kwargs={"args": [], "kwargs": {"value": "orphan"}},
    )
    make_worker().run()
    row.refresh_from_db()
    assert row.status == "SUCCESSFUL"
    assert jobs.RUNS == ["orphan"]


def test_the_task_of_a_live_worker_is_left_alone_until_it_runs_too_long() -> None:
    HeartbeatFactory(worker_id="alive")
    now = timezone.now()
    recent = TaskRowFactory(
        status="RUNNING", started_at=now - dt.timedelta(minutes=1), worker_ids=["alive"]
    )
    hung = TaskRowFactory(
        status="RUNNING", started_at=now - dt.timedelta(hours=2), worker_ids=["alive"]
    )
    assert tasks_recover(now=now).requeued == 1
    recent.refresh_from_db()
    hung.refresh_from_db()
    assert recent.status == "RUNNING"
    assert hung.status == "READY"


def test_a_worker_whose_heartbeat_stopped_loses_its_task() -> None:
    now = timezone.now()
    HeartbeatFactory(worker_id="silent", seen_at=now - dt.timedelta(minutes=3))
    row = TaskRowFactory(
        status="RUNNING", started_at=now - dt.timedelta(minutes=2), worker_ids=["silent"]
    )
    tasks_recover(now=now)
    row.refresh_from_db()
    assert row.status == "READY"


def test_a_task_lost_too_many_times_fails() -> None:
    row = TaskRowFactory(
        status="RUNNING",
        started_at=timezone.now() - dt.timedelta(minutes=5),
        worker_ids=["a", "b", "c"],
    )
    assert tasks_recover().failed == 1
    row.refresh_from_db()
    assert row.status == "FAILED"
    assert row.exception_class_path == "alliage.workers.services.TaskAbandoned"
    assert jobs.RUNS == []


def test_an_email_already_sent_is_not_sent_again_when_the_task_runs_again(monkeypatch) -> None:
    """The database goes away just after the e-mail left: the task stays RUNNING, is taken
    again, and its second run does not send the e-mail again."""
    result = jobs.mail.enqueue(to="person@example.org")
    original, calls = DBTaskResult.set_successful, []

    def lost_after_sending(self, value):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("terminating connection due to administrator command")
        return original(self, value)

    monkeypatch.setattr(DBTaskResult, "set_successful", lost_after_sending)
    make_worker().run()
    assert status(result) == "SUCCESSFUL"
    assert len(calls) == 2
    assert [m.to for m in mail.outbox] == [["person@example.org"]]


def test_an_email_that_failed_to_go_is_tried_again_by_the_next_run(monkeypatch) -> None:
    from alliage.workers import services

    token = services.current_task_id.set("00000000-0000-0000-0000-000000000001")
    try:

        def refused() -> None:
            raise ConnectionRefusedError("SMTP down")

        with pytest.raises(ConnectionRefusedError):
            services.effect_once("mail:x@example.org", refused)
        assert not TaskEffect.objects.exists()
        assert services.effect_once("mail:x@example.org", lambda: None)
        assert not services.effect_once("mail:x@example.org", lambda: None)
    finally:
        services.current_task_id.reset(token)


def test_the_worker_says_it_is_alive_and_forgets_itself_when_it_stops() -> None:
    worker = make_worker()
    seen = []
    worker.fetch_original = worker.fetch

    def fetch():
        seen.append(WorkerHeartbeat.objects.filter(worker_id="worker-under-test").exists())
        return worker.fetch_original()

    worker.fetch = fetch
    worker.run()
    assert seen == [True]
    assert not WorkerHeartbeat.objects.exists()


def test_the_worker_command_runs_the_queue() -> None:
    result = jobs.record.enqueue(value="by the command")
    out = StringIO()
    call_command(
        "worker", "--batch", "--no-startup-delay", "--no-reload", "--heartbeat", "0", stdout=out
    )
    assert status(result) == "SUCCESSFUL"
    assert jobs.RUNS == ["by the command"]


def test_the_record_of_an_e_mail_sent_holds_no_address() -> None:
    """What a task has done is kept a week; it names its recipient by a digest only, so the
    table holds nothing an erasure would have to find."""
    from alliage.workers import services

    token = services.current_task_id.set("00000000-0000-0000-0000-000000000002")
    try:
        services.effect_once("mail:someone.private@example.org", lambda: None)
    finally:
        services.current_task_id.reset(token)
    (key,) = TaskEffect.objects.values_list("key", flat=True)
    assert "someone.private" not in key and "example.org" not in key
