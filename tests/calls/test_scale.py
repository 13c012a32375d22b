"""The calls' pages run as many queries with three times the proposals and reviews, and the
ranking aggregated in SQL reads the same as the scores it sums up."""

from __future__ import annotations

import itertools
import statistics

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliage.actors.models import Person
from alliage.calls.models import Answer, Assignment, Question, Score, Submission
from alliage.calls.selectors import CriterionStats, call_ranking
from alliage.core.models import User

from ..factories import CallFactory, CriterionFactory, PersonFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

_serial = itertools.count()


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def counts(clients: list[Client], urls: list[str]) -> dict[tuple[int, str], int]:
    return {(i, url): queries(c, url) for i, c in enumerate(clients) for url in urls}


def seed(call, reviewers: list[User], n: int) -> list[Submission]:
    """``n`` sent proposals to the call, each answered, assigned to every reviewer and scored
    on every criterion by all but the last reviewer."""
    users = User.objects.bulk_create(User(email=f"calls{next(_serial)}@x.org") for _ in range(n))
    people = Person.objects.bulk_create(
        Person(user=u, first_name="P", last_name=f"L{u.pk}") for u in users
    )
    now = timezone.now()
    submissions = Submission.objects.bulk_create(
        Submission(call=call, person=p, title=f"Projet {p.pk}", summary="s", status="submitted",
                   submitted_at=now)
        for p in people
    )  # fmt: skip
    question = call.questions.first()
    if question is not None:
        Answer.objects.bulk_create(
            Answer(submission=s, question=question, value="oui") for s in submissions
        )
    assignments = Assignment.objects.bulk_create(
        Assignment(submission=s, reviewer=r, submitted_at=now if k < len(reviewers) - 1 else None)
        for s in submissions
        for k, r in enumerate(reviewers)
    )
    criteria = list(call.criteria.all())
    Score.objects.bulk_create(
        Score(assignment=a, criterion=c, value=1 + (a.pk * 7 + c.pk) % 5)
        for a in assignments
        if a.submitted_at is not None
        for c in criteria
    )
    return submissions


def test_call_pages_do_not_grow_with_the_data() -> None:
    programme = ProgrammeFactory()
    team = PersonFactory().user
    programme.team.add(team)
    reviewers = [team, PersonFactory().user, PersonFactory().user]
    calls = [CallFactory(programme=programme) for _ in range(3)]
    for call in calls:
        call.reviewers.add(*reviewers)
        CriterionFactory(call=call)
        CriterionFactory(call=call, weight=2)
        Question.objects.create(call=call, kind="short", label_fr="Une question ?")
    call = calls[0]
    first = seed(call, reviewers, 10)[0]
    author = first.person.user
    urls = [
        "/calls/",
        f"/calls/{call.slug}/",
        f"/calls/submissions/{first.pk}/",
        "/api/v1/calls",
        f"/api/v1/calls/{call.slug}",
    ]
    team_urls = [
        f"/calls/{call.slug}/ranking/",
        f"/calls/{call.slug}/ranking/?sort=title&page=2",
        "/calls/reviews/",
    ]
    anonymous, as_team, as_author = Client(), Client(), Client()
    as_team.force_login(team)
    as_author.force_login(author)
    before = counts([anonymous, as_team, as_author], urls[:2] + urls[3:])
    before_team = counts([as_team], urls + team_urls)
    before_author = queries(as_author, f"/calls/submissions/{first.pk}/")
    for c in calls:
        seed(c, reviewers, 20)
    seed(call, reviewers, 90)  # the ranking and the queue now span several pages
    assert counts([anonymous, as_team, as_author], urls[:2] + urls[3:]) == before
    assert counts([as_team], urls + team_urls) == before_team
    assert queries(as_author, f"/calls/submissions/{first.pk}/") == before_author


def test_the_ranking_page_shows_a_page_of_the_whole_ranking() -> None:
    call = CallFactory()
    team = PersonFactory().user
    call.programme.team.add(team)
    CriterionFactory(call=call)
    Question.objects.create(call=call, kind="short", label_fr="Une question ?")
    seed(call, [team, PersonFactory().user], 60)
    client = Client()
    client.force_login(team)
    ranking = call_ranking(call=call)
    first = client.get(f"/calls/{call.slug}/ranking/").content.decode()
    second = client.get(f"/calls/{call.slug}/ranking/?page=2").content.decode()
    assert ranking[0].submission.title in first and ranking[0].submission.title not in second
    assert ranking[55].submission.title in second and ranking[55].submission.title not in first
    assert "60" in first  # the whole count, not the page's
    csv = client.get(f"/calls/{call.slug}/ranking/?format=csv").content.decode()
    assert len(csv.strip().splitlines()) == 61


def test_the_aggregated_ranking_reads_as_the_scores_it_sums() -> None:
    call = CallFactory()
    criteria = [CriterionFactory(call=call, scale=5), CriterionFactory(call=call, weight=3)]
    reviewers = [PersonFactory().user for _ in range(4)]
    seed(call, reviewers, 8)
    for row in call_ranking(call=call):
        for stats, criterion in zip(row.criteria, criteria, strict=True):
            values = list(
                Score.objects.filter(
                    criterion=criterion,
                    assignment__submission=row.submission,
                    assignment__submitted_at__isnull=False,
                ).values_list("value", flat=True)
            )
            plain = CriterionStats(criterion, values)
            assert stats.count == len(values) == 3
            assert stats.mean == pytest.approx(statistics.fmean(values))
            assert stats.spread == pytest.approx(plain.spread)
            assert stats.range_share == pytest.approx(plain.range_share)
        assert row.reviews == 3 and row.assigned == 4
