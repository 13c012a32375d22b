"""Each list filter agrees with its object rule, for every role: a list shows exactly the
objects whose page the viewer may open. The filters (``*_visible_q``) are SQL and the rules
are Python predicates, written separately; this is the test that keeps them one rule.

The world has a published and an unpublished coalition, a public and a members-only event, a
public call and published publications; ``more_cases`` adds the cases it lacks (a coalition
nobody of the world is in, each kind of audience, a registration that opens an event and a
cancelled one that does not, a team-only call, drafts with and without an author or a
programme), some in another programme, whose team is nobody of the world."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from alliage.agenda.models import Event, Registration
from alliage.agenda.selectors import event_visible_q
from alliage.calls.models import Call, Submission
from alliage.calls.selectors import call_visible_q, submissions_of
from alliage.coalitions.models import Coalition, MemberRole
from alliage.coalitions.selectors import coalition_visible_q
from alliage.commons.models import Publication
from alliage.commons.selectors import publication_visible_q

from ..factories import (
    CallFactory,
    CoalitionFactory,
    CoalitionMemberFactory,
    EventFactory,
    ProgrammeFactory,
    PublicationFactory,
)
from .world import ROLES, World

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("security-list-filters")]


@pytest.fixture
def more_cases(world: World) -> None:
    elsewhere = ProgrammeFactory()
    person = world.users["person"].person
    lead = world.users["lead"].person

    CoalitionFactory(programme=world.programme, is_published=False, status="idea")
    CoalitionFactory(programme=elsewhere, is_published=False)
    CoalitionFactory(programme=elsewhere)
    CoalitionMemberFactory(
        coalition=CoalitionFactory(programme=elsewhere, is_published=False),
        person=lead,
        role=MemberRole.LEAD,
    )

    EventFactory(programme=world.programme, audience="coalition", coalition=world.coalition)
    EventFactory(programme=world.programme, audience="coalition", coalition=world.hidden_coalition)
    EventFactory(programme=elsewhere, audience="coalition", coalition=world.coalition)
    EventFactory(programme=world.programme, audience="invitation").invited.add(person)
    EventFactory(programme=elsewhere, audience="invitation")
    EventFactory(programme=elsewhere, audience="members")
    EventFactory(programme=elsewhere)
    for status in ("confirmed", "waitlisted", "cancelled"):
        Registration.objects.create(
            event=EventFactory(programme=elsewhere, audience="invitation"),
            person=person,
            status=status,
            queued_at=timezone.now(),
            cancel_token=f"list-filters-{status}",
        )

    CallFactory(programme=world.programme, visibility="team")
    CallFactory(programme=elsewhere, visibility="team")
    CallFactory(programme=elsewhere)

    PublicationFactory(programme=world.programme, status="draft", published_on=None)
    PublicationFactory(programme=elsewhere, status="draft").author_people.add(lead)
    PublicationFactory(programme=None, status="draft")
    PublicationFactory(programme=None)
    PublicationFactory(programme=elsewhere)


CASES: list[tuple[type[Model], Callable[[Any], Q], str]] = [
    (Coalition, coalition_visible_q, "coalitions.see_coalition"),
    (Event, event_visible_q, "agenda.see_event"),
    (Call, call_visible_q, "calls.see_call"),
    (Publication, publication_visible_q, "commons.see_publication"),
]


def _keys(qs: QuerySet[Any]) -> set[str]:
    return {str(o) + f" #{o.pk}" for o in qs}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("model", "visible_q", "perm"), CASES, ids=[perm for _m, _q, perm in CASES]
)
def test_the_list_filter_shows_what_the_rule_lets_the_role_see(
    world: World,
    more_cases: None,
    role: str,
    model: type[Model],
    visible_q: Callable[[Any], Q],
    perm: str,
) -> None:
    listed = model.objects.filter(visible_q(world.user(role))).distinct()
    user = world.user(role)  # a fresh account: the predicates cache what they read on it
    allowed = [o for o in model.objects.all() if user.has_perm(perm, o)]
    assert _keys(listed) == _keys(allowed)
    # Each case has something to hide from somebody and to show to somebody else.
    assert model.objects.filter(visible_q(world.user("anonymous"))).count() > 0
    assert model.objects.filter(visible_q(world.user("anonymous"))).count() < (
        model.objects.count()
    )


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_my_submissions_are_submissions_i_may_see(world: World, role: str) -> None:
    """Submissions have no visibility filter: the only list of them outside the team's
    ranking is a person's own, which the rule must let them open."""
    user = world.user(role)
    mine = list(submissions_of(viewer=user))
    assert all(user.has_perm("calls.see_submission", s) for s in mine)
    assert {s.pk for s in mine} == set(
        Submission.objects.filter(person__user=user).values_list("pk", flat=True)
    )
