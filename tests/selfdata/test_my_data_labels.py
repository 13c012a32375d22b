"""My data (M19): a consent receipt's language is that of the text on the page, the people
named in the activity log's details by their names, and each scrolling table named after its
dataset."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from alliage.core.models import User
from alliage.selfdata.consents import BY_CODE, INITIAL_TEXT
from alliage.selfdata.display import audit_display, receipt_display
from alliage.selfdata.models import ConsentReceipt
from alliage.selfdata.services import consent_receipts_from_flags, consent_set

from ..factories import PersonFactory
from .factories import AuditEntryFactory

LEAD = "porteuse@alliage.example.org"


def _language(code: str) -> str:
    return str(translation.get_language_info(code)["name_translated"])


@pytest.mark.parametrize("reader", ["fr", "en"])
def test_the_carried_over_receipt_is_in_the_readers_language(db: None, reader: str) -> None:
    with translation.override(reader):
        (shown,) = receipt_display([{"text": INITIAL_TEXT, "language": "en"}], user=None)
        assert shown.get("text", INITIAL_TEXT) == translation.gettext(INITIAL_TEXT)
        assert shown["language"] == _language(reader)


def test_a_purpose_text_read_in_translation_names_both_languages(db: None) -> None:
    with translation.override("en"):
        english = str(BY_CODE["directory"].text)
    with translation.override("fr"):
        (shown,) = receipt_display([{"text": english, "language": "en"}], user=None)
        assert shown["text"] == str(BY_CODE["directory"].text)
        assert shown["language"].startswith("Français")
        assert "Anglais" in shown["language"]


def test_an_unknown_text_keeps_the_language_it_was_shown_in(db: None) -> None:
    with translation.override("fr"):
        (shown,) = receipt_display([{"text": "An older text.", "language": "en"}], user=None)
        assert shown["language"] == "Anglais"
        assert shown["text"].startswith("An older text.")


def test_a_receipt_read_in_its_own_language_is_labelled_so(db: None) -> None:
    person = PersonFactory(is_listed=True)
    consent_receipts_from_flags()
    with translation.override("en"):
        consent_set(user=person.user, by=person.user, purpose="newsletter", granted=True)
    client = Client()
    client.force_login(person.user)
    body = client.get("/en" + reverse("selfdata:my-data")).content.decode()
    receipts = body.split('id="data-selfdata-consent_receipts"', 1)[1].split("</div>", 1)[0]
    assert "Anglais" not in receipts
    assert "French" not in receipts
    made = ConsentReceipt.objects.filter(person=person)
    assert {r.language for r in made} == {"en"}  # the carried-over one and the form's
    assert receipts.count("<dd>English</dd>") == made.count() >= 2


def test_a_person_named_in_the_details_is_named(db: None) -> None:
    reader, joined = PersonFactory(), PersonFactory(first_name="Aïcha", last_name="Benali")
    entry = AuditEntryFactory(
        actor=reader.user,
        action="coalitions.join_accepted",
        target_type="coalitions.coalition",
        target_id="1",
        data={"person": joined.pk},
    )
    row = {"action": entry.action, "target_type": entry.target_type, "target_id": "1"}
    with translation.override("fr"):
        (shown,) = audit_display([{**row, "details": entry.data}], reader.user)
    assert shown["details"] == "Personne\u00a0: «\u00a0Aïcha Benali\u00a0»"


@pytest.mark.parametrize(
    ("prefix", "receipt_language", "french_text"),
    [("", "Français", True), ("/en", "English", False)],
    ids=["fr", "en"],
)
def test_the_leads_page_reads_as_words(
    demo: None, prefix: str, receipt_language: str, french_text: bool
) -> None:
    client = Client()
    client.force_login(User.objects.get(email=LEAD))
    body = client.get(prefix + reverse("selfdata:my-data")).content.decode()
    main = re.sub(r"[ \t\r\n]+", " ", body.split("<main", 1)[1].split("</main>", 1)[0])

    # 1. Memberships: amounts in euros, the payment's date and method in words.
    for raw in ("3000.00", "2026-01-01"):
        assert raw not in main
    assert ("3\u00a0000,00\u00a0€" if french_text else "3,000.00\u00a0€") in main

    # 2. Canvas changes: each field by its label.
    for code in (">seeking<", ">evaluation<", ">swot_strengths<", ">is_published<"):
        assert code not in main

    # 3. The carried-over receipts: their language is the one their text is shown in.
    receipts = main.split('id="data-selfdata-consent_receipts"', 1)[1].split("</ol>", 1)[0]
    languages = re.findall(r"<dt>(?:Langue|Language)</dt><dd>([^<]*)</dd>", receipts)
    assert languages
    assert set(languages) == {receipt_language}
    assert ("Repris du choix fait sur votre profil" in receipts) is french_text

    # 4. Every scrolling table is named, each after its own dataset.
    names = re.findall(r'class="table-scroll"[^>]*aria-label="([^"]*)"', main)
    assert len(names) > 5
    assert len(set(names)) == len(names)
    assert not {"Table", "Tableau"} & set(names)
