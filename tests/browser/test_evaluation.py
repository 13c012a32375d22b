"""The impact report of a demo coalition, printed to PDF by real Chromium, is a readable
document: its text is there, in order, without the site's navigation."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from alliage.demo.services import demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_printed_impact_report_reads_as_a_document(live_server, page) -> None:
    demo_load(today=timezone.localdate())
    page.goto(live_server.url + "/coalitions/reperage-facteur-4-bretagne/impact/")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("link", name="Télécharger les indicateurs (CSV)").is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")

    reader = PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 6
    text = " ".join(p.extract_text() for p in reader.pages)
    for expected in (
        "Repérage territorial Facteur 4 en Bretagne",
        "RAPPORT D'IMPACT",  # the eyebrow is set in capitals
        "Projets repérés et évalués avec la grille",
        "Dans les temps",
        "Profondeur",
        "Diverge",
    ):
        assert expected in text.replace("\u2019", "'"), expected
    assert "Se connecter" not in text  # no navigation on paper
    assert str(dt.date.today().year) in text  # noqa: DTZ011 (the report's date)
