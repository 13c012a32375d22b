"""Simultaneous registrations never confirm more people than seats (SQLite and PostgreSQL)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection

from alliage.agenda import services
from alliage.agenda.models import Registration
from alliage.core.models import User

from ..factories import EventFactory, PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 200
SEATS = 50
THREADS = 40  # below PostgreSQL's default of 100 connections


def test_200_simultaneous_registrations_for_50_seats() -> None:
    event = EventFactory(capacity=SEATS)
    users = [PersonFactory().user for _ in range(PEOPLE)]
    # Waves of THREADS requests released together (200 is a multiple of 40).
    barrier = Barrier(THREADS)

    def register(user: User) -> str:
        try:
            barrier.wait(timeout=30)
            return services.registration_create(event=event, by=user).status
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(register, users))

    assert results.count("confirmed") == SEATS
    assert results.count("waitlisted") == PEOPLE - SEATS
    assert Registration.objects.filter(event=event, status="confirmed").count() == SEATS
    assert Registration.objects.filter(event=event, status="waitlisted").count() == PEOPLE - SEATS

    first_waiting = Registration.objects.filter(event=event, status="waitlisted").order_by(
        "queued_at", "id"
    )[0]
    leaving = Registration.objects.filter(event=event, status="confirmed").first()
    services.registration_cancel(registration=leaving, by=leaving.person.user)
    promoted = Registration.objects.filter(event=event, status="confirmed").exclude(
        pk__in=Registration.objects.filter(pk=first_waiting.pk)
    )
    assert Registration.objects.get(pk=first_waiting.pk).status == "confirmed"
    assert promoted.count() == SEATS - 1
    assert Registration.objects.filter(event=event, status="waitlisted").count() == (
        PEOPLE - SEATS - 1
    )
