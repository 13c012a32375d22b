"""Uploaded files of proposals: stored under names that say nothing of the person, replaced
files deleted once the change commits (F4), a full or read-only disk refused on the file's
field with the text saved (R5), PDFs with active content flagged to their readers (F13)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from alliage.calls.models import Submission
from alliage.selfdata.services import account_erase

from ..factories import CallFactory, PersonFactory
from .factories import QuestionFactory

pytestmark = pytest.mark.django_db

NAME = "Dorazed-Erasmarkova"


def pdf(text: str = "", *, javascript: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    if text:
        writer.add_metadata({"/Title": text})
    if javascript:
        action = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('x')"),
        })  # fmt: skip
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def files_in(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def post(client: Client, call, **data):
    return client.post(
        f"/en/calls/{call.slug}/submit/",
        {"title": "Mon projet", "summary": "Le résumé tapé.", "action": "save", **data},
    )


def test_three_replacements_leave_one_file_stored_under_a_neutral_name(
    media, django_capture_on_commit_callbacks
) -> None:
    call = CallFactory(asks=["attachment"])
    person = PersonFactory()
    client = client_for(person.user)
    for version in (1, 2, 3):
        upload = SimpleUploadedFile(f"CV-{NAME}-v{version}.pdf", pdf(f"v{version}"))
        with django_capture_on_commit_callbacks(execute=True):
            assert post(client, call, attachment=upload).status_code == 302
    stored = files_in(media)
    assert len(stored) == 1
    assert NAME not in str(stored[0]) and stored[0].suffix == ".pdf"
    submission = Submission.objects.get()
    assert submission.attachment_name == f"CV-{NAME}-v3.pdf"
    response = client.get(f"/en/calls/submissions/{submission.pk}/attachment/")
    assert f"CV-{NAME}-v3.pdf" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == stored[0].read_bytes()


def test_a_replaced_answer_file_is_deleted_too(media, django_capture_on_commit_callbacks) -> None:
    question = QuestionFactory(kind="file", call=CallFactory(asks=[]))
    client = client_for(PersonFactory().user)
    for version in (1, 2):
        upload = SimpleUploadedFile(f"devis-{NAME}-{version}.pdf", pdf())
        with django_capture_on_commit_callbacks(execute=True):
            post(client, question.call, **{f"q{question.pk}": upload})
    stored = files_in(media)
    assert len(stored) == 1 and NAME not in str(stored[0])
    page = client.get(f"/en/calls/{question.call.slug}/submit/").content.decode()
    assert f"devis-{NAME}-2.pdf" in page


def test_erasure_leaves_no_file_with_the_persons_name(
    media, django_capture_on_commit_callbacks
) -> None:
    """The audit's scene: D sends her CV, then a second version, then erases her account."""
    call = CallFactory(asks=["attachment"])
    person = PersonFactory()
    client = client_for(person.user)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, call, attachment=SimpleUploadedFile(f"CV-{NAME}-v1.pdf", pdf(NAME)))
    # An older version left behind under its given name, as before the fix.
    folder = f"calls/{call.pk}/{Submission.objects.get().pk}"
    default_storage.save(f"{folder}/CV-{NAME}-v0.pdf", io.BytesIO(pdf(NAME)))
    with django_capture_on_commit_callbacks(execute=True):
        post(client, call, attachment=SimpleUploadedFile(f"CV-{NAME}-v2.pdf", pdf()),
             action="submit")  # fmt: skip
    Submission.objects.filter(pk=Submission.objects.get().pk).update(
        attachment_name=f"CV-{NAME}-v2.pdf"
    )
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=person.user, by=None)
    for path in files_in(media):
        assert NAME not in str(path) and NAME.encode() not in path.read_bytes(), path
    submission = Submission.objects.get()
    assert submission.attachment and submission.attachment_name == "attachment.pdf"
    assert len(files_in(media)) == 1


