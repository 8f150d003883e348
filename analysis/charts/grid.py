"""The power/interest grid."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from analysis import compute, labels
from analysis.charts.common import (
    HALO,
    Links,
    badge_width,
    empty,
    legend,
    line_item,
    measure,
    number_badge,
    number_key,
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

# Cells wide enough for most names in full; a name that does not fit, and every party in a
# crowded cell, is shown by its number in the table (with the full name on hover).
_GRID_W, _GRID_H, _GRID_ROWS = 200, 112, 6
_NAME_SIZE = 11
_BADGE_ROW = 19
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

    spots, overflow = grid_spots(data, left, top)
    numbers = grid_numbers(data)
    placed = {spot.mark.party_id: (spot.x, spot.y) for spot in spots}

    def origin(power: int, interest: int) -> tuple[float, float]:
        return left + (interest - 1) * _GRID_W, top + (5 - power) * _GRID_H

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
    for spot in spots:
        mark = spot.mark
        if spot.named:
            with svg.link(links.party(mark.party_id), _grid_title(mark)):
                stance_mark(svg, compute.stance(mark.attitude), spot.x, spot.y, 5)
                # A halo keeps the name legible where an arrow passes underneath.
                svg.text(spot.x + 10, spot.y + 4, mark.name, font_size=_NAME_SIZE, **HALO)
        else:
            # The name did not fit: its number leads to the party's row in the table.
            title = f"{spot.number}. {_grid_title(mark)}"
            with svg.link(links.table_row("grid", mark.party_id), title):
                stance_mark(svg, compute.stance(mark.attitude), spot.x, spot.y, 5)
                number_badge(svg, spot.x + 7, spot.y, spot.number)
    for x, y, hidden in overflow:
        svg.text(x, y + 4, f"+{hidden}", font_size=11, font_weight="bold", fill=MUTED)
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
    used = legend(svg, left - 40, bottom + 88, plot_w + 40, items)
    numbered = [(spot.number, spot.mark.name) for spot in spots if not spot.named]
    numbered += [(numbers[mark.party_id], mark.name) for mark in hidden_marks(data, spots)]
    if not links.needs_key:
        numbered = []
    key = number_key(
        svg, left - 40, bottom + 88 + used + 12, plot_w + 40, sorted(numbered), links.key_limit
    )
    svg.height = bottom + 130 + (key + 12 if key else 0)
    return svg.render()


@dataclass(frozen=True)
class GridSpot:
    """Where a party's mark goes, and whether its name fits beside it (else its number)."""

    mark: compute.GridMark
    number: int
    x: float
    y: float
    named: bool


def grid_numbers(data: compute.Grid) -> dict[int, int]:
    """Each party's number: its place in the table under the chart (the marks' order)."""
    return {mark.party_id: k for k, mark in enumerate(data.marks, start=1)}


def hidden_marks(data: compute.Grid, spots: list[GridSpot]) -> list[compute.GridMark]:
    shown = {spot.mark.party_id for spot in spots}
    return [mark for mark in data.marks if mark.party_id not in shown]


def grid_spots(
    data: compute.Grid, left: float, top: float
) -> tuple[list[GridSpot], list[tuple[float, float, int]]]:
    """The marks of each cell, one a row with its whole name where up to six are in a cell and
    the name fits; a crowded cell packs its marks with their numbers. Returns the spots and,
    per cell that still overflows, where its "+n" goes and n."""
    numbers = grid_numbers(data)
    cells: dict[tuple[int, int], list[compute.GridMark]] = defaultdict(list)
    for mark in data.marks:
        cells[(mark.power, mark.interest)].append(mark)
    step = 8 + badge_width(max(numbers.values(), default=1)) + 10
    per_row = int((_GRID_W - 14) // step)
    rows = int((_GRID_H - 14) // _BADGE_ROW)
    spots: list[GridSpot] = []
    overflow: list[tuple[float, float, int]] = []
    for (power, interest), marks in cells.items():
        x0, y0 = left + (interest - 1) * _GRID_W, top + (5 - power) * _GRID_H
        if len(marks) <= _GRID_ROWS:
            for k, mark in enumerate(marks):
                fits = measure(mark.name, _NAME_SIZE) <= _GRID_W - 26
                spots.append(
                    GridSpot(mark, numbers[mark.party_id], x0 + 12, y0 + 15 + k * 16, fits)
                )
            continue
        capacity = per_row * rows
        shown = marks if len(marks) <= capacity else marks[: capacity - 1]
        for k, mark in enumerate(shown):
            row, col = divmod(k, per_row)
            x, y = x0 + 12 + col * step, y0 + 14 + row * _BADGE_ROW
            spots.append(GridSpot(mark, numbers[mark.party_id], x, y, False))
        if len(shown) < len(marks):
            row, col = divmod(len(shown), per_row)
            x, y = x0 + 6 + col * step, y0 + 14 + row * _BADGE_ROW
            overflow.append((x, y, len(marks) - len(shown)))
    return spots, overflow
