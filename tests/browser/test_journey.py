"""A lead's journey in real Chromium: home, a coalition, log in, edit the diagnostic, history."""

from __future__ import annotations

import pytest

from alliage.coalitions.models import MemberRole

from ..factories import PASSWORD, CoalitionFactory, CoalitionMemberFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_edits_the_diagnostic_and_sees_it_in_the_history(live_server, page) -> None:
    coalition = CoalitionFactory(
        title="Critères d'achat public responsable",
        diagnostic="Les acheteurs publics manquent de critères.",
    )
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD)
    lead.organisation = OrganisationFactory(kind="local_authority")
    lead.save()
    email = lead.person.user.email

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Critères d'achat public responsable").first.click()
    page.wait_for_url(f"**{coalition.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == coalition.title
    assert page.get_by_role("link", name="Modifier le canevas").count() == 0

    page.get_by_role("link", name="Se connecter").first.click()
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"**{coalition.get_absolute_url()}")

    page.get_by_role("link", name="Modifier le canevas").click()
    diagnostic = page.get_by_label("Diagnostic", exact=True)
    diagnostic.fill("Les acheteurs publics manquent de critères actionnables et partagés.")
    page.get_by_role("button", name="Enregistrer le canevas").click()
    page.wait_for_url(f"**{coalition.get_absolute_url()}")
    assert "critères actionnables et partagés" in page.locator("main").inner_text()

    page.get_by_role("link", name="Historique").click()
    page.wait_for_url(f"**{coalition.get_absolute_url()}history/")
    inserted = page.locator(".diff ins").first
    inserted.wait_for()
    assert "actionnables" in inserted.inner_text()
    assert lead.person.full_name in page.locator(".revision header").first.inner_text()


def test_filtering_the_list_updates_results_in_place(live_server, page) -> None:
    CoalitionFactory(title="Sobriété numérique des collectivités", status="forming")
    CoalitionFactory(title="Données personnelles à Rennes", status="active")
    page.goto(live_server.url + "/coalitions/")
    page.get_by_label("Statut").select_option("forming")
    page.wait_for_url("**status=forming**")
    results = page.locator("#results")
    results.get_by_text("1 coalition").wait_for()
    assert "Sobriété numérique" in results.inner_text()
    assert "Données personnelles" not in results.inner_text()
    page.get_by_label("Rechercher", exact=True).fill("zzz")
    page.locator("#results .empty").wait_for()