def test_erasure_deletes_a_drafts_files(media, django_capture_on_commit_callbacks) -> None:
    question = QuestionFactory(kind="file", call=CallFactory(asks=["attachment"]))
    person = PersonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        post(client_for(person.user), question.call,
             attachment=SimpleUploadedFile("a.pdf", pdf()),
             **{f"q{question.pk}": SimpleUploadedFile("b.pdf", pdf())})  # fmt: skip
    assert len(files_in(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=person.user, by=None)
    assert files_in(media) == []


@pytest.fixture
def full_disk(media, monkeypatch):
    """The storage writes half the file, then the disk is full."""
    import os

    real_write = os.fdopen

    class Failing:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()
            return False

        def write(self, chunk):
            self.handle.write(chunk[: len(chunk) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.handle, name)

    monkeypatch.setattr("alliage.core.storage.os.fdopen", lambda *a: Failing(real_write(*a)))
    return media


def test_a_full_disk_keeps_the_text_and_says_so_on_the_file(full_disk) -> None:
    call = CallFactory(asks=["attachment"])
    client = client_for(PersonFactory().user)
    response = post(client, call, attachment=SimpleUploadedFile("annexe-full.pdf", pdf()),
                    diagnostic="x")  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file could not be stored; your text is kept, please try again." in page
    assert "Le résumé tapé." in page
    assert files_in(full_disk) == []  # no partial file, under any name
    submission = Submission.objects.get()  # the text is saved, without the file
    assert (submission.summary, submission.attachment.name) == ("Le résumé tapé.", "")


def test_a_read_only_disk_on_a_file_question_is_no_500(media, monkeypatch) -> None:
    question = QuestionFactory(kind="file", call=CallFactory(asks=[]))

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr("alliage.core.storage.tempfile.mkstemp", refuse)
    client = client_for(PersonFactory().user)
    response = post(
        client, question.call, **{f"q{question.pk}": SimpleUploadedFile("d.pdf", pdf())}
    )
    assert response.status_code == 200
    assert "The file could not be stored" in response.content.decode()
    assert Submission.objects.get().summary == "Le résumé tapé."
    assert files_in(media) == []
    autosave = client.post(
        f"/en/calls/{question.call.slug}/submit/autosave/",
        {
            "title": "Mon projet",
            "summary": "Encore.",
            f"q{question.pk}": SimpleUploadedFile("d.pdf", pdf()),
        },
    )
    assert autosave.status_code == 200 and "could not be stored" in autosave.content.decode()
    assert Submission.objects.get().summary == "Encore."


def test_a_pdf_with_active_content_is_flagged_to_its_readers(media) -> None:
    call = CallFactory(asks=["attachment"])
    person = PersonFactory()
    client = client_for(person.user)
    post(client, call, attachment=SimpleUploadedFile("dossier.pdf", pdf(javascript=True)),
         action="submit")  # fmt: skip
    submission = Submission.objects.get()
    assert submission.attachment_active
    team = PersonFactory().user
    call.programme.team.add(team)
    warning = "This PDF contains active content; open it with care."
    assert (
        warning in client_for(team).get(f"/en/calls/submissions/{submission.pk}/").content.decode()
    )
    post(client, call, attachment=SimpleUploadedFile("dossier.pdf", pdf()))
    submission.refresh_from_db()
    assert not submission.attachment_active
    assert (
        warning
        not in client_for(team).get(f"/en/calls/submissions/{submission.pk}/").content.decode()
    )


def test_erasure_survives_a_file_already_lost(media) -> None:
    call = CallFactory(asks=["attachment"])
    person = PersonFactory()
    post(client_for(person.user), call, attachment=SimpleUploadedFile("cv.pdf", pdf()),
         action="submit")  # fmt: skip
    for path in files_in(media):
        path.unlink()
    account_erase(user=person.user, by=None)
    assert Submission.objects.get().attachment.name == ""


def test_odd_given_names_are_kept_and_served_by_their_content(media) -> None:
    call = CallFactory(asks=["attachment"])
    client = client_for(PersonFactory().user)
    long_name = "d" * 240 + ".pdf"
    assert post(client, call, attachment=SimpleUploadedFile(long_name, pdf())).status_code == 302
    submission = Submission.objects.get()
    assert submission.attachment_name.endswith(".pdf") and len(submission.attachment_name) == 150
    post(client, call, attachment=SimpleUploadedFile(".pdf", pdf()))
    response = client.get(f"/en/calls/submissions/{submission.pk}/attachment/")
    assert response["Content-Type"] == "application/pdf"
