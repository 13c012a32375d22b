"""Suggestions read from the index and resolved to the objects they name, in a fixed number
of queries: actors to invite, coalitions for an actor, similar coalitions, convergences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from alliage.actors.models import Organisation, OrganisationKind, Person
from alliage.calls.models import Call, Submission, SubmissionStatus
from alliage.coalitions.heterogeneity import Heterogeneity, heterogeneity_of
from alliage.coalitions.models import Coalition, CoalitionStatus
from alliage.coalitions.selectors import coalition_heterogeneity, coalition_visible_q
from alliage.core.models import User
from alliage.core.pagecache import cached_data

from . import store
from .clusters import Grouping, grouping
from .documents import key_of, person_document, split_key, suggestable_people
from .engine import Hit, Index, Suggestion, diversify
from .layers import Layered
from .text import LANGUAGES, Bag, stems

# How many relevant hits the diversity re-ranking chooses from.
POOL = 40
# Similar ideas: below this many characters there is nothing to compare yet.
MIN_TEXT = 12


@dataclass(frozen=True)
class Floor:
    """The score a suggestion needs, with the text signal alone and with the semantic part
    added (which lifts every score: unrelated texts still have cosines of about 0.8)."""

    text: float
    meaning: float

    def of(self, index: Index | Layered) -> float:
        return self.meaning if index.has_meaning else self.text


# Similar ideas: calibrated on the consultation set (tests/matching/consultation) so that a
# suggestion shown is of the same idea at least half the time: 0.51 of the panel's hits from
# 0.17 with the text alone, 0.51 from 0.45 with the semantic part (bench/matching.py).
MIN_SIMILAR = Floor(text=0.17, meaning=0.45)
# A suggestion is shown only if it can say why (a word or a tag in common, or a meaning close
# enough to say so) and scores at least this much: character n-grams alone find faint
# resemblances between unrelated texts, which would be noise to a reader. With the text alone
# it is about a tenth of the query found; with the semantic part, the floor that keeps as
# many of the demo set's suggestions, as often relevant (0.38 of 813 against 0.36 of 819).
MIN_RELEVANT = Floor(text=0.1, meaning=0.2)


def _explained(
    hits: Sequence[Hit], index: Index | Layered, floor: Floor = MIN_RELEVANT
) -> list[Hit]:
    least = floor.of(index)
    return [
        h for h in hits if h.score >= least and (h.shared_terms or h.shared_tags or h.by_meaning)
    ]


@dataclass(frozen=True)
class Reason:
    """Why a suggestion is made, as data the template puts in words."""

    terms: tuple[str, ...]
    tags: tuple[str, ...]
    adds_kind: str = ""  # the organisation kind's label, when the coalition lacks it
    meaning: bool = False  # found by what it means more than by the words it shares

    @property
    def given(self) -> bool:
        """Whether there is something to say: a suggestion without it is not shown."""
        return bool(self.terms or self.tags or self.meaning)


@dataclass(frozen=True)
class ActorSuggestion:
    actor: Organisation | Person
    kind_label: str
    reason: Reason
    relevance: float


def _coalition_query(coalition: Coalition) -> str:
    return "\n".join(
        part
        for part in (
            coalition.title,
            coalition.summary,
            coalition.impact_statement,
            coalition.seeking,
            coalition.levers,
        )
        if part
    )


def _resolve_actors(keys: Sequence[str]) -> dict[str, Organisation | Person]:
    """The suggested actors that may still be suggested right now: listed organisations,
    people in the directory who consent (the index may lag a moment behind a withdrawal: this
    does not)."""
    ids: dict[str, list[int]] = {"org": [], "person": []}
    for key in keys:
        prefix, pk = split_key(key)
        ids.setdefault(prefix, []).append(pk)
    found: dict[str, Organisation | Person] = {}
    for org in Organisation.objects.listed().filter(pk__in=ids["org"]):
        found[key_of(org)] = org
    for person in suggestable_people(Person.objects.filter(pk__in=ids["person"])):
        found[key_of(person)] = person
    return found


def _in_bag(term: str, bag: Bag) -> bool:
    """Whether a quoted word is one of the bag's stems, analysed in either language (the
    query's language may not be the document's)."""
    return any(
        (found := stems(term, lang)) and set(found) <= bag.weights.keys() for lang in LANGUAGES
    )


def _public_reason(
    index: Index, suggestion: Suggestion, actor: Organisation | Person
) -> tuple[Reason, str]:
    """The suggestion's reason, narrowed for a person to what their profile shows everyone
    right now: the index may lag a moment behind a field made private, this does not."""
    labels = dict(OrganisationKind.choices)
    terms, tags = suggestion.shared_terms[:5], suggestion.shared_tags[:3]
    group, adds = suggestion.group, suggestion.adds_group
    meaning = suggestion.by_meaning
    if isinstance(actor, Person):
        document = person_document(actor)
        bag = index.bag(document)
        terms = tuple(t for t in terms if _in_bag(t, bag))
        tags = tuple(t for t in tags if t in document.tags)
        # Its meaning is that of the text indexed: said only while that is what is public.
        meaning = meaning and index.indexed_as(suggestion.key, document.text)
        if document.group != group:
            group, adds = document.group, None
    reason = Reason(
        terms=terms, tags=tags, adds_kind=str(labels[adds]) if adds else "", meaning=meaning
    )
    return reason, str(labels.get(group, ""))


def actors_to_invite(*, coalition: Coalition, k: int = 8) -> list[ActorSuggestion]:
    """The actors most relevant to the coalition's canvas, re-ranked so that the coalition
    grows more heterogeneous: among equally relevant actors, one of a kind it lacks first.
    Its members and their organisations are never suggested. ``coalition`` must have its
    members prefetched (``coalition_detail`` does). The picks depend on the coalition, the
    actors and the index, not on who looks: they are kept in the shared cache under the
    versions of all three (each member of the coalition reads the same)."""
    index = store.index_get()
    version = store.index_version()

    def picks() -> list[Suggestion]:
        return _invite_picks(coalition, index, k)

    name = f"matching:invite:{coalition.pk}:{k}:{version}"
    picked = cached_data(name, ("actors", "coalitions"), picks) if version else picks()
    # Read again for the few picked: a withdrawal since the picks were kept shows at once.
    actors = _resolve_actors([s.key for s in picked])
    rows = []
    for s in picked:
        if s.key not in actors:
            continue
        reason, kind_label = _public_reason(index, s, actors[s.key])
        if reason.given:
            rows.append(
                ActorSuggestion(
                    actor=actors[s.key], kind_label=kind_label, reason=reason, relevance=s.relevance
                )
            )
    return rows


def _invite_picks(coalition: Coalition, index: Index | Layered, k: int) -> list[Suggestion]:
    members = list(coalition.members.all())
    exclude = [f"person:{m.person_id}" for m in members] + [
        f"org:{m.organisation_id}" for m in members if m.organisation_id
    ]
    present = {s.kind: s.count for s in coalition_heterogeneity(coalition).breakdown}
    hits = index.search(
        _coalition_query(coalition),
        kinds={"organisation", "person"},
        exclude=exclude,
        k=POOL,
    )
    hits = _explained(hits, index)
    suggestable = _resolve_actors([h.key for h in hits])
    return list(diversify([h for h in hits if h.key in suggestable], present_groups=present, k=k))


@dataclass(frozen=True)
class CoalitionSuggestion:
    coalition: Coalition
    reason: Reason
    relevance: float


def _coalitions_from(hits: Sequence[Hit], viewer: User, limit: int) -> list[CoalitionSuggestion]:
    ids = [split_key(h.key)[1] for h in hits]
    visible = {
        c.pk: c
        for c in Coalition.objects.filter(coalition_visible_q(viewer), pk__in=ids)
        .exclude(status=CoalitionStatus.CLOSED)
        .select_related("programme")
    }
    rows = []
    for hit in hits:
        coalition = visible.get(split_key(hit.key)[1])
        if coalition is not None:
            rows.append(
                CoalitionSuggestion(
                    coalition=coalition,
                    reason=Reason(
                        terms=hit.shared_terms[:5],
                        tags=hit.shared_tags[:3],
                        meaning=hit.by_meaning,
                    ),
                    relevance=hit.score,
                )
            )
    return rows[:limit]


def coalitions_for(
    *, actor: Organisation | Person, viewer: User, k: int = 5
) -> list[CoalitionSuggestion]:
    """The coalitions that need what this actor offers (capabilities, intentions and tags),
    among those the viewer can see and the actor is not in yet. The search depends on the
    actor, the coalitions and the index, not on who looks: its hits are kept in the shared
    cache under their versions; the viewer's visibility is applied to them each time."""
    index = store.index_get()
    version = store.index_version()

    def search() -> list[Hit]:
        if isinstance(actor, Person):
            joined = Coalition.objects.filter(members__person=actor)
        else:
            joined = Coalition.objects.filter(members__organisation=actor)
        exclude = [f"coalition:{pk}" for pk in joined.values_list("pk", flat=True)]
        text = "\n".join(p for p in (actor.capabilities, actor.intentions) if p)
        tags = [t.name for t in actor.tags.all()]
        if not text and not tags:
            return []
        return _explained(
            index.search(text, tags=tags, kinds={"coalition"}, exclude=exclude, k=k * 3), index
        )

    name = f"matching:for:{key_of(actor)}:{k}:{version}"
    hits = cached_data(name, ("actors", "coalitions"), search) if version else search()
    return _coalitions_from(hits, viewer, k)


