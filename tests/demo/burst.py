"""A crowd registering at once for one event, over HTTP, against a server started apart.

``python -m tests.demo.burst seed N CAPACITY`` (with the server's environment) migrates the
database, creates an event of CAPACITY seats and N people with a write token each, and prints
them as JSON; ``burst`` fires the N registrations at the same instant from N threads;
``registrations`` reads back who got a seat, in queue order.
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
import time
from dataclasses import dataclass


@dataclass
class Outcome:
    status: int | None
    error: str = ""
    seconds: float = 0.0


def seed(people: int, capacity: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import override_settings

    from alliage.api.services import token_create
    from tests.factories import EventFactory, PersonFactory

    call_command("migrate", interactive=False, verbosity=0)
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        event = EventFactory(capacity=capacity, title="Burst", slug="burst")
        tokens = [
            token_create(by=PersonFactory().user, name="burst", scope="write")[1]
            for _ in range(people)
        ]
    return {"slug": event.slug, "tokens": tokens}


def burst(port: int, slug: str, tokens: list[str], timeout: float = 120) -> list[Outcome]:
    """One thread and one connection per token, released together by a barrier."""
    barrier = threading.Barrier(len(tokens))
    outcomes: list[Outcome] = [Outcome(None)] * len(tokens)

    def register(index: int, token: str) -> None:
        barrier.wait()
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            connection.request(
                "POST",
                f"/api/v1/events/{slug}/registration",
                headers={"Authorization": f"Bearer {token}", "Content-Length": "0"},
            )
            response = connection.getresponse()
            response.read()
            outcomes[index] = Outcome(response.status, seconds=time.perf_counter() - started)
        except OSError as error:  # refused, reset, timed out
            outcomes[index] = Outcome(None, repr(error), time.perf_counter() - started)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(i, token)) for i, token in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def registrations(slug: str) -> list[str]:
    """The statuses of the event's registrations in queue order (read in the seed's env)."""
    import django

    django.setup()
    from alliage.agenda.models import Registration

    return list(
        Registration.objects.filter(event__slug=slug)
        .order_by("queued_at", "id")
        .values_list("status", flat=True)
    )


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "seed":
        print(json.dumps(seed(int(args[0]), int(args[1]))))
    elif command == "registrations":
        print(json.dumps(registrations(args[0])))
