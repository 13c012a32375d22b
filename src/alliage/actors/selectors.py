"""Reads of actors, ready to render, with each person's choice of who sees which field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from alliage.core.models import User
from alliage.core.predicates import is_on_a_team, memo
from alliage.core.search import PUBLIC, SearchIndex, Tags, Text, search_words, text_search

from .models import (
    VISIBLE_FIELDS,
    Affiliation,
    AffiliationRequest,
    AffiliationRequestStatus,
    Membership,
    MembershipStatus,
    Organisation,
    Payment,
    Person,
    Tier,
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


def good_standing_q(on: dt.date) -> Q:
    """A membership *in good standing* on ``on`` (à jour de cotisation): accepted by the team,
    covering that day, and paid in full. Every part that asks who the adhérents are (members'
    events and fields, newsletters, the voter roll of an assembly) reads this one filter."""
    return (
        _current_membership(on)
        & Q(status=MembershipStatus.ACCEPTED)
        & Q(amount_paid__gte=F("amount_due"))
    )


def memberships_in_good_standing(*, on: dt.date | None = None) -> QuerySet[Membership]:
    return Membership.objects.filter(good_standing_q(on or timezone.localdate()))


def holder_of_q(*, person: Person) -> Q:
    """Memberships held by ``person`` or by an organisation they belong to (a person of
    several of its organisations matches a membership once per affiliation)."""
    return Q(person=person) | Q(organisation__affiliations__person=person)


def person_is_member(
    *, person: Person, on: dt.date | None = None, for_events: bool = False
) -> bool:
    """An adhérent holds a membership in good standing, in their own name or through an
    organisation; ``for_events``: of a tier that includes the members' events."""
    qs = memberships_in_good_standing(on=on).filter(holder_of_q(person=person))
    if for_events:
        qs = qs.filter(tier__members_events=True)
    return qs.exists()


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


# What the directory's search looks through (core.search keeps the indexes). An organisation's
# profile is public; of a person, only the fields shown to everyone are indexed.
ORGANISATION_SEARCH = SearchIndex(
    model="actors.Organisation",
    title=(Text("name"),),
    body=(Text("description"), Text("intentions"), Text("capabilities"), Tags("tags")),
)
PERSON_SEARCH = SearchIndex(
    model="actors.Person",
    title=(Text("first_name"), Text("last_name")),
    body=(
        Text("bio", shown_if=("bio_visibility", PUBLIC)),
        Text("intentions", shown_if=("intentions_visibility", PUBLIC)),
        Text("capabilities", shown_if=("capabilities_visibility", PUBLIC)),
        Tags("tags", shown_if=("tags_visibility", PUBLIC)),
    ),
)


def organisation_list(
    *, q: str = "", kind: str = "", ranked: bool = False
) -> QuerySet[Organisation]:
    """Listed organisations by name; ``ranked``: the best matches of ``q`` first (the
    site-wide search)."""
    today = timezone.localdate()
    qs = Organisation.objects.listed().annotate(
        is_member=Exists(
            Membership.objects.filter(good_standing_q(today), organisation=OuterRef("pk"))
        )
    )
    if kind:
        qs = qs.filter(kind=kind)
    ranked = ranked and bool(search_words(q))
    qs = text_search(qs, q, index=ORGANISATION_SEARCH, ranked=ranked)
    order = ("-search_rank", "name", "pk") if ranked else ("name", "pk")
    return qs.prefetch_related("tags").order_by(*order)


def _listed_affiliations() -> QuerySet[Affiliation]:
    """A person's affiliations to organisations that appear in the directory."""
    return Affiliation.objects.filter(organisation_listed_q("organisation__")).select_related(
        "organisation"
    )


