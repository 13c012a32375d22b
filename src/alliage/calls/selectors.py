"""Reads of calls: lists visible to the viewer, queues, and the aggregated ranking."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from alliage.actors.selectors import person_for_user
from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User

from .models import Assignment, Call, CallVisibility, Criterion, Decision, Score, Submission

# A criterion on which reviewers' scores span half the scale or more flags the submission.
DISAGREEMENT = 0.5


def call_visible_q(viewer: User) -> Q:
    if viewer.is_authenticated and viewer.is_superuser:
        return Q()
    visible = Q(visibility=CallVisibility.PUBLIC)
    if viewer.is_authenticated:
        visible |= Q(programme_id__in=team_programme_ids(viewer))
    return visible


def call_list(*, viewer: User) -> QuerySet[Call]:
    """Open calls first (closing soonest), then upcoming, then closed, then decided."""
    now = timezone.now()
    return (
        Call.objects.filter(call_visible_q(viewer))
        .select_related("programme")
        .annotate(
            rank=Case(
                When(decided_at__isnull=False, then=Value(3)),
                When(opens_at__lte=now, closes_at__gt=now, then=Value(0)),
                When(opens_at__gt=now, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            submission_count=Count("submissions", filter=Q(submissions__status="submitted")),
        )
        .order_by("rank", "closes_at")
    )


def call_detail(*, slug: str) -> Call:
    return Call.objects.select_related("programme").prefetch_related("criteria").get(slug=slug)


def my_submission(*, call: Call, viewer: User) -> Submission | None:
    person = person_for_user(user=viewer)
    if person is None:
        return None
    return call.submissions.filter(person=person).exclude(status="withdrawn").first()


def submissions_of(*, viewer: User) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(person__user=viewer)
        .select_related("call__programme", "organisation", "coalition")
        .order_by("-updated_at")
    )


def accepted_projects(*, call: Call) -> QuerySet[Submission]:
    return call.submissions.filter(decision=Decision.ACCEPTED, status="submitted").select_related(
        "organisation", "coalition"
    )


def reviewer_queue(*, viewer: User) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(reviewer=viewer, submission__status="submitted")
        .select_related("submission__call__programme", "submission__organisation")
        .order_by("submitted_at", "submission__call__closes_at", "id")
    )


@dataclass
class CriterionStats:
    criterion: Criterion
    values: list[int] = field(default_factory=list)

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.values) if self.values else None

    @property
    def spread(self) -> float | None:
        """Population standard deviation of the reviewers' scores."""
        return statistics.pstdev(self.values) if len(self.values) > 1 else None

    @property
    def range_share(self) -> float:
        if len(self.values) < 2:
            return 0.0
        return (max(self.values) - min(self.values)) / self.criterion.scale


@dataclass
class RankingRow:
    submission: Submission
    reviews: int
    assigned: int
    criteria: list[CriterionStats]
    score: float | None  # weighted mean, as a share of the maximum (0 to 1)

    @property
    def flagged(self) -> bool:
        return any(c.range_share >= DISAGREEMENT for c in self.criteria)

    @property
    def percent(self) -> float | None:
        return None if self.score is None else round(self.score * 100, 1)


def weighted_score(criteria: list[CriterionStats]) -> float | None:
    """Sum of weight * (mean / scale), divided by the sum of weights, over scored criteria."""
    scored = [c for c in criteria if c.mean is not None]
    if not scored:
        return None
    total = sum(c.criterion.weight for c in scored)
    return sum(c.criterion.weight * c.mean / c.criterion.scale for c in scored) / total


def call_ranking(*, call: Call, sort: str = "score") -> list[RankingRow]:
    """Every submitted proposal with its submitted reviews aggregated; three queries."""
    criteria = list(call.criteria.all())
    submissions = list(
        call.submissions.filter(status="submitted")
        .select_related("organisation", "person", "coalition")
        .annotate(assigned=Count("assignments"))
    )
    values: dict[tuple[int, int], list[int]] = {}
    reviews: dict[int, set[int]] = {}
    for submission_id, assignment_id, criterion_id, value in Score.objects.filter(
        assignment__submission__call=call, assignment__submitted_at__isnull=False
    ).values_list("assignment__submission_id", "assignment_id", "criterion_id", "value"):
        values.setdefault((submission_id, criterion_id), []).append(value)
        reviews.setdefault(submission_id, set()).add(assignment_id)
    rows = []
    for submission in submissions:
        stats = [CriterionStats(c, values.get((submission.pk, c.pk), [])) for c in criteria]
        rows.append(
            RankingRow(
                submission=submission,
                reviews=len(reviews.get(submission.pk, ())),
                assigned=submission.assigned,
                criteria=stats,
                score=weighted_score(stats),
            )
        )
    keys = {
        "score": lambda r: (r.score is None, -(r.score or 0)),
        "title": lambda r: r.submission.title.lower(),
        "reviews": lambda r: (-r.reviews, r.submission.title.lower()),
        "flagged": lambda r: (not r.flagged, -(r.score or 0)),
    }
    return sorted(rows, key=keys.get(sort, keys["score"]))


def review_scores(*, submission: Submission) -> list[Assignment]:
    """The submitted reviews of a submission with their scores (for the team and for
    reviewers who have submitted their own)."""
    return list(
        submission.assignments.filter(submitted_at__isnull=False)
        .select_related("reviewer__person")
        .prefetch_related("scores__criterion")
    )
