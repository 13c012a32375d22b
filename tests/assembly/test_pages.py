"""The assembly's pages as its members and its chair read them, in French and English; the
minutes as CSV; the event's page and /me/ point to the assembly."""

from __future__ import annotations

import csv
import io

import pytest

from alliage.assembly import services
from alliage.assembly.models import Attendance, Majority, MotionKind, Option
from tests.clients import client_for

pytestmark = pytest.mark.django_db


def _closed_motion(hall, *, secret: bool):
    for i in (0, 1, 2):
        services.check_in(voter=hall.voters[i], by=hall.members[i], mode=Attendance.IN_PERSON)
    motion = services.motion_save(
        assembly=hall.assembly, by=hall.chair, title="Rapport moral", secret=secret,
        kind=MotionKind.RESOLUTION, majority=Majority.SIMPLE,
    )  # fmt: skip
    motion = services.motion_open(motion=motion, by=hall.chair)
    yes = Option.objects.get(motion=motion, meaning="yes").pk
    for i in (0, 1):
        services.ballot_cast(motion=motion, voter=hall.voters[i], by=hall.members[i], choices=[yes])
    return services.motion_close(motion=motion, by=hall.chair)


def test_the_members_page_shows_the_rules_my_right_and_the_result(hall) -> None:
    _closed_motion(hall, secret=False)
    page = client_for(hall.members[0]).get(hall.assembly.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert "Quorum atteint" in text and "Adoptée" in text and "À titre personnel" in text
    english = client_for(hall.members[0]).get("/en" + hall.assembly.get_absolute_url())
    assert "Quorum reached" in english.content.decode()


def test_the_minutes_list_open_votes_but_never_a_secret_choice(hall) -> None:
    motion = _closed_motion(hall, secret=True)
    chair = client_for(hall.chair)
    minutes = chair.get(f"/assemblies/{hall.assembly.slug}/minutes/").content.decode()
    assert "Scrutin secret" in minutes and motion.title in minutes
    response = chair.get(f"/en/assemblies/{hall.assembly.slug}/minutes.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    roll = [r for r in rows if r[0] == "Roll"]
    assert len(roll) == 5
    assert [r[4] for r in rows if r[0] == "Motion"] == ["Adopted"]
    yes = next(r for r in rows if r[0] == "Option" and r[3] == "Oui")
    assert (yes[2], yes[5]) == ("2", "2")


def test_the_event_page_and_my_space_point_to_the_assembly(hall) -> None:
    member = client_for(hall.members[0])
    event = member.get(hall.assembly.event.get_absolute_url()).content.decode()
    assert hall.assembly.get_absolute_url() in event
    me = member.get("/me/").content.decode()
    assert hall.assembly.get_absolute_url() in me and "Mon droit de vote" in me


def test_the_quorum_fragment_answers_alone(hall) -> None:
    response = client_for(hall.members[0]).get(f"/assemblies/{hall.assembly.slug}/quorum/")
    assert response.status_code == 200 and 'id="quorum"' in response.content.decode()