def person_list(*, q: str = "", viewer: User | None = None) -> QuerySet[Person]:
    """Listed people of active accounts. A search matches only the fields the viewer may
    see, so that it never reveals what a person keeps for members or for themselves: the index
    holds the fields shown to everyone; the members' audience also matches, as plain text, the
    fields shown to members."""
    qs = Person.objects.listed()
    if q.strip():
        levels = visible_levels(viewer=viewer) if viewer is not None else (Visibility.PUBLIC,)
        public = text_search(Person.objects.all(), q, index=PERSON_SEARCH).values("pk")
        match = Q(pk__in=public)
        if Visibility.MEMBERS in levels:
            members = Visibility.MEMBERS
            match |= Q(
                pk__in=Person.objects.filter(
                    Q(bio__icontains=q, bio_visibility=members)
                    | Q(intentions__icontains=q, intentions_visibility=members)
                    | Q(capabilities__icontains=q, capabilities_visibility=members)
                    | Q(tags__name__icontains=q, tags_visibility=members)
                ).values("pk")
            )
        qs = qs.filter(match)
    return qs.prefetch_related("tags", Prefetch("affiliations", _listed_affiliations())).order_by(
        "last_name", "first_name", "pk"
    )


def organisation_count_listed() -> int:
    return Organisation.objects.listed().count()


def organisation_kind_count_listed() -> int:
    """How many kinds of organisation the directory holds."""
    return Organisation.objects.listed().values("kind").distinct().count()


# How many of its people an organisation's page lists (the count says how many more there are).
ORGANISATION_PEOPLE = 60

# An organisation's profile is public: every field of it is shown.
ORGANISATION_FIELDS = frozenset({"intentions", "capabilities", "tags"})


