"""Twenty simultaneous requests to cast the same vote count it once, on SQLite and on
PostgreSQL; the others are refused with a message, and the totals hold one ballot."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.db import connection

from alliage.assembly import services
from alliage.assembly.models import Attendance, Majority, MotionKind, Option, Participation
from alliage.core.errors import BusinessError

from .conftest import hall_make

pytestmark = pytest.mark.django_db(transaction=True)

REQUESTS = 20


def test_twenty_simultaneous_votes_by_the_same_voter_count_once() -> None:
    hall = hall_make(3, quorum_percent=10)
    services.check_in(voter=hall.voters[0], by=hall.members[0], mode=Attendance.IN_PERSON)
    motion = services.motion_save(
        assembly=hall.assembly, by=hall.chair, title="Rapport moral",
        kind=MotionKind.RESOLUTION, majority=Majority.SIMPLE, secret=True,
    )  # fmt: skip
    motion = services.motion_open(motion=motion, by=hall.chair)
    yes = Option.objects.get(motion=motion, meaning="yes").pk
    barrier = Barrier(REQUESTS)

    def vote(_: int) -> str:
        try:
            barrier.wait(timeout=30)
            services.ballot_cast(
                motion=motion, voter=hall.voters[0], by=hall.members[0], choices=[yes]
            )
            return "cast"
        except BusinessError as error:
            return error.message
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        results = list(pool.map(vote, range(REQUESTS)))

    assert results.count("cast") == 1
    assert set(results) - {"cast"} == {"Ce vote a déjà été exprimé sur cette résolution."}
    assert Participation.objects.filter(motion=motion).count() == 1
    option = Option.objects.get(pk=yes)
    assert (option.ballots, option.weight) == (1, 1)
