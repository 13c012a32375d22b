"""Reads of calls: lists visible to the viewer, queues, and the aggregated ranking."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    StdDev,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html

from alliage.actors.models import Organisation
from alliage.actors.selectors import organisations_for_person, person_for_user
from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User
from alliage.core.pagecache import cached_data
from alliage.core.search import SearchIndex, Text, text_search

from .models import (
    Answer,
    Assignment,
    Call,
    CallVisibility,
    Criterion,
    Decision,
    Question,
    QuestionKind,
    ReviewReminder,
    Score,
    Submission,
    SubmissionStatus,
)
from .predicates import assignment_of

# What the calls' search looks through (core.search keeps its index).
SEARCH_INDEX = SearchIndex(
    model="calls.Call", title=(Text("title"),), body=(Text("description"), Text("eligibility"))
)

# A criterion on which reviewers' scores span half the scale or more flags the submission.
DISAGREEMENT = 0.5


def call_visible_q(viewer: User) -> Q:
    """The calls the viewer may see, as a filter (``calls.see_call`` for a list): public
    calls, every call of the programmes whose team they are on, and the project stages they
    are invited to (``predicates.is_invited``)."""
    if viewer.is_authenticated and viewer.is_superuser:
        return Q()
    visible = Q(visibility=CallVisibility.PUBLIC)
    if viewer.is_authenticated:
        visible |= Q(programme_id__in=team_programme_ids(viewer))
        visible |= Q(
            pk__in=Submission.objects.filter(
                person__user_id=viewer.pk, invited_from__isnull=False
            ).values("call_id")
        )
    return visible


def call_list(*, viewer: User, q: str = "") -> QuerySet[Call]:
    """Open calls first (closing soonest), then upcoming, then closed, then decided."""
    now = timezone.now()
    return (
        text_search(Call.objects.filter(call_visible_q(viewer)), q, index=SEARCH_INDEX)
        .select_related("programme")
        .annotate(
            rank=Case(
                When(decided_at__isnull=False, then=Value(3)),
                When(opens_at__lte=now, closes_at__gt=now, then=Value(0)),
                When(opens_at__gt=now, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            submission_count=submission_count_subquery(),
        )
        .order_by("rank", "closes_at", "id")
    )


def submission_count_subquery() -> Coalesce:
    """The proposals sent to each call, as a correlated subquery: the database counts them
    for the rows of the page only, after the sort and the LIMIT, instead of joining every
    call to every submission and grouping before the cut."""
    sent = (
        Submission.objects.filter(call=OuterRef("pk"), status=SubmissionStatus.SUBMITTED)
        .order_by()
        .values("call")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(sent, output_field=IntegerField()), 0)


def call_detail(*, slug: str) -> Call:
    """One call with its programme and rubric; ``Call.DoesNotExist`` when there is none."""
    return Call.objects.select_related("programme").prefetch_related("criteria").get(slug=slug)


def call_criteria(*, call: Call) -> list[Criterion]:
    """The call's rubric, in order."""
    return list(call.criteria.all())


def call_reviewer_count(*, call: Call) -> int:
    """How many reviewers the call's pool holds."""
    return call.reviewers.count()


def call_pool_reviewer(*, call: Call, pk: int) -> User | None:
    """The reviewer of the call's pool with this id; None for anyone outside the pool."""
    return call.reviewers.filter(pk=pk).first()


def my_submission(*, call: Call, viewer: User) -> Submission | None:
    """The viewer's live submission to the call (draft or sent; a withdrawn one is over)."""
    person = person_for_user(user=viewer)
    if person is None:
        return None
    return call.submissions.filter(person=person).exclude(status=SubmissionStatus.WITHDRAWN).first()


def submission_organisations(*, viewer: User) -> QuerySet[Organisation]:
    """The organisations the viewer may submit for: their own. None for someone who has no
    person yet (showing the form never creates one; saving it does)."""
    person = person_for_user(user=viewer)
    if person is None:
        return Organisation.objects.none()
    return organisations_for_person(person=person)


