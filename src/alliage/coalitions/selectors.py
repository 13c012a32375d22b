"""Reads of programmes and coalitions, ready to render, filtered to what the viewer may see.

The visibility filter mirrors ``rules.can_view``: rules check one object, lists need a queryset.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.actors.models import Organisation, Person
from alliage.core.dates import format_date
from alliage.core.models import User
from alliage.core.search import SearchIndex, Text, search_words, text_search

from .diff import DiffPiece, Level, TextDiff, text_diff
from .heterogeneity import Heterogeneity, heterogeneity_of
from .models import (
    KIND_BITS,
    CanvasChange,
    CanvasDraft,
    Coalition,
    CoalitionMember,
    CoalitionStatus,
    JoinRequest,
    JoinRequestStatus,
    MemberRole,
    Milestone,
    MilestoneStatus,
    Programme,
    coalition_published_q,
)
from .predicates import team_programme_ids

# The text a search looks through (core.search keeps its index).
SEARCH_INDEX = SearchIndex(
    model="coalitions.Coalition",
    title=(Text("title"),),
    body=(Text("summary"), Text("diagnostic"), Text("impact_statement"), Text("levers")),
)

# What a coalition card shows; the long canvas texts stay in the database.
CARD_FIELDS = (
    "slug",
    "title",
    "summary",
    "content_language",
    "status",
    "is_published",
    "updated_at",
    "programme",
)


def coalition_visible_q(viewer: User) -> Q:
    if viewer.is_authenticated and viewer.is_superuser:
        return Q()
    visible = coalition_published_q()
    if viewer.is_authenticated:
        visible |= Q(programme_id__in=team_programme_ids(viewer))
        visible |= Q(
            Exists(CoalitionMember.objects.filter(coalition=OuterRef("pk"), person__user=viewer))
        )
    return visible


def coalition_list(
    *,
    viewer: User,
    programme: str = "",
    status: str = "",
    kind: str = "",
    q: str = "",
    current_only: bool = False,
    ranked: bool = False,
) -> QuerySet[Coalition]:
    """Coalitions the viewer may see, filtered; one query whatever the page size.
    ``current_only`` leaves out those of archived programmes (the home page); ``ranked``
    puts the best matches of ``q`` first (the site-wide search) instead of the latest."""
    return _listed(
        Coalition.objects.filter(coalition_visible_q(viewer)),
        programme=programme, status=status, kind=kind, q=q, current_only=current_only,
        ranked=ranked,
    )  # fmt: skip


def coalition_list_count_parts(*, viewer: User, **filters: Any) -> list[QuerySet[Coalition]]:
    """``coalition_list`` in two disjoint parts whose counts add up to its count, for a
    signed-in viewer: the published coalitions, counted from their partial index as for a
    visitor, and the unpublished ones this viewer may see (their own, their programme's).
    Counted as one, the visibility test (published, or a member, or the team) would read every
    row of the table. A visitor sees only published ones: no parts."""
    if not viewer.is_authenticated:
        return []
    published = coalition_published_q()
    return [
        _listed(Coalition.objects.filter(published), **filters),
        _listed(
            Coalition.objects.filter(coalition_visible_q(viewer)).exclude(published), **filters
        ),
    ]


def _listed(
    qs: QuerySet[Coalition],
    *,
    programme: str = "",
    status: str = "",
    kind: str = "",
    q: str = "",
    current_only: bool = False,
    ranked: bool = False,
) -> QuerySet[Coalition]:
    if current_only:
        qs = qs.filter(programme__archived_at__isnull=True)
    if programme:
        qs = qs.filter(programme__slug=programme)
    if status:
        qs = qs.filter(status=status)
    if kind in KIND_BITS:
        # The kinds each coalition keeps (``services.coalition_kinds_refresh``): no join.
        qs = qs.alias(has_kind=F("kinds_present").bitand(KIND_BITS[kind])).filter(has_kind__gt=0)
    elif kind:
        qs = qs.none()
    ranked = ranked and bool(search_words(q))
    qs = text_search(qs, q, index=SEARCH_INDEX, ranked=ranked)
    order = ("-search_rank", "-updated_at", "-id") if ranked else ("-updated_at", "-id")
    return (
        qs.select_related("programme")
        .only(*CARD_FIELDS, "programme__slug", "programme__name", "programme__content_language")
        .order_by(*order)
    )


def attach_heterogeneity(coalitions: Sequence[Coalition]) -> None:
    """Set ``heterogeneity`` and ``member_count`` on a page of coalitions, in one query:
    counting in the list query itself would group all coalitions before paginating."""
    rows = (
        CoalitionMember.objects.filter(coalition__in=[c.pk for c in coalitions])
        .values_list("coalition_id", "organisation_id", "organisation__kind")
        .order_by("coalition_id")
    )
    by_coalition: dict[int, list[tuple[int | None, str | None]]] = defaultdict(list)
    for coalition_id, organisation_id, kind in rows:
        by_coalition[coalition_id].append((organisation_id, kind))
    for coalition in coalitions:
        members = by_coalition.get(coalition.pk, [])
        coalition.heterogeneity = heterogeneity_of(members)  # type: ignore[attr-defined]
        coalition.member_count = len(members)  # type: ignore[attr-defined]


def coalition_detail(*, slug: str) -> Coalition:
    """One coalition with its programme, path and members; permission is checked by the caller."""
    return (
        Coalition.objects.select_related("programme")
        .prefetch_related(
            Prefetch("milestones", Milestone.objects.order_by("position", "due_date", "id")),
            Prefetch(
                "members",
                CoalitionMember.objects.select_related("person", "organisation").order_by(
                    "role", "person__last_name"
                ),
            ),
        )
        .get(slug=slug)
    )


def coalition_stored(*, pk: int) -> Coalition:
    """The coalition as stored, without what a page prefetched: a form validates an edit on
    this copy, so that the service still compares with the canvas before the edit."""
    return Coalition.objects.get(pk=pk)


def coalition_milestones_initial(*, coalition: Coalition) -> list[dict[str, object]]:
    """The path of milestones as the edit form's rows (from ``coalition_detail``'s prefetch)."""
    return [
        {"title": m.title, "due_date": m.due_date, "status": m.status}
        for m in coalition.milestones.all()
    ]


def coalition_members(*, coalition: Coalition) -> QuerySet[CoalitionMember]:
    return coalition.members.select_related("person")


def coalition_join_requests(*, coalition: Coalition) -> QuerySet[JoinRequest]:
    """Every request to join this coalition, answered or not (the service refuses to answer
    twice)."""
    return coalition.join_requests.select_related("person", "organisation")


def coalition_visible_to(*, slug: str, viewer: User) -> Coalition:
    """``coalition_detail`` for a viewer who may see the coalition; ``Coalition.DoesNotExist``
    otherwise, as if it did not exist (an unpublished coalition does not, for outsiders)."""
    coalition = coalition_detail(slug=slug)
    if not viewer.has_perm("coalitions.see_coalition", coalition):
        raise Coalition.DoesNotExist
    return coalition


def coalition_heterogeneity(coalition: Coalition) -> Heterogeneity:
    """From the members ``coalition_detail`` prefetched: no further query."""
    return heterogeneity_of(
        (m.organisation_id, m.organisation.kind if m.organisation else None)
        for m in coalition.members.all()
    )


def coalition_pending_requests(*, coalition: Coalition) -> QuerySet[JoinRequest]:
    return coalition.join_requests.filter(status=JoinRequestStatus.PENDING).select_related(
        "person", "organisation"
    )


def coalition_pending_request_for(*, coalition: Coalition, user: User) -> JoinRequest | None:
    if not user.is_authenticated:
        return None
    return coalition.join_requests.filter(
        status=JoinRequestStatus.PENDING, person__user=user
    ).first()


def coalition_revision(*, coalition: Coalition) -> int:
    last = coalition.changes.order_by("-revision").values_list("revision", flat=True).first()
    return last or 0


def coalitions_of_organisation(*, organisation: Organisation, viewer: User) -> QuerySet[Coalition]:
    return (
        Coalition.objects.filter(coalition_visible_q(viewer), members__organisation=organisation)
        .select_related("programme")
        .distinct()
        .order_by("title")
    )


def coalitions_of_person(*, person: Person, viewer: User) -> list[tuple[Coalition, str]]:
    roles = (
        CoalitionMember.objects.filter(person=person)
        .filter(coalition__in=Coalition.objects.filter(coalition_visible_q(viewer)))
        .select_related("coalition__programme")
        .order_by("coalition__title")
    )
    return [(m.coalition, m.get_role_display()) for m in roles]


def programme_list(*, counts: bool = False, include_archived: bool = False) -> QuerySet[Programme]:
    """Every programme in its place (``Meta.ordering``); with ``counts``, ``coalition_count``,
    its number of published coalitions (the home shows it; a filter's choices and the API do
    not: at 100,000 coalitions the counts cost more than the rest of the page).
    Archived programmes leave the public lists (their pages stay) unless ``include_archived``."""
    programmes = Programme.objects.all()
    if not include_archived:
        programmes = programmes.filter(archived_at__isnull=True)
    if not counts:
        return programmes
    # A count per programme read from the index of its published coalitions
    # (``coalitions_prog_published_idx``), not a grouping of every coalition.
    published = (
        Coalition.objects.filter(coalition_published_q(), programme=OuterRef("pk"))
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return programmes.annotate(
        coalition_count=Coalesce(Subquery(published, output_field=IntegerField()), Value(0))
    )


def programme_detail(*, slug: str) -> Programme:
    return Programme.objects.prefetch_related("team__person").get(slug=slug)


def programme_status_counts(*, programme: Programme, viewer: User) -> list[tuple[str, str, int]]:
    counts = dict(
        Coalition.objects.filter(coalition_visible_q(viewer), programme=programme)
        .values_list("status")
        # COUNT(*): read from the (programme, status) index alone, where COUNT(id) reads rows
        .annotate(n=Count("*"))
    )
    return [(value, label, counts.get(value, 0)) for value, label in CoalitionStatus.choices]


# History -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    pieces: tuple[DiffPiece, ...]
    level: str = Level.WORDS


@dataclass(frozen=True)
class Revision:
    number: int
    at: object
    by: str
    changes: tuple[FieldChange, ...]


def display_value(field: str, stored: str) -> str:
    """A stored history value as the reader should read it, in their language."""
    if not stored:
        return ""
    if field == "milestones":
        labels = dict(MilestoneStatus.choices)
        lines = []
        for m in json.loads(stored):
            when = (
                format_date(dt.date.fromisoformat(m["due_date"]), "SHORT_DATE_FORMAT")
                if m["due_date"]
                else "—"
            )
            lines.append(f"{m['title']} · {when} · {labels.get(m['status'], m['status'])}")
        return "\n".join(lines)
    if field == "is_published":
        return _("yes") if stored == "true" else _("no")
    if field == "target_date":
        return format_date(dt.date.fromisoformat(stored), "DATE_FORMAT")
    try:  # a field with choices (the status, the language) by its label
        choices = dict(Coalition._meta.get_field(field).choices or ())
    except FieldDoesNotExist:
        choices = {}
    return str(choices.get(stored, stored))


def field_label(field: str) -> str:
    if field == "milestones":
        return _("Path of milestones")
    return str(Coalition._meta.get_field(field).verbose_name).capitalize()


def canvas_draft(*, coalition: Coalition, viewer: User) -> CanvasDraft | None:
    """The viewer's own unsaved draft of this canvas, if any: nobody else's, ever."""
    if not viewer.is_authenticated:
        return None
    return CanvasDraft.objects.filter(coalition=coalition, author=viewer).first()


def coalition_revision_numbers(*, coalition: Coalition, include_private: bool) -> QuerySet:
    """The revision numbers the viewer may see, newest first: paginate these, then load only
    the page's changes with ``coalition_history``."""
    changes = coalition.changes.all()
    if not include_private:
        changes = changes.exclude(field="members_notes")
    return changes.order_by("-revision").values_list("revision", flat=True).distinct()


