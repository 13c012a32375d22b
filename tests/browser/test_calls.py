"""Answering a call in real Chromium: the draft saves itself as one types, then is sent."""

from __future__ import annotations

import pytest

from alliage.calls.models import Submission, SubmissionStatus

from ..factories import PASSWORD, CallFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_draft_autosaves_then_is_sent(live_server, page) -> None:
    call = CallFactory(title="Appel à coalitions #Reset", asks=["diagnostic"])
    person = PersonFactory()
    page.goto(f"{live_server.url}/accounts/login/?next=/calls/{call.slug}/")
    page.get_by_label("Adresse e-mail").fill(person.user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"**/calls/{call.slug}/")
    assert "Clôture le" in page.locator("main").inner_text()

    page.get_by_role("link", name="Déposer une proposition").click()
    page.wait_for_load_state()  # htmx listens from the page's load on: typing earlier is missed
    page.get_by_label("Titre").fill("Des critères de sobriété pour les achats publics")
    page.locator("#autosave").get_by_text("Brouillon enregistré").wait_for()
    assert Submission.objects.get().status == SubmissionStatus.DRAFT

    page.get_by_label("Résumé").fill("Une grille partagée entre collectivités.")
    page.get_by_label("Diagnostic").fill("Les acheteurs manquent de critères.")
    page.get_by_role("button", name="Envoyer ma proposition").click()
    page.wait_for_url("**/calls/submissions/**")
    submission = Submission.objects.get()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.title == "Des critères de sobriété pour les achats publics"
