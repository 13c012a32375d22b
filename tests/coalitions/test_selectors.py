"""Each list filter agrees with its object rule, for every role of the security world: a
queryset shows exactly the rows the permission lets the viewer open (P8)."""

from __future__ import annotations

import pytest

from alliage.actors.models import Organisation, Person
from alliage.actors.selectors import person_visible_q
from alliage.coalitions.models import Coalition, Programme
from alliage.coalitions.selectors import coalition_visible_q, programme_list

from ..factories import CoalitionFactory, OrganisationFactory, PersonFactory, ProgrammeFactory
from ..security.world import ROLES, World

pytestmark = pytest.mark.django_db
# Django grants a superuser every permission, whatever the rules say; the directory still
# shows them only the directory's actors (and an unlisted person's page stays a 404).
NOT_ADMIN = [role for role in ROLES if role != "admin"]


@pytest.fixture
def more(world: World) -> None:
    """Rows on both sides of each rule: unlisted, deactivated, unpublished."""
    PersonFactory(is_listed=False)
    PersonFactory(user__is_active=False)
    OrganisationFactory(is_listed=False)
    CoalitionFactory(programme=world.programme, is_published=False)
    CoalitionFactory(is_published=False)


@pytest.mark.parametrize("role", ROLES)
def test_the_coalition_filter_agrees_with_see_coalition(
    world: World, more: None, role: str
) -> None:
    user = world.user(role)
    listed = set(Coalition.objects.filter(coalition_visible_q(user)))
    allowed = {c for c in Coalition.objects.all() if user.has_perm("coalitions.see_coalition", c)}
    assert listed == allowed
    assert Coalition.objects.published().count() < Coalition.objects.count()


@pytest.mark.parametrize("role", NOT_ADMIN)
def test_the_people_filter_agrees_with_see_person(world: World, more: None, role: str) -> None:
    user = world.user(role)
    listed = set(Person.objects.filter(person_visible_q(user)))
    allowed = {
        p for p in Person.objects.select_related("user") if user.has_perm("actors.see_person", p)
    }
    assert listed == allowed
    assert Person.objects.listed().count() < Person.objects.count()


@pytest.mark.parametrize("role", NOT_ADMIN)
def test_the_directory_filter_agrees_with_see_organisation(
    world: World, more: None, role: str
) -> None:
    user = world.user(role)
    allowed = {o for o in Organisation.objects.all() if user.has_perm("actors.see_organisation", o)}
    assert set(Organisation.objects.listed()) == allowed
    assert Organisation.objects.listed().count() < Organisation.objects.count()


def test_programmes_come_in_their_order_with_or_without_counts() -> None:
    ProgrammeFactory(name="B", position=2)
    ProgrammeFactory(name="C", position=1)
    ProgrammeFactory(name="A", position=2)
    expected = ["C", "A", "B"]
    for programmes in (programme_list(counts=True), programme_list(), Programme.objects.all()):
        assert [p.name for p in programmes if p.name in expected] == expected


def test_the_count_in_parts_is_the_count_of_the_list_for_every_viewer() -> None:
    from alliage.coalitions.selectors import coalition_list, coalition_list_count_parts
    from alliage.core.pagination import BoundedPaginator

    from ..factories import CoalitionFactory, CoalitionMemberFactory, PersonFactory, UserFactory

    mine = CoalitionFactory(is_published=False, status="forming")
    CoalitionFactory(is_published=False, status="forming")  # somebody else's draft
    team_draft = CoalitionFactory(is_published=False, programme=mine.programme, status="active")
    for status in ("active", "forming", "active"):
        CoalitionFactory(status=status)
    member = CoalitionMemberFactory(coalition=mine).person.user
    team = PersonFactory().user
    mine.programme.team.add(team)
    viewers = [member, team, UserFactory(is_superuser=True), PersonFactory().user]
    for viewer in viewers:
        for filters in ({}, {"status": "active"}, {"programme": mine.programme.slug}):
            listed = coalition_list(viewer=viewer, **filters)
            parts = coalition_list_count_parts(viewer=viewer, **filters)
            counted = BoundedPaginator(listed, 20, count_parts=parts).count
            assert counted == listed.count(), (viewer, filters)
            ids = [set(p.values_list("pk", flat=True)) for p in parts]
            assert not ids[0] & ids[1] and ids[0] | ids[1] == set(
                listed.values_list("pk", flat=True)
            )
    assert team_draft in coalition_list(viewer=team) and team_draft not in coalition_list(
        viewer=member
    )
