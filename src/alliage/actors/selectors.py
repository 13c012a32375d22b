"""Reads of actors, ready to render."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from alliage.core.models import User

from .models import Affiliation, Membership, Organisation, Person


def person_for_user(*, user: User) -> Person | None:
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def _current_membership(on: dt.date) -> Q:
    return Q(starts_on__lte=on, ends_on__gte=on)


def person_is_member(*, person: Person, on: dt.date | None = None) -> bool:
    """An adhérent holds a current membership, in their own name or through an organisation."""
    on = on or timezone.localdate()
    return (
        Membership.objects.filter(_current_membership(on))
        .filter(Q(person=person) | Q(organisation__affiliations__person=person))
        .exists()
    )


def organisation_list(*, q: str = "", kind: str = "") -> QuerySet[Organisation]:
    today = timezone.localdate()
    qs = Organisation.objects.filter(is_listed=True).annotate(
        is_member=Exists(
            Membership.objects.filter(_current_membership(today), organisation=OuterRef("pk"))
        )
    )
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(description__icontains=q)
            | Q(intentions__icontains=q)
            | Q(capabilities__icontains=q)
            | Q(tags__name__icontains=q)
        ).distinct()
    return qs.prefetch_related("tags").order_by("name")


def _listed_affiliations() -> QuerySet[Affiliation]:
    """A person's affiliations to organisations that appear in the directory."""
    return Affiliation.objects.filter(organisation__is_listed=True).select_related("organisation")


def person_list(*, q: str = "") -> QuerySet[Person]:
    qs = Person.objects.filter(is_listed=True, user__is_active=True)
    if q:
        qs = qs.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(bio__icontains=q)
            | Q(intentions__icontains=q)
            | Q(capabilities__icontains=q)
            | Q(tags__name__icontains=q)
        ).distinct()
    return qs.prefetch_related("tags", Prefetch("affiliations", _listed_affiliations())).order_by(
        "last_name", "first_name"
    )


def organisation_detail(*, slug: str) -> Organisation:
    today = timezone.localdate()
    return (
        Organisation.objects.filter(is_listed=True)
        .prefetch_related(
            "tags",
            Prefetch(
                "affiliations",
                Affiliation.objects.filter(person__is_listed=True).select_related("person"),
            ),
            Prefetch(
                "memberships",
                Membership.objects.filter(_current_membership(today)),
                to_attr="current_memberships",
            ),
        )
        .get(slug=slug)
    )


def person_detail(*, pk: int, viewer: User) -> Person:
    """A listed person, or oneself even when unlisted."""
    visible = Q(is_listed=True, user__is_active=True)
    if viewer.is_authenticated:
        visible |= Q(user=viewer)
    return (
        Person.objects.filter(visible)
        .prefetch_related("tags", Prefetch("affiliations", _listed_affiliations()))
        .get(pk=pk)
    )


def organisations_for_person(*, person: Person) -> QuerySet[Organisation]:
    return Organisation.objects.filter(affiliations__person=person).order_by("name")