def organisation_detail(*, slug: str, viewer: User | None = None) -> Organisation:
    """A listed organisation with the listed people who show it this viewer, ready to render
    (``shown``: its fields the page shows). ``Organisation.DoesNotExist`` otherwise."""
    today = timezone.localdate()
    levels = visible_levels(viewer=viewer) if viewer is not None else (Visibility.PUBLIC,)
    shown = person_listed_q("person__") & Q(person__affiliations_visibility__in=levels)
    organisation = (
        Organisation.objects.listed()
        # How many people it shows in all, in the same query; the page lists the first ones.
        .annotate(
            people_count=Count(
                "affiliations",
                filter=Q(
                    person_listed_q("affiliations__person__"),
                    affiliations__person__affiliations_visibility__in=levels,
                ),
            )
        )
        .prefetch_related(
            "tags",
            Prefetch(
                "affiliations",
                Affiliation.objects.filter(shown)
                .select_related("person")
                .order_by("person__last_name", "person__first_name", "pk")[:ORGANISATION_PEOPLE],
                to_attr="people_shown",
            ),
            Prefetch(
                "memberships",
                Membership.objects.filter(good_standing_q(today)).select_related("tier"),
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


# --- The team's back-office -------------------------------------------------------------

RENEWAL_AHEAD_DAYS = 30
LAPSED_WITHIN_DAYS = 90


def team_organisation_list(*, q: str = "") -> QuerySet[Organisation]:
    """Every organisation, listed or not, with how many people it has."""
    qs = Organisation.objects.annotate(people_count=Count("affiliations", distinct=True))
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(slug__icontains=q) | Q(city__icontains=q))
    return qs.order_by("name")


def team_person_list(*, q: str = "") -> QuerySet[Person]:
    """Every person, listed or not, with their account and organisations."""
    qs = Person.objects.select_related("user").prefetch_related(
        Prefetch("affiliations", Affiliation.objects.select_related("organisation"))
    )
    if q:
        qs = qs.filter(
            Q(first_name__icontains=q) | Q(last_name__icontains=q) | Q(user__email__icontains=q)
        )
    return qs.order_by("last_name", "first_name", "pk")


def organisation_for_team(*, pk: int) -> Organisation:
    return Organisation.objects.get(pk=pk)


def person_for_team(*, pk: int) -> Person:
    return Person.objects.select_related("user").get(pk=pk)


def membership_for_team(*, pk: int) -> Membership:
    return Membership.objects.select_related(
        "organisation", "person", "tier", "representative"
    ).get(pk=pk)


def membership_payments(*, membership: Membership) -> QuerySet[Payment]:
    """A membership's payments, oldest first, with who recorded each."""
    return membership.payments.select_related("recorded_by__person").order_by("paid_on", "pk")


def payment_for_team(*, membership_pk: int, pk: int) -> Payment:
    """One payment of that membership: a payment of another membership does not exist here."""
    return Payment.objects.select_related("membership").get(pk=pk, membership_id=membership_pk)


def representative_choices() -> QuerySet[Person]:
    """The people who may vote in an organisation's name: those affiliated with one, with
    their organisations for the choice's label."""
    return (
        Person.objects.filter(affiliations__isnull=False)
        .distinct()
        .select_related("user")
        .prefetch_related("affiliations__organisation")
        .order_by("last_name", "first_name", "pk")
    )


def person_is_affiliated(*, person: Person, organisation: Organisation) -> bool:
    return Affiliation.objects.filter(person=person, organisation=organisation).exists()


# --- Membership tiers, for the team ------------------------------------------------------


def tier_list_for_team() -> QuerySet[Tier]:
    """Every tier, open or closed, with how many memberships use it."""
    return Tier.objects.annotate(membership_count=Count("memberships")).order_by(
        "position", "yearly_amount", "code"
    )


def tier_for_team(*, code: str) -> Tier:
    return Tier.objects.annotate(membership_count=Count("memberships")).get(code=code)


def organisation_by_key(*, key: str) -> Organisation | None:
    """An organisation by its slug or, failing that, its name (any case)."""
    key = " ".join(key.split())
    if not key:
        return None
    return (
        Organisation.objects.filter(slug=key).first()
        or Organisation.objects.filter(name__iexact=key).first()
    )


def person_by_email(*, email: str) -> Person | None:
    return Person.objects.filter(user__email__iexact=email.strip()).select_related("user").first()


class MembershipPeriod:
    CURRENT = "current"
    DUE = "due"  # ending within RENEWAL_AHEAD_DAYS
    LAPSED = "lapsed"  # ended within LAPSED_WITHIN_DAYS
    PAST = "past"
    FUTURE = "future"


def _period_q(period: str, today: dt.date) -> Q:
    ahead = today + dt.timedelta(days=RENEWAL_AHEAD_DAYS)
    since = today - dt.timedelta(days=LAPSED_WITHIN_DAYS)
    return {
        MembershipPeriod.CURRENT: _current_membership(today) & Q(status=MembershipStatus.ACCEPTED),
        MembershipPeriod.DUE: Q(ends_on__gte=today, ends_on__lte=ahead, starts_on__lte=today),
        MembershipPeriod.LAPSED: Q(ends_on__lt=today, ends_on__gte=since),
        MembershipPeriod.PAST: Q(ends_on__lt=today),
        MembershipPeriod.FUTURE: Q(starts_on__gt=today),
    }.get(period, Q())


def _renewed_q() -> Exists:
    """A later membership of the same holder exists: this one needs no renewal."""
    later = Membership.objects.filter(starts_on__gt=OuterRef("ends_on")).filter(
        Q(organisation=OuterRef("organisation"), organisation__isnull=False)
        | Q(person=OuterRef("person"), person__isnull=False)
    )
    return Exists(later)


def membership_list(
    *,
    tier: str = "",
    period: str = "",
    status: str = "",
    q: str = "",
    today: dt.date | None = None,
) -> QuerySet[Membership]:
    """Memberships by tier and period; ``due`` and ``lapsed`` leave out the ones already
    renewed (a later membership of the same holder)."""
    today = today or timezone.localdate()
    qs = Membership.objects.select_related(
        "organisation", "person__user", "tier", "representative"
    ).annotate(renewed=_renewed_q())
    if tier:
        qs = qs.filter(tier=tier)
    if status:
        qs = qs.filter(status=status)
    if period:
        qs = qs.filter(_period_q(period, today))
        if period in (MembershipPeriod.DUE, MembershipPeriod.LAPSED):
            qs = qs.filter(renewed=False)
    if q:
        qs = qs.filter(
            Q(organisation__name__icontains=q)
            | Q(person__first_name__icontains=q)
            | Q(person__last_name__icontains=q)
            | Q(person__user__email__icontains=q)
        )
    return qs.order_by("ends_on", "pk")


def membership_pulse(*, today: dt.date | None = None) -> dict[str, int]:
    """The dashboard's figures, in one query: current memberships, those ending within 30
    days and those lapsed within 90, not yet renewed."""
    today = today or timezone.localdate()
    qs = Membership.objects.annotate(renewed=_renewed_q())
    return qs.aggregate(
        current=Count("pk", filter=_period_q(MembershipPeriod.CURRENT, today)),
        due=Count("pk", filter=_period_q(MembershipPeriod.DUE, today) & Q(renewed=False)),
        lapsed=Count("pk", filter=_period_q(MembershipPeriod.LAPSED, today) & Q(renewed=False)),
    )


# --- Merging duplicates -----------------------------------------------------------------


def incoming_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """Every foreign key of any installed app that points to ``model`` (the tables behind
    many-to-many relations included): what follows the kept row when two are merged."""
    return [
        rel
        for rel in model._meta.get_fields(include_hidden=True)
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)
    ]


def _relation_label(model: type[models.Model]) -> str:
    """A table's name for people: a many-to-many's own table is named after its field."""
    owner = model._meta.auto_created
    if owner:
        for field in owner._meta.many_to_many:
            if field.remote_field.through is model:
                return str(field.verbose_name)
    return str(model._meta.verbose_name_plural)


def merge_preview(*, keep: Organisation | Person, drop: Organisation | Person) -> list[dict]:
    """What a merge would move from ``drop`` to ``keep``: one line per table with rows."""
    lines = []
    for rel in incoming_relations(type(drop)):
        count = rel.related_model._base_manager.filter(**{rel.field.name: drop}).count()
        if count:
            meta = rel.related_model._meta
            lines.append(
                {
                    "model": meta.label_lower,
                    "label": _relation_label(rel.related_model),
                    "field": rel.field.verbose_name,
                    "count": count,
                }
            )
    return lines


# --- Requests to join an organisation ----------------------------------------------------


def affiliation_request_detail(*, pk: int) -> AffiliationRequest:
    return AffiliationRequest.objects.select_related("person__user", "organisation").get(pk=pk)


def affiliation_requests_to_answer(*, person: Person | None) -> QuerySet[AffiliationRequest]:
    """The pending requests to join the person's organisations."""
    if person is None:
        return AffiliationRequest.objects.none()
    return (
        AffiliationRequest.objects.filter(
            status=AffiliationRequestStatus.PENDING,
            organisation__affiliations__person=person,
        )
        .exclude(person=person)
        .select_related("person", "organisation")
        .order_by("created_at")
    )


def affiliation_requests_pending(*, organisation: Organisation) -> QuerySet[AffiliationRequest]:
    return (
        organisation.affiliation_requests.filter(status=AffiliationRequestStatus.PENDING)
        .select_related("person")
        .order_by("created_at")
    )


def affiliation_requests_waiting_for_team() -> QuerySet[AffiliationRequest]:
    """All pending requests, oldest first: the team answers those nobody else did."""
    return (
        AffiliationRequest.objects.filter(status=AffiliationRequestStatus.PENDING)
        .select_related("person", "organisation")
        .order_by("created_at")
    )


def affiliation_request_of(*, person: Person | None, organisation: Organisation):
    """The person's latest request to join this organisation, or None."""
    if person is None:
        return None
    return person.affiliation_requests.filter(organisation=organisation).first()


def affiliation_requests_of_person(*, person: Person | None) -> QuerySet[AffiliationRequest]:
    if person is None:
        return AffiliationRequest.objects.none()
    return person.affiliation_requests.select_related("organisation")


def organisation_join_state(*, organisation: Organisation, viewer: User) -> dict[str, Any]:
    """What the organisation's page offers this viewer about joining it: to ask, the request
    already sent, or (for its people and the team) the requests to answer."""
    person = person_for_user(user=viewer)
    is_affiliated = person is not None and organisation.affiliations.filter(person=person).exists()
    latest = affiliation_request_of(person=person, organisation=organisation)
    answers = viewer.has_perm("actors.manage_actors") or is_affiliated
    return {
        "is_affiliated": is_affiliated,
        "can_edit": viewer.is_authenticated
        and viewer.has_perm("actors.edit_organisation", organisation),
        "my_request": latest if latest is not None and latest.is_pending else None,
        "can_ask": viewer.is_authenticated
        and not is_affiliated
        and (latest is None or not latest.is_pending),
        "to_answer": list(affiliation_requests_pending(organisation=organisation))
        if answers
        else [],
    }


def affiliation_requests_waiting_count() -> int:
    return AffiliationRequest.objects.filter(status=AffiliationRequestStatus.PENDING).count()
