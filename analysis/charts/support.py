"""Support over time, overall and per layer."""

from __future__ import annotations

import math
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from analysis import compute, labels
from analysis.charts.common import (
    Links,
    empty,
    measure,
    stack,
    wrap_to,
)
from analysis.svg import (
    GRID,
    INK,
    LINE,
    MUTED,
    PAPER,
    Svg,
    fmt,
    polygon,
)

_SERIES_STYLE = {  # colour (Okabe-Ito), width, dash, marker
    compute.OVERALL: ("#000000", 3.5, None, "circle"),
    "board": ("#0072b2", 2, "9 4", "square"),
    "management": ("#d55e00", 2, "2 3", "triangle"),
    "staff": ("#009e73", 2, "10 3 2 3", "diamond"),
    "residents": ("#cc79a7", 2, "5 5", "down"),
}


def _series_mark(svg: Svg, shape: str, x: float, y: float, colour: str) -> None:
    style = {"fill": colour, "stroke": PAPER, "stroke-width": 1}
    if shape == "circle":
        svg.add("circle", {"cx": x, "cy": y, "r": 5, **style})
    elif shape == "square":
        svg.add("rect", {"x": x - 4.5, "y": y - 4.5, "width": 9, "height": 9, **style})
    else:
        d = 6
        points = {
            "triangle": [(x, y - d), (x + d, y + d * 0.8), (x - d, y + d * 0.8)],
            "down": [(x, y + d), (x + d, y - d * 0.8), (x - d, y - d * 0.8)],
            "diamond": [(x, y - d), (x + d, y), (x, y + d), (x - d, y)],
        }[shape]
        svg.add("polygon", {"points": polygon(points), **style})


def _support_title(series: compute.SupportSeries, point: compute.SupportPoint) -> str:
    return _(
        "%(layer)s, %(date)s: support index %(index)s (%(sum)s ÷ %(power)s), %(count)s parties"
    ) % {
        "layer": labels.layer(series.layer).capitalize(),
        "date": labels.day(point.on),
        "index": labels.signed(point.index, 2),
        "sum": labels.number(point.weighted_sum),
        "power": labels.number(point.total_power),
        "count": point.parties,
    }


# Month steps a time axis may use: every month, two months, a quarter, half a year, a year.
_MONTH_STEPS = (1, 2, 3, 6, 12)
_TICK_SIZE = 11


def _month_index(on: date) -> int:
    return on.year * 12 + on.month - 1


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def time_ticks(first: date, last: date, plot_w: float) -> tuple[date, date, list[date], int]:
    """The axis's start and end (whole months around the dates), its ticks and their step in
    months: the first day of every month, two months, quarter, half year or year, the smallest
    step whose labels leave room between them. Longer steps start in January, April, July or
    October, so a quarter reads as a quarter."""
    for step in _MONTH_STEPS:
        start = _month_index(first)
        start -= start % step
        end = _month_index(last) + 1
        end += -(end - start) % step
        ticks = [_month_start(k) for k in range(start, end + 1, step)]
        room = plot_w * step / (end - start)
        if max(measure(_tick_label(on, step), _TICK_SIZE) for on in ticks) + 12 <= room:
            break
    return _month_start(start), _month_start(end), ticks, step


def _tick_label(on: date, step: int) -> str:
    return date_format(on, "Y" if step == 12 else "M Y")