def coalition_history(
    *, coalition: Coalition, include_private: bool, revisions: Iterable[int]
) -> list[Revision]:
    """The given revisions, newest first, each with a readable diff of every field."""
    changes: Iterable[CanvasChange] = (
        coalition.changes.filter(revision__in=list(revisions))
        .select_related("by__person")
        .order_by("-revision", "id")
    )
    if not include_private:
        changes = changes.exclude(field="members_notes")
    revisions_out = []

    def field_change(c: CanvasChange) -> FieldChange:
        # Texts carry the diff made when they were saved; only the short values shown in the
        # reader's language are compared here (bounded all the same).
        diff = (
            TextDiff.from_stored(c.diff)
            if c.diff is not None
            else text_diff(display_value(c.field, c.before), display_value(c.field, c.after))
        )
        return FieldChange(
            field=c.field, label=field_label(c.field), pieces=diff.pieces, level=diff.level
        )

    for number, group in groupby(changes, key=lambda c: c.revision):
        items = list(group)
        first = items[0]
        author = getattr(first.by, "person", None) if first.by else None
        revisions_out.append(
            Revision(
                number=number,
                at=first.at,
                by=str(author) if author else "—",
                changes=tuple(field_change(c) for c in items),
            )
        )
    return revisions_out


def programmes_run_by(*, user: User) -> QuerySet[Programme]:
    """The programmes whose team the user is on (every programme for a superuser): what the
    team's area shows and lets them create in."""
    programmes = Programme.objects.all()
    if user.is_superuser:
        return programmes
    return programmes.filter(pk__in=team_programme_ids(user))


