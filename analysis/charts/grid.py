"""The power/interest grid."""

from __future__ import annotations

import math
from collections import defaultdict

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from analysis import compute, labels
from analysis.charts.common import (
    HALO,
    Links,
    empty,
    legend,
    line_item,
    shorten,
    stance_items,
)
from analysis.svg import (
    INK,
    LINE,
    MUTED,
    PAPER,
    Svg,
    arrow_marker,
    attrs,
    fmt,
    stance_mark,
)

# Cells wide enough for most names in full (the rest are cut with the full name on hover).
_GRID_W, _GRID_H, _GRID_ROWS = 200, 112, 6
_QUADRANT_FILL = {
    "manage_closely": "#dbe8f4",
    "keep_satisfied": "#e9edf1",
    "keep_informed": "#f5efd9",
    "monitor": PAPER,
}


def _grid_title(mark: compute.GridMark) -> str:
    return _(
        "%(name)s: power %(power)s, interest %(interest)s, %(attitude)s (%(date)s) – %(advice)s"
    ) % {
        "name": mark.name,
        "power": mark.power,
        "interest": mark.interest,
        "attitude": labels.attitude(mark.attitude),
        "date": labels.day(mark.assessed_on),
        "advice": labels.quadrant(mark.quadrant),
    }


def _movement_title(mark: compute.GridMark) -> str:
    return _(
        "%(name)s moved: power %(before_power)s → %(power)s, interest %(before_interest)s → "
        "%(interest)s (%(before)s → %(after)s)"
    ) % {
        "name": mark.name,
        "before_power": mark.previous_power,
        "power": mark.power,
        "before_interest": mark.previous_interest,
        "interest": mark.interest,
        "before": labels.day(mark.previous_on),
        "after": labels.day(mark.assessed_on),
    }


