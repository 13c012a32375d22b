"""Evaluation pages: what each role sees and may do, impact reports (HTML, SVG, CSV), errors
shown on the form, constant query counts, other coalitions' ids refused."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from defusedxml import ElementTree
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from alliage.core.dates import format_date
from alliage.evaluation import services
from alliage.evaluation.models import Assessment, Indicator, Measurement

from ..conftest import fresh
from ..factories import CoalitionFactory, IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def svgs_of(html: str) -> list[object]:
    """Every chart of the page, parsed by an XML parser: a malformed one fails here."""
    return [ElementTree.fromstring(s) for s in SVG.findall(html)]


def _get(client, user, url):
    if user.is_authenticated:
        client.force_login(user)
    return client.get(url)


@pytest.fixture
def measured(cast):
    indicator = IndicatorFactory(coalition=cast.coalition, name="Émissions du parc")
    MeasurementFactory(indicator=indicator, value=900, measured_on=dt.date(2025, 1, 1))
    MeasurementFactory(indicator=indicator, value=800, measured_on=dt.date(2025, 7, 1))
    private = IndicatorFactory(coalition=cast.coalition, name="Budget interne", is_public=False)
    return indicator, private


@pytest.mark.parametrize(
    ("role", "sees_private"),
    [("anonymous", False), ("outsider", False), ("member", True), ("lead", True), ("team", True)],
)
def test_the_public_sees_what_the_coalition_made_public(client, cast, measured, role, sees_private):
    _indicator, private = measured
    page = _get(client, fresh(cast.user(role)), cast.coalition.get_absolute_url()).content.decode()
    assert "Émissions du parc" in page
    assert ("Budget interne" in page) is sees_private
    report = reverse("evaluation:coalition-impact", args=[cast.coalition.slug])
    assert ("Budget interne" in _get(client, cast.user(role), report).content.decode()) is (
        sees_private
    )
    status = _get(client, cast.user(role), private.get_absolute_url()).status_code
    assert status == (200 if sees_private else 404)


# The permission table of the evaluation's views: role -> expected status.
ALLOWED, DENIED, LOGIN = 200, 403, 302
TABLE = [
    ("indicator-create", {"anonymous": LOGIN, "outsider": DENIED, "member": DENIED,
                          "lead": ALLOWED, "team": ALLOWED, "admin": ALLOWED}),
    ("indicator-edit", {"anonymous": LOGIN, "outsider": DENIED, "member": DENIED,
                        "lead": ALLOWED, "team": ALLOWED, "admin": ALLOWED}),
    ("assessment-self", {"anonymous": LOGIN, "outsider": DENIED, "member": DENIED,
                         "lead": ALLOWED, "team": DENIED, "admin": ALLOWED}),
    ("assessment-accompanier", {"anonymous": LOGIN, "outsider": DENIED, "member": DENIED,
                                "lead": DENIED, "team": ALLOWED, "admin": ALLOWED}),
    ("coalition-impact", {"anonymous": ALLOWED, "outsider": ALLOWED, "member": ALLOWED,
                          "lead": ALLOWED, "team": ALLOWED, "admin": ALLOWED}),
]  # fmt: skip


@pytest.mark.parametrize(("view", "expected"), TABLE, ids=[row[0] for row in TABLE])
@pytest.mark.parametrize("role", ["anonymous", "outsider", "member", "lead", "team", "admin"])
def test_permission_table(client, cast, grid, measured, view, expected, role) -> None:
    slug = cast.coalition.slug
    urls = {
        "indicator-create": reverse("evaluation:indicator-create", args=[slug]),
        "indicator-edit": reverse("evaluation:indicator-edit", args=[slug, measured[0].pk]),
        "assessment-self": reverse("evaluation:assessment-create", args=[slug, "self"]),
        "assessment-accompanier": reverse(
            "evaluation:assessment-create", args=[slug, "accompanier"]
        ),
        "coalition-impact": reverse("evaluation:coalition-impact", args=[slug]),
    }
    assert _get(client, cast.user(role), urls[view]).status_code == expected[role]


def test_an_unpublished_coalition_has_no_report_for_outsiders(client, cast) -> None:
    cast.coalition.is_published = False
    cast.coalition.save()
    url = reverse("evaluation:coalition-impact", args=[cast.coalition.slug])
    assert _get(client, cast.outsider, url).status_code == 404
    assert _get(client, fresh(cast.member), url).status_code == 200


def test_ids_of_another_coalition_are_refused(client, cast, measured) -> None:
    """An indicator, a measurement or an assessment reached through the wrong coalition."""
    other = IndicatorFactory(coalition=CoalitionFactory())
    foreign = MeasurementFactory(indicator=other)
    client.force_login(cast.lead)
    slug = cast.coalition.slug
    assert (
        client.get(reverse("evaluation:indicator-detail", args=[slug, other.pk])).status_code == 404
    )
    assert (
        client.post(reverse("evaluation:indicator-delete", args=[slug, other.pk])).status_code
        == 404
    )
    url = reverse("evaluation:measurement-delete", args=[slug, measured[0].pk, foreign.pk])
    assert client.post(url).status_code == 404
    assert Indicator.objects.filter(pk=other.pk).exists()
    assert Measurement.objects.filter(pk=foreign.pk).exists()


def test_a_lead_records_a_measurement_and_sees_errors_in_french(client, cast, measured) -> None:
    indicator = measured[0]
    client.force_login(cast.lead)
    url = indicator.get_absolute_url()
    response = client.post(url, {"value": "12 kg", "measured_on": "2025-09-01", "source": "Bilan"})
    assert response.status_code == 200
    assert "mesuré en t CO2e, pas en kg" in response.content.decode()
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(url, {"value": "700", "measured_on": future, "source": "Bilan"})
    assert "ne peut pas être datée dans le futur" in response.content.decode()
    assert indicator.measurements.count() == 2
    response = client.post(
        url, {"value": "750,5", "measured_on": "2025-09-01", "source": "Bilan annuel"}
    )
    assert response.status_code == 302
    assert indicator.measurements.filter(source="Bilan annuel").get().value == 750.5


def test_a_member_cannot_post_a_measurement(client, cast, measured) -> None:
    client.force_login(cast.member)
    response = client.post(
        measured[0].get_absolute_url(),
        {"value": "1", "measured_on": "2025-09-01", "source": "x"},
    )
    assert response.status_code == 403
    assert measured[0].measurements.count() == 2


def test_an_indicator_form_shows_the_rule_it_breaks(client, cast) -> None:
    client.force_login(cast.lead)
    response = client.post(
        reverse("evaluation:indicator-create", args=[cast.coalition.slug]),
        {
            "name": "Jeunes accompagnés",
            "unit": "jeunes",
            "direction": "up",
            "baseline_value": "10",
            "baseline_date": "2026-01-01",
            "target_value": "100",
            "target_date": "2025-01-01",
        },
    )
    assert response.status_code == 200
    assert "La date cible doit venir après la date de référence." in response.content.decode()
    assert not Indicator.objects.filter(name="Jeunes accompagnés").exists()


def test_the_assessment_form_scores_the_answers(client, cast, grid) -> None:
    client.force_login(cast.lead)
    url = reverse("evaluation:assessment-create", args=[cast.coalition.slug, "self"])
    response = client.post(
        url,
        {
            "assessed_on": timezone.localdate().isoformat(),
            "depth_factor": "4",
            "depth_scope": "2",
            "robust_rebound": "1",
            "novelty": "Un service de réparation",
        },
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert assessment.scores["depth"] == 3
    assert assessment.scores["robustness"] == 1
    assert assessment.answers["novelty"] == "Un service de réparation"
    bad = client.post(url, {"assessed_on": timezone.localdate().isoformat(), "depth_factor": "9"})
    assert bad.status_code == 200
    assert Assessment.objects.count() == 1


def test_the_dialogue_highlights_where_the_two_sides_diverge(client, cast, grid) -> None:
    today = timezone.localdate()
    services.assessment_save(
        coalition=cast.coalition, by=cast.lead, side="self", assessed_on=today,
        answers={"depth_factor": 4, "depth_scope": 4, "breadth_reach": 2}, is_public=True,
    )  # fmt: skip
    services.assessment_save(
        coalition=cast.coalition, by=cast.team, side="accompanier", assessed_on=today,
        answers={"depth_factor": 1, "depth_scope": 2, "breadth_reach": 2}, is_public=True,
    )  # fmt: skip
    page = client.get(
        reverse("evaluation:assessment-compare", args=[cast.coalition.slug])
    ).content.decode()
    rows = re.findall(r'<tr class="diverges">\s*<th scope="row">([^<]+)', page)
    assert [r.strip() for r in rows] == ["Profondeur"]
    (radar,) = svgs_of(page)
    assert len(radar.findall("{http://www.w3.org/2000/svg}polygon")) >= 2 + 4


def test_two_assessments_of_one_side_compare_over_time(client, cast, grid) -> None:
    first = services.assessment_save(
        coalition=cast.coalition, by=cast.lead, side="self", assessed_on=dt.date(2025, 1, 1),
        answers={"depth_factor": 1}, is_public=True,
    )  # fmt: skip
    second = services.assessment_save(
        coalition=cast.coalition, by=cast.lead, side="self", assessed_on=dt.date(2025, 9, 1),
        answers={"depth_factor": 3}, is_public=True,
    )  # fmt: skip
    url = reverse("evaluation:assessment-compare", args=[cast.coalition.slug])
    page = client.get(url, {"a": first.pk, "b": second.pk}).content.decode()
    assert "+2" in page
    assert client.get(url, {"a": first.pk, "b": "999999"}).status_code == 404
    assert client.get(url, {"a": "x", "b": "<script>"}).status_code == 404


def test_every_chart_is_well_formed_with_a_title_and_a_data_table(client, cast, measured, grid):
    services.assessment_save(
        coalition=cast.coalition, by=cast.lead, side="self", assessed_on=timezone.localdate(),
        answers={"depth_factor": 3, "bm_paid": 2}, is_public=True,
    )  # fmt: skip
    pages = [
        reverse("evaluation:coalition-impact", args=[cast.coalition.slug]),
        reverse("evaluation:programme-impact", args=[cast.coalition.programme.slug]),
        measured[0].get_absolute_url(),
        Assessment.objects.get().get_absolute_url(),
    ]
    ns = "{http://www.w3.org/2000/svg}"
    for url in pages:
        html = client.get(url).content.decode()
        charts = svgs_of(html)
        assert charts, url
        for svg in charts:
            title = svg.find(f"{ns}title").text
            assert title and svg.find(f"{ns}desc").text
            assert svg.get("role") == "img"
            assert f"<caption>{title}</caption>".replace("'", "&#x27;") in html


def test_the_indicator_chart_draws_each_measurement(client, cast, measured) -> None:
    (svg,) = svgs_of(client.get(measured[0].get_absolute_url()).content.decode())
    points = svg.findall("{http://www.w3.org/2000/svg}circle")
    assert len(points) == 2 + 1  # two measurements and the target


def test_the_csv_export_parses_and_matches_the_database(client, cast, measured) -> None:
    client.force_login(cast.lead)
    response = client.get(reverse("evaluation:coalition-impact-csv", args=[cast.coalition.slug]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    # Two measurements of the public indicator, one empty row for the private one.
    assert len(rows) == 3
    assert {r["indicator"] for r in rows} == {"Émissions du parc", "Budget interne"}
    first = next(r for r in rows if r["measured_on"] == "2025-01-01")
    assert first["value"] == "900"
    assert first["direction"] == "down"
    assert first["baseline_value"] == "1000"
    client.logout()
    response = client.get(
        reverse("evaluation:programme-impact-csv", args=[cast.coalition.programme.slug])
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["indicator"] for r in rows} == {"Émissions du parc"}


def test_a_formula_in_a_source_is_neutralised_in_the_csv(client, cast, measured) -> None:
    MeasurementFactory(indicator=measured[0], source='=HYPERLINK("http://x")')
    response = client.get(reverse("evaluation:coalition-impact-csv", args=[cast.coalition.slug]))
    assert "'=HYPERLINK" in response.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_report_pages_use_a_constant_number_of_queries(client, cast) -> None:
    programme_url = reverse("evaluation:programme-impact", args=[cast.coalition.programme.slug])
    coalition_url = reverse("evaluation:coalition-impact", args=[cast.coalition.slug])
    IndicatorFactory(coalition=cast.coalition)
    few = (_queries(client, programme_url), _queries(client, coalition_url))
    for _ in range(6):
        other = CoalitionFactory(programme=cast.coalition.programme)
        for target in (other, cast.coalition):
            indicator = IndicatorFactory(coalition=target)
            MeasurementFactory(indicator=indicator)
            MeasurementFactory(indicator=indicator, measured_on=dt.date(2025, 6, 1))
    many = (_queries(client, programme_url), _queries(client, coalition_url))
    assert many == few
    assert many[0] <= 8


def print_frame(html: str) -> tuple[str, str]:
    """The report's printed header and footer (shown on paper and in PDFs only)."""
    header = html.split('<div class="print-only print-header" aria-hidden="true">')[1]
    footer = html.split('<div class="print-only print-footer">')[1]
    return header.split("</div>")[0], footer.split("</div>")[0]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_printed_reports_name_the_site_the_programme_and_their_address(
    client, cast, settings, language
) -> None:
    """A printed or PDF report says who published it and where it lives: the site and the
    programme, the report's title, its full address from ALLIAGE_BASE_URL (whatever Host the
    request came with, and without the visitor's own query parameters), and the day it was
    made, in the reader's language."""
    settings.ALLIAGE_BASE_URL = "https://alliage.example.org/"
    programme = cast.coalition.programme
    prefix = "" if language == "fr" else "/en"
    coalition_path = f"{prefix}/coalitions/{cast.coalition.slug}/impact/"
    programme_path = f"{prefix}/programmes/{programme.slug}/impact/"
    today = timezone.localdate()
    with translation.override(language):
        title = {"fr": "Rapport d'impact", "en": "Impact report"}[language]
        day = format_date(today, "j F Y")
    for path, name in ((coalition_path, cast.coalition.title), (programme_path, programme.name)):
        html = client.get(f"{path}?utm_source=mail", HTTP_HOST="evil.example.com").content
        header, footer = print_frame(html.decode())
        assert "Alliage" in header and escape(programme.name) in header
        assert (f"{title} : " if language == "fr" else f"{title}: ") + escape(name) in header
        address = f"https://alliage.example.org{path}"
        assert f'<a href="{address}">{address}</a>' in footer
        assert "evil.example.com" not in footer and "utm_source" not in footer
        # the footer's own sentences are new msgids, in French once fr.json reaches the .po
        assert f"Alliage on {day}" in footer if language == "en" else day in footer