def support_chart(data: compute.Support, links: Links) -> str:
    top, plot_w, plot_h = 24, 560, 300
    scale = [f"{labels.signed(value)} {labels.attitude(value)}" for value in range(2, -3, -1)]
    left = max(measure(text, 11) for text in scale) + 18
    ends_w = max(
        (measure(labels.layer(s.layer).capitalize(), 11, bold=True) for s in data.series),
        default=0,
    )
    width = math.ceil(left + plot_w + 44 + ends_w + 8)
    height = top + plot_h + 100
    latest = data.series[0].last
    desc = (
        _(
            "The support index from −2 to +2 at each assessment date, overall and per layer. "
            "Latest overall: %(index)s (%(count)s parties)."
        )
        % {"index": labels.signed(latest.index, 2), "count": latest.parties}
        if latest
        else _("No assessments yet.")
    )
    svg = Svg(width, height, key="support", title=_("Support over time"), desc=desc)

    def y_of(value: float) -> float:
        return top + (2 - value) / 4 * plot_h

    if data.dates:
        axis_start, axis_end, ticks, step = time_ticks(data.dates[0], data.dates[-1], plot_w)
    else:
        axis_start, axis_end, ticks, step = date.today(), date.today(), [], 1
    first, span = axis_start.toordinal(), axis_end.toordinal() - axis_start.toordinal()

    def x_of(on: date) -> float:
        return left + (on.toordinal() - first) / (span or 1) * plot_w

    for value, text in zip(range(2, -3, -1), scale, strict=True):
        y = y_of(value)
        svg.add(
            "line",
            {
                "x1": left,
                "y1": y,
                "x2": left + plot_w,
                "y2": y,
                "stroke": INK if value == 0 else GRID,
                "stroke-width": 1.5 if value == 0 else 1,
            },
        )
        svg.text(left - 10, y + 4, text, text_anchor="end", font_size=11)
    svg.add(
        "rect",
        {"x": left, "y": top, "width": plot_w, "height": plot_h, "fill": "none", "stroke": LINE},
    )
    for on in ticks:
        x = x_of(on)
        svg.add("line", {"x1": x, "y1": top, "x2": x, "y2": top + plot_h, "stroke": GRID})
        svg.add(
            "line", {"x1": x, "y1": top + plot_h, "x2": x, "y2": top + plot_h + 5, "stroke": INK}
        )
        svg.text(
            x,
            top + plot_h + 19,
            _tick_label(on, step),
            text_anchor="middle",
            font_size=_TICK_SIZE,
        )
    ends: list[tuple[float, str, str]] = []
    for series in reversed(data.series):  # overall last, on top
        colour, stroke_width, dash, shape = _SERIES_STYLE[series.layer]
        runs: list[list[tuple[float, float]]] = [[]]
        for point in series.points:
            if point.index is None:
                runs.append([])
            else:
                runs[-1].append((x_of(point.on), y_of(point.index)))
        for run in runs:
            if len(run) > 1:
                svg.add(
                    "polyline",
                    {
                        "points": " ".join(f"{fmt(x)},{fmt(y)}" for x, y in run),
                        "fill": "none",
                        "stroke": colour,
                        "stroke-width": stroke_width,
                        "stroke-dasharray": dash,
                        "stroke-linejoin": "round",
                    },
                )
        url = links.layer("" if series.layer == compute.OVERALL else series.layer)
        for point in series.points:
            if point.index is not None:
                with svg.link(url, _support_title(series, point)):
                    _series_mark(svg, shape, x_of(point.on), y_of(point.index), colour)
        last = next((p for p in reversed(series.points) if p.index is not None), None)
        if last is not None:
            ends.append((y_of(last.index), labels.layer(series.layer).capitalize(), series.layer))
    for (y, label, code), label_y in zip(
        sorted(ends), stack(sorted(y for y, _l, _c in ends), 15, top + 6, top + plot_h), strict=True
    ):
        colour, stroke_width, dash, shape = _SERIES_STYLE[code]
        # A thin leader from the line's end to its label, when the label had to move.
        right = left + plot_w
        leader = [(right + 2, y), (right + 8, label_y), (right + 30, label_y)]
        svg.add(
            "polyline",
            {
                "points": polygon(leader),
                "fill": "none",
                "stroke": colour,
                "stroke-width": stroke_width,
                "stroke-dasharray": dash,
            },
        )
        _series_mark(svg, shape, left + plot_w + 19, label_y, colour)
        svg.text(
            left + plot_w + 36,
            label_y + 4,
            label,
            font_size=11,
            font_weight="bold" if code == compute.OVERALL else None,
        )
    if not data.dates:
        empty(svg, left + plot_w / 2, top + plot_h / 2 - 20, _("No assessments yet."))
    for k, line in enumerate(
        wrap_to(
            _(
                "Support index = Σ(power × attitude) ÷ Σ(power) over each party's latest "
                "assessment on or before the date. Each line is labelled at its right end."
            ),
            width - left - 8,
            11,
        )
    ):
        svg.text(left, top + plot_h + 46 + k * 15, line, font_size=11, fill=MUTED)
    return svg.render()