def grid_chart(data: compute.Grid, links: Links) -> str:
    left, top = 72, 46
    plot_w, plot_h = 5 * _GRID_W, 5 * _GRID_H
    width, bottom = left + plot_w + 24, top + plot_h
    counts = {count.code: count.count for count in data.quadrants}
    svg = Svg(
        width,
        bottom + 130,
        key="grid",
        title=_("Power/interest grid"),
        desc=_("Parties by power (up) and interest (right); a score of %(t)s or more is high. ")
        % {"t": data.threshold}
        + "; ".join(f"{capfirst(labels.quadrant(c))}: {counts[c]}" for c in compute.QUADRANTS)
        + ".",
    )
    t = data.threshold
    xs, ys = left + (t - 1) * _GRID_W, top + (6 - t) * _GRID_H
    right = left + plot_w
    regions = {
        "keep_satisfied": (left, top, xs, ys),
        "manage_closely": (xs, top, right, ys),
        "monitor": (left, ys, xs, bottom),
        "keep_informed": (xs, ys, right, bottom),
    }
    for code, (x0, y0, x1, y1) in regions.items():
        svg.add(
            "rect",
            {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0, "fill": _QUADRANT_FILL[code]},
        )
    for k in range(6):
        svg.add(
            "line",
            {
                "x1": left + k * _GRID_W,
                "y1": top,
                "x2": left + k * _GRID_W,
                "y2": bottom,
                "stroke": LINE,
            },
        )
        svg.add(
            "line",
            {
                "x1": left,
                "y1": top + k * _GRID_H,
                "x2": right,
                "y2": top + k * _GRID_H,
                "stroke": LINE,
            },
        )
    threshold_line = attrs(stroke=INK, stroke_width=2.5, stroke_dasharray="8 4")
    svg.add("line", {"x1": xs, "y1": top, "x2": xs, "y2": bottom, **threshold_line})
    svg.add("line", {"x1": left, "y1": ys, "x2": right, "y2": ys, **threshold_line})
    for score in range(1, 6):
        svg.text(
            left - 12,
            top + (5 - score) * _GRID_H + _GRID_H / 2 + 4,
            str(score),
            text_anchor="end",
            font_size=13,
        )
        svg.text(
            left + (score - 1) * _GRID_W + _GRID_W / 2,
            bottom + 18,
            str(score),
            text_anchor="middle",
            font_size=13,
        )
    mid_y = top + plot_h / 2
    svg.text(
        20,
        mid_y,
        _("Power →"),
        text_anchor="middle",
        font_weight="bold",
        transform=f"rotate(-90 20 {fmt(mid_y)})",
    )
    svg.text(
        left + plot_w / 2, bottom + 38, _("Interest →"), text_anchor="middle", font_weight="bold"
    )
    for code, (x0, _y0, x1, _y1) in regions.items():
        y = top - 14 if code in ("keep_satisfied", "manage_closely") else bottom + 62
        svg.text(
            (x0 + x1) / 2,
            y,
            f"{labels.quadrant(code).capitalize()} ({counts[code]})",
            text_anchor="middle",
            font_weight="bold",
            font_size=13,
        )

    cells: dict[tuple[int, int], list[compute.GridMark]] = defaultdict(list)
    for mark in data.marks:
        cells[(mark.power, mark.interest)].append(mark)

    def origin(power: int, interest: int) -> tuple[float, float]:
        return left + (interest - 1) * _GRID_W, top + (5 - power) * _GRID_H

    placed: dict[int, tuple[float, float]] = {}
    overflow: list[tuple[float, float, int]] = []
    for (power, interest), marks in cells.items():
        x0, y0 = origin(power, interest)
        shown = marks if len(marks) <= _GRID_ROWS else marks[: _GRID_ROWS - 1]
        for k, mark in enumerate(shown):
            placed[mark.party_id] = (x0 + 12, y0 + 15 + k * 16)
        if len(shown) < len(marks):
            overflow.append((x0 + 12, y0 + 15 + len(shown) * 16, len(marks) - len(shown)))

    head = arrow_marker(svg)
    for mark in data.marks:
        if not mark.moved or mark.party_id not in placed:
            continue
        px, py = origin(mark.previous_power, mark.previous_interest)
        x1, y1 = px + _GRID_W / 2, py + _GRID_H / 2
        x2, y2 = placed[mark.party_id]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        x2, y2 = x2 - (x2 - x1) / length * 8, y2 - (y2 - y1) / length * 8
        with svg.link(links.party(mark.party_id), _movement_title(mark)):
            svg.add(
                "circle",
                {"cx": x1, "cy": y1, "r": 3, "fill": PAPER, "stroke": MUTED, "stroke-width": 1.5},
            )
            svg.add(
                "line",
                {
                    "x1": x1,
                    "y1": y1,
                    "x2": x2,
                    "y2": y2,
                    "stroke": MUTED,
                    "stroke-width": 1.5,
                    "stroke-dasharray": "5 3",
                    "marker-end": head,
                },
            )
    for mark in data.marks:
        if mark.party_id not in placed:
            continue
        x, y = placed[mark.party_id]
        with svg.link(links.party(mark.party_id), _grid_title(mark)):
            stance_mark(svg, compute.stance(mark.attitude), x, y, 5)
            # A halo keeps the name legible where an arrow passes underneath.
            svg.text(x + 10, y + 4, shorten(mark.name, _GRID_W - 26, 11), font_size=11, **HALO)
    for x, y, hidden in overflow:
        svg.text(
            x - 4,
            y + 4,
            _("+%(count)s more (see the table)") % {"count": hidden},
            font_size=11,
            fill=MUTED,
            font_style="italic",
        )
    if not data.marks:
        empty(svg, left + plot_w / 2, mid_y, _("No party has been assessed yet."))
    items = stance_items() + [
        line_item(
            _("movement since the previous assessment"),
            stroke=MUTED,
            stroke_width=1.5,
            stroke_dasharray="5 3",
        ),
        line_item(
            _("threshold: %(t)s or more is high") % {"t": t},
            stroke=INK,
            stroke_width=2.5,
            stroke_dasharray="8 4",
        ),
    ]
    legend(svg, left - 40, bottom + 88, plot_w + 40, items)
    return svg.render()
