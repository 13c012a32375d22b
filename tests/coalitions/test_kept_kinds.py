"""The kinds of organisation a coalition keeps (``kinds_present``) stay right after every
change of its members or of an organisation, whoever makes it; the kind filter reads them and
finds what a join through the members finds."""

from __future__ import annotations

import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db.models import Exists, OuterRef

from alliage.actors.models import OrganisationKind
from alliage.coalitions import selectors, services
from alliage.coalitions.models import KIND_BITS, Coalition, CoalitionMember, MemberRole

from ..conftest import Cast, fresh
from ..factories import (
    AffiliationFactory,
    CoalitionFactory,
    CoalitionMemberFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def kinds_of(coalition: Coalition) -> set[str]:
    coalition.refresh_from_db(fields=["kinds_present"])
    return {kind for kind, bit in KIND_BITS.items() if coalition.kinds_present & bit}


def test_every_kind_has_its_own_bit() -> None:
    assert set(KIND_BITS) == set(OrganisationKind.values)
    bits = list(KIND_BITS.values())
    assert len(set(bits)) == len(bits)
    assert all(bit > 0 and bit & (bit - 1) == 0 for bit in bits)  # powers of two


def test_proposing_for_an_organisation_keeps_its_kind(cast: Cast) -> None:
    outsider = fresh(cast.outsider)
    research = AffiliationFactory(
        person=outsider.person, organisation=OrganisationFactory(kind=OrganisationKind.RESEARCH)
    ).organisation
    coalition = services.coalition_propose(
        programme=cast.coalition.programme, by=outsider, title="Sobriété", organisation=research
    )
    assert kinds_of(coalition) == {OrganisationKind.RESEARCH}


def test_join_role_change_and_leave_keep_the_kinds(cast: Cast) -> None:
    assert kinds_of(cast.coalition) == set()  # its members came in their own name
    outsider = fresh(cast.outsider)
    media = AffiliationFactory(
        person=outsider.person, organisation=OrganisationFactory(kind=OrganisationKind.MEDIA)
    ).organisation
    request = services.join_request_create(
        coalition=cast.coalition, by=outsider, organisation=media
    )
    services.join_request_decide(join_request=request, by=fresh(cast.lead), accept=True)
    assert kinds_of(cast.coalition) == {OrganisationKind.MEDIA}
    member = CoalitionMember.objects.get(coalition=cast.coalition, person=outsider.person)
    services.member_change_role(member=member, by=fresh(cast.lead), role=MemberRole.FUNDER)
    assert kinds_of(cast.coalition) == {OrganisationKind.MEDIA}
    services.member_remove(member=member, by=outsider)
    assert kinds_of(cast.coalition) == set()


def test_a_kind_stays_while_another_member_brings_it() -> None:
    coalition = CoalitionFactory()
    association = OrganisationFactory(kind=OrganisationKind.ASSOCIATION)
    first = CoalitionMemberFactory(coalition=coalition, organisation=association)
    CoalitionMemberFactory(coalition=coalition, organisation=OrganisationFactory())  # association
    CoalitionMemberFactory(
        coalition=coalition, organisation=OrganisationFactory(kind=OrganisationKind.SME)
    )
    assert kinds_of(coalition) == {OrganisationKind.ASSOCIATION, OrganisationKind.SME}
    first.delete()
    assert kinds_of(coalition) == {OrganisationKind.ASSOCIATION, OrganisationKind.SME}


def test_an_organisation_that_changes_kind_or_goes_changes_its_coalitions() -> None:
    organisation = OrganisationFactory(kind=OrganisationKind.SME)
    coalitions = [CoalitionFactory(), CoalitionFactory()]
    for coalition in coalitions:
        CoalitionMemberFactory(coalition=coalition, organisation=organisation)
    elsewhere = CoalitionFactory()
    CoalitionMemberFactory(coalition=elsewhere, organisation=OrganisationFactory())
    organisation.kind = OrganisationKind.PUBLIC_BODY
    organisation.save(update_fields=["kind"])
    assert [kinds_of(c) for c in coalitions] == [{OrganisationKind.PUBLIC_BODY}] * 2
    organisation.delete()  # its people stay, in their own name
    assert [kinds_of(c) for c in coalitions] == [set(), set()]
    assert CoalitionMember.objects.filter(coalition__in=coalitions).count() == 2
    assert kinds_of(elsewhere) == {OrganisationKind.ASSOCIATION}


def test_a_person_deleted_takes_their_kind_away() -> None:
    coalition = CoalitionFactory()
    person = PersonFactory()
    CoalitionMemberFactory(
        coalition=coalition,
        person=person,
        organisation=OrganisationFactory(kind=OrganisationKind.LOCAL_AUTHORITY),
    )
    assert kinds_of(coalition) == {OrganisationKind.LOCAL_AUTHORITY}
    person.delete()
    assert kinds_of(coalition) == set()


def test_the_rebuild_after_a_bulk_load_and_the_filter_agree_with_the_members() -> None:
    rnd = random.Random(3)
    organisations = [OrganisationFactory(kind=kind) for kind in OrganisationKind.values]
    coalitions = Coalition.objects.bulk_create(
        [CoalitionFactory.build(programme=CoalitionFactory().programme) for _ in range(12)]
    )
    people = [PersonFactory() for _ in range(4)]
    CoalitionMember.objects.bulk_create(  # no signal: the rebuild puts the kinds right
        CoalitionMember(
            coalition=coalition,
            person=person,
            organisation=rnd.choice([*organisations, None]),
        )
        for coalition in coalitions
        for person in rnd.sample(people, rnd.randint(0, 4))
    )
    call_command("rebuild_coalition_kinds", verbosity=0)
    for kind in OrganisationKind.values:
        joined = Coalition.objects.filter(
            Exists(
                CoalitionMember.objects.filter(coalition=OuterRef("pk"), organisation__kind=kind)
            )
        )
        listed = selectors.coalition_list(viewer=AnonymousUser(), kind=kind)
        assert {c.pk for c in listed} == {c.pk for c in joined}, kind
    assert not selectors.coalition_list(viewer=AnonymousUser(), kind="nonsense").exists()
