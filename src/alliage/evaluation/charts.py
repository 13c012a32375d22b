"""Charts drawn as SVG on the server: an indicator's series, a radar of the Facteur 4 dimensions,
horizontal bars. Each chart carries its title, its description and its data as a table, so the
page shows the table alongside the picture and screen readers get the same facts.

The geometry (where each point, tick and label goes) is computed here; the markup is an
auto-escaped template (``evaluation/_*_chart.svg``), so no text reaches the picture unescaped.

Colours are presentation attributes, not CSS, so a chart renders the same saved on its own and
under the site's content security policy (no inline style).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from alliage.coalitions.models import CoalitionStatus
from alliage.core.dates import format_date
from alliage.core.numbers import figure

from .progress import IndicatorStatus

INK = "#1f2933"
GRID = "#d9dee3"
SERIES = ("#1d5fa8", "#c2410c")  # blue, then orange: apart for colour-blind readers too
PATH = "#5b6770"
STATUS_COLOURS: dict[str, str] = {
    IndicatorStatus.ON_TRACK: "#2f7d4f",
    IndicatorStatus.LATE: "#b42318",
    IndicatorStatus.REACHED: "#1d5fa8",
    IndicatorStatus.NO_DATA: "#7b8794",
    CoalitionStatus.IDEA: "#7b8794",
    CoalitionStatus.FORMING: "#b7791f",
    CoalitionStatus.ACTIVE: "#2f7d4f",
    CoalitionStatus.EVALUATING: "#1d5fa8",
    CoalitionStatus.CLOSED: "#52606d",
}
COLOURS = {"ink": INK, "grid": GRID, "path": PATH, "series": SERIES[0]}


@dataclass
class Chart:
    """An SVG picture and the same data as a table."""

    ident: str
    title: str
    description: str
    svg: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Tick:
    """A grid line at ``at`` (pixels along its axis) and its label, drawn at ``label_at``."""

    at: float
    label: str
    label_at: float


@dataclass(frozen=True)
class IndicatorGeometry:
    """Where the indicator chart draws: the plot area, the value ticks (horizontal lines), the
    year ticks (vertical lines), the targeted path and the measured points."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    value_ticks: list[Tick]
    year_ticks: list[Tick]
    baseline: Point
    target: Point
    measurements: list[Point]

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom

    @property
    def value_label_x(self) -> int:
        return self.left - 6

    @property
    def year_label_y(self) -> int:
        return self.height - self.bottom + 16

    @property
    def polyline(self) -> str:
        return _points(self.measurements)

    @property
    def legend_y(self) -> int:
        return self.height - 6


@dataclass(frozen=True)
class RadarAxis:
    end: Point
    label: str
    label_at: Point
    anchor: str


@dataclass(frozen=True)
class RadarSeries:
    name: str
    shape: str
    colour: str
    dashed: bool
    legend_y: int


@dataclass(frozen=True)
class RadarGeometry:
    width: int
    height: int
    centre: Point
    rings: list[str]
    axes: list[RadarAxis]
    series: list[RadarSeries]


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: int
    length: float
    colour: str
    count_x: float

    @property
    def rect_y(self) -> int:
        return self.y + 4

    @property
    def text_y(self) -> int:
        return self.y + 17


@dataclass(frozen=True)
class BarGeometry:
    width: int
    height: int
    left: int
    bars: list[Bar]

    @property
    def label_x(self) -> int:
        return self.left - 8


def _points(points: Sequence[Point]) -> str:
    """An SVG ``points`` list: "x,y x,y …"."""
    return " ".join(f"{p.x},{p.y}" for p in points)


def _svg(template: str, chart: Chart, width: int, height: int, **context: Any) -> SafeString:
    return render_to_string(
        f"evaluation/{template}",
        {"chart": chart, "width": width, "height": height, "colours": COLOURS, **context},
    )


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high <= low:
        low, high = low - 1, high + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 0.001:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def indicator_geometry(
    *,
    baseline: tuple[date, Decimal],
    target: tuple[date, Decimal],
    measurements: Sequence[tuple[date, Decimal]],
) -> IndicatorGeometry:
    """Dates along x (a vertical line each 1 January), values along y on round ticks that
    enclose the baseline, the target and every measurement."""
    width, height, left, right, top, bottom = 640, 270, 64, 20, 30, 36
    dates = [baseline[0], target[0], *(d for d, _v in measurements)]
    values = [float(baseline[1]), float(target[1]), *(float(v) for _d, v in measurements)]
    d0, d1 = min(dates), max(dates)
    span = max((d1 - d0).days, 1)
    ticks = _nice_ticks(min(values), max(values))
    v0, v1 = ticks[0], ticks[-1]

    def x(d: date) -> float:
        return round(left + (width - left - right) * (d - d0).days / span, 1)

    def y(v: float | Decimal) -> float:
        return round(top + (height - top - bottom) * (1 - (float(v) - v0) / (v1 - v0)), 1)

    new_years = [date(year, 1, 1) for year in range(d0.year, d1.year + 2)]
    years = [day for day in new_years if d0 <= day <= d1]
    return IndicatorGeometry(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        value_ticks=[Tick(at=y(t), label=figure(t), label_at=y(t) + 4) for t in ticks],
        year_ticks=[Tick(at=x(day), label=str(day.year), label_at=x(day)) for day in years],
        baseline=Point(x(baseline[0]), y(baseline[1])),
        target=Point(x(target[0]), y(target[1])),
        measurements=[Point(x(d), y(v)) for d, v in measurements],
    )