def sent_q() -> Q:
    """The proposals their authors have sent (and may since have withdrawn): what anyone but
    the author may see, the list form of ``predicates.is_sent``."""
    return Q(status=SubmissionStatus.SUBMITTED) | Q(
        status=SubmissionStatus.WITHDRAWN, submitted_at__isnull=False
    )


def submission_detail(*, pk: int) -> Submission:
    """One submission with what its page shows; ``Submission.DoesNotExist`` when there is
    none. Who may see it is ``calls.see_submission``'s question."""
    return Submission.objects.select_related(
        "call__programme", "person", "organisation", "coalition"
    ).get(pk=pk)


def submission_assignments(*, submission: Submission) -> QuerySet[Assignment]:
    """The reviewers assigned to the submission, done or not (for the programme team)."""
    return submission.assignments.select_related("reviewer__person")


def submission_reviewer_pool(*, submission: Submission) -> QuerySet[User]:
    """The reviewers of the call's pool not yet assigned to this submission."""
    return submission.call.reviewers.select_related("person").exclude(
        pk__in=submission.assignments.values("reviewer_id")
    )


def reviewer_assignment(*, submission: Submission, viewer: User) -> Assignment | None:
    """The viewer's assignment on the submission, if they are asked to review it; the same
    read the permission rules make, so a page asks once."""
    return assignment_of(viewer, submission)


def assignment_scores(*, assignment: Assignment) -> dict[int, int]:
    """The reviewer's score so far for each criterion, by criterion id."""
    return dict(assignment.scores.values_list("criterion_id", "value"))


def submissions_of(*, viewer: User) -> QuerySet[Submission]:
    """The viewer's own submissions, every state, most recently changed first."""
    return (
        Submission.objects.filter(person__user=viewer)
        .select_related("call__programme", "organisation", "coalition")
        .order_by("-updated_at")
    )


def accepted_projects(*, call: Call) -> QuerySet[Submission]:
    """The call's accepted submissions (public once the decisions are published)."""
    return call.submissions.filter(
        decision=Decision.ACCEPTED, status=SubmissionStatus.SUBMITTED
    ).select_related("organisation", "coalition")


# What the reviewer's queue never shows of a call and its programme.
QUEUE_DEFERRED = (
    "submission__summary",
    "submission__diagnostic",
    "submission__impact",
    "submission__partners_sought",
    "submission__decision_message",
    "submission__organisation__description",
    "submission__call__description",
    "submission__call__eligibility",
    "submission__call__programme__description",
)


def reviewer_queue(*, viewer: User) -> QuerySet[Assignment]:
    """The viewer's assignments on sent submissions, what is left to review first."""
    return (
        Assignment.objects.filter(reviewer=viewer, submission__status=SubmissionStatus.SUBMITTED)
        .select_related("submission__call__programme", "submission__organisation")
        .defer(*QUEUE_DEFERRED)
        .order_by(
            F("submitted_at").asc(nulls_first=True),
            F("submission__call__review_due_at").asc(nulls_last=True),
            "submission__call__closes_at",
            "id",
        )
    )


@dataclass
class CriterionStats:
    """The submitted scores of one criterion for one proposal: from their ``values``, or from
    what the database aggregated (``summary``: count, mean, population deviation, min, max)."""

    criterion: Criterion
    values: list[int] = field(default_factory=list)
    summary: tuple[int, float, float | None, int, int] | None = None

    @property
    def count(self) -> int:
        return self.summary[0] if self.summary is not None else len(self.values)

    @property
    def mean(self) -> float | None:
        if self.summary is not None:
            return float(self.summary[1])
        return statistics.fmean(self.values) if self.values else None

    @property
    def spread(self) -> float | None:
        """Population standard deviation of the reviewers' scores."""
        if self.count < 2:
            return None
        if self.summary is not None:
            return float(self.summary[2] or 0.0)
        return statistics.pstdev(self.values)

    @property
    def cell(self) -> str:
        """The ranking's cell: the mean and, from two scores, the spread, one decimal in the
        reader's language ("3,5 ± 0,7"); a dash without scores. Made here, not in the
        template: a page of the ranking has hundreds of these cells."""
        mean = self.mean
        if mean is None:
            return "—"
        shown = number_format(mean, 1)
        spread = self.spread
        if spread is None:
            return shown
        spread_shown = number_format(spread, 1)
        return format_html('{} <small class="muted spread">± {}</small>', shown, spread_shown)

    @property
    def range_share(self) -> float:
        if self.count < 2:
            return 0.0
        low, high = (
            (self.summary[3], self.summary[4])
            if self.summary is not None
            else (min(self.values), max(self.values))
        )
        return (high - low) / self.criterion.scale


