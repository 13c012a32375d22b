"""The permission table: every role and action on a published and an unpublished coalition."""

from __future__ import annotations

import pytest

from ..conftest import Cast, fresh

ROLES = ("anonymous", "outsider", "member", "lead", "team", "admin")

# role: (view, view_members_section, edit, transition, decide_join, request_join)
PUBLISHED = {
    "anonymous": (True, False, False, False, False, False),
    "outsider": (True, False, False, False, False, True),
    "member": (True, True, False, False, False, False),
    "lead": (True, True, True, True, True, False),
    "team": (True, True, True, True, True, True),
    "admin": (True, True, True, True, True, True),
}
UNPUBLISHED = {
    "anonymous": (False, False, False, False, False, False),
    "outsider": (False, False, False, False, False, False),
    "member": (True, True, False, False, False, False),
    "lead": (True, True, True, True, True, False),
    "team": (True, True, True, True, True, True),
    "admin": (True, True, True, True, True, True),
}
PERMS = (
    "coalitions.see_coalition",
    "coalitions.view_members_section",
    "coalitions.edit_coalition",
    "coalitions.transition_coalition",
    "coalitions.decide_join",
    "coalitions.request_join",
)


@pytest.mark.parametrize("published", [True, False], ids=["published", "unpublished"])
@pytest.mark.parametrize("role", ROLES)
def test_permission_table(cast: Cast, role: str, published: bool) -> None:
    cast.coalition.is_published = published
    cast.coalition.save()
    expected = (PUBLISHED if published else UNPUBLISHED)[role]
    user = fresh(cast.user(role))
    actual = tuple(user.has_perm(perm, cast.coalition) for perm in PERMS)
    assert dict(zip(PERMS, actual, strict=True)) == dict(zip(PERMS, expected, strict=True))


def test_nobody_joins_a_closed_coalition(cast: Cast) -> None:
    cast.coalition.status = "closed"
    cast.coalition.save()
    assert not fresh(cast.outsider).has_perm("coalitions.request_join", cast.coalition)


def test_team_of_another_programme_has_no_rights(cast: Cast) -> None:
    from ..factories import PersonFactory, ProgrammeFactory

    other = ProgrammeFactory()
    stranger = PersonFactory().user
    other.team.add(stranger)
    assert not fresh(stranger).has_perm("coalitions.edit_coalition", cast.coalition)


def test_predicates_query_once_per_user_and_coalition(
    cast: Cast, django_assert_max_num_queries
) -> None:
    user = fresh(cast.member)
    with django_assert_max_num_queries(2):
        for perm in PERMS * 3:
            user.has_perm(perm, cast.coalition)
