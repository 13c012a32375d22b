"""Who receives a newsletter: the people whose latest newsletter receipt is a grant, narrowed
by the filters, never an inactive account."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from alliage.actors.models import OrganisationKind
from alliage.follows.services import follow_add
from alliage.newsletters.selectors import audience
from tests.factories import (
    AffiliationFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
)

from .factories import consent, consenting

pytestmark = pytest.mark.django_db


def _users(programme, **filters):
    return set(audience(programme=programme, **filters))


def test_only_the_consented_are_in_and_a_later_withdrawal_takes_them_out():
    programme = ProgrammeFactory()
    yes = consenting()
    never = PersonFactory()
    withdrew = consenting()
    consent(withdrew, False, ago=1)
    again = PersonFactory()
    consent(again, False, ago=10)
    consent(again, True, ago=2)
    assert _users(programme) == {yes.user, again.user}
    assert never.user not in _users(programme)


def test_an_inactive_account_is_out():
    programme = ProgrammeFactory()
    person = consenting()
    person.user.is_active = False
    person.user.save()
    assert _users(programme) == set()


def test_adherents_only_keeps_own_and_organisation_memberships():
    programme = ProgrammeFactory()
    own = consenting()
    MembershipFactory(organisation=None, person=own)
    through = consenting()
    member_org = OrganisationFactory()
    MembershipFactory(organisation=member_org)
    AffiliationFactory(person=through, organisation=member_org)
    expired = consenting()
    today = timezone.localdate()
    MembershipFactory(
        organisation=None,
        person=expired,
        starts_on=today - dt.timedelta(days=400),
        ends_on=today - dt.timedelta(days=10),
    )
    unconsented = PersonFactory()
    MembershipFactory(organisation=None, person=unconsented)
    consenting()  # not an adhérent
    assert _users(programme, adherents_only=True) == {own.user, through.user}


def test_organisation_kind_filter():
    programme = ProgrammeFactory()
    researcher = consenting()
    AffiliationFactory(
        person=researcher, organisation=OrganisationFactory(kind=OrganisationKind.RESEARCH)
    )
    journalist = consenting()
    AffiliationFactory(
        person=journalist, organisation=OrganisationFactory(kind=OrganisationKind.MEDIA)
    )
    consenting()  # no organisation
    kinds = [OrganisationKind.RESEARCH]
    assert _users(programme, organisation_kinds=kinds) == {researcher.user}
    both = _users(programme, organisation_kinds=[OrganisationKind.RESEARCH, "media"])
    assert both == {researcher.user, journalist.user}


def test_followers_filter():
    programme, other = ProgrammeFactory(), ProgrammeFactory()
    follower = consenting()
    follow_add(user=follower.user, obj=programme, check=False)
    elsewhere = consenting()
    follow_add(user=elsewhere.user, obj=other, check=False)
    silent_follower = PersonFactory()
    follow_add(user=silent_follower.user, obj=programme, check=False)
    assert _users(programme, followers_only=True) == {follower.user}


def test_the_audience_is_one_query(django_assert_num_queries):
    programme = ProgrammeFactory()
    for _ in range(3):
        person = consenting()
        MembershipFactory(organisation=None, person=person)
    with django_assert_num_queries(1):
        assert (
            audience(
                programme=programme,
                followers_only=False,
                adherents_only=True,
                organisation_kinds=["association"],
            ).count()
            == 0
        )