Summary = tuple[int, float, float | None, int, int]  # count, mean, deviation, min, max


@dataclass
class RankingRow:
    """One proposal's place in the ranking, from the aggregates of its submitted scores.
    ``criteria`` (each criterion's figures) and ``submission`` (the proposal with its
    organisation, person and coalition) are set only on the rows shown or exported
    (``ranking_load``)."""

    submission_id: int
    title: str
    reviews: int
    assigned: int
    score: float | None  # weighted mean, as a share of the maximum (0 to 1)
    flagged: bool  # reviewers disagree strongly on a criterion
    summaries: dict[int, Summary]  # by criterion
    criteria: list[CriterionStats] = field(default_factory=list)
    submission: Submission = field(init=False)

    @property
    def percent(self) -> float | None:
        return None if self.score is None else round(self.score * 100, 1)


def criterion_stats(
    criteria: list[Criterion], summaries: dict[int, Summary]
) -> list[CriterionStats]:
    return [CriterionStats(c, summary=summaries.get(c.pk)) for c in criteria]


def disagreement(stats: list[CriterionStats]) -> bool:
    return any(c.range_share >= DISAGREEMENT for c in stats)


def weighted_score(criteria: list[CriterionStats]) -> float | None:
    """Sum of weight * (mean / scale), divided by the sum of weights, over scored criteria."""
    scored = [c for c in criteria if c.mean is not None]
    if not scored:
        return None
    total = sum(c.criterion.weight for c in scored)
    return sum(c.criterion.weight * c.mean / c.criterion.scale for c in scored) / total


RANKING_ORDERS: dict[str, Any] = {
    "score": lambda r: (r.score is None, -(r.score or 0)),
    "title": lambda r: r.title.lower(),
    "reviews": lambda r: (-r.reviews, r.title.lower()),
    "flagged": lambda r: (not r.flagged, -(r.score or 0)),
}


def call_ranking_order(*, call: Call, sort: str = "score") -> list[RankingRow]:
    """Every submitted proposal of the call, sorted. The order needs every proposal's score, so
    the whole ranking is computed; its figures are kept in the shared cache until a row of the
    calls changes (each member of the team reads the same). Neither the proposals nor the
    criteria's figures are loaded: ``ranking_load`` does it for the rows shown."""
    figures = cached_data(
        f"calls:ranking-rows:{call.pk}", ("calls",), lambda: _ranking_figures(call)
    )
    rows = [RankingRow(*values) for values in figures]
    return sorted(rows, key=RANKING_ORDERS.get(sort, RANKING_ORDERS["score"]))


