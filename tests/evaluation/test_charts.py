"""The charts' SVG: well formed, every text escaped, coordinates never localised."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from defusedxml import ElementTree
from django.utils import translation

from alliage.evaluation import charts

NS = "{http://www.w3.org/2000/svg}"


def _indicator(name: str, unit: str) -> charts.Chart:
    return charts.indicator_chart(
        ident="ind-1",
        name=name,
        unit=unit,
        baseline=(dt.date(2024, 1, 1), Decimal("1000")),
        target=(dt.date(2030, 1, 1), Decimal("500")),
        measurements=[(dt.date(2025, 1, 1), Decimal("900.5"))],
    )


def test_texts_are_escaped_and_coordinates_stay_plain_numbers_in_french() -> None:
    with translation.override("fr"):
        chart = _indicator('<script>alert("x")</script> & co', "t <b>")
    svg = ElementTree.fromstring(str(chart.svg))
    assert "<script>" not in chart.svg and "&lt;script&gt;" in chart.svg
    assert svg.find(f"{NS}title").text.startswith('<script>alert("x")</script> & co')
    assert "t <b>" in [t.text for t in svg.findall(f"{NS}text")]
    coordinates = [c.get(a) for c in svg.findall(f"{NS}circle") for a in ("cx", "cy")]
    assert coordinates and all("," not in value for value in coordinates)  # never "64,0"
    assert [row[1] for row in chart.rows] == ["1000", "900,5", "500"]


def test_the_radar_and_the_bars_escape_their_labels() -> None:
    radar = charts.radar_chart(
        ident="r",
        axes=[("a", "A <i>"), ("b", "B"), ("c", "C")],
        series=[("Soi & co", {"a": 2, "b": None, "c": 1})],
        scale_max=4,
    )
    bars = charts.bar_chart(
        ident="b", title="T", description="D", bars=[("late", "<Late>", 2), ("x", "X", 0)]
    )
    for chart in (radar, bars):
        ElementTree.fromstring(str(chart.svg))
    assert "A &lt;i&gt;" in radar.svg and "Soi &amp; co" in radar.svg
    assert "&lt;Late&gt;" in bars.svg and charts.STATUS_COLOURS["late"] in bars.svg