# The team's area ------------------------------------------------------------------------------

# A join request unanswered for longer than this is late.
JOIN_REQUEST_LATE_DAYS = 7
# A coalition counts as heterogeneous from this index up (about three kinds evenly spread).
HETEROGENEOUS_FROM = 0.5


def programmes_for_team(*, user: User) -> QuerySet[Programme]:
    """The programmes the user runs, archived ones included (last), in their order, with
    ``coalition_count`` (all their coalitions, published or not): the team's list."""
    return (
        programmes_run_by(user=user)
        .annotate(coalition_count=Count("coalitions"))
        .order_by(F("archived_at").asc(nulls_first=True), "position", "name")
    )


def programme_for_team(*, slug: str) -> Programme:
    """One programme, archived or not; ``coalitions.edit_programme`` is checked by the caller."""
    return Programme.objects.get(slug=slug)


@dataclass(frozen=True)
class FunnelStage:
    status: str
    label: str
    count: int
    mean_index: float | None  # the mean heterogeneity index of the stage's coalitions
    heterogeneous: int  # how many of them reach HETEROGENEOUS_FROM


@dataclass(frozen=True)
class ProgrammeFunnel:
    programme: Programme
    stages: tuple[FunnelStage, ...]

    @property
    def total(self) -> int:
        return sum(stage.count for stage in self.stages)


