"""Permission predicates on publications and reuses; each caches what it reads on the objects
so that a page asks the database once, however many checks it makes."""

from __future__ import annotations

import rules

from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User

from .models import Publication, PublicationStatus, Reuse, ReuseStatus


def _publication_of(obj: Publication | Reuse | None) -> Publication | None:
    """The publication a check is about; None when the check is about no object (as the
    administration site asks "may view publications?")."""
    return obj.publication if isinstance(obj, Reuse) else obj


def author_user_ids(publication: Publication) -> frozenset[int]:
    """The accounts of the publication's authors (people); uses a prefetch when there is one."""
    if publication.pk is None:
        return frozenset()
    if "_author_user_ids" not in publication.__dict__:
        publication.__dict__["_author_user_ids"] = frozenset(
            person.user_id for person in publication.author_people.all()
        )
    return publication.__dict__["_author_user_ids"]


@rules.predicate
def is_published(user: User, obj: Publication | Reuse | None) -> bool:
    """Published publications are public."""
    publication = _publication_of(obj)
    return publication is not None and publication.status == PublicationStatus.PUBLISHED


@rules.predicate
def is_author(user: User, obj: Publication | Reuse | None) -> bool:
    """The authors (people) of a publication see it while it is a draft."""
    publication = _publication_of(obj)
    return (
        publication is not None
        and user.is_authenticated
        and user.pk in author_user_ids(publication)
    )


@rules.predicate
def is_publication_team(user: User, obj: Publication | Reuse | None) -> bool:
    """The team of the publication's programme writes it and moderates its reuses; a
    publication without a programme belongs to the administrators."""
    publication = _publication_of(obj)
    return (
        publication is not None
        and publication.programme_id is not None
        and publication.programme_id in team_programme_ids(user)
    )


@rules.predicate
def is_in_a_team(user: User) -> bool:
    """Belongs to the team of at least one programme."""
    return bool(team_programme_ids(user))


@rules.predicate
def is_reuse_published(user: User, reuse: Reuse | None) -> bool:
    return reuse is not None and reuse.status == ReuseStatus.PUBLISHED


@rules.predicate
def is_reuse_declarer(user: User, reuse: Reuse | None) -> bool:
    """The person who declared a reuse follows its moderation."""
    return (
        user.is_authenticated
        and reuse is not None
        and reuse.declared_by_id is not None
        and reuse.declared_by.user_id == user.pk
    )


is_admin = rules.is_superuser
is_signed_in = rules.is_authenticated
