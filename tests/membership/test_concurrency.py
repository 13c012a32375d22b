"""Renewals sent at once for one holder make one application, on SQLite and on PostgreSQL:
the holder's row is locked, so the second sees the first's application and is refused."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection
from django.utils import timezone

from alliage.actors.models import Membership, MembershipStatus
from alliage.core.errors import BusinessError
from alliage.membership import services

from ..factories import MembershipFactory, PersonFactory, TierFactory

pytestmark = pytest.mark.django_db(transaction=True)

REQUESTS = 10


def test_simultaneous_renewals_of_two_memberships_of_one_holder_make_one() -> None:
    person = PersonFactory()
    today = timezone.localdate()
    ending = {
        "starts_on": today - dt.timedelta(days=345),
        "ends_on": today + dt.timedelta(days=20),
    }
    both = [
        MembershipFactory(organisation=None, person=person, tier=TierFactory(code=code), **ending)
        for code in ("small", "large")
    ]
    barrier = Barrier(REQUESTS)

    def renew(i: int) -> str:
        try:
            barrier.wait(timeout=30)
            services.membership_renew_request(membership=both[i % 2], by=person.user)
            return "sent"
        except BusinessError as error:
            return error.message
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        results = list(pool.map(renew, range(REQUESTS)))

    assert results.count("sent") == 1, results
    assert Membership.objects.filter(status=MembershipStatus.APPLIED).count() == 1
