"""Each analysis drawn as an SVG string, from the plain data in analysis.compute.

Every mark links to its party and has a hover title; categories differ by shape, dash or pattern
as well as by colour, and carry direct labels, so a black-and-white print still reads.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import compute, labels
from analysis.svg import (
    GRID,
    INK,
    LIGHT,
    LINE,
    MUTED,
    PAPER,
    STANCE_FILL,
    TINT,
    Svg,
    arrow_marker,
    attrs,
    diamond,
    fmt,
    polygon,
    stance_mark,
    text_width,
    truncate,
)


@dataclass(frozen=True)
class Links:
    """Where marks point: a party's page, and the party list for one layer ("" for all)."""

    party: Callable[[int], str]
    layer: Callable[[str], str]


HALO = {"stroke": PAPER, "stroke_width": 3, "stroke_linejoin": "round", "paint_order": "stroke"}


def _wrap(text: str, limit: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _empty(svg: Svg, x: float, y: float, message: str) -> None:
    svg.text(x, y, message, text_anchor="middle", fill=MUTED, font_size=14)


LegendItem = tuple[Callable[[Svg, float, float], None], str]


def _legend(svg: Svg, x: float, y: float, width: float, items: Sequence[LegendItem]) -> float:
    """Symbols with their labels, left to right, wrapping at `width`; returns the height used."""
    cx, cy = x, y
    for draw, label in items:
        needed = 30 + text_width(label, 11) + 18
        if cx > x and cx + needed > x + width:
            cx, cy = x, cy + 20
        draw(svg, cx + 10, cy)
        svg.text(cx + 26, cy + 4, label, font_size=11)
        cx += needed
    return cy - y + 20


def _stance_item(code: str) -> LegendItem:
    return (lambda svg, x, y: stance_mark(svg, code, x, y, 5), labels.stance(code))


def _stance_items(codes: Sequence[str] = ("friend", "doubter", "opponent")) -> list[LegendItem]:
    return [_stance_item(code) for code in codes]


def _line_item(label: str, **style: object) -> LegendItem:
    def draw(svg: Svg, x: float, y: float) -> None:
        svg.add("line", {"x1": x - 10, "y1": y, "x2": x + 12, "y2": y, **attrs(**style)})

    return draw, label


# --- 1. power/interest grid ---------------------------------------------------------------

_GRID_W, _GRID_H, _GRID_ROWS = 150, 112, 6
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
            svg.text(x + 10, y + 4, truncate(mark.name, 19), font_size=11, **HALO)
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
        _empty(svg, left + plot_w / 2, mid_y, _("No party has been assessed yet."))
    items = _stance_items() + [
        _line_item(
            _("movement since the previous assessment"),
            stroke=MUTED,
            stroke_width=1.5,
            stroke_dasharray="5 3",
        ),
        _line_item(
            _("threshold: %(t)s or more is high") % {"t": t},
            stroke=INK,
            stroke_width=2.5,
            stroke_dasharray="8 4",
        ),
    ]
    _legend(svg, left - 40, bottom + 88, plot_w + 40, items)
    return svg.render()


# --- 2. salience --------------------------------------------------------------------------

_CIRCLES = {  # centre x, centre y, colour, dash pattern; an equilateral triangle of centres
    "power": (310, 250, "#0072b2", None),
    "legitimacy": (510, 250, "#d55e00", "10 5"),
    "urgency": (410, 423, "#009e73", "3 4"),
}
_SALIENCE_R = 175
_REGIONS = {  # where each class's text starts, how many names and characters fit there
    "dormant": (228, 190, 5, 18),
    "discretionary": (592, 190, 5, 18),
    "demanding": (410, 500, 5, 18),
    "dominant": (410, 150, 4, 14),
    "dangerous": (300, 372, 2, 14),
    "dependent": (520, 372, 2, 14),
    "definitive": (410, 296, 3, 14),
    "none": (750, 545, 6, 22),
}


def _salience_title(mark: compute.SalienceMark) -> str:
    return _(
        "%(name)s: power %(power)s, legitimacy %(legitimacy)s, urgency %(urgency)s – %(class)s"
    ) % {
        "name": mark.name,
        "power": mark.power,
        "legitimacy": mark.legitimacy,
        "urgency": mark.urgency,
        "class": labels.salience(mark.salience_class),
    }


def salience_chart(data: compute.Salience, links: Links) -> str:
    width, height = 860, 670
    counts = "; ".join(
        f"{capfirst(labels.salience(group.code))}: {len(group.marks)}" for group in data.groups
    )
    svg = Svg(
        width,
        height,
        key="salience",
        title=_("Salience of the parties"),
        desc=_("Three circles: power, legitimacy and urgency, each present at 4 or 5. ")
        + counts
        + ".",
    )
    names = {
        "power": _("power ≥ 4"),
        "legitimacy": _("legitimacy ≥ 4"),
        "urgency": _("urgency ≥ 4"),
    }
    for cx, cy, colour, _dash in _CIRCLES.values():
        svg.add(
            "circle", {"cx": cx, "cy": cy, "r": _SALIENCE_R, "fill": colour, "fill-opacity": 0.07}
        )
    for cx, cy, colour, dash in _CIRCLES.values():
        svg.add(
            "circle",
            {
                "cx": cx,
                "cy": cy,
                "r": _SALIENCE_R,
                "fill": "none",
                "stroke": colour,
                "stroke-width": 3,
                "stroke-dasharray": dash,
            },
        )
    label_places = {
        "power": (150, 52, "middle"),
        "legitimacy": (670, 52, "middle"),
        "urgency": (410, 636, "middle"),
    }
    for code, (x, y, anchor) in label_places.items():
        colour, dash = _CIRCLES[code][2], _CIRCLES[code][3]
        svg.add(
            "line",
            {
                "x1": x - 70,
                "y1": y + 8,
                "x2": x + 70,
                "y2": y + 8,
                "stroke": colour,
                "stroke-width": 3,
                "stroke-dasharray": dash,
            },
        )
        svg.text(x, y, names[code], text_anchor=anchor, font_weight="bold", font_size=14)
    svg.add(
        "rect",
        {
            "x": 645,
            "y": 520,
            "width": 210,
            "height": 135,
            "fill": TINT,
            "stroke": MUTED,
            "stroke-dasharray": "4 3",
        },
    )
    for group in data.groups:
        x, y, room, chars = _REGIONS[group.code]
        svg.text(
            x,
            y,
            f"{labels.salience(group.code).capitalize()} ({len(group.marks)})",
            text_anchor="middle",
            font_weight="bold",
            font_size=12,
        )
        shown = group.marks if len(group.marks) <= room else group.marks[: room - 1]
        for k, mark in enumerate(shown):
            with svg.link(links.party(mark.party_id), _salience_title(mark)):
                svg.text(
                    x,
                    y + 15 + k * 14,
                    truncate(mark.name, chars),
                    text_anchor="middle",
                    font_size=11,
                    text_decoration="underline",
                )
        if len(shown) < len(group.marks):
            svg.text(
                x,
                y + 15 + len(shown) * 14,
                _("+%(count)s more") % {"count": len(group.marks) - len(shown)},
                text_anchor="middle",
                font_size=11,
                fill=MUTED,
                font_style="italic",
            )
    return svg.render()


# --- 3. position map ----------------------------------------------------------------------

_POS_COL, _POS_LEFT, _POS_HEAD, _POS_ROW, _POS_CAP = 150, 150, 70, 26, 10
_ATTITUDE_TINT = {-2: "#f6e4e8", -1: "#fbf0f2", 0: "#faf6e8", 1: "#eef3f9", 2: "#e1eaf4"}


def _radius(power: int) -> float:
    """Area in proportion to power."""
    return 5 * math.sqrt(power)


def _position_title(mark: compute.PositionMark, layer: str) -> str:
    return _("%(name)s: %(attitude)s, power %(power)s (%(layer)s)") % {
        "name": mark.name,
        "attitude": labels.attitude(mark.attitude),
        "power": mark.power,
        "layer": labels.layer(layer),
    }


def positions_chart(data: compute.Positions, links: Links) -> str:
    attitudes = range(-2, 3)
    heights = []
    for row in data.rows:
        per_cell = [sum(1 for m in row.marks if m.attitude == a) for a in attitudes]
        heights.append(max(1, min(max(per_cell), _POS_CAP)) * _POS_ROW + 14)
    width = _POS_LEFT + 5 * _POS_COL + 10
    height = _POS_HEAD + sum(heights) + 110
    total = sum(len(row.marks) for row in data.rows)
    desc = _(
        "%(count)s parties along the attitude scale from −2 to +2, in rows by layer, "
        "each sized by its power."
    ) % {"count": total}
    svg = Svg(width, height, key="positions", title=_("Position map"), desc=desc)
    plot_bottom = _POS_HEAD + sum(heights)
    for a in attitudes:
        x = _POS_LEFT + (a + 2) * _POS_COL
        svg.add(
            "rect",
            {
                "x": x,
                "y": _POS_HEAD - 6,
                "width": _POS_COL,
                "height": plot_bottom - _POS_HEAD + 6,
                "fill": _ATTITUDE_TINT[a],
            },
        )
        svg.text(
            x + _POS_COL / 2,
            20,
            labels.signed(a),
            text_anchor="middle",
            font_weight="bold",
            font_size=15,
        )
        for k, line in enumerate(_wrap(labels.attitude(a), 22)):
            svg.text(x + _POS_COL / 2, 38 + k * 13, line, text_anchor="middle", font_size=11)
        svg.add("line", {"x1": x, "y1": _POS_HEAD - 6, "x2": x, "y2": plot_bottom, "stroke": LINE})
    y = _POS_HEAD
    for row, row_height in zip(data.rows, heights, strict=True):
        svg.add("line", {"x1": 8, "y1": y, "x2": width - 10, "y2": y, "stroke": MUTED})
        with svg.link(links.layer(row.layer), labels.layer(row.layer)):
            for k, line in enumerate(_wrap(labels.layer(row.layer).capitalize(), 18)):
                svg.text(12, y + 20 + k * 14, line, font_weight="bold", font_size=12)
        svg.text(
            12,
            y + 20 + len(_wrap(labels.layer(row.layer), 18)) * 14,
            ngettext("%(count)s party", "%(count)s parties", len(row.marks))
            % {"count": len(row.marks)},
            font_size=11,
            fill=MUTED,
        )
        for a in attitudes:
            cell = [m for m in row.marks if m.attitude == a]
            shown = cell if len(cell) <= _POS_CAP else cell[: _POS_CAP - 1]
            x = _POS_LEFT + (a + 2) * _POS_COL
            for k, mark in enumerate(shown):
                cy = y + 7 + k * _POS_ROW + _POS_ROW / 2
                with svg.link(links.party(mark.party_id), _position_title(mark, row.layer)):
                    svg.add(
                        "circle",
                        {
                            "cx": x + 17,
                            "cy": cy,
                            "r": _radius(mark.power),
                            "fill": STANCE_FILL[compute.stance(a)],
                            "stroke": INK,
                            "stroke-width": 1.2,
                        },
                    )
                    svg.text(x + 32, cy + 4, truncate(mark.name, 17), font_size=11)
            if len(shown) < len(cell):
                svg.text(
                    x + 8,
                    y + 7 + len(shown) * _POS_ROW + _POS_ROW / 2 + 4,
                    _("+%(count)s more") % {"count": len(cell) - len(shown)},
                    font_size=11,
                    fill=MUTED,
                    font_style="italic",
                )
        y += row_height
    svg.add("line", {"x1": 8, "y1": y, "x2": width - 10, "y2": y, "stroke": MUTED})
    if not total:
        _empty(
            svg, _POS_LEFT + 2.5 * _POS_COL, _POS_HEAD + 40, _("No party has been assessed yet.")
        )
    head = arrow_marker(svg, "axis", INK)
    mid = _POS_LEFT + 2.5 * _POS_COL
    svg.add(
        "line",
        {
            "x1": mid - 30,
            "y1": y + 24,
            "x2": _POS_LEFT + 10,
            "y2": y + 24,
            "stroke": INK,
            "stroke-width": 1.5,
            "marker-end": head,
        },
    )
    svg.add(
        "line",
        {
            "x1": mid + 30,
            "y1": y + 24,
            "x2": width - 20,
            "y2": y + 24,
            "stroke": INK,
            "stroke-width": 1.5,
            "marker-end": head,
        },
    )
    svg.text(_POS_LEFT + 12, y + 42, _("opposition"), font_size=12)
    svg.text(width - 22, y + 42, _("support"), font_size=12, text_anchor="end")
    x = _POS_LEFT
    svg.text(12, y + 82, _("Size: power"), font_size=11, font_weight="bold")
    for power in (1, 3, 5):
        r = _radius(power)
        svg.add("circle", {"cx": x + r, "cy": y + 78, "r": r, "fill": PAPER, "stroke": INK})
        svg.text(x + 2 * r + 6, y + 82, _("power %(power)s") % {"power": power}, font_size=11)
        x += 2 * r + 80
    return svg.render()


# --- 4. actor map (krachtenveld) ----------------------------------------------------------

_ACTOR_SECTORS = {  # angle range in degrees, counter-clockwise from the right
    "supplies": (0, 90),
    "decides": (90, 180),
    "benefits": (180, 270),
    "carries_out": (270, 360),
}
_SECTOR_FILL = {
    "decides": "#eef3f9",
    "supplies": "#f7f7f7",
    "carries_out": "#eef3f9",
    "benefits": "#f7f7f7",
}


def _actor_title(mark: compute.ActorMark) -> str:
    attitude = labels.attitude(mark.attitude) if mark.attitude is not None else _("not assessed")
    return _("%(number)s. %(name)s: %(role)s, %(ring)s – %(attitude)s") % {
        "number": mark.number,
        "name": mark.name,
        "role": labels.role(mark.role),
        "ring": labels.ring(mark.ring),
        "attitude": attitude,
    }


_ACTOR_SPACING = 24  # between marks along an arc
_ACTOR_CLEAR = 20  # kept free beside the axes, where the ring labels sit


def _arc_capacity(radius: float, start: float, end: float) -> int:
    pad = math.degrees(math.asin(min(1.0, _ACTOR_CLEAR / radius)))
    usable = math.radians(end - start - 2 * pad) * radius
    return int(usable // _ACTOR_SPACING) + 1 if usable > 0 else 1


def _arc_angles(radius: float, start: float, end: float, count: int) -> list[float]:
    """`count` angles (degrees), a mark's width apart, centred in the sector."""
    step = math.degrees(_ACTOR_SPACING / radius)
    first = (start + end) / 2 - step * (count - 1) / 2
    return [first + k * step for k in range(count)]


def _cell_slots(
    inner: float, band: float, start: float, end: float, count: int
) -> list[tuple[float, float]]:
    """(radius, angle) for up to `count` marks in one ring of one sector: on the middle of the
    ring when they fit, else on an outer and an inner arc."""
    middle = inner + band / 2
    radii = (
        [middle]
        if count <= _arc_capacity(middle, start, end)
        else [
            inner + 0.72 * band,
            inner + 0.3 * band,
        ]
    )
    slots: list[tuple[float, float]] = []
    for radius in radii:
        take = min(count - len(slots), _arc_capacity(radius, start, end))
        slots += [(radius, angle) for angle in _arc_angles(radius, start, end, take)]
    return slots


def actors_chart(data: compute.Actors, links: Links) -> str:
    cx, cy, outer, core = 400, 330, 290, 36
    width, height = 800, 730
    band = (outer - core) / 4
    counts = "; ".join(f"{capfirst(labels.stance(c.code))}: {c.count}" for c in data.stances)
    svg = Svg(
        width,
        height,
        key="actors",
        title=_("Actor map (krachtenveld)"),
        desc=_(
            "Parties by their role (a quarter of the circle) and ring of involvement "
            "(co-decides in the centre, kept informed at the edge). "
        )
        + counts
        + ".",
    )

    def point(radius: float, angle: float) -> tuple[float, float]:
        rad = math.radians(angle)
        return cx + radius * math.cos(rad), cy - radius * math.sin(rad)

    for role, (start, end) in _ACTOR_SECTORS.items():
        x1, y1 = point(outer, start)
        x2, y2 = point(outer, end)
        arc = f"A{outer},{outer} 0 0 0 {fmt(x2)},{fmt(y2)}"
        path = f"M{fmt(cx)},{fmt(cy)} L{fmt(x1)},{fmt(y1)} {arc} Z"
        svg.add("path", {"d": path, "fill": _SECTOR_FILL[role]})
    for k in range(4, 0, -1):
        svg.add(
            "circle",
            {
                "cx": cx,
                "cy": cy,
                "r": core + k * band,
                "fill": "none",
                "stroke": MUTED,
                "stroke-width": 1,
            },
        )
    svg.add(
        "line",
        {"x1": cx - outer, "y1": cy, "x2": cx + outer, "y2": cy, "stroke": INK, "stroke-width": 2},
    )
    svg.add(
        "line",
        {"x1": cx, "y1": cy - outer, "x2": cx, "y2": cy + outer, "stroke": INK, "stroke-width": 2},
    )
    svg.add(
        "circle", {"cx": cx, "cy": cy, "r": core, "fill": PAPER, "stroke": INK, "stroke-width": 2}
    )
    svg.text(cx, cy + 4, _("project"), text_anchor="middle", font_weight="bold", font_size=11)
    corners = {
        "decides": (16, 28, "start"),
        "supplies": (width - 16, 28, "end"),
        "benefits": (16, 2 * cy - 10, "start"),
        "carries_out": (width - 16, 2 * cy - 10, "end"),
    }
    for role, (x, y, anchor) in corners.items():
        for k, line in enumerate(_wrap(labels.role(role).capitalize(), 24)):
            svg.text(x, y + k * 15, line, text_anchor=anchor, font_weight="bold", font_size=13)
    for k, ring in enumerate(compute.RINGS):
        radius = core + (k + 0.5) * band
        x = cx - radius if k % 2 == 0 else cx + radius
        label = labels.ring(ring)
        w = text_width(label, 10) * 0.95
        svg.add(
            "rect",
            {
                "x": x - w / 2 - 3,
                "y": cy - 8,
                "width": w + 6,
                "height": 15,
                "fill": PAPER,
                "stroke": MUTED,
                "rx": 3,
            },
        )
        svg.text(x, cy + 3.5, label, text_anchor="middle", font_size=10)

    cells: dict[tuple[str, str], list[compute.ActorMark]] = defaultdict(list)
    for mark in data.marks:
        cells[(mark.role, mark.ring)].append(mark)
    for (role, ring), marks in cells.items():
        start, end = _ACTOR_SECTORS[role]
        k = compute.RINGS.index(ring)
        slots = [
            point(radius, angle)
            for radius, angle in _cell_slots(core + k * band, band, start, end, len(marks))
        ]
        shown = marks if len(marks) <= len(slots) else marks[: len(slots) - 1]
        for mark, (x, y) in zip(shown, slots, strict=False):
            with svg.link(links.party(mark.party_id), _actor_title(mark)):
                stance_mark(svg, mark.stance, x, y, 8)
                svg.text(
                    x,
                    y + 3,
                    str(mark.number),
                    text_anchor="middle",
                    font_size=8.5,
                    font_weight="bold",
                    fill=INK,
                    stroke=PAPER,
                    stroke_width=2.5,
                    paint_order="stroke",
                )
        if len(shown) < len(marks):
            x, y = slots[len(shown)]
            svg.text(
                x,
                y + 4,
                f"+{len(marks) - len(shown)}",
                text_anchor="middle",
                font_size=11,
                font_weight="bold",
                fill=MUTED,
            )
    if not data.marks:
        _empty(svg, cx, cy + outer / 2, _("No parties in the register yet."))
    _legend(
        svg,
        30,
        2 * cy + 30,
        width - 60,
        _stance_items(("friend", "doubter", "opponent", "unassessed")),
    )
    svg.text(
        30,
        2 * cy + 60,
        _("The number in each mark is the party's number in the table."),
        font_size=11,
        fill=MUTED,
    )
    return svg.render()


# --- 5. engagement ------------------------------------------------------------------------

_ENG_LEFT, _ENG_COL, _ENG_HEAD, _ENG_ROW = 240, 100, 64, 24


def _engagement_title(row: compute.EngagementRow) -> str:
    return _("%(name)s: now %(current)s, wanted %(desired)s (gap %(gap)s)") % {
        "name": row.name,
        "current": labels.engagement(row.current),
        "desired": labels.engagement(row.desired),
        "gap": labels.signed(row.gap),
    }


def _current_mark(svg: Svg, x: float, y: float) -> None:
    svg.add("circle", {"cx": x, "cy": y, "r": 8, "fill": PAPER, "stroke": INK, "stroke-width": 2})


def _desired_mark(svg: Svg, x: float, y: float) -> None:
    svg.add("polygon", {"points": diamond(x, y, 6), "fill": STANCE_FILL["friend"], "stroke": INK})


def engagement_chart(data: compute.EngagementMatrix, links: Links) -> str:
    levels = compute.ENGAGEMENT_LEVELS
    gap_x = _ENG_LEFT + len(levels) * _ENG_COL
    width = gap_x + 80
    rows_h = max(1, len(data.rows)) * _ENG_ROW
    height = _ENG_HEAD + rows_h + 60
    svg = Svg(
        width,
        height,
        key="engagement",
        title=_("Engagement: now and wanted"),
        desc=ngettext(
            "%(count)s party should move to a higher level of engagement.",
            "%(count)s parties should move to a higher level of engagement.",
            data.to_close,
        )
        % {"count": data.to_close},
    )
    for k, level in enumerate(levels):
        x = _ENG_LEFT + k * _ENG_COL
        svg.text(
            x + _ENG_COL / 2, 22, str(k), text_anchor="middle", font_weight="bold", font_size=14
        )
        svg.text(x + _ENG_COL / 2, 40, labels.engagement(level), text_anchor="middle", font_size=11)
    svg.text(gap_x + 40, 40, _("gap"), text_anchor="middle", font_weight="bold", font_size=11)
    head = arrow_marker(svg, "arrow", INK)
    for n, row in enumerate(data.rows):
        y = _ENG_HEAD + n * _ENG_ROW
        if n % 2 == 0:
            svg.add("rect", {"x": 4, "y": y, "width": width - 8, "height": _ENG_ROW, "fill": TINT})
        mid = y + _ENG_ROW / 2
        xc = _ENG_LEFT + row.current_level * _ENG_COL + _ENG_COL / 2
        xd = _ENG_LEFT + row.desired_level * _ENG_COL + _ENG_COL / 2
        with svg.link(links.party(row.party_id), _engagement_title(row)):
            svg.text(10, mid + 4, truncate(row.name, 32), font_size=11)
            if row.gap:
                direction = 1 if row.gap > 0 else -1
                svg.add(
                    "line",
                    {
                        "x1": xc + 9 * direction,
                        "y1": mid,
                        "x2": xd - 10 * direction,
                        "y2": mid,
                        "stroke": INK,
                        "stroke-width": 1.5,
                        "marker-end": head,
                    },
                )
            _current_mark(svg, xc, mid)
            _desired_mark(svg, xd, mid)
            svg.text(
                gap_x + 40,
                mid + 4,
                labels.signed(row.gap),
                text_anchor="middle",
                font_weight="bold" if row.gap > 0 else None,
                font_size=12,
            )
    for k in range(len(levels) + 1):
        x = _ENG_LEFT + k * _ENG_COL
        svg.add("line", {"x1": x, "y1": 50, "x2": x, "y2": _ENG_HEAD + rows_h, "stroke": LINE})
    if not data.rows:
        _empty(
            svg, _ENG_LEFT + 2.5 * _ENG_COL, _ENG_HEAD + 16, _("No party has been assessed yet.")
        )
    _legend(
        svg,
        10,
        _ENG_HEAD + rows_h + 30,
        width - 20,
        [
            (_current_mark, _("engagement now")),
            (_desired_mark, _("engagement wanted")),
            _line_item(_("gap to close"), stroke=INK, stroke_width=1.5),
        ],
    )
    return svg.render()


# --- 6. feasibility -----------------------------------------------------------------------

_FEAS_LEFT, _FEAS_BAR, _FEAS_H = 170, 520, 46


def _patterns(svg: Svg) -> dict[str, str]:
    """Hatching for opponents and dots for the non-mobilised, so bars differ in grey too."""
    with svg.group("defs"):
        with svg.group(
            "pattern",
            {
                "id": svg.id("hatch"),
                "width": 8,
                "height": 8,
                "patternUnits": "userSpaceOnUse",
                "patternTransform": "rotate(45)",
            },
        ):
            svg.add("rect", {"width": 8, "height": 8, "fill": LIGHT["opposition"]})
            svg.add(
                "line",
                {
                    "x1": 0,
                    "y1": 0,
                    "x2": 0,
                    "y2": 8,
                    "stroke": INK,
                    "stroke-width": 2,
                    "stroke-opacity": 0.45,
                },
            )
        with svg.group(
            "pattern",
            {"id": svg.id("dots"), "width": 7, "height": 7, "patternUnits": "userSpaceOnUse"},
        ):
            svg.add("rect", {"width": 7, "height": 7, "fill": LIGHT["non_mobilised"]})
            svg.add("circle", {"cx": 3.5, "cy": 3.5, "r": 1.3, "fill": INK, "fill-opacity": 0.5})
    return {
        "support": LIGHT["support"],
        "opposition": f"url(#{svg.id('hatch')})",
        "non_mobilised": f"url(#{svg.id('dots')})",
    }


def _feasibility_title(entry: compute.FeasibilityEntry) -> str:
    return _("%(name)s: power %(power)s × %(factor)s = %(weight)s (%(attitude)s)") % {
        "name": entry.name,
        "power": entry.power,
        "factor": abs(entry.attitude) or 1,
        "weight": entry.weight,
        "attitude": labels.attitude(entry.attitude),
    }


def verdict_text(data: compute.Feasibility) -> str:
    numbers = {"support": labels.number(data.support), "opposition": labels.number(data.opposition)}
    if data.verdict == "support":
        return _("Support outweighs opposition: %(support)s against %(opposition)s.") % numbers
    if data.verdict == "opposition":
        return _("Opposition outweighs support: %(opposition)s against %(support)s.") % numbers
    return _("Support and opposition weigh the same: %(support)s against %(opposition)s.") % numbers


def feasibility_chart(data: compute.Feasibility, links: Links) -> str:
    width = _FEAS_LEFT + _FEAS_BAR + 90
    height = 3 * (_FEAS_H + 30) + 70
    svg = Svg(
        width,
        height,
        key="feasibility",
        title=_("Feasibility: the weight of each side"),
        desc=verdict_text(data)
        + " "
        + _("Not mobilised: %(weight)s.") % {"weight": labels.number(data.non_mobilised)},
    )
    fills = _patterns(svg)
    scale = _FEAS_BAR / max(data.support, data.opposition, data.non_mobilised, 1)
    for n, group in enumerate(data.groups):
        y = 20 + n * (_FEAS_H + 30)
        svg.text(
            _FEAS_LEFT - 12,
            y + _FEAS_H / 2 + 5,
            labels.feasibility_group(group.code).capitalize(),
            text_anchor="end",
            font_weight="bold",
            font_size=13,
        )
        svg.add(
            "rect",
            {
                "x": _FEAS_LEFT,
                "y": y,
                "width": _FEAS_BAR,
                "height": _FEAS_H,
                "fill": "none",
                "stroke": LINE,
                "stroke-dasharray": "3 3",
            },
        )
        x = float(_FEAS_LEFT)
        for entry in group.entries:
            w = entry.weight * scale
            with svg.link(links.party(entry.party_id), _feasibility_title(entry)):
                svg.add(
                    "rect",
                    {
                        "x": x,
                        "y": y,
                        "width": w,
                        "height": _FEAS_H,
                        "fill": fills[group.code],
                        "stroke": PAPER,
                        "stroke-width": 1.5,
                    },
                )
                label = truncate(entry.name, max(int((w - 8) / 6.6), 0))
                if label == entry.name or len(label) >= 6:
                    svg.text(x + 5, y + _FEAS_H / 2 + 4, label, font_size=11, **HALO)
            x += w
        svg.add(
            "rect",
            {
                "x": _FEAS_LEFT,
                "y": y,
                "width": max(x - _FEAS_LEFT, 0),
                "height": _FEAS_H,
                "fill": "none",
                "stroke": INK,
                "stroke-width": 1.5,
            },
        )
        svg.text(
            x + 10,
            y + _FEAS_H / 2 + 6,
            labels.number(group.weight),
            font_weight="bold",
            font_size=16,
        )
    y = 20 + 3 * (_FEAS_H + 30) + 10
    svg.text(_FEAS_LEFT, y, verdict_text(data), font_weight="bold", font_size=13)
    svg.text(
        _FEAS_LEFT,
        y + 20,
        _("Weight: power × |attitude|; a neutral party counts power × 1."),
        font_size=11,
        fill=MUTED,
    )
    return svg.render()


# --- 7. coverage --------------------------------------------------------------------------

_COV_LEFT, _COV_COL, _COV_HEAD, _COV_ROW = 240, 26, 160, 28
_GAP_FILL = "#fbe9ec"


def coverage_chart(data: compute.Coverage, links: Links) -> str:
    columns = data.parties
    width = max(_COV_LEFT + len(columns) * _COV_COL + 120, 560)
    rows_h = max(1, len(data.rows)) * _COV_ROW
    height = _COV_HEAD + rows_h + 60
    svg = Svg(
        width,
        height,
        key="coverage",
        title=_("Coverage of the target group"),
        desc=ngettext(
            "%(count)s segment that no party reaches.",
            "%(count)s segments that no party reaches.",
            data.gaps,
        )
        % {"count": data.gaps},
    )
    index = {party.party_id: k for k, party in enumerate(columns)}
    for k, party in enumerate(columns):
        x = _COV_LEFT + k * _COV_COL + _COV_COL / 2
        with svg.link(links.party(party.party_id), party.name):
            svg.text(
                x + 4,
                _COV_HEAD - 8,
                truncate(party.name, 24),
                font_size=11,
                transform=f"rotate(-55 {fmt(x + 4)} {fmt(_COV_HEAD - 8)})",
            )
    right = _COV_LEFT + len(columns) * _COV_COL
    for n, row in enumerate(data.rows):
        y = _COV_HEAD + n * _COV_ROW
        svg.add(
            "rect",
            {
                "x": 4,
                "y": y,
                "width": width - 8,
                "height": _COV_ROW,
                "fill": _GAP_FILL if row.gap else (TINT if n % 2 else PAPER),
            },
        )
        svg.text(
            10,
            y + 18,
            truncate(row.name, 30),
            font_size=12,
            font_weight="bold" if row.gap else None,
        )
        for party in row.parties:
            x = _COV_LEFT + index[party.party_id] * _COV_COL
            with svg.link(
                links.party(party.party_id),
                _("%(party)s reaches %(segment)s") % {"party": party.name, "segment": row.name},
            ):
                svg.add(
                    "rect",
                    {
                        "x": x + 6,
                        "y": y + 7,
                        "width": 14,
                        "height": 14,
                        "fill": STANCE_FILL["friend"],
                        "stroke": INK,
                    },
                )
        label = (
            _("GAP: no one")
            if row.gap
            else ngettext("%(count)s party", "%(count)s parties", len(row.parties))
            % {"count": len(row.parties)}
        )
        svg.text(right + 10, y + 18, label, font_size=11, font_weight="bold" if row.gap else None)
        if row.gap:
            svg.add(
                "line",
                {
                    "x1": _COV_LEFT,
                    "y1": y + _COV_ROW / 2,
                    "x2": right,
                    "y2": y + _COV_ROW / 2,
                    "stroke": "#bb5566",
                    "stroke-width": 2,
                    "stroke-dasharray": "6 4",
                },
            )
    for k in range(len(columns) + 1):
        x = _COV_LEFT + k * _COV_COL
        svg.add(
            "line", {"x1": x, "y1": _COV_HEAD, "x2": x, "y2": _COV_HEAD + rows_h, "stroke": GRID}
        )
    if not data.rows:
        _empty(svg, width / 2, _COV_HEAD + 18, _("No target-group segments yet."))
    y = _COV_HEAD + rows_h + 30
    svg.add(
        "rect",
        {
            "x": 10,
            "y": y - 11,
            "width": 14,
            "height": 14,
            "fill": STANCE_FILL["friend"],
            "stroke": INK,
        },
    )
    svg.text(30, y, _("reaches the segment"), font_size=11)
    svg.add(
        "rect",
        {
            "x": 200,
            "y": y - 11,
            "width": 30,
            "height": 14,
            "fill": _GAP_FILL,
            "stroke": "#bb5566",
            "stroke-dasharray": "6 4",
        },
    )
    svg.text(238, y, _("gap: no party reaches it"), font_size=11)
    return svg.render()


# --- 8. support over time -----------------------------------------------------------------

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


def support_chart(data: compute.Support, links: Links) -> str:
    left, top, plot_w, plot_h = 170, 24, 520, 300
    width = left + plot_w + 150
    height = top + plot_h + 130
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

    first = data.dates[0].toordinal() if data.dates else 0
    span = (data.dates[-1].toordinal() - first) if data.dates else 0

    def x_of(k: int) -> float:
        if span == 0:
            return left + plot_w / 2
        return left + (data.dates[k].toordinal() - first) / span * plot_w

    for value in range(-2, 3):
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
        svg.text(
            left - 10,
            y + 4,
            f"{labels.signed(value)} {labels.attitude(value)}",
            text_anchor="end",
            font_size=11,
        )
    svg.add(
        "rect",
        {"x": left, "y": top, "width": plot_w, "height": plot_h, "fill": "none", "stroke": LINE},
    )
    step = max(1, math.ceil(len(data.dates) / 7))
    svg.text(
        left - 30,
        top + plot_h + 38,
        _("parties counted"),
        text_anchor="end",
        font_size=11,
        fill=MUTED,
    )
    for k, on in enumerate(data.dates):
        if k % step and k != len(data.dates) - 1:
            continue
        x = x_of(k)
        svg.add(
            "line", {"x1": x, "y1": top + plot_h, "x2": x, "y2": top + plot_h + 5, "stroke": INK}
        )
        svg.text(
            x, top + plot_h + 19, labels.day(on, short=True), text_anchor="middle", font_size=11
        )
        svg.text(
            x,
            top + plot_h + 38,
            str(data.series[0].points[k].parties),
            text_anchor="middle",
            font_size=11,
            fill=MUTED,
        )
    ends: list[tuple[float, str, str]] = []
    for series in reversed(data.series):  # overall last, on top
        colour, stroke_width, dash, shape = _SERIES_STYLE[series.layer]
        runs: list[list[tuple[float, float]]] = [[]]
        for k, point in enumerate(series.points):
            if point.index is None:
                runs.append([])
            else:
                runs[-1].append((x_of(k), y_of(point.index)))
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
        for k, point in enumerate(series.points):
            if point.index is not None:
                with svg.link(url, _support_title(series, point)):
                    _series_mark(svg, shape, x_of(k), y_of(point.index), colour)
        last = next((p for p in reversed(series.points) if p.index is not None), None)
        if last is not None:
            ends.append((y_of(last.index), labels.layer(series.layer).capitalize(), series.layer))
    ends.sort()
    bottom_of_previous = -math.inf
    for y, label, code in ends:
        lines = _wrap(label, 18)[:2]
        y = max(y, bottom_of_previous + 15)
        bottom_of_previous = y + (len(lines) - 1) * 13
        colour, stroke_width, dash, shape = _SERIES_STYLE[code]
        svg.add(
            "line",
            {
                "x1": left + plot_w + 8,
                "y1": y,
                "x2": left + plot_w + 30,
                "y2": y,
                "stroke": colour,
                "stroke-width": stroke_width,
                "stroke-dasharray": dash,
            },
        )
        _series_mark(svg, shape, left + plot_w + 19, y, colour)
        for k, line in enumerate(lines):
            svg.text(
                left + plot_w + 36,
                y + 4 + k * 13,
                line,
                font_size=11,
                font_weight="bold" if code == compute.OVERALL else None,
            )
    if not data.dates:
        _empty(svg, left + plot_w / 2, top + plot_h / 2 - 20, _("No assessments yet."))
    svg.text(
        left,
        top + plot_h + 62,
        _(
            "Support index = Σ(power × attitude) ÷ Σ(power) over each party's latest "
            "assessment on or before the date."
        ),
        font_size=11,
        fill=MUTED,
    )
    svg.text(
        left,
        top + plot_h + 80,
        _("Each line is labelled at its right end."),
        font_size=11,
        fill=MUTED,
    )
    return svg.render()


CHARTS: dict[str, Callable[..., str]] = {
    "grid": grid_chart,
    "salience": salience_chart,
    "positions": positions_chart,
    "actors": actors_chart,
    "engagement": engagement_chart,
    "feasibility": feasibility_chart,
    "coverage": coverage_chart,
    "support": support_chart,
}