def _ranking_figures(
    call: Call,
) -> list[tuple[int, str, int, int, float | None, bool, dict[int, Summary]]]:
    """Each submitted proposal's id, title, reviews submitted, reviewers assigned, weighted
    score, disagreement and, by criterion, the aggregate of its submitted scores, made in SQL
    (one row per proposal and criterion, not one per score): five queries of narrow rows
    whatever the number of proposals and reviews. Plain values: cheap to keep and read back."""
    criteria = list(call.criteria.all())
    proposals = call.submissions.filter(status=SubmissionStatus.SUBMITTED).order_by()
    assigned = dict(
        Assignment.objects.filter(submission__in=proposals.values("pk"))
        .values_list("submission_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    scores = Score.objects.filter(
        assignment__submission__call=call,
        assignment__submission__status=SubmissionStatus.SUBMITTED,
        assignment__submitted_at__isnull=False,
    ).order_by()
    summaries: dict[int, dict[int, Summary]] = defaultdict(dict)
    for row in scores.values("assignment__submission_id", "criterion_id").annotate(
        n=Count("pk"), mean=Avg("value"), spread=StdDev("value"), low=Min("value"),
        high=Max("value"),
    ):  # fmt: skip
        summaries[row["assignment__submission_id"]][row["criterion_id"]] = (
            row["n"], float(row["mean"]),
            None if row["spread"] is None else float(row["spread"]), row["low"], row["high"],
        )  # fmt: skip
    reviews = dict(
        scores.values_list("assignment__submission_id").annotate(
            n=Count("assignment_id", distinct=True)
        )
    )
    figures = []
    for pk, title in proposals.values_list("pk", "title"):
        by_criterion = summaries.get(pk, {})
        stats = criterion_stats(criteria, by_criterion)
        figures.append(
            (pk, title, reviews.get(pk, 0), assigned.get(pk, 0), weighted_score(stats),
             disagreement(stats), by_criterion)
        )  # fmt: skip
    return figures


def ranking_load(*, call: Call, rows: list[RankingRow]) -> None:
    """Set ``submission`` and ``criteria`` on these rows (a page of the ranking, or all of it
    for the export), in two queries; the proposals' long texts stay in the database."""
    criteria = list(call.criteria.all())
    loaded = (
        call.submissions.select_related("organisation", "person", "coalition")
        .defer(*RANKING_DEFERRED)
        .in_bulk([row.submission_id for row in rows])
    )
    for row in rows:
        row.submission = loaded[row.submission_id]
        row.criteria = criterion_stats(criteria, row.summaries)


def call_ranking(*, call: Call, sort: str = "score") -> list[RankingRow]:
    """The whole ranking with its proposals loaded (the export, the tests)."""
    rows = call_ranking_order(call=call, sort=sort)
    ranking_load(call=call, rows=rows)
    return rows


# What the ranking never shows of a proposal (its page does).
RANKING_DEFERRED = (
    "summary",
    "diagnostic",
    "impact",
    "partners_sought",
    "decision_message",
    "organisation__description",
    "person__bio",
)


def review_scores(*, submission: Submission) -> list[Assignment]:
    """The submitted reviews of a submission with their scores (for the team and for
    reviewers who have submitted their own)."""
    return list(
        submission.assignments.filter(submitted_at__isnull=False)
        .select_related("reviewer__person")
        .prefetch_related("scores__criterion")
    )


def submission_reviewed(*, submission: Submission) -> bool:
    """At least one review of the submission is submitted (accepting one nobody reviewed
    asks to be confirmed)."""
    return submission.assignments.filter(submitted_at__isnull=False).exists()


def is_reviewer(*, viewer: User) -> bool:
    """In the reviewer pool of a call, or asked to review a proposal: who is offered the
    queue of proposals to review. Two small indexed reads at most."""
    if not viewer.is_authenticated:
        return False
    return (
        Assignment.objects.filter(reviewer=viewer).exists()
        or Call.reviewers.through.objects.filter(user_id=viewer.pk).exists()
    )


# --- Building calls (the team's /team/calls/) and the proposals' answers ---

PICKER_LIMIT = 8


def team_calls(*, viewer: User) -> QuerySet[Call]:
    """The calls of the programmes the viewer runs (all for a superuser), each with its
    proposals sent and drafts, newest closing first."""
    calls = Call.objects.select_related("programme")
    if not viewer.is_superuser:
        calls = calls.filter(programme_id__in=team_programme_ids(viewer))
    return calls.annotate(
        sent_count=Count("submissions", filter=Q(submissions__status=SubmissionStatus.SUBMITTED)),
        draft_count=Count("submissions", filter=Q(submissions__status=SubmissionStatus.DRAFT)),
        question_count=Count("questions", distinct=True),
    ).order_by("-closes_at", "-pk")


def call_questions(*, call: Call) -> list[Question]:
    """The call's own questions, in order, each with how many proposals answered it."""
    return list(call.questions.annotate(answer_count=Count("answers")).order_by("position", "pk"))


def call_criteria_scored(*, call: Call) -> list[Criterion]:
    """The rubric, each criterion with how many scores it has received."""
    return list(call.criteria.annotate(score_count=Count("scores")).order_by("position", "pk"))


def call_reviewers(*, call: Call) -> list[User]:
    return list(call.reviewers.select_related("person").order_by("person__last_name", "email"))


def reviewer_candidates(*, call: Call, q: str) -> list[User]:
    """Active accounts matching every word of ``q`` in their name or e-mail address, not yet in
    the call's pool; a few only (the picker narrows as one types)."""
    q = q.strip()[:100]
    if len(q) < 2:
        return []
    users = User.objects.filter(is_active=True).exclude(pk__in=call.reviewers.values("pk"))
    for word in q.split()[:4]:
        users = users.filter(
            Q(email__icontains=word)
            | Q(person__first_name__icontains=word)
            | Q(person__last_name__icontains=word)
        )
    return list(users.select_related("person").order_by("email")[:PICKER_LIMIT])


def submission_answers(*, submission: Submission) -> dict[int, Answer]:
    """The submission's answers by question id."""
    return {a.question_id: a for a in submission.answers.select_related("question")}


def answers_shown(*, submission: Submission) -> list[tuple[Question, Answer | None]]:
    """Every question of the call, in order, with the submission's answer (None if none):
    what the proposal, review and ranking pages show (``calls/_answers.html``)."""
    stored = {a.question_id: a for a in submission.answers.all()}
    return [(q, stored.get(q.pk)) for q in submission.call.questions.all()]


def answer_file(*, submission: Submission, question_id: int) -> Answer | None:
    """The file answering one of the submission's file questions, if one was sent."""
    answer = (
        submission.answers.select_related("question")
        .filter(question_id=question_id, question__kind=QuestionKind.FILE)
        .first()
    )
    return answer if answer is not None and answer.file else None


@dataclass
class CallPulse:
    call: Call
    sent: int
    drafts: int
    reviews_done: int
    reviews_due: int


def calls_in_progress(*, programmes: list[Any], now: Any = None) -> list[CallPulse]:
    """For the team's dashboard: the calls of these programmes not yet decided and already
    open, with their proposals sent and drafts and their reviews done and assigned; two
    queries whatever the number of calls."""
    now = now or timezone.now()
    calls = list(
        Call.objects.select_related("programme")
        .filter(programme__in=programmes, decided_at__isnull=True, opens_at__lte=now)
        .annotate(
            sent=Count("submissions", filter=Q(submissions__status=SubmissionStatus.SUBMITTED)),
            drafts=Count("submissions", filter=Q(submissions__status=SubmissionStatus.DRAFT)),
        )
        .order_by("programme__name", "closes_at")
    )
    reviews = {
        row["submission__call"]: row
        for row in Assignment.objects.filter(
            submission__call__in=[c.pk for c in calls],
            submission__status=SubmissionStatus.SUBMITTED,
        )
        .values("submission__call")
        .annotate(done=Count("pk", filter=Q(submitted_at__isnull=False)), total=Count("pk"))
    }
    return [
        CallPulse(
            call=c,
            sent=c.sent,
            drafts=c.drafts,
            reviews_done=reviews.get(c.pk, {}).get("done", 0),
            reviews_due=reviews.get(c.pk, {}).get("total", 0),
        )
        for c in calls
    ]


def account(*, pk: int) -> User | None:
    """An account by its id, with its person (None when there is none)."""
    return User.objects.select_related("person").filter(pk=pk).first()


def call_answers(
    *, call: Call, submission_ids: list[int] | None = None
) -> tuple[list[Question], dict[int, dict[int, Answer]]]:
    """The call's questions and every answer by submission then question, in two queries:
    for the ranking (the proposals of its page, ``submission_ids``) and its CSV (every one,
    one column a question)."""
    questions = list(call.questions.all())
    answers: dict[int, dict[int, Answer]] = {}
    if not questions:
        return questions, answers
    rows = Answer.objects.filter(submission__call=call)
    if submission_ids is not None:
        rows = rows.filter(submission_id__in=submission_ids)
    for answer in rows.select_related("question"):
        answers.setdefault(answer.submission_id, {})[answer.question_id] = answer
    return questions, answers


@dataclass(frozen=True)
class PendingReviewer:
    """A reviewer with reviews left to write on a call, for the team."""

    reviewer: User
    due: int  # reviews left
    days_late: int  # 0 while the due date has not passed
    reminded_today: bool

    @property
    def is_late(self) -> bool:
        return self.days_late > 0


def call_pending_reviewers(*, call: Call, now: dt.datetime | None = None) -> list[PendingReviewer]:
    """The call's reviewers who still have reviews to write, latest first (most reviews left
    first within a day): two queries whatever the number of reviewers."""
    now = now or timezone.now()
    counts = dict(
        Assignment.objects.filter(
            submission__call=call,
            submission__status=SubmissionStatus.SUBMITTED,
            submitted_at__isnull=True,
        )
        .values_list("reviewer_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    if not counts:
        return []
    reminded = set(
        ReviewReminder.objects.filter(
            call=call,
            reviewer_id__in=counts,
            kind=f"manual-{timezone.localdate(now).isoformat()}",
        ).values_list("reviewer_id", flat=True)
    )
    days_late = 0
    if call.review_due_at is not None and now > call.review_due_at:
        days_late = (now - call.review_due_at).days + 1  # late by the hour is a day late
    reviewers = User.objects.filter(pk__in=counts).select_related("person")
    rows = [
        PendingReviewer(
            reviewer=user,
            due=counts[user.pk],
            days_late=days_late,
            reminded_today=user.pk in reminded,
        )
        for user in reviewers
    ]
    return sorted(rows, key=lambda r: (-r.due, str(r.reviewer.person or r.reviewer.email)))


def calls_late_reviewers(*, calls: list[Call], now: dt.datetime | None = None) -> dict[int, int]:
    """For the team's dashboard: by call, how many reviewers still have reviews to write once
    the call's review due date has passed (calls without one, or not yet due, are absent). One
    query whatever the number of calls, the same rule as ``call_pending_reviewers``."""
    now = now or timezone.now()
    due = [c.pk for c in calls if c.review_due_at is not None and now > c.review_due_at]
    if not due:
        return {}
    return dict(
        Assignment.objects.filter(
            submission__call__in=due,
            submission__status=SubmissionStatus.SUBMITTED,
            submitted_at__isnull=True,
        )
        .values_list("submission__call")
        .annotate(n=Count("reviewer", distinct=True))
        .order_by()
    )


def call_sent_proposals(*, call: Call) -> QuerySet[Submission]:
    """The call's sent proposals (``sent_q``: drafts never), first sent first, with their
    author, organisation and answers (each with its question): what the API gives the call's
    team. Who may read them is ``calls.manage_call`` on the call, then ``calls.see_submission``."""
    return (
        Submission.objects.filter(sent_q(), call=call)
        .select_related("call__programme", "person", "organisation")
        .prefetch_related("answers__question")
        .order_by("submitted_at", "pk")
    )


def reviews_waiting(*, viewer: User) -> list[dict[str, object]]:
    """The viewer's reviews left to write, by call, soonest due first: what "/me/" shows.
    One query."""
    if not viewer.is_authenticated:
        return []
    rows = (
        Assignment.objects.filter(
            reviewer=viewer,
            submitted_at__isnull=True,
            submission__status=SubmissionStatus.SUBMITTED,
            submission__call__decided_at__isnull=True,
        )
        .values("submission__call_id", "submission__call__title", "submission__call__review_due_at")
        .annotate(n=Count("id"))
        .order_by("submission__call__review_due_at", "submission__call_id")
    )
    now = timezone.now()
    return [
        {
            "title": row["submission__call__title"],
            "count": row["n"],
            "due": row["submission__call__review_due_at"],
            "late": row["submission__call__review_due_at"] is not None
            and row["submission__call__review_due_at"] < now,
        }
        for row in rows
    ]


@dataclass(frozen=True)
class DecisionSummary:
    accepted: int
    waitlisted: int
    rejected: int
    undecided: int
    unreviewed: int  # submitted proposals without a single submitted review

    @property
    def total(self) -> int:
        return self.accepted + self.waitlisted + self.rejected + self.undecided


def decision_summary(*, call: Call) -> DecisionSummary:
    """What publishing the call's decisions would announce; one query."""
    figures = call.submissions.filter(status=SubmissionStatus.SUBMITTED).aggregate(
        accepted=Count("pk", filter=Q(decision=Decision.ACCEPTED), distinct=True),
        waitlisted=Count("pk", filter=Q(decision=Decision.WAITLISTED), distinct=True),
        rejected=Count("pk", filter=Q(decision=Decision.REJECTED), distinct=True),
        undecided=Count("pk", filter=Q(decision=""), distinct=True),
        unreviewed=Count(
            "pk",
            filter=~Q(pk__in=Assignment.objects.filter(
                submission__call=call, submitted_at__isnull=False
            ).values("submission_id")),
            distinct=True,
        ),
    )  # fmt: skip
    return DecisionSummary(**figures)


def assignment_score_rows(*, assignment: Assignment) -> list[tuple[Criterion, int | None]]:
    """Each criterion of the call's rubric with the reviewer's score (None if unscored), in
    order: a sent review, read again."""
    scores = assignment_scores(assignment=assignment)
    return [(c, scores.get(c.pk)) for c in assignment.submission.call.criteria.all()]


def call_assigned_reviewer(*, call: Call, pk: int) -> User | None:
    """A reviewer with an assignment on the call; None for anyone else."""
    return (
        User.objects.filter(pk=pk, pk__in=Assignment.objects.filter(
            submission__call=call).values("reviewer_id"))
        .select_related("person")
        .first()
    )  # fmt: skip


def call_submission(*, call: Call, pk: int) -> Submission | None:
    """The call's sent proposal with this id, with what its decision page shows; None for a
    proposal of another call, a draft or a withdrawn one."""
    return (
        call.submissions.filter(pk=pk, status=SubmissionStatus.SUBMITTED)
        .select_related("call__programme", "person", "organisation", "coalition")
        .first()
    )


@dataclass(frozen=True)
class Invitation:
    """A retained proposal of an idea stage and, once invited, its draft in the project stage."""

    origin: Submission
    draft: Submission | None


def idea_stage_invitations(*, call: Call, project: Call) -> list[Invitation]:
    """The idea call's retained proposals (accepted, sent) with their draft in ``project``
    when they were already invited."""
    drafts = {
        s.invited_from_id: s
        for s in Submission.objects.filter(call=project, invited_from__call=call)
    }
    retained = (
        Submission.objects.filter(
            call=call, status=SubmissionStatus.SUBMITTED, decision=Decision.ACCEPTED
        )
        .select_related("person", "organisation")
        .order_by("title", "pk")
    )
    return [Invitation(origin=s, draft=drafts.get(s.pk)) for s in retained]


def idea_stage_choices(*, call: Call) -> QuerySet[Call]:
    """The calls a project stage may follow: the other calls of its programme."""
    return Call.objects.filter(programme_id=call.programme_id).exclude(pk=call.pk)


def call_project_stages(*, call: Call) -> list[Call]:
    """The project stages that name this call as their idea stage."""
    return list(call.project_stages.order_by("opens_at", "pk"))
