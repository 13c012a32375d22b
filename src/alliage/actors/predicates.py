"""Permission predicates on people and organisations. Each takes (user, actor)."""

from __future__ import annotations

from alliage.core.models import User
from alliage.core.predicates import object_predicate

from .models import Affiliation, AffiliationRequest, Organisation, Person


@object_predicate
def is_self(user: User, person: Person) -> bool:
    """The person is the user's own."""
    return user.is_authenticated and person.user_id == user.pk


@object_predicate
def is_listed_person(user: User, person: Person) -> bool:
    """In the directory: listed, with an active account (``PersonQuerySet.listed``, for one
    person)."""
    return person.is_listed and person.user.is_active and not person.hidden_by_moderation


@object_predicate
def is_listed_organisation(user: User, organisation: Organisation) -> bool:
    """In the directory (``OrganisationQuerySet.listed``, for one organisation)."""
    return organisation.is_listed


@object_predicate
def accepts_messages(user: User, person: Person) -> bool:
    """The person consented to be contacted by other actors, their account is active, and
    the moderators have not hidden their profile."""
    return person.is_contactable and person.user.is_active and not person.hidden_by_moderation


@object_predicate
def is_affiliated(user: User, organisation: Organisation) -> bool:
    """The user's person is affiliated to the organisation."""
    return user.is_authenticated and organisation.affiliations.filter(person__user=user).exists()


@object_predicate
def is_of_requested_organisation(user: User, request: AffiliationRequest) -> bool:
    """The user is one of the people of the organisation a person asks to join."""
    return (
        user.is_authenticated
        and Affiliation.objects.filter(
            organisation_id=request.organisation_id, person__user=user
        ).exists()
    )


@object_predicate
def is_own_request(user: User, request: AffiliationRequest) -> bool:
    return user.is_authenticated and request.person.user_id == user.pk
