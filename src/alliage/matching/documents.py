"""What the index knows of each indexed object, read from the database in batches.

Keys are ``<kind>:<primary key>``: ``org:12``, ``person:7``, ``coalition:3``, ``submission:9``.
Only what may be suggested or shown is indexed: listed organisations, people who are in the
directory and consented to be suggested, published coalitions that still take members, submitted
submissions. A row that stops qualifying is removed at its next update.

A person's document holds only what every possible viewer of a suggestion may read: the fields
they show to everyone (``Visibility.PUBLIC``), their public tags, and the kind of their first
listed organisation when their organisations are public. A suggestion's reason quotes the
document, so nothing kept for members or for the person themselves can ever reach it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from alliage.actors.models import (
    Affiliation,
    Organisation,
    OrganisationKind,
    Person,
    Visibility,
    organisation_listed_q,
)
from alliage.calls.models import Submission, SubmissionStatus
from alliage.coalitions.models import Coalition, CoalitionStatus

from .engine import Document

BATCH = 2000
KIND_OF_PREFIX = {
    "org": "organisation",
    "person": "person",
    "coalition": "coalition",
    "submission": "submission",
}


def key_of(obj: Organisation | Person | Coalition | Submission) -> str:
    prefix = {
        Organisation: "org",
        Person: "person",
        Coalition: "coalition",
        Submission: "submission",
    }[type(obj)]
    return f"{prefix}:{obj.pk}"


def split_key(key: str) -> tuple[str, int]:
    prefix, _, pk = key.partition(":")
    return prefix, int(pk)


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


# Each source: the rows that qualify (or those of ``rows``, to measure the documents of other
# rows), with what their document reads.


def organisations(rows: QuerySet[Organisation] | None = None) -> QuerySet[Organisation]:
    """Listed organisations."""
    return (Organisation.objects.listed() if rows is None else rows).prefetch_related("tags")


def people(rows: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """People who are in the directory and consent to be suggested, with an active account:
    a person who withdrew from the directory has a profile no one else may open, so naming
    them in a suggestion would reveal them (an erased person is neither)."""
    return suggestable_people(Person.objects.all()) if rows is None else with_documents(rows)


def suggestable_people(rows: QuerySet[Person]) -> QuerySet[Person]:
    """``rows`` narrowed to the people who may be suggested, with what their document reads
    (the selectors resolve hits through it too, so that a lagging index cannot resurrect a
    person who has just withdrawn)."""
    return with_documents(rows.listed().suggestable())


def with_documents(rows: QuerySet[Person]) -> QuerySet[Person]:
    """``rows`` with what ``person_document`` reads: tags, and affiliations to listed
    organisations."""
    return rows.prefetch_related(
        "tags",
        Prefetch(
            "affiliations",
            queryset=Affiliation.objects.filter(organisation_listed_q("organisation__"))
            .select_related("organisation")
            .order_by("id"),
        ),
    )


def coalitions(rows: QuerySet[Coalition] | None = None) -> QuerySet[Coalition]:
    """Published coalitions that still take members."""
    if rows is None:
        return Coalition.objects.published().exclude(status=CoalitionStatus.CLOSED)
    return rows


def submissions(rows: QuerySet[Submission] | None = None) -> QuerySet[Submission]:
    """Submitted proposals."""
    if rows is None:
        rows = Submission.objects.filter(status=SubmissionStatus.SUBMITTED)
    return rows.select_related("organisation")


def organisation_document(org: Organisation) -> Document:
    return Document(
        key=key_of(org),
        kind="organisation",
        group=org.kind,
        text=_join(org.name, org.description, org.intentions, org.capabilities),
        tags=tuple(t.name for t in org.tags.all()),
    )


def _public(person: Person, field: str) -> bool:
    return person.visibility_of(field) == Visibility.PUBLIC


def person_group(person: Person) -> str:
    """The kind of the first listed organisation the person belongs to; "other" in their own
    name, as the heterogeneity index counts them; "" (no kind at all) when they do not show
    their organisations to everyone, since the kind would say where they work. ``person``
    has the listed affiliations prefetched (``suggestable_people``)."""
    if not _public(person, "affiliations"):
        return ""
    affiliations = list(person.affiliations.all())
    return affiliations[0].organisation.kind if affiliations else OrganisationKind.OTHER


def person_document(person: Person) -> Document:
    """The person's public words only: a field shown to members or to the person alone is
    left out, whoever will read the suggestion."""
    return Document(
        key=key_of(person),
        kind="person",
        group=person_group(person),
        text=_join(
            *(
                getattr(person, field)
                for field in ("bio", "intentions", "capabilities")
                if _public(person, field)
            )
        ),
        tags=tuple(t.name for t in person.tags.all()) if _public(person, "tags") else (),
    )


def coalition_document(coalition: Coalition) -> Document:
    return Document(
        key=key_of(coalition),
        kind="coalition",
        text=_join(
            coalition.title,
            coalition.summary,
            coalition.impact_statement,
            coalition.seeking,
            coalition.diagnostic,
            coalition.levers,
        ),
    )


def submission_document(submission: Submission) -> Document:
    return Document(
        key=key_of(submission),
        kind="submission",
        group=submission.organisation.kind if submission.organisation else OrganisationKind.OTHER,
        text=_join(
            submission.title,
            submission.summary,
            submission.impact,
            submission.partners_sought,
            submission.diagnostic,
        ),
    )


SOURCES = (
    ("org", organisations, organisation_document),
    ("person", people, person_document),
    ("coalition", coalitions, coalition_document),
    ("submission", submissions, submission_document),
)


def count_all() -> int:
    return sum(queryset().count() for _prefix, queryset, _build in SOURCES)


def all_documents() -> Iterator[Document]:
    """Every indexable object, read in batches so memory stays flat at any size."""
    for _prefix, queryset, build in SOURCES:
        last = 0
        while True:
            batch = list(queryset().filter(pk__gt=last).order_by("pk")[:BATCH])
            if not batch:
                break
            yield from (build(obj) for obj in batch)
            last = batch[-1].pk


def documents_for(keys: Iterable[str]) -> tuple[list[Document], list[str]]:
    """The current documents of these keys, and the keys that no longer qualify."""
    wanted: dict[str, set[int]] = {}
    for key in keys:
        prefix, pk = split_key(key)
        wanted.setdefault(prefix, set()).add(pk)
    found: list[Document] = []
    for prefix, queryset, build in SOURCES:
        if prefix in wanted:
            found.extend(build(obj) for obj in queryset().filter(pk__in=wanted[prefix]))
    present = {d.key for d in found}
    gone = [f"{p}:{pk}" for p, pks in wanted.items() for pk in pks if f"{p}:{pk}" not in present]
    return found, gone
