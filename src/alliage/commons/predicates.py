"""Permission predicates on publications and reuses; each caches what it reads on the objects
so that a page asks the database once, however many checks it makes."""

from __future__ import annotations

from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User
from alliage.core.predicates import object_predicate

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


@object_predicate
def is_published(user: User, obj: Publication | Reuse) -> bool:
    """Published publications are public."""
    publication = _publication_of(obj)
    return publication is not None and publication.status == PublicationStatus.PUBLISHED


@object_predicate
def is_author(user: User, obj: Publication | Reuse) -> bool:
    """The authors (people) of a publication see it while it is a draft."""
    publication = _publication_of(obj)
    return (
        publication is not None
        and user.is_authenticated
        and user.pk in author_user_ids(publication)
    )


@object_predicate
def is_publication_team(user: User, obj: Publication | Reuse) -> bool:
    """The team of the publication's programme writes it and moderates its reuses; a
    publication without a programme belongs to the administrators."""
    publication = _publication_of(obj)
    return (
        publication is not None
        and publication.programme_id is not None
        and publication.programme_id in team_programme_ids(user)
    )


@object_predicate
def is_reuse_published(user: User, reuse: Reuse) -> bool:
    return reuse is not None and reuse.status == ReuseStatus.PUBLISHED


@object_predicate
def is_reuse_declarer(user: User, reuse: Reuse) -> bool:
    """The person who declared a reuse follows its moderation."""
    return (
        user.is_authenticated
        and reuse is not None
        and reuse.declared_by_id is not None
        and reuse.declared_by.user_id == user.pk
    )