def similar_coalitions(*, text: str, viewer: User, k: int = 5) -> list[CoalitionSuggestion]:
    """Coalitions close to what someone is writing, so they can join rather than duplicate.
    Below this score the words shared are too few to be worth a distraction."""
    if len(text.strip()) < MIN_TEXT:
        return []
    index = store.index_get()
    hits = index.search(text[:4000], kinds={"coalition"}, k=k * 3)
    return _coalitions_from(_explained(hits, index, MIN_SIMILAR), viewer, k)


@dataclass
class ConvergenceView:
    label: tuple[str, ...]
    cohesion: float
    submissions: list[Submission]
    heterogeneity: Heterogeneity
    kinds: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class CallConvergences:
    """A call's proposals grouped: the groups ranked by size and cohesion, the proposals left
    alone, and how they were grouped (``grouping``: the threshold, the one suggested for
    this call and by which rule, the range over which moving it changes the groups)."""

    groups: list[ConvergenceView]
    alone: list[Submission]
    grouping: Grouping

    @property
    def count(self) -> int:
        return sum(len(g.submissions) for g in self.groups) + len(self.alone)


def call_convergences(*, call: Call, threshold: float | None = None) -> CallConvergences:
    """The call's submitted proposals grouped by convergent ideas, at ``threshold`` or the one
    suggested for the call: each group with who is behind it and the heterogeneity it would
    have as a coalition. What they mean joins the words when the index has vectors."""
    submissions = {
        f"submission:{s.pk}": s
        for s in Submission.objects.filter(call=call, status=SubmissionStatus.SUBMITTED)
        .select_related("person", "organisation")
        .order_by("pk")
    }
    missing = [key for key in submissions if key not in store.index_get()]
    if missing:  # submitted a moment ago: the background update has not run yet
        store.index_write(missing)
    index = store.index_exact()
    keys = list(submissions)
    found = grouping(index, keys, threshold=threshold, meaning=index.vectors_for(keys))
    labels = dict(OrganisationKind.choices)
    views = []
    for group in found.groups:
        rows = [submissions[key] for key in group.keys]
        h = heterogeneity_of(
            (s.organisation_id, s.organisation.kind if s.organisation else None) for s in rows
        )
        views.append(
            ConvergenceView(
                label=group.label,
                cohesion=group.cohesion,
                submissions=rows,
                heterogeneity=h,
                kinds=[(str(labels[b.kind]), b.count) for b in h.breakdown],
            )
        )
    return CallConvergences(
        groups=views,
        alone=[submissions[c.keys[0]] for c in found.alone],
        grouping=found,
    )


def index_figures() -> dict[str, Any]:
    index = store.index_get()
    return {"documents": len(index)}
