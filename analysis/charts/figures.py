"""Local figures: the place, its region and the country, and its districts, as horizontal bars
with the wider areas as reference lines; and the same areas over time.

Bars run sideways so that long district names stay readable on a phone; a flagged difference
(confidence intervals that do not overlap) is drawn as a bold value with an arrow, and the
intervals themselves as whiskers.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from analysis.charts.common import measure, shorten, stack
from analysis.svg import GRID, INK, LINE, MUTED, PAPER, Svg, attrs
from evidence.figures.compare import Comparison

_FILL = {"place": "#004488", "wider": "#6699cc", "district": "#bbbbbb"}
_DASHES = ("6 3", "2 3", "10 3 2 3", "1 2")
_SIZE = 12
_ROW = 26
_LEFT = 170


def _number(value: float) -> str:
    text = f"{value:,.1f}".replace(",", " ").replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def value_text(value: float, unit: str) -> str:
    return f"{_number(value)} {unit}".strip() if unit != "%" else f"{_number(value)}%"


def _scale(comparison: Comparison) -> tuple[float, float]:
    values = [b.point.value for b in comparison.bars]
    values += [b.point.upper for b in comparison.bars if b.point.upper is not None]
    values += [b.point.lower for b in comparison.bars if b.point.lower is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    return low, high if high > low else low + 1


def bars_chart(comparison: Comparison, width: int = 640) -> str:
    """The latest period: one bar per area, reference lines for the place, region and country
    across the district bars, and a legend for those lines under the chart."""
    bars = comparison.bars
    legend_rows = len(comparison.references)
    height = 40 + _ROW * max(len(bars), 1) + 20 + 18 * legend_rows + 10
    svg = Svg(
        width, height, key="figures",
        title=_("%(indicator)s, %(period)s") % {
            "indicator": comparison.name, "period": comparison.period
        },
        desc="; ".join(
            f"{b.point.name}: {value_text(b.point.value, comparison.unit)}" for b in bars
        ),
    )
    if not bars:
        svg.text(20, 40, _("No figures yet."), fill=MUTED, font_size=_SIZE)
        return svg.render()
    low, high = _scale(comparison)
    right = width - 70  # room for the value after the longest bar
    span = right - _LEFT

    def x(value: float) -> float:
        return _LEFT + (value - low) / (high - low) * span

    top = 30
    svg.text(_LEFT, 18, comparison.unit or "", fill=MUTED, font_size=11)
    svg.add("line", attrs(x1=x(0), y1=top - 4, x2=x(0), y2=top + _ROW * len(bars), stroke=LINE))
    for index, bar in enumerate(bars):
        p = bar.point
        y = top + index * _ROW
        kind = "place" if bar.is_place else (
            "district" if p.level in ("district", "neighbourhood") else "wider"
        )
        label = shorten(p.name, _LEFT - 14, _SIZE, bold=bar.is_place)
        hover = f"{p.name} ({p.code}), {p.period}: {value_text(p.value, comparison.unit)}"
        if p.has_bounds:
            hover += " [" + _number(p.lower) + " – " + _number(p.upper) + "]"
        with svg.group("g", {}):
            svg.add("title", None, hover)
            svg.text(_LEFT - 8, y + 16, label, text_anchor="end", font_size=_SIZE, fill=INK,
                     font_weight="bold" if bar.is_place else None)
            start, end = sorted((x(0), x(p.value)))
            svg.add("rect", attrs(x=start, y=y + 5, width=max(end - start, 1), height=_ROW - 10,
                                  fill=_FILL[kind], stroke=INK, stroke_width=0.5))
            if p.has_bounds:
                svg.add("line", attrs(x1=x(p.lower), y1=y + _ROW / 2, x2=x(p.upper),
                                      y2=y + _ROW / 2, stroke=INK, stroke_width=1.2))
            mark = {"higher": " ▲", "lower": " ▼"}.get(bar.differs, "")
            at = max(x(p.value), x(p.upper) if p.upper is not None else 0, x(0)) + 5
            svg.text(at, y + 16, value_text(p.value, comparison.unit) + mark, font_size=_SIZE,
                     fill=INK, font_weight="bold" if bar.differs else None)
    bottom = top + _ROW * len(bars)
    for number, ref in enumerate(comparison.references):
        dash = _DASHES[number % len(_DASHES)]
        rx = x(ref.value)
        svg.add("line", attrs(x1=rx, y1=top - 4, x2=rx, y2=bottom, stroke=INK,
                              stroke_width=1.2, stroke_dasharray=dash))
        ly = bottom + 22 + number * 18
        svg.add("line", attrs(x1=20, y1=ly - 4, x2=50, y2=ly - 4, stroke=INK,
                              stroke_width=1.2, stroke_dasharray=dash))
        text = f"{ref.name}: {value_text(ref.value, comparison.unit)}"
        svg.text(58, ly, shorten(text, width - 70, 11), font_size=11, fill=INK)
    return svg.render()


def trend_chart(comparison: Comparison, width: int = 640) -> str:
    """Every period of the place, its region and the country as lines; the names at the
    right end, moved apart so that they never overlap."""
    periods = comparison.periods
    height = 260
    svg = Svg(
        width, height, key="figures-trend",
        title=_("%(indicator)s over time") % {"indicator": comparison.name},
        desc="; ".join(
            s.name + ": " + ", ".join(
                f"{p.period} {value_text(p.value, comparison.unit)}" for p in s.points
            )
            for s in comparison.series
        ),
    )
    if len(periods) < 2 or not comparison.series:
        svg.text(20, 40, _("Only one period so far."), fill=MUTED, font_size=_SIZE)
        return svg.render()
    label_width = min(170, width // 3)
    left, right, top, bottom = 50, width - label_width, 20, height - 40
    values = [p.value for s in comparison.series for p in s.points]
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or 1
    low, high = low - pad, high + pad

    def x(period: str) -> float:
        return left + periods.index(period) / (len(periods) - 1) * (right - left)

    def y(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    for tick in (low + pad, (low + high) / 2, high - pad):
        svg.add("line", attrs(x1=left, y1=y(tick), x2=right, y2=y(tick), stroke=GRID))
        svg.text(left - 6, y(tick) + 4, _number(round(tick, 1)), text_anchor="end",
                 font_size=10, fill=MUTED)
    step = max(1, round(len(periods) * 46 / max(right - left, 1)))
    for index, period in enumerate(periods):
        if index % step == 0:
            svg.text(x(period), bottom + 16, period, text_anchor="middle", font_size=10,
                     fill=MUTED)
    wanted = [y(s.points[-1].value) for s in comparison.series]
    order = sorted(range(len(wanted)), key=lambda k: wanted[k])
    ends = [0.0] * len(wanted)
    for k, at in zip(order, stack([wanted[k] for k in order], 15, top + 6, bottom), strict=True):
        ends[k] = at
    for number, series in enumerate(comparison.series):
        dash = None if number == 0 else _DASHES[(number - 1) % len(_DASHES)]
        colour = _FILL["place"] if number == 0 else INK
        path = " ".join(
            ("M" if i == 0 else "L") + f"{x(p.period):.1f},{y(p.value):.1f}"
            for i, p in enumerate(series.points)
        )
        with svg.group("g", {}):
            svg.add("title", None, series.name)
            svg.add("path", attrs(d=path, fill="none", stroke=colour, stroke_width=2,
                                  stroke_dasharray=dash))
            for p in series.points:
                svg.add("circle", attrs(cx=x(p.period), cy=y(p.value), r=3, fill=PAPER,
                                        stroke=colour, stroke_width=1.5))
        last = series.points[-1]
        name = shorten(series.name, label_width - 12 - measure(" 00,0", 11), 11)
        svg.text(right + 8, ends[number] + 4, f"{name} {_number(last.value)}", font_size=11,
                 fill=INK)
    return svg.render()
