from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from alliage.calls import services
from alliage.calls.models import Submission, SubmissionStatus
from alliage.calls.selectors import CriterionStats, call_ranking, weighted_score
from alliage.coalitions.models import Coalition
from alliage.core.errors import BusinessError, PermissionRefused

from ..factories import (
    AffiliationFactory,
    CallFactory,
    CriterionFactory,
    OrganisationFactory,
    PersonFactory,
    SubmissionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
CLOSE = dt.datetime(2027, 3, 31, 21, 59, 59, tzinfo=dt.UTC)  # 23:59:59 in Paris


def closed_call(**fields):
    now = dt.datetime.now(tz=dt.UTC)
    fields.setdefault("opens_at", now - dt.timedelta(days=30))
    fields.setdefault("closes_at", now - dt.timedelta(hours=1))
    return CallFactory(**fields)


def draft(call, user, **data):
    data.setdefault("title", "Réemploi des ordinateurs publics")
    data.setdefault("summary", "Allonger la vie des équipements.")
    data.setdefault("diagnostic", "Les parcs sont renouvelés trop tôt.")
    data.setdefault("impact", "Deux ans de plus en moyenne.")
    return services.submission_save(call=call, by=user, data=data)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_one_second_before_the_close_is_accepted_one_after_refused(language: str) -> None:
    call = CallFactory(closes_at=CLOSE, opens_at=CLOSE - dt.timedelta(days=30))
    early, late = PersonFactory().user, PersonFactory().user
    with time_machine.travel(CLOSE - dt.timedelta(days=1), tick=False):
        first, second = draft(call, early), draft(call, late)
    with time_machine.travel(CLOSE - dt.timedelta(seconds=1), tick=False):
        assert (
            services.submission_submit(submission=first, by=early).status
            == SubmissionStatus.SUBMITTED
        )
    with (
        time_machine.travel(CLOSE + dt.timedelta(seconds=1), tick=False),
        translation.override(language),
        pytest.raises(BusinessError) as refused,
    ):
        services.submission_submit(submission=second, by=late)
    expected = "closed on" if language == "en" else "clos le"
    assert expected in refused.value.message and "31" in refused.value.message
    second.refresh_from_db()
    assert second.status == SubmissionStatus.DRAFT


def test_submitting_twice_never_makes_two_submissions(committed) -> None:
    call = CallFactory()
    user = PersonFactory().user
    submission = draft(call, user)
    again = draft(call, user, title="Titre corrigé dans un autre onglet")
    assert again.pk == submission.pk
    committed(services.submission_submit, submission=submission, by=user)
    committed(services.submission_submit, submission=submission, by=user)
    assert Submission.objects.count() == 1
    assert len(mail.outbox) == 1 and "reçue" in mail.outbox[0].subject


def test_the_submitter_may_edit_until_the_close_only() -> None:
    call = CallFactory(closes_at=CLOSE, opens_at=CLOSE - dt.timedelta(days=30))
    user = PersonFactory().user
    with time_machine.travel(CLOSE - dt.timedelta(hours=1), tick=False):
        submission = draft(call, user)
        services.submission_submit(submission=submission, by=user)
        assert draft(call, user, title="Mieux dit").title == "Mieux dit"
    with (
        time_machine.travel(CLOSE + dt.timedelta(minutes=1), tick=False),
        pytest.raises(BusinessError),
    ):
        draft(call, user, title="Trop tard")
    assert Submission.objects.get().title == "Mieux dit"


def test_incomplete_submissions_are_refused_with_the_missing_fields() -> None:
    call = CallFactory(asks=["diagnostic", "impact", "partners_sought"])
    user = PersonFactory().user
    submission = draft(call, user)
    with translation.override("en"), pytest.raises(BusinessError) as error:
        services.submission_submit(submission=submission, by=user)
    assert "partners sought" in error.value.message


def test_organisation_kinds_and_ownership_are_checked() -> None:
    call = CallFactory(allowed_kinds=["research", "sme"])
    person = PersonFactory()
    association = AffiliationFactory(person=person, organisation__kind="association").organisation
    lab = AffiliationFactory(person=person, organisation__kind="research").organisation
    with pytest.raises(BusinessError):
        services.submission_save(call=call, by=person.user, data={"title": "x"})
    with pytest.raises(BusinessError):
        services.submission_save(
            call=call, by=person.user, data={"title": "x"}, organisation=association
        )
    with pytest.raises(BusinessError):
        services.submission_save(
            call=call, by=person.user, data={"title": "x"}, organisation=OrganisationFactory(
                kind="research")
        )  # fmt: skip
    saved = services.submission_save(
        call=call, by=person.user, data={"title": "x"}, organisation=lab
    )
    assert saved.organisation == lab


def test_attachments_are_checked_by_content_and_size() -> None:
    call = CallFactory(asks=["attachment"])
    user = PersonFactory().user
    fake = SimpleUploadedFile("projet.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.submission_save(call=call, by=user, data={"title": "x"}, attachment=fake)
    assert not Submission.objects.exists()
    pdf = SimpleUploadedFile("projet.pdf", b"%PDF-1.7\n%fake but well-formed header\n")
    saved = services.submission_save(call=call, by=user, data={"title": "x"}, attachment=pdf)
    assert saved.attachment.name.endswith(".pdf")


def test_a_call_not_yet_open_refuses_drafts() -> None:
    call = CallFactory(opens_at=CLOSE, closes_at=CLOSE + dt.timedelta(days=5))
    with pytest.raises(BusinessError):
        draft(call, PersonFactory().user)


def test_manual_assignment_refuses_conflicts() -> None:
    submission = SubmissionFactory(organisation=OrganisationFactory())
    team = UserFactory()
    submission.call.programme.team.add(team)
    colleague = AffiliationFactory(organisation=submission.organisation).person.user
    with pytest.raises(BusinessError):
        services.assignment_create(submission=submission, reviewer=colleague, by=team)
    declared = PersonFactory().user
    services.assignment_create(submission=submission, reviewer=declared, by=team)
    services.conflict_declare(submission=submission, by=declared, reason="ancien employeur")
    assert not submission.assignments.filter(reviewer=declared).exists()
    with pytest.raises(BusinessError):
        services.assignment_create(submission=submission, reviewer=declared, by=team)
    fine = PersonFactory().user
    assert services.assignment_create(submission=submission, reviewer=fine, by=team)
    with pytest.raises(PermissionRefused):
        services.assignment_create(submission=submission, reviewer=fine, by=fine)


def test_automatic_assignment_respects_conflicts_and_balance() -> None:
    call = CallFactory(reviewers_per_submission=2)
    team = UserFactory()
    call.programme.team.add(team)
    organisations = [OrganisationFactory() for _ in range(3)]
    submissions = [
        SubmissionFactory(call=call, organisation=organisations[i % 3]) for i in range(9)
    ]
    reviewers = [PersonFactory().user for _ in range(5)]
    AffiliationFactory(person=reviewers[0].person, organisation=organisations[0])
    call.reviewers.add(*reviewers)
    created, short = services.assignments_auto(call=call, by=team)
    assert (created, short) == (18, [])
    for s in submissions:
        assert s.assignments.count() == 2
    assert not submissions[0].assignments.filter(reviewer=reviewers[0]).exists()
    loads = [call.submissions.filter(assignments__reviewer=r).count() for r in reviewers]
    assert max(loads) - min(loads) <= 1


def test_weighted_aggregation_matches_a_worked_example() -> None:
    """Two criteria: weight 3 on a /5 scale, weight 1 on a /10 scale.
    Reviewer A: 4 and 6; reviewer B: 2 and 10.
    Means: 3/5 = 0.6 and 8/10 = 0.8; weighted: (3 x 0.6 + 1 x 0.8) / 4 = 0.65 -> 65 %.
    Spread (population standard deviation): 1.0 and 2.0. Range shares: 2/5 = 0.4 and
    4/10 = 0.4, below the 0.5 disagreement threshold."""
    call = CallFactory()
    depth = CriterionFactory(call=call, weight=3, scale=5, position=0)
    team = CriterionFactory(call=call, weight=1, scale=10, position=1)
    submission = SubmissionFactory(call=call)
    for depth_score, team_score in ((4, 6), (2, 10)):
        reviewer = PersonFactory().user
        assignment = services.assignment_create(
            submission=submission, reviewer=reviewer, by=UserFactory(is_superuser=True)
        )
        services.review_save(
            assignment=assignment,
            by=reviewer,
            scores={depth.pk: depth_score, team.pk: team_score},
            comment="",
            submit=True,
        )
    [row] = call_ranking(call=call)
    assert row.percent == 65.0
    assert [c.mean for c in row.criteria] == [3.0, 8.0]
    assert [c.spread for c in row.criteria] == [1.0, 2.0]
    assert not row.flagged
    assert weighted_score([CriterionStats(depth, [5]), CriterionStats(team, [])]) == 1.0


def test_strong_disagreement_is_flagged() -> None:
    call = CallFactory()
    criterion = CriterionFactory(call=call, scale=5)
    submission = SubmissionFactory(call=call)
    for value in (1, 5):
        reviewer = PersonFactory().user
        assignment = services.assignment_create(
            submission=submission, reviewer=reviewer, by=UserFactory(is_superuser=True)
        )
        services.review_save(
            assignment=assignment, by=reviewer, scores={criterion.pk: value}, comment="",
            submit=True,
        )  # fmt: skip
    assert call_ranking(call=call)[0].flagged


def test_a_review_needs_every_score_and_stays_in_range_then_locks() -> None:
    call = CallFactory()
    a, b = CriterionFactory(call=call), CriterionFactory(call=call)
    submission = SubmissionFactory(call=call)
    reviewer = PersonFactory().user
    assignment = services.assignment_create(
        submission=submission, reviewer=reviewer, by=UserFactory(is_superuser=True)
    )
    with pytest.raises(BusinessError):
        services.review_save(
            assignment=assignment, by=reviewer, scores={a.pk: 3, b.pk: None}, comment="",
            submit=True,
        )  # fmt: skip
    with pytest.raises(BusinessError):
        services.review_save(
            assignment=assignment, by=reviewer, scores={a.pk: 9, b.pk: 1}, comment="",
            submit=True,
        )  # fmt: skip
    services.review_save(
        assignment=assignment, by=reviewer, scores={a.pk: 3, b.pk: 1}, comment="ok", submit=True
    )
    with pytest.raises(BusinessError):
        services.review_save(
            assignment=assignment, by=reviewer, scores={a.pk: 5, b.pk: 5}, comment="",
            submit=True,
        )  # fmt: skip


def test_publishing_makes_exactly_one_coalition_of_each_accepted_proposal(committed) -> None:
    person = PersonFactory()
    organisation = AffiliationFactory(person=person).organisation
    submission = SubmissionFactory(
        call=closed_call(), person=person, organisation=organisation,
        title="Sobriété des parcs publics", partners_sought="Des collectivités pilotes.",
    )  # fmt: skip
    team = UserFactory()
    submission.call.programme.team.add(team)
    services.decision_record(submission=submission, by=team, decision="accepted", message="Bravo")
    services.decision_record(submission=submission, by=team, decision="accepted")
    assert not Coalition.objects.exists()  # nothing of the decision shows before publication
    mail.outbox.clear()
    committed(services.call_publish_decisions, call=submission.call, by=team)
    assert [m.to for m in mail.outbox] == [[person.user.email]]
    coalition = Coalition.objects.get()
    assert (coalition.status, coalition.title) == ("forming", "Sobriété des parcs publics")
    assert coalition.diagnostic == submission.diagnostic
    assert coalition.impact_statement == submission.impact
    assert coalition.seeking == "Des collectivités pilotes."
    lead = coalition.members.get()
    assert (lead.person, lead.organisation, lead.role) == (person, organisation, "lead")
    assert coalition.is_published
    submission.refresh_from_db()
    assert submission.coalition == coalition
    with pytest.raises(BusinessError):
        services.decision_record(submission=submission, by=team, decision="rejected")
    services.call_publish_decisions(call=submission.call, by=team)
    assert Coalition.objects.count() == 1


def test_no_decision_while_the_call_is_open() -> None:
    submission = SubmissionFactory()
    with pytest.raises(BusinessError):
        services.decision_record(
            submission=submission, by=UserFactory(is_superuser=True), decision="accepted"
        )
    assert not Coalition.objects.exists()


def test_reviews_only_on_submitted_proposals_and_withdrawn_ones_free_reviewers() -> None:
    call = CallFactory(reviewers_per_submission=1)
    team = UserFactory(is_superuser=True)
    a, b = PersonFactory().user, PersonFactory().user
    call.reviewers.add(a, b)
    with pytest.raises(BusinessError):
        services.assignment_create(
            submission=SubmissionFactory(call=call, status=SubmissionStatus.DRAFT),
            reviewer=a,
            by=team,
        )
    for _ in range(2):
        withdrawn = SubmissionFactory(call=call)
        services.assignment_create(submission=withdrawn, reviewer=a, by=team)
        withdrawn.status = SubmissionStatus.WITHDRAWN
        withdrawn.save()
    fresh_ones = [SubmissionFactory(call=call) for _ in range(2)]
    services.assignments_auto(call=call, by=team)
    assert sorted(s.assignments.get().reviewer_id for s in fresh_ones) == sorted([a.pk, b.pk])


def test_a_sent_proposal_cannot_be_emptied() -> None:
    call = CallFactory()
    user = PersonFactory().user
    submission = draft(call, user)
    services.submission_submit(submission=submission, by=user)
    with pytest.raises(BusinessError):
        services.submission_save(call=call, by=user, data={"title": "", "summary": ""})
    submission.refresh_from_db()
    assert submission.title and submission.summary


def test_a_conflict_declared_after_reviewing_removes_the_review() -> None:
    call = CallFactory()
    criterion = CriterionFactory(call=call)
    submission = SubmissionFactory(call=call)
    reviewer = PersonFactory().user
    assignment = services.assignment_create(
        submission=submission, reviewer=reviewer, by=UserFactory(is_superuser=True)
    )
    services.review_save(
        assignment=assignment, by=reviewer, scores={criterion.pk: 5}, comment="", submit=True
    )
    services.conflict_declare(submission=submission, by=reviewer)
    assert call_ranking(call=call)[0].reviews == 0
    with pytest.raises(PermissionRefused):
        services.conflict_declare(submission=submission, by=PersonFactory().user)


def test_encrypted_or_damaged_office_files_are_refused_cleanly() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    damaged = bytearray(buffer.getvalue())
    central = damaged.index(b"PK\x01\x02")
    damaged[6:8] = b"\x01\x00"  # the "encrypted" flag, in the local header
    damaged[central + 8 : central + 10] = b"\x01\x00"  # and in the central directory
    upload = SimpleUploadedFile("projet.odt", bytes(damaged))
    with pytest.raises(ValidationError):
        services.submission_save(
            call=CallFactory(), by=PersonFactory().user, data={"title": "x"}, attachment=upload
        )


def test_decisions_cannot_be_published_with_undecided_submissions() -> None:
    submission = SubmissionFactory()
    team = UserFactory(is_superuser=True)
    with (
        time_machine.travel(submission.call.closes_at + dt.timedelta(hours=1)),
        pytest.raises(BusinessError),
    ):
        services.call_publish_decisions(call=submission.call, by=team)


def test_rubric_templates_copy_into_the_call() -> None:
    team = UserFactory(is_superuser=True)
    call = services.call_create(
        by=team,
        template="facteur-4",
        programme=CallFactory().programme,
        kind="projects",
        title="Appel Facteur 4",
        opens_at=CLOSE - dt.timedelta(days=30),
        closes_at=CLOSE,
    )
    names = list(call.criteria.values_list("name", flat=True))
    assert len(names) == 6 and names[0] == "Caractère innovant"
    call.criteria.filter(position=5).update(weight=4)  # the call adapts its copy
    other = services.call_create(
        by=team, template="facteur-4", programme=call.programme, kind="projects",
        title="Autre appel", opens_at=CLOSE - dt.timedelta(days=30), closes_at=CLOSE,
    )  # fmt: skip
    assert other.criteria.get(position=5).weight == 1
    assert services.criteria_from_template(call=other, template="reset-coalition")
    with pytest.raises(BusinessError):
        services.criteria_from_template(call=other, template="nope")


def test_two_calls_with_the_same_title_get_distinct_slugs() -> None:
    team = UserFactory(is_superuser=True)
    programme = CallFactory().programme

    def open_call(title: str):
        return services.call_create(
            by=team, programme=programme, kind="projects", title=title,
            opens_at=CLOSE - dt.timedelta(days=30), closes_at=CLOSE,
        )  # fmt: skip

    first, second = open_call("Appel à coalitions #Reset"), open_call("Appel à coalitions #Reset")
    assert first.slug == "appel-a-coalitions-reset"
    assert second.slug == "appel-a-coalitions-reset-2"
    # A title that would shadow the app's own pages (/calls/me/) gets a slug of its own.
    assert open_call("Me").slug == "me-2"
