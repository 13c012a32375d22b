"""The team's call pages: the list, creating, the builder, the picker, duplication; the
proposal form, page and API with the call's own questions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alliage.calls.models import Call, Question, Submission, SubmissionStatus

from ..clients import client_for
from ..factories import CallFactory, CriterionFactory, PersonFactory, SubmissionFactory
from .factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def when(days: int) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def team():
    return PersonFactory().user


@pytest.fixture
def call(team):
    call = CallFactory(asks=[], title="Appel Reset")
    call.programme.team.add(team)
    return call


def settings_data(call, **extra) -> dict:
    return {
        "programme": call.programme.pk,
        "title": "Appel Sobriété",
        "kind": "projects",
        "allowed_kinds": ["association", "local_authority"],
        "opens_at": when(-1),
        "closes_at": when(30),
        "review_due_at": when(40),
        "visibility": "public",
        "reviewers_per_submission": "2",
        **extra,
    }


def test_the_list_shows_the_calls_of_the_programmes_one_runs(team, call) -> None:
    CallFactory(title="Appel d'ailleurs")
    SubmissionFactory(call=call)
    response = client_for(team).get("/en/team/calls/")
    body = response.content.decode()
    assert "Appel Reset" in body and "Appel d'ailleurs" not in body
    assert reverse("team:calls:call-edit", args=[call.slug]) in body
    assert client_for(PersonFactory().user).get("/en/team/calls/").status_code == 403


def test_creating_a_call_with_eligibility_a_template_and_dates(team, call) -> None:
    response = client_for(team).post(
        "/en/team/calls/new/", settings_data(call, template="facteur-4")
    )
    created = Call.objects.get(title="Appel Sobriété")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/team/calls/{created.slug}/questions/")
    assert created.allowed_kinds == ["association", "local_authority"]
    assert created.criteria.count() == 6
    assert created.review_due_at is not None


def test_dates_out_of_order_come_back_on_their_field_in_the_readers_language(team, call) -> None:
    response = client_for(team).post(
        "/en/team/calls/new/", settings_data(call, review_due_at=when(10))
    )
    assert response.status_code == 200
    assert "Reviews are due after the call closes" in response.content.decode()
    assert response.context["form"].errors["review_due_at"]
    response = client_for(team).post("/team/calls/new/", settings_data(call, closes_at=when(-3)))
    assert (
        "L'appel doit" in response.content.decode() or response.context["form"].errors["closes_at"]
    )
    assert not Call.objects.filter(title="Appel Sobriété").exists()


def test_every_kind_ticked_means_open_to_everyone(team, call) -> None:
    from alliage.calls.forms_team import eligibility_choices

    everyone = [c for c, _l in eligibility_choices()]
    client_for(team).post(
        f"/en/team/calls/{call.slug}/", settings_data(call, allowed_kinds=everyone)
    )
    call.refresh_from_db()
    assert call.allowed_kinds == [] and call.title == "Appel Sobriété"
    page = client_for(team).get(f"/en/team/calls/{call.slug}/").content.decode()
    assert page.count('name="allowed_kinds"') == len(everyone)
    assert page.count("checked") >= len(everyone)


def test_the_form_builder_adds_moves_changes_and_removes_questions(team, call) -> None:
    url = f"/en/team/calls/{call.slug}/questions/"
    client = client_for(team)
    client.post(url, {"action": "add", "new-kind": "short", "new-label_fr": "Territoire ?"})
    response = client.post(
        url, {"action": "add", "new-kind": "choice", "new-label_fr": "Taille", "new-choices": "Une"}
    )
    assert response.status_code == 200  # a choice question needs two choices: said on its field
    assert response.context["add_form"].errors["choices"]
    client.post(
        url,
        {"action": "add", "new-kind": "choice", "new-label_fr": "Taille",
         "new-choices": "Petite\nGrande\n\nPetite", "new-required": "on"},
    )  # fmt: skip
    first, second = call.questions.all()
    assert second.choices == ["Petite", "Grande"] and second.required
    client.post(url, {"action": "up", "question": second.pk})
    assert list(call.questions.values_list("pk", flat=True)) == [second.pk, first.pk]
    shown = client.get(url).context["items"]  # the page's order too (counts drop Meta.ordering)
    assert [q.pk for q, _form in shown] == [second.pk, first.pk]
    client.post(
        url,
        {"action": "update", "question": first.pk, f"q{first.pk}-kind": "long",
         f"q{first.pk}-label_fr": "Territoire", f"q{first.pk}-label_en": "Area"},
    )  # fmt: skip
    first.refresh_from_db()
    assert (first.kind, first.label_en) == ("long", "Area")
    AnswerFactory(question=first)
    response = client.post(url, {"action": "delete", "question": first.pk}, follow=True)
    assert "confirm" in response.content.decode()
    assert Question.objects.filter(pk=first.pk).exists()
    client.post(url, {"action": "delete", "question": first.pk, "confirm": "1"})
    assert not Question.objects.filter(pk=first.pk).exists()


def test_a_question_of_another_call_is_not_reachable(team, call) -> None:
    foreign = QuestionFactory()
    response = client_for(team).post(
        f"/en/team/calls/{call.slug}/questions/",
        {"action": "delete", "question": foreign.pk, "confirm": "1"},
        follow=True,
    )
    assert Question.objects.filter(pk=foreign.pk).exists()
    assert "not part of this call" in response.content.decode()


def test_the_team_of_another_programme_gets_nothing(call) -> None:
    other = PersonFactory().user
    CallFactory().programme.team.add(other)
    client = client_for(other)
    for suffix in ("", "questions/", "rubric/", "reviewers/", "reviewers/search/?q=ab",
                   "duplicate/"):  # fmt: skip
        assert client.get(f"/en/team/calls/{call.slug}/{suffix}").status_code == 404
    assert client.post(f"/en/team/calls/{call.slug}/", settings_data(call)).status_code == 404
    call.refresh_from_db()
    assert call.title == "Appel Reset"


def test_the_rubric_editor(team, call) -> None:
    url = f"/en/team/calls/{call.slug}/rubric/"
    client = client_for(team)
    client.post(url, {"action": "template", "template": "reset-coalition"})
    client.post(url, {"action": "add", "new-name": "Sobriété", "new-weight": "2",
                      "new-scale": "10"})  # fmt: skip
    assert call.criteria.count() == 6
    last = call.criteria.last()
    assert (last.name, last.scale) == ("Sobriété", 10)
    response = client.post(url, {"action": "add", "new-name": "", "new-scale": "50"})
    assert response.context["add_form"].errors["scale"]
    client.post(url, {"action": "delete", "criterion": last.pk})
    assert call.criteria.count() == 5
    page = client.get(url).content.decode()
    assert "%" in page and "Hétérogénéité de la coalition" in page


def test_the_reviewer_picker_searches_as_one_types_and_works_without_js(team, call) -> None:
    lucie = PersonFactory(first_name="Lucie", last_name="Aubrac").user
    client = client_for(team)
    partial = client.get(
        f"/en/team/calls/{call.slug}/reviewers/search/", {"q": "aubr"}, headers={"HX-Request": "1"}
    ).content.decode()
    assert "Lucie Aubrac" in partial and "<html" not in partial
    page = client.get(f"/en/team/calls/{call.slug}/reviewers/", {"q": "aubr"}).content.decode()
    assert "Lucie Aubrac" in page and 'hx-get="' in page
    client.post(f"/en/team/calls/{call.slug}/reviewers/", {"action": "add", "reviewer": lucie.pk})
    assert list(call.reviewers.all()) == [lucie]
    client.post(
        f"/en/team/calls/{call.slug}/reviewers/", {"action": "remove", "reviewer": lucie.pk}
    )
    assert not call.reviewers.exists()


def test_duplicating_asks_for_the_new_dates(team, call) -> None:
    QuestionFactory(call=call)
    CriterionFactory(call=call)
    client = client_for(team)
    page = client.get(f"/en/team/calls/{call.slug}/duplicate/")
    assert page.context["form"].initial["closes_at"].year == call.closes_at.year + 1
    response = client.post(
        f"/en/team/calls/{call.slug}/duplicate/",
        {"title": "Édition 2", "opens_at": when(2), "closes_at": when(1)},
    )
    assert response.context["form"].errors["closes_at"]
    client.post(
        f"/en/team/calls/{call.slug}/duplicate/",
        {"title": "Édition 2", "opens_at": when(2), "closes_at": when(60)},
    )
    copy = Call.objects.get(title="Édition 2")
    assert copy.questions.count() == 1 and copy.criteria.count() == 1


def test_the_dashboard_shows_the_calls_in_progress(team, call) -> None:
    SubmissionFactory(call=call)
    body = client_for(team).get("/en/team/").content.decode()
    assert "Calls in progress" in body and "Appel Reset" in body and "1 sent" in body


@pytest.fixture
def questions(call):
    return [
        QuestionFactory(call=call, kind="short", label_fr="Territoire", label_en="Area",
                        required=True, help_fr="La ville", help_en="The town"),
        QuestionFactory(call=call, kind="choices", label_fr="Milieux", choices=["Eau", "Air"]),
        QuestionFactory(call=call, kind="file", label_fr="Budget", label_en="Budget sheet"),
    ]  # fmt: skip


def test_the_proposal_form_asks_the_calls_questions_and_requires_the_required(
    call, questions
) -> None:
    person = PersonFactory()
    client = client_for(person.user)
    url = f"/en/calls/{call.slug}/submit/"
    page = client.get(url).content.decode()
    assert "Area" in page and "The town" in page and "Milieux" in page and "Eau" in page
    short, several, file_q = questions
    base = {"title": "Projet", "summary": "Résumé", f"q{several.pk}": ["Air"]}
    response = client.post(url, {**base, "action": "submit"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors[f"q{short.pk}"] == ["Fill this in to send the proposal."]
    assert f'value="Air" id="id_q{several.pk}_1" checked' in response.content.decode()
    submission = Submission.objects.get()  # not sent, but what was typed is kept as a draft
    assert submission.status == SubmissionStatus.DRAFT and submission.title == "Projet"
    client.post(url, {**base, "action": "save"})  # a draft may leave it empty
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT
    response = client.post(
        url,
        {**base, f"q{short.pk}": "Lyon", "action": "submit",
         f"q{file_q.pk}": SimpleUploadedFile("budget.pdf", PDF)},
    )  # fmt: skip
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    detail = client.get(f"/en/calls/submissions/{submission.pk}/").content.decode()
    assert "Area" in detail and "Lyon" in detail and "Air" in detail
    file_url = f"/en/calls/submissions/{submission.pk}/attachment/?question={file_q.pk}"
    assert file_url.removeprefix("/en") in detail
    download = client.get(file_url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    # Someone who may not see the proposal may not have its files either.
    assert client_for(PersonFactory().user).get(file_url).status_code == 404
    assert client.get(file_url.replace(str(file_q.pk), str(short.pk))).status_code == 404


def test_autosave_keeps_the_answers(call, questions) -> None:
    short = questions[0]
    person = PersonFactory()
    client_for(person.user).post(
        f"/en/calls/{call.slug}/submit/autosave/",
        {"title": "Projet", f"q{short.pk}": "Grenoble"},
        headers={"HX-Request": "1"},
    )
    answer = Submission.objects.get().answers.get()
    assert answer.value == "Grenoble"
    page = client_for(person.user).get(f"/en/calls/{call.slug}/submit/").content.decode()
    assert 'value="Grenoble"' in page


def test_the_api_gives_the_calls_questions(call, questions) -> None:
    body = Client().get(f"/api/v1/calls/{call.slug}").json()
    assert [q["label_fr"] for q in body["questions"]] == ["Territoire", "Milieux", "Budget"]
    assert body["questions"][0]["required"] is True
    assert body["questions"][1]["choices"] == ["Eau", "Air"]


def test_drag_and_drop_posts_the_whole_new_order(team, call) -> None:
    a, b, c = (QuestionFactory(call=call) for _i in range(3))
    url = f"/en/team/calls/{call.slug}/questions/"
    client = client_for(team)
    client.post(url, {"action": "reorder", "order": f"{c.pk},{a.pk},{b.pk}"})
    assert list(call.questions.values_list("pk", flat=True)) == [c.pk, a.pk, b.pk]
    response = client.post(url, {"action": "reorder", "order": f"{c.pk},{a.pk}"}, follow=True)
    assert "every item" in response.content.decode()
    assert list(call.questions.values_list("pk", flat=True)) == [c.pk, a.pk, b.pk]
    page = client.get(url).content.decode()
    assert "calls/builder.js" in page and 'data-pk="' in page
    x, y = CriterionFactory(call=call), CriterionFactory(call=call)
    client.post(f"/en/team/calls/{call.slug}/rubric/", {"action": "reorder",
                                                          "order": f"{y.pk},{x.pk}"})  # fmt: skip
    assert list(call.criteria.values_list("pk", flat=True)) == [y.pk, x.pk]


def test_a_sent_file_is_named_never_linked_to_the_media_storage(call, questions) -> None:
    file_q = questions[2]
    person = PersonFactory()
    client = client_for(person.user)
    client.post(
        f"/en/calls/{call.slug}/submit/",
        {"title": "P", "action": "save", f"q{file_q.pk}": SimpleUploadedFile("devis.pdf", PDF)},
    )
    page = client.get(f"/en/calls/{call.slug}/submit/").content.decode()
    assert "devis" in page and "/media/" not in page


def test_the_answers_tag_renders_them_for_other_pages(call, questions) -> None:
    from django.template import Context, Template
    from django.utils import translation

    submission = SubmissionFactory(call=call)
    AnswerFactory(submission=submission, question=questions[0], value="Lyon")
    with translation.override("en"):
        html = Template("{% load calls_answers %}{% call_answers s %}").render(
            Context({"s": submission})
        )
    assert "Area" in html and "Lyon" in html and "No answer" in html


def test_the_ranking_and_its_csv_show_the_answers_to_the_calls_questions(client) -> None:
    """Issue 12: the proposals' answers to the call's own questions appear on the ranking and
    as one CSV column per question."""
    import csv as csv_module
    import io

    from django.urls import reverse

    from alliage.calls.models import Answer, Question, QuestionKind, Submission

    from ..factories import CallFactory, PersonFactory

    call = CallFactory()
    team = PersonFactory().user
    call.programme.team.add(team)
    question = Question.objects.create(
        call=call, kind=QuestionKind.SHORT, label_fr="Territoire visé", position=1
    )
    submission = Submission.objects.create(
        call=call, person=PersonFactory(), title="Capteurs partagés", summary="x",
        status="submitted",
    )  # fmt: skip
    Answer.objects.create(submission=submission, question=question, value="Lyon et sa région")
    client.force_login(team)
    url = reverse("calls:ranking", args=[call.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert "Territoire visé" in page.content.decode()
    assert "Lyon et sa région" in page.content.decode()
    rows = list(csv_module.reader(io.StringIO(client.get(url + "?format=csv").content.decode())))
    column = rows[0].index("Territoire visé")
    assert rows[1][column] == "Lyon et sa région"