def indicator_chart(
    *,
    ident: str,
    name: str,
    unit: str,
    baseline: tuple[date, Decimal],
    target: tuple[date, Decimal],
    measurements: Sequence[tuple[date, Decimal]],
) -> Chart:
    """The measured series against the straight path from the baseline to the target."""
    chart = Chart(
        ident=ident,
        title=_("%(name)s: measurements and targeted path") % {"name": name},
        description=_(
            "From %(base)s on %(base_date)s to a target of %(target)s on %(target_date)s; "
            "%(count)s measurements."
        )
        % {
            "base": f"{figure(baseline[1])} {unit}".strip(),
            "base_date": format_date(baseline[0]),
            "target": f"{figure(target[1])} {unit}".strip(),
            "target_date": format_date(target[0]),
            "count": len(measurements),
        },
        headers=[_("Date"), _("Value"), _("Kind")],
    )
    chart.rows = [
        [format_date(baseline[0]), figure(baseline[1]), _("Baseline")],
        *[[format_date(d), figure(v), _("Measurement")] for d, v in measurements],
        [format_date(target[0]), figure(target[1]), _("Target")],
    ]
    geometry = indicator_geometry(baseline=baseline, target=target, measurements=measurements)
    chart.svg = _svg(
        "_indicator_chart.svg",
        chart,
        geometry.width,
        geometry.height,
        g=geometry,
        unit=unit,
        # The legend's words stay in Python, where the message catalogue is extracted from.
        measured=_("Measured"),
        targeted_path=_("Targeted path"),
    )
    return chart


def radar_geometry(
    *,
    axes: Sequence[tuple[str, str]],
    series: Sequence[tuple[str, dict[str, float | None]]],
    scale_max: int,
) -> RadarGeometry:
    """One axis per dimension, clockwise from the top; a ring per step of the scale; at most
    two series (the second dashed), an unanswered dimension at 0."""
    width, height, cx, cy, radius = 520, 340, 260, 160, 110
    count = len(axes)

    def point(index: int, value: float) -> Point:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = radius * value / scale_max
        return Point(round(cx + r * math.cos(angle), 1), round(cy + r * math.sin(angle), 1))

    radar_axes = []
    for index, (_key, label) in enumerate(axes):
        at = point(index, scale_max * 1.18)
        anchor = "middle" if abs(at.x - cx) < 10 else ("start" if at.x > cx else "end")
        radar_axes.append(
            RadarAxis(
                end=point(index, scale_max),
                label=label,
                label_at=Point(at.x, at.y + 4),
                anchor=anchor,
            )
        )
    return RadarGeometry(
        width=width,
        height=height,
        centre=Point(cx, cy),
        rings=[_points([point(i, ring) for i in range(count)]) for ring in range(1, scale_max + 1)],
        axes=radar_axes,
        series=[
            RadarSeries(
                name=name,
                shape=_points([point(i, scores.get(key) or 0) for i, (key, _l) in enumerate(axes)]),
                colour=SERIES[number],
                dashed=number > 0,
                legend_y=height - 30 + 16 * number,
            )
            for number, (name, scores) in enumerate(series[:2])
        ],
    )


def radar_chart(
    *,
    ident: str,
    axes: Sequence[tuple[str, str]],
    series: Sequence[tuple[str, dict[str, float | None]]],
    scale_max: int,
) -> Chart:
    """One polygon per assessment (one or two) over the dimensions, from 0 at the centre to
    the top of the scale on the outer ring. A dimension left unanswered is drawn at 0 and
    shown as "—" in the table."""
    names = [label for label, _scores in series]
    chart = Chart(
        ident=ident,
        title=_("Facteur 4 dimensions"),
        description=_("Scores from 0 to %(max)s on %(count)s dimensions, for: %(who)s.")
        % {"max": scale_max, "count": len(axes), "who": ", ".join(names)},
        headers=[_("Dimension"), *names],
    )
    chart.rows = [
        [label, *[("—" if s.get(key) is None else figure(s[key])) for _n, s in series]]
        for key, label in axes
    ]
    geometry = radar_geometry(axes=axes, series=series, scale_max=scale_max)
    chart.svg = _svg("_radar_chart.svg", chart, geometry.width, geometry.height, g=geometry)
    return chart


def bar_chart(
    *, ident: str, title: str, description: str, bars: Sequence[tuple[str, str, int]]
) -> Chart:
    """Horizontal bars: (key, label, count); the key picks the colour of a known status."""
    chart = Chart(
        ident=ident,
        title=title,
        description=description,
        headers=[_("Category"), _("Count")],
        rows=[[label, str(count)] for _key, label, count in bars],
    )
    row, left, width = 30, 150, 480
    top_count = max([count for *_rest, count in bars] + [1])
    drawn = []
    for index, (key, label, count) in enumerate(bars):
        length = round((width - left - 50) * count / top_count, 1)
        drawn.append(
            Bar(
                label=label,
                count=count,
                y=6 + index * row,
                length=length,
                colour=STATUS_COLOURS.get(key, SERIES[0]),
                count_x=left + length + 6,
            )
        )
    geometry = BarGeometry(width=width, height=row * len(bars) + 12, left=left, bars=drawn)
    chart.svg = _svg("_bar_chart.svg", chart, geometry.width, geometry.height, g=geometry)
    return chart
