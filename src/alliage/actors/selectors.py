"""Reads of actors, ready to render, with each person's choice of who sees which field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from alliage.core.models import User
from alliage.core.predicates import is_on_a_team, memo

from .models import (
    VISIBLE_FIELDS,
    Affiliation,
    Membership,
    Organisation,
    Person,
    Visibility,
    organisation_listed_q,
    person_listed_q,
)


def person_for_user(*, user: User) -> Person | None:
    """The account's person, or None (anonymous, or an account that has not acted yet): what
    a page shown on GET reads, since showing a page never creates a person."""
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def person_new_defaults(*, user: User) -> dict[str, Any]:
    """What the person of an account made outside sign-up (``createsuperuser``, the admin)
    starts with: named from the e-mail address, and, since nobody chose to appear, out of the
    directory and the suggestions until they do."""
    return {
        "first_name": user.email.split("@")[0][:80],
        "last_name": "",
        "is_listed": False,
        "is_suggestable": False,
    }


def person_for_user_or_draft(*, user: User) -> Person:
    """The account's person or, unsaved, the one ``person_ensure`` will create when they first
    act: a form can show it without writing anything."""
    return person_for_user(user=user) or Person(user=user, **person_new_defaults(user=user))


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


def is_members_audience(*, viewer: User) -> bool:
    """Who sees the fields a person shows to "members": signed-in adhérents (a current
    membership, their own or their organisation's), the programme team and the staff.
    Read once per user object."""
    if not viewer.is_authenticated:
        return False

    def compute() -> bool:
        person = person_for_user(user=viewer)
        return (
            viewer.is_staff
            or viewer.is_superuser
            or is_on_a_team(viewer)
            or (person is not None and person_is_member(person=person))
        )

    return memo(viewer, "actors.members_audience", compute)


def visible_levels(*, viewer: User) -> tuple[str, ...]:
    """The visibilities of other people's fields this viewer may read."""
    if is_members_audience(viewer=viewer):
        return (Visibility.PUBLIC, Visibility.MEMBERS)
    return (Visibility.PUBLIC,)


def person_shown_fields(*, person: Person, viewer: User) -> frozenset[str]:
    """The profile fields of ``person`` that ``viewer`` may see; a person sees all of theirs."""
    if viewer.is_authenticated and person.user_id == viewer.pk:
        return frozenset(VISIBLE_FIELDS)
    levels = visible_levels(viewer=viewer)
    return frozenset(f for f in VISIBLE_FIELDS if person.visibility_of(f) in levels)


def attach_shown_fields(people: Iterable[Person], *, viewer: User) -> None:
    """Set ``person.shown`` on each person of a page: templates show only those fields."""
    for person in people:
        person.shown = person_shown_fields(person=person, viewer=viewer)


def organisation_list(*, q: str = "", kind: str = "") -> QuerySet[Organisation]:
    today = timezone.localdate()
    qs = Organisation.objects.listed().annotate(
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
    return Affiliation.objects.filter(organisation_listed_q("organisation__")).select_related(
        "organisation"
    )


def person_list(*, q: str = "", viewer: User | None = None) -> QuerySet[Person]:
    """Listed people of active accounts. A search matches only the fields the viewer may
    see, so that it never reveals what a person keeps for members or for themselves."""
    qs = Person.objects.listed()
    if q:
        levels = visible_levels(viewer=viewer) if viewer is not None else (Visibility.PUBLIC,)
        qs = qs.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(bio__icontains=q, bio_visibility__in=levels)
            | Q(intentions__icontains=q, intentions_visibility__in=levels)
            | Q(capabilities__icontains=q, capabilities_visibility__in=levels)
            | Q(tags__name__icontains=q, tags_visibility__in=levels)
        ).distinct()
    return qs.prefetch_related("tags", Prefetch("affiliations", _listed_affiliations())).order_by(
        "last_name", "first_name"
    )


def organisation_count_listed() -> int:
    return Organisation.objects.listed().count()


def organisation_kind_count_listed() -> int:
    """How many kinds of organisation the directory holds."""
    return Organisation.objects.listed().values("kind").distinct().count()


# An organisation's profile is public: every field of it is shown.
ORGANISATION_FIELDS = frozenset({"intentions", "capabilities", "tags"})


def organisation_detail(*, slug: str, viewer: User | None = None) -> Organisation:
    """A listed organisation with the listed people who show it this viewer, ready to render
    (``shown``: its fields the page shows). ``Organisation.DoesNotExist`` otherwise."""
    today = timezone.localdate()
    levels = visible_levels(viewer=viewer) if viewer is not None else (Visibility.PUBLIC,)
    organisation = (
        Organisation.objects.listed()
        .prefetch_related(
            "tags",
            Prefetch(
                "affiliations",
                Affiliation.objects.filter(
                    person_listed_q("person__"), person__affiliations_visibility__in=levels
                ).select_related("person"),
            ),
            Prefetch(
                "memberships",
                Membership.objects.filter(_current_membership(today)),
                to_attr="current_memberships",
            ),
        )
        .get(slug=slug)
    )
    organisation.shown = ORGANISATION_FIELDS
    return organisation


def organisation_listed(*, slug: str) -> Organisation:
    """A listed organisation, as it is (no prefetch); ``Organisation.DoesNotExist`` otherwise."""
    return Organisation.objects.listed().get(slug=slug)


def person_visible_q(viewer: User) -> Q:
    """The people whose page the viewer may open (``actors.see_person``, for a queryset): the
    directory's people, and oneself even when unlisted."""
    visible = person_listed_q()
    if viewer.is_authenticated:
        visible |= Q(user=viewer)
    return visible


def person_detail(*, pk: int, viewer: User) -> Person:
    """A person the viewer may see, ready to render: ``shown`` holds the fields of the
    profile this viewer may read. ``Person.DoesNotExist`` otherwise."""
    person = (
        Person.objects.filter(person_visible_q(viewer))
        .select_related("user")
        .prefetch_related("tags", Prefetch("affiliations", _listed_affiliations()))
        .get(pk=pk)
    )
    person.shown = person_shown_fields(person=person, viewer=viewer)
    return person


def person_of_user(*, pk: int, user: User) -> Person:
    """The person ``pk`` if it is the user's own; ``Person.DoesNotExist`` otherwise (advice
    meant for the person themselves)."""
    if not user.is_authenticated:
        raise Person.DoesNotExist
    return Person.objects.select_related("user").get(pk=pk, user_id=user.pk)


def organisations_for_person(*, person: Person | None) -> QuerySet[Organisation]:
    """The organisations the person is affiliated to; none without a person yet."""
    if person is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(affiliations__person=person).order_by("name")
