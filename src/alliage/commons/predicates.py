"""Permission predicates on publications and reuses; each caches what it reads on the objects
so that a page asks the database once, however many checks it makes."""

from __future__ import annotations

from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User
from alliage.core.predicates import memo, memo_forget, object_predicate

from .models import Publication, PublicationFile, PublicationStatus, Resource, Reuse, ReuseStatus

# What belongs to one publication and is checked as it.
Part = PublicationFile | Resource | Reuse
AUTHOR_USER_IDS = "commons.author_user_ids"


def _publication_of(obj: Publication | Part | None) -> Publication | None:
    """The publication a check is about (a file, a resource or a reuse is checked as its
    publication); None when the check is about no object (as the administration site asks
    "may view publications?")."""
    return obj.publication if isinstance(obj, Part) else obj


def author_user_ids(publication: Publication) -> frozenset[int]:
    """The accounts of the publication's authors (people); uses a prefetch when there is one,
    and asks once per publication however many checks a page makes."""
    if publication.pk is None:
        return frozenset()
    return memo(
        publication,
        AUTHOR_USER_IDS,
        lambda: frozenset(person.user_id for person in publication.author_people.all()),
    )


def author_user_ids_forget(publication: Publication) -> None:
    """Its authors changed: the next check reads them again."""
    memo_forget(publication, AUTHOR_USER_IDS)


@object_predicate
def is_published(user: User, obj: Publication | Part) -> bool:
    """Published publications are public."""
    publication = _publication_of(obj)
    return publication is not None and publication.status == PublicationStatus.PUBLISHED


@object_predicate
def is_author(user: User, obj: Publication | Part) -> bool:
    """The authors (people) of a publication see it while it is a draft."""
    publication = _publication_of(obj)
    return (
        publication is not None
        and user.is_authenticated
        and user.pk in author_user_ids(publication)
    )


@object_predicate
def is_publication_team(user: User, obj: Publication | Part) -> bool:
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
