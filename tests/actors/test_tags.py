"""A tag is someone's words: one that no person and no organisation uses any more is deleted,
whether they removed it from their profile or erased their account (F7)."""

from __future__ import annotations

import pytest

from alliage.actors.models import Tag
from alliage.actors.services import person_update
from alliage.selfdata.services import account_erase

from ..factories import PASSWORD, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_tag_removed_from_the_only_profile_that_had_it_is_deleted() -> None:
    person, other = PersonFactory(), PersonFactory()
    person_update(person=person, by=person.user, tags=["zqmine", "shared", "org tag"])
    other.tags.add(Tag.objects.get(name="shared"))
    OrganisationFactory().tags.add(Tag.objects.get(name="org tag"))
    person_update(person=person, by=person.user, tags=["kept"])
    assert set(Tag.objects.values_list("name", flat=True)) == {"kept", "shared", "org tag"}


def test_an_erased_persons_own_tags_go_with_them() -> None:
    person, other = PersonFactory(), PersonFactory()
    person_update(person=person, by=person.user, tags=["zqprivate", "shared"])
    other.tags.add(Tag.objects.get(name="shared"))
    account_erase(user=person.user, by=person.user, password=PASSWORD)
    assert set(Tag.objects.values_list("name", flat=True)) == {"shared"}
