"""The legal and trust pages: served to everyone in both languages, the privacy page made from
the personal-data registry, the publisher read from settings, the status page from the checks
/healthz answers; the footer and the sign-up form link to them."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.utils.html import escape

from alliage.core import hooks
from alliage.core.personal_data import personal_data_entries

pytestmark = pytest.mark.django_db

PAGES = ["/legal/", "/legal/privacy/", "/legal/terms/", "/legal/accessibility/", "/status/"]


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_public_in_both_languages(prefix: str, path: str) -> None:
    response = Client().get(prefix + path)
    assert response.status_code == 200
    lang = "en" if prefix else "fr"
    assert f'<html lang="{lang}"' in response.content.decode()


def test_the_legal_notice_names_the_fing_by_default() -> None:
    body = Client().get("/legal/").content.decode()
    assert "Fondation Internet Nouvelle Génération" in body


@override_settings(
    ALLIAGE_PUBLISHER_NAME="Commune de Brest",
    ALLIAGE_PUBLISHER_EMAIL="dpo@brest.example.org",
    ALLIAGE_PUBLISHER_HOST_NAME="Hébergeur SAS",
)
def test_the_publisher_and_host_come_from_settings() -> None:
    body = Client().get("/en/legal/").content.decode()
    assert "Commune de Brest" in body
    assert "Fondation Internet" not in body
    assert "Hébergeur SAS" in body
    assert "mailto:dpo@brest.example.org" in body
    # The contact addresses fall back on the publisher's.
    assert "mailto:dpo@brest.example.org" in Client().get("/en/legal/privacy/").content.decode()


def test_the_privacy_page_lists_every_dataset_of_the_registry() -> None:
    body = Client().get("/en/legal/privacy/").content.decode()
    for entry in personal_data_entries():
        for dataset in entry.datasets:
            assert escape(str(dataset.title)) in body, dataset.key
        if entry.datasets:
            assert f'id="held-{entry.app_label}"' in body
            assert escape(str(entry.purpose)) in body


def test_every_registry_entry_says_why_how_long_and_who() -> None:
    """A new app's data shows on the privacy page as it registers; it must say why it holds it,
    for how long and who sees it, not lean on the general rule."""
    missing = [
        e.app_label
        for e in personal_data_entries()
        if e.datasets and not (e.purpose and e.retention and e.recipients)
    ]
    assert missing == []


def test_the_accessibility_statement_says_partially_compliant_and_the_recourse() -> None:
    fr = Client().get("/legal/accessibility/").content.decode()
    en = Client().get("/en/legal/accessibility/").content.decode()
    assert "partially compliant" in en
    assert "Défenseur des droits" in en
    assert "axe-core" in en
    assert "RGAA" in fr


def test_the_status_page_reads_the_health_checks_of_healthz() -> None:
    def failing() -> tuple[str, dict, bool]:
        return "storage", {"status": "fail"}, False

    with hooks.register_temporarily(hooks.HEALTH_CHECKS, failing):
        response = Client().get("/en/status/")
        assert Client().get("/healthz").status_code == 503
    assert response.status_code == 503
    body = response.content.decode()
    assert "Disrupted" in body
    assert "File storage" in body
    assert "Does not answer" in body


def test_the_status_page_is_green_when_all_checks_pass() -> None:
    body = Client().get("/en/status/").content.decode()
    assert "All systems work" in body
    assert "Database" in body


def test_the_footer_links_the_legal_pages_not_the_raw_json() -> None:
    body = Client().get("/en/coalitions/").content.decode()
    footer = body[body.index('<footer class="site-footer">') :]
    for path in PAGES:
        assert f'href="/en{path}"' in footer
    assert 'href="/healthz"' not in footer


def test_the_sign_up_form_links_privacy_and_terms() -> None:
    body = Client().get("/en/accounts/signup/").content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    assert 'href="/en/legal/privacy/"' in main
    assert 'href="/en/legal/terms/"' in main