def test_the_printed_programme_report_gives_the_address_of_its_page(client, cast) -> None:
    programme = cast.coalition.programme
    for _ in range(26):  # one more than a page of coalitions
        IndicatorFactory(coalition=CoalitionFactory(programme=programme))
    url = reverse("evaluation:programme-impact", args=[programme.slug])
    _header, footer = print_frame(client.get(url, {"page": 2}).content.decode())
    assert f"{url}?page=2</a>" in footer
    _header, footer = print_frame(client.get(url).content.decode())
    assert f"{url}</a>" in footer


def test_the_print_frame_is_hidden_on_screen() -> None:
    """Only ``@media print`` shows it: on screen it is ``display: none`` (so screen readers
    skip it too)."""
    text = Path(finders.find("alliage/alliage.css")).read_text(encoding="utf-8")
    assert re.search(r"^\.print-only \{ display: none; \}", text, re.M)
    printed = text.rsplit("@media print {", 1)[1]
    assert ".print-only { display: block; }" in printed.split("\n}")[0]


def test_deleting_a_measurement_asks_first(client, cast, measured) -> None:
    indicator = measured[0]
    row = indicator.measurements.order_by("measured_on").first()
    client.force_login(cast.lead)
    page = client.get(indicator.get_absolute_url()).content.decode()
    url = reverse("evaluation:measurement-delete", args=[cast.coalition.slug, indicator.pk, row.pk])
    assert f'href="{url}"' in page  # a link to the confirmation, not a one-click form
    confirm = client.get(url)
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "Supprimer la mesure du" in body and "Garder la mesure" in body
    assert indicator.measurements.filter(pk=row.pk).exists()  # asking deletes nothing
    assert client.post(url).status_code == 302
    assert not indicator.measurements.filter(pk=row.pk).exists()
