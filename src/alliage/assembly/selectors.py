"""Reads of assemblies: the roll, the quorum, what a person may cast, the motions and their
results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from alliage.actors.models import Affiliation, Person

from . import tally
from .models import Assembly, Attendance, Motion, MotionStatus, Option, Proxy, QuorumBasis, Voter


def assembly_detail(*, slug: str) -> Assembly:
    return Assembly.objects.select_related("event__programme").get(event__slug=slug)


def active_proxies(assembly: Assembly) -> QuerySet[Proxy]:
    return Proxy.objects.filter(assembly=assembly, revoked_at__isnull=True)


def _represented_q() -> Exists:
    """A voter absent but represented: their active proxy's holder is present."""
    return Exists(
        Proxy.objects.filter(giver=OuterRef("pk"), revoked_at__isnull=True).exclude(
            holder__attendance=Attendance.ABSENT
        )
    )


@dataclass(frozen=True)
class Quorum:
    roll_count: int
    roll_weight: int
    present_count: int
    present_weight: int
    represented_count: int
    represented_weight: int
    percent: int
    basis: str
    second_convocation: bool

    @property
    def counted(self) -> int:
        """Present or represented, on the assembly's basis (members or votes)."""
        if self.basis == QuorumBasis.WEIGHT:
            return self.present_weight + self.represented_weight
        return self.present_count + self.represented_count

    @property
    def total(self) -> int:
        return self.roll_weight if self.basis == QuorumBasis.WEIGHT else self.roll_count

    @property
    def needed(self) -> int:
        """The smallest number present or represented that makes the quorum."""
        return -(-self.total * self.percent // 100)

    @property
    def reached(self) -> bool:
        return self.second_convocation or (self.total > 0 and self.counted >= self.needed)

    @property
    def share(self) -> int:
        """The whole percent present or represented (rounded down: never shown as reached
        before it is)."""
        return self.counted * 100 // self.total if self.total else 0


def quorum(assembly: Assembly) -> Quorum:
    """The roll, who is present and who is represented, in one query."""
    present = ~Q(attendance=Attendance.ABSENT)
    figures = Voter.objects.filter(assembly=assembly).annotate(represented=_represented_q())
    totals = figures.aggregate(
        roll_count=Count("pk"),
        roll_weight=Sum("weight", default=0),
        present_count=Count("pk", filter=present),
        present_weight=Sum("weight", filter=present, default=0),
        represented_count=Count("pk", filter=~present & Q(represented=True)),
        represented_weight=Sum("weight", filter=~present & Q(represented=True), default=0),
    )
    return Quorum(
        **totals,
        percent=assembly.quorum_percent,
        basis=assembly.quorum_basis,
        second_convocation=assembly.second_convocation,
    )


def voting_started(assembly: Assembly) -> bool:
    """Once a ballot has opened, proxies are fixed: neither given nor revoked any more."""
    return assembly.motions.exclude(status=MotionStatus.DRAFT).exists()


def roll(assembly: Assembly) -> QuerySet[Voter]:
    """The roll, each line with its active proxy given (``proxy_given``, a list) and those it
    holds (``proxies_held_now``)."""
    return (
        Voter.objects.filter(assembly=assembly)
        .select_related("person", "organisation")
        .prefetch_related(
            Prefetch(
                "proxies_given",
                Proxy.objects.filter(revoked_at__isnull=True).select_related("holder"),
                to_attr="proxy_given",
            ),
            Prefetch(
                "proxies_held",
                Proxy.objects.filter(revoked_at__isnull=True).select_related("giver"),
                to_attr="proxies_held_now",
            ),
        )
        .order_by("name", "pk")
    )


def voters_of(*, assembly: Assembly, person: Person | None) -> list[Voter]:
    """The lines of the roll this person casts in their own name or an organisation's."""
    if person is None:
        return []
    return list(roll(assembly).filter(person=person))


@dataclass(frozen=True)
class Right:
    """One vote a person may cast on a motion: for a line of the roll of theirs, or for one
    whose proxy they hold (``holder`` is then their line that holds it)."""

    voter: Voter
    holder: Voter | None = None

    @property
    def by_proxy(self) -> bool:
        return self.holder is not None


def rights_of(*, voters: list[Voter]) -> list[Right]:
    """What a person may cast, from their lines of the roll (``voters_of``): each line that is
    present and gave no proxy, and each proxy held by a line that is present. The one rule:
    the page's ballot forms read it, and ``services.ballot_cast`` reads it again under the
    ballot's lock."""
    rights: list[Right] = []
    for voter in voters:
        if not voter.is_present:
            continue
        if not voter.proxy_given:
            rights.append(Right(voter=voter))
        rights.extend(Right(voter=p.giver, holder=voter) for p in voter.proxies_held_now)
    return rights


def motions_of(assembly: Assembly) -> QuerySet[Motion]:
    return assembly.motions.prefetch_related(
        Prefetch("options", Option.objects.order_by("position", "pk"))
    ).annotate(
        cast_count=Count("participations"), cast_weight=Sum("participations__weight", default=0)
    )


def motion_result(motion: Motion) -> tally.Result | None:
    """The result of a closed ballot; None while it is not closed (nobody, the chair
    included, sees a running tally)."""
    if motion.status != MotionStatus.CLOSED:
        return None
    counts = [
        tally.Count(key=o.pk, label=o.label, meaning=o.meaning, weight=o.weight, ballots=o.ballots)
        for o in motion.options.all()
    ]
    cast = getattr(motion, "cast_weight", None)
    if cast is None:
        cast = motion.participations.aggregate(w=Sum("weight", default=0))["w"]
    return tally.result(
        kind=motion.kind, majority=motion.majority, seats=motion.seats, counts=counts, cast=cast
    )


def cast_by_person(*, motion: Motion, person: Person | None) -> set[int]:
    """The lines of the roll already used on this motion by this person."""
    if person is None:
        return set()
    return set(motion.participations.filter(cast_by=person).values_list("voter_id", flat=True))


def checkin_open(assembly: Assembly, now: dt.datetime | None = None) -> bool:
    """Check-in is open on the day: from two hours before the start until the end."""
    now = now or timezone.now()
    event = assembly.event
    return event.starts_at - dt.timedelta(hours=2) <= now <= event.ends_at


def assemblies_of(*, person: Person) -> QuerySet[Assembly]:
    """The assemblies to come whose roll holds this person (their /me/ section)."""
    return (
        Assembly.objects.filter(voters__person=person, event__ends_at__gte=timezone.now())
        .select_related("event")
        .distinct()
        .order_by("event__starts_at")
    )


def people_of(*, voters: list[Voter]) -> dict[int, list[Person]]:
    """The people of each organisation of these lines of the roll, by organisation id: whom
    the chair may designate to vote for it."""
    people: dict[int, list[Person]] = {}
    ids = [v.organisation_id for v in voters if v.organisation_id]
    for a in Affiliation.objects.filter(organisation_id__in=ids).select_related("person"):
        people.setdefault(a.organisation_id, []).append(a.person)
    return people


def designable(*, voter: Voter, pk: int) -> Person | None:
    """One of the people of the line's organisation, by number; None for anyone else."""
    return Person.objects.filter(
        pk=pk,
        pk__in=Affiliation.objects.filter(organisation_id=voter.organisation_id).values("person"),
    ).first()