def coalition_funnel(*, programmes: Sequence[Programme]) -> list[ProgrammeFunnel]:
    """Per programme, its coalitions at each stage of the lifecycle with their heterogeneity:
    two queries whatever the number of programmes, coalitions and members (the coalitions'
    status, then the members' organisation kinds)."""
    ids = [p.pk for p in programmes]
    coalitions = list(
        Coalition.objects.filter(programme_id__in=ids).values_list("pk", "programme_id", "status")
    )
    members: dict[int, list[tuple[int | None, str | None]]] = defaultdict(list)
    rows = CoalitionMember.objects.filter(coalition__programme_id__in=ids).values_list(
        "coalition_id", "organisation_id", "organisation__kind"
    )
    for coalition_id, organisation_id, kind in rows:
        members[coalition_id].append((organisation_id, kind))
    indexes: dict[tuple[int, str], list[float]] = defaultdict(list)
    for pk, programme_id, status in coalitions:
        indexes[(programme_id, status)].append(heterogeneity_of(members.get(pk, [])).index)
    funnels = []
    for programme in programmes:
        stages = []
        for status, label in CoalitionStatus.choices:
            found = indexes.get((programme.pk, status), [])
            stages.append(
                FunnelStage(
                    status=status,
                    label=str(label),
                    count=len(found),
                    mean_index=sum(found) / len(found) if found else None,
                    heterogeneous=sum(1 for i in found if i >= HETEROGENEOUS_FROM),
                )
            )
        funnels.append(ProgrammeFunnel(programme=programme, stages=tuple(stages)))
    return funnels


