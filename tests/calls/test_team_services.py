"""Building a call: its dates, questions, rubric, pool and duplication; answers on proposals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from alliage.calls import selectors, services
from alliage.calls.audit import AuditAction
from alliage.calls.models import INDIVIDUALS, Answer, Call, Question, Score, SubmissionStatus
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import AuditEntry

from ..factories import (
    CallFactory,
    CriterionFactory,
    PersonFactory,
    ProgrammeFactory,
    SubmissionFactory,
    UserFactory,
)
from .factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NOW = dt.datetime.now(tz=dt.UTC)


@pytest.fixture
def team():
    user = PersonFactory().user
    return user


@pytest.fixture
def call(team):
    call = CallFactory(asks=[])
    call.programme.team.add(team)
    return call


def dates(**shift: int) -> dict[str, dt.datetime | None]:
    base = {"opens_at": 0, "closes_at": 30, "review_due_at": 45, "decisions_expected_at": 60}
    base.update(shift)
    return {k: (NOW + dt.timedelta(days=v) if v is not None else None) for k, v in base.items()}


def test_call_dates_out_of_order_are_refused_on_their_field(team, call) -> None:
    with pytest.raises(BusinessError) as error:
        services.call_create(
            by=team, programme=call.programme, kind="projects", title="Appel", **dates(closes_at=-1)
        )
    assert error.value.field == "closes_at"
    with pytest.raises(BusinessError) as error:
        services.call_update(call=call, by=team, **dates(review_due_at=20))
    assert error.value.field == "review_due_at"
    with pytest.raises(BusinessError) as error:
        services.call_update(call=call, by=team, **dates(decisions_expected_at=40))
    assert error.value.field == "decisions_expected_at"
    updated = services.call_update(call=call, by=team, **dates())
    assert updated.decisions_expected_at > updated.review_due_at > updated.closes_at
    entry = AuditEntry.objects.get(action=AuditAction.CALL_UPDATED)
    assert "decisions_expected_at" in str(entry.data)
    services.call_update(call=updated, by=team, title=updated.title)  # nothing changed
    assert AuditEntry.objects.filter(action=AuditAction.CALL_UPDATED).count() == 1


def test_only_the_programmes_team_sets_up_its_calls(team, call) -> None:
    outsider = PersonFactory().user
    with pytest.raises(PermissionRefused):
        services.call_update(call=call, by=outsider, title="Pris")
    with pytest.raises(PermissionRefused):
        services.question_save(call=call, by=outsider, kind="short", label_fr="Q")
    # Nor may the team move a call to a programme it does not run.
    with pytest.raises(PermissionRefused):
        services.call_update(call=call, by=team, programme=ProgrammeFactory())
    assert Call.objects.get(pk=call.pk).programme_id == call.programme_id


def test_questions_are_added_in_order_moved_and_labelled_in_the_readers_language(
    team, call
) -> None:
    first = services.question_save(
        call=call, by=team, kind="short", label_fr="Votre territoire ?", label_en="Your area?"
    )
    second = services.question_save(
        call=call, by=team, kind="choice", label_fr="Taille", choices=["Petite", "Grande"]
    )
    assert [q.pk for q in call.questions.all()] == [first.pk, second.pk]
    services.question_move(question=second, by=team, delta=-1)
    assert [q.pk for q in call.questions.all()] == [second.pk, first.pk]
    with translation.override("en"):
        assert first.label == "Your area?"
        assert second.label == "Taille"  # no English: the French
    with translation.override("fr"):
        assert first.label == "Votre territoire ?"


def test_a_choice_question_needs_two_choices_and_an_answered_one_keeps_its_kind(team, call) -> None:
    with pytest.raises(BusinessError) as error:
        services.question_save(call=call, by=team, kind="choices", label_fr="Q", choices=["Un"])
    assert error.value.field == "choices"
    question = QuestionFactory(call=call, kind="short")
    AnswerFactory(question=question)
    with pytest.raises(BusinessError) as error:
        services.question_save(call=call, by=team, question=question, kind="number")
    assert error.value.field == "kind"


def test_an_answered_question_is_removed_only_when_confirmed(team, call) -> None:
    question = QuestionFactory(call=call)
    AnswerFactory(question=question)
    with pytest.raises(BusinessError, match="confirm"):
        services.question_delete(question=question, by=team)
    assert Question.objects.filter(pk=question.pk).exists()
    assert services.question_delete(question=question, by=team, confirm=True) == 1
    assert not Answer.objects.exists()
    unanswered = QuestionFactory(call=call)
    assert services.question_delete(question=unanswered, by=team) == 0


def test_rubric_criteria_are_added_moved_and_a_scored_one_stays(team, call) -> None:
    a = services.criterion_save(call=call, by=team, name="Impact", weight=3, scale=5)
    b = services.criterion_save(call=call, by=team, name="Équipe", weight=1, scale=5)
    services.criterion_move(criterion=b, by=team, delta=-1)
    assert [c.pk for c in call.criteria.all()] == [b.pk, a.pk]
    services.rubric_from_template(call=call, by=team, template="reset-coalition")
    assert call.criteria.count() == 7
    submission = SubmissionFactory(call=call)
    assignment = submission.assignments.create(reviewer=UserFactory())
    Score.objects.create(assignment=assignment, criterion=a, value=3)
    with pytest.raises(BusinessError):
        services.criterion_delete(criterion=a, by=team)
    with pytest.raises(BusinessError) as error:
        services.criterion_save(call=call, by=team, criterion=a, scale=10)
    assert error.value.field == "scale"
    services.criterion_delete(criterion=b, by=team)
    assert list(call.criteria.values_list("position", flat=True)) == list(range(6))


def test_duplication_copies_the_set_up_with_new_dates_never_the_proposals(team, call) -> None:
    call.allowed_kinds = ["association", INDIVIDUALS]
    call.save()
    QuestionFactory(call=call, kind="choice", choices=["A", "B"], required=True)
    CriterionFactory(call=call, name="Impact")
    reviewer = UserFactory()
    call.reviewers.add(reviewer)
    SubmissionFactory(call=call)
    copy = services.call_duplicate(call=call, by=team, title="Deuxième édition", **dates())
    assert copy.pk != call.pk and copy.slug != call.slug
    assert copy.visibility == "team"
    assert copy.allowed_kinds == ["association", INDIVIDUALS]
    assert [(q.kind, q.choices, q.required) for q in copy.questions.all()] == [
        ("choice", ["A", "B"], True)
    ]
    assert [c.name for c in copy.criteria.all()] == ["Impact"]
    assert list(copy.reviewers.all()) == [reviewer]
    assert not copy.submissions.exists()
    with pytest.raises(BusinessError):
        services.call_duplicate(call=call, by=team, title="X", **dates(closes_at=-5))


def test_reviewer_pool_changes_are_audited_and_the_picker_finds_people(team, call) -> None:
    wanted = PersonFactory(first_name="Lucie", last_name="Aubrac").user
    PersonFactory(first_name="Marc", last_name="Bloch")
    assert [u.pk for u in selectors.reviewer_candidates(call=call, q="aubr")] == [wanted.pk]
    assert selectors.reviewer_candidates(call=call, q="a") == []  # two letters at least
    services.call_reviewer_add(call=call, by=team, reviewer=wanted)
    assert selectors.reviewer_candidates(call=call, q="aubr") == []  # already in
    assert AuditEntry.objects.filter(action="role.reviewer_pool_changed").exists()
    services.call_reviewer_remove(call=call, by=team, reviewer=wanted)
    assert not call.reviewers.exists()


def test_answers_are_stored_validated_and_required_ones_block_sending(team, call) -> None:
    short = QuestionFactory(call=call, kind="short", required=True, label_fr="Territoire")
    several = QuestionFactory(call=call, kind="choices", choices=["Eau", "Air", "Sol"])
    number = QuestionFactory(call=call, kind="number")
    when = QuestionFactory(call=call, kind="date")
    person = PersonFactory()
    data = {"title": "Projet", "summary": "Résumé"}
    draft = services.submission_save(
        call=call, by=person.user, data=data, answers={several.pk: ["Eau", "Sol"], number.pk: 12}
    )
    with pytest.raises(BusinessError, match="Territoire"):
        services.submission_submit(submission=draft, by=person.user)
    with pytest.raises(BusinessError) as error:
        services.submission_save(
            call=call, by=person.user, data=data, answers={several.pk: ["Feu"]}
        )
    assert error.value.field == several.field_name
    with pytest.raises(BusinessError):
        services.submission_save(call=call, by=person.user, data=data, answers={when.pk: "demain"})
    services.submission_save(
        call=call,
        by=person.user,
        data=data,
        answers={short.pk: "Lyon", when.pk: "2027-03-01"},
    )
    sent = services.submission_submit(submission=draft, by=person.user)
    assert sent.status == SubmissionStatus.SUBMITTED
    stored = selectors.submission_answers(submission=sent)
    assert stored[several.pk].value == ["Eau", "Sol"]
    assert stored[number.pk].display == "12"
    assert stored[short.pk].value == "Lyon"
    # A sent proposal may improve, not lose a required answer.
    with pytest.raises(BusinessError):
        services.submission_save(call=call, by=person.user, data=data, answers={short.pk: None})


def test_a_file_answer_is_checked_like_the_attachment(team, call) -> None:
    question = QuestionFactory(call=call, kind="file")
    person = PersonFactory()
    data = {"title": "Projet", "summary": "Résumé"}
    with pytest.raises(BusinessError) as error:
        services.submission_save(
            call=call,
            by=person.user,
            data=data,
            answer_files={question.pk: SimpleUploadedFile("x.exe", b"MZ\x90\x00")},
        )
    assert error.value.field == question.field_name
    submission = services.submission_save(
        call=call,
        by=person.user,
        data=data,
        answer_files={question.pk: SimpleUploadedFile("budget.pdf", PDF)},
    )
    answer = selectors.answer_file(submission=submission, question_id=question.pk)
    assert answer is not None and answer.display.startswith("budget")


def test_people_in_their_own_name_may_answer_when_the_call_says_so(call) -> None:
    person = PersonFactory()
    data = {"title": "Projet", "summary": "Résumé"}
    call.allowed_kinds = ["association"]
    call.save()
    with pytest.raises(BusinessError):
        services.submission_save(call=call, by=person.user, data=data)
    call.allowed_kinds = ["association", INDIVIDUALS]
    call.save()
    assert services.submission_save(call=call, by=person.user, data=data).organisation is None


def test_questions_from_another_call_are_refused(call) -> None:
    foreign = QuestionFactory()
    person = PersonFactory()
    with pytest.raises(BusinessError):
        services.submission_save(
            call=call, by=person.user, data={"title": "P"}, answers={foreign.pk: "x"}
        )


def test_the_pulse_reads_a_constant_number_of_queries(call) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            pulses = selectors.calls_in_progress(programmes=[call.programme])
        assert pulses
        return len(queries)

    SubmissionFactory(call=call)
    few = count()
    for _i in range(4):
        other = CallFactory(programme=call.programme)
        submission = SubmissionFactory(call=other)
        submission.assignments.create(reviewer=UserFactory(), submitted_at=NOW)
        SubmissionFactory(call=other, status="draft", submitted_at=None)
    assert count() == few
    pulses = {p.call.pk: p for p in selectors.calls_in_progress(programmes=[call.programme])}
    assert pulses[other.pk].sent == 1 and pulses[other.pk].drafts == 1
    assert (pulses[other.pk].reviews_done, pulses[other.pk].reviews_due) == (1, 1)
