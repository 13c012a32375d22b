"""Charts drawn as SVG on the server: an indicator's series, a radar of the Facteur 4 dimensions,
horizontal bars. Each chart carries its title, its description and its data as a table, so the
page shows the table alongside the picture and screen readers get the same facts.

Colours are presentation attributes, not CSS, so a chart renders the same saved on its own and
under the site's content security policy (no inline style).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from alliage.core.numbers import figure

INK = "#1f2933"
GRID = "#d9dee3"
SERIES = ("#1d5fa8", "#c2410c")  # blue, then orange: apart for colour-blind readers too
PATH = "#5b6770"
STATUS_COLOURS = {
    "on_track": "#2f7d4f",
    "late": "#b42318",
    "reached": "#1d5fa8",
    "no_data": "#7b8794",
    "idea": "#7b8794",
    "forming": "#b7791f",
    "active": "#2f7d4f",
    "evaluating": "#1d5fa8",
    "closed": "#52606d",
}


@dataclass
class Chart:
    """An SVG picture and the same data as a table."""

    ident: str
    title: str
    description: str
    svg: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _open(chart: Chart, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart" '
        f'aria-labelledby="{chart.ident}-t {chart.ident}-d" font-family="sans-serif" '
        f'font-size="12">',
        f'<title id="{chart.ident}-t">{escape(chart.title)}</title>',
        f'<desc id="{chart.ident}-d">{escape(chart.description)}</desc>',
    ]


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
            "base_date": date_format(baseline[0]),
            "target": f"{figure(target[1])} {unit}".strip(),
            "target_date": date_format(target[0]),
            "count": len(measurements),
        },
        headers=[_("Date"), _("Value"), _("Kind")],
    )
    chart.rows = [
        [date_format(baseline[0]), figure(baseline[1]), _("Baseline")],
        *[[date_format(d), figure(v), _("Measurement")] for d, v in measurements],
        [date_format(target[0]), figure(target[1]), _("Target")],
    ]
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

    out = _open(chart, width, height)
    for tick in ticks:
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick)}" y2="{y(tick)}" '
            f'stroke="{GRID}"/><text x="{left - 6}" y="{y(tick) + 4}" text-anchor="end" '
            f'fill="{INK}">{escape(figure(tick))}</text>'
        )
    for year in range(d0.year, d1.year + 2):
        tick_date = date(year, 1, 1)
        if d0 <= tick_date <= d1:
            out.append(
                f'<line x1="{x(tick_date)}" x2="{x(tick_date)}" y1="{top}" '
                f'y2="{height - bottom}" stroke="{GRID}"/><text x="{x(tick_date)}" '
                f'y="{height - bottom + 16}" text-anchor="middle" fill="{INK}">{year}</text>'
            )
    if unit:
        out.append(
            f'<text x="{left}" y="14" text-anchor="middle" fill="{INK}">{escape(unit)}</text>'
        )
    out.append(
        f'<line x1="{x(baseline[0])}" y1="{y(baseline[1])}" x2="{x(target[0])}" '
        f'y2="{y(target[1])}" stroke="{PATH}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<circle cx="{x(target[0])}" cy="{y(target[1])}" r="6" fill="none" stroke="{PATH}" '
        f'stroke-width="2"/>'
    )
    if measurements:
        points = " ".join(f"{x(d)},{y(v)}" for d, v in measurements)
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{SERIES[0]}" stroke-width="2.5"/>'
        )
        out.extend(
            f'<circle cx="{x(d)}" cy="{y(v)}" r="4" fill="{SERIES[0]}"/>' for d, v in measurements
        )
    legend_y = height - 6
    measured, path = escape(_("Measured")), escape(_("Targeted path"))
    out.append(
        f'<line x1="{left}" x2="{left + 24}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
        f'stroke="{SERIES[0]}" stroke-width="2.5"/><text x="{left + 30}" y="{legend_y}" '
        f'fill="{INK}">{measured}</text>'
        f'<line x1="{left + 140}" x2="{left + 164}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
        f'stroke="{PATH}" stroke-width="2" stroke-dasharray="6 4"/><text x="{left + 170}" '
        f'y="{legend_y}" fill="{INK}">{path}</text>'
    )
    out.append("</svg>")
    chart.svg = mark_safe("".join(out))  # noqa: S308 (every text above is escaped)
    return chart


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
    width, height, cx, cy, radius = 520, 340, 260, 160, 110
    count = len(axes)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        r = radius * value / scale_max
        return round(cx + r * math.cos(angle), 1), round(cy + r * math.sin(angle), 1)

    out = _open(chart, width, height)
    for ring in range(1, scale_max + 1):
        ring_points = " ".join(f"{px},{py}" for px, py in (point(i, ring) for i in range(count)))
        out.append(f'<polygon points="{ring_points}" fill="none" stroke="{GRID}"/>')
    for index, (_key, label) in enumerate(axes):
        ex, ey = point(index, scale_max)
        lx, ly = point(index, scale_max * 1.18)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        out.append(
            f'<line x1="{cx}" y1="{cy}" x2="{ex}" y2="{ey}" stroke="{GRID}"/>'
            f'<text x="{lx}" y="{ly + 4}" text-anchor="{anchor}" fill="{INK}">'
            f"{escape(label)}</text>"
        )
    for number, (name, scores) in enumerate(series[:2]):
        colour = SERIES[number]
        shape = " ".join(
            f"{px},{py}"
            for px, py in (point(i, scores.get(key) or 0) for i, (key, _l) in enumerate(axes))
        )
        dash = ' stroke-dasharray="6 3"' if number else ""
        out.append(
            f'<polygon points="{shape}" fill="{colour}" fill-opacity="0.15" stroke="{colour}" '
            f'stroke-width="2.5"{dash}/>'
        )
        legend_y = height - 30 + 16 * number
        out.append(
            f'<line x1="16" x2="40" y1="{legend_y - 4}" y2="{legend_y - 4}" stroke="{colour}" '
            f'stroke-width="2.5"{dash}/><text x="46" y="{legend_y}" fill="{INK}">'
            f"{escape(name)}</text>"
        )
    out.append("</svg>")
    chart.svg = mark_safe("".join(out))  # noqa: S308 (every text above is escaped)
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
    height = row * len(bars) + 12
    top_count = max([count for *_rest, count in bars] + [1])
    out = _open(chart, width, height)
    for index, (key, label, count) in enumerate(bars):
        y = 6 + index * row
        length = round((width - left - 50) * count / top_count, 1)
        out.append(
            f'<text x="{left - 8}" y="{y + 17}" text-anchor="end" fill="{INK}">'
            f'{escape(label)}</text><rect x="{left}" y="{y + 4}" width="{length}" height="18" '
            f'fill="{STATUS_COLOURS.get(key, SERIES[0])}"/><text x="{left + length + 6}" '
            f'y="{y + 17}" fill="{INK}">{count}</text>'
        )
    out.append("</svg>")
    chart.svg = mark_safe("".join(out))  # noqa: S308 (every text above is escaped)
    return chart