def _late_before(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def join_requests_late_counts(
    *, programmes: Sequence[Programme], days: int = JOIN_REQUEST_LATE_DAYS
) -> dict[int, int]:
    """Per programme id, its pending join requests older than ``days``: one query."""
    return dict(
        JoinRequest.objects.filter(
            status=JoinRequestStatus.PENDING,
            coalition__programme_id__in=[p.pk for p in programmes],
            created_at__lt=_late_before(days),
        )
        .values_list("coalition__programme_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def join_requests_pending_for_team(
    *, user: User, programme: str = "", older_than: int = 0
) -> QuerySet[JoinRequest]:
    """Pending join requests of the programmes the user runs, oldest first; ``older_than``
    days keeps only those waiting longer."""
    qs = JoinRequest.objects.filter(
        status=JoinRequestStatus.PENDING,
        coalition__programme__in=programmes_run_by(user=user),
    )
    if programme:
        qs = qs.filter(coalition__programme__slug=programme)
    if older_than:
        qs = qs.filter(created_at__lt=_late_before(older_than))
    return qs.select_related("coalition__programme", "person", "organisation").order_by(
        "created_at", "id"
    )


# A person's own space ---------------------------------------------------------------------------


def join_requests_to_answer(*, user: User) -> list[JoinRequest]:
    """Pending requests to join the coalitions the user leads, oldest first: one query."""
    if not user.is_authenticated:
        return []
    led = CoalitionMember.objects.filter(person__user=user, role=MemberRole.LEAD).values(
        "coalition_id"
    )
    return list(
        JoinRequest.objects.filter(status=JoinRequestStatus.PENDING, coalition_id__in=led)
        .select_related("coalition", "person", "organisation")
        .order_by("created_at", "id")
    )


# Milestones due within this many days show in "what waits for me".
MILESTONE_SOON_DAYS = 30


def milestones_due_for(*, user: User, days: int = MILESTONE_SOON_DAYS) -> list[Milestone]:
    """Milestones not done nor dropped of the coalitions the user leads, due within ``days``
    (or overdue), soonest first: one query."""
    if not user.is_authenticated:
        return []
    led = CoalitionMember.objects.filter(person__user=user, role=MemberRole.LEAD).values(
        "coalition_id"
    )
    return list(
        Milestone.objects.filter(
            coalition_id__in=led,
            due_date__isnull=False,
            due_date__lte=timezone.localdate() + dt.timedelta(days=days),
        )
        .exclude(status__in=(MilestoneStatus.DONE, MilestoneStatus.DROPPED))
        .select_related("coalition")
        .order_by("due_date", "id")
    )
