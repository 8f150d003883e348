"""The actor map (krachtenveld): role by quarter, involvement by ring."""

from __future__ import annotations

import math
from collections import defaultdict

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from analysis import compute, labels
from analysis.charts.common import (
    HALO,
    Box,
    Links,
    Wanted,
    empty,
    legend,
    number_key,
    place_labels,
    stance_items,
    text_box,
    wrap,
)
from analysis.svg import (
    INK,
    MUTED,
    PAPER,
    Svg,
    fmt,
    stance_mark,
    text_width,
)

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


_NAME_SIZE = 11
_WHOLE = 10_000  # min_chars for place_labels: a name is shown whole or not at all
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
    # Wider than the circle, so names of marks near its edge have room beside it.
    cx, cy, outer, core = 480, 330, 290, 36
    width, height = 960, 730
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
    obstacles = [text_box(cx, cy + 4, _("project"), 11, anchor="middle", bold=True)]
    for role, (x, y, anchor) in corners.items():
        for k, line in enumerate(wrap(labels.role(role).capitalize(), 24)):
            svg.text(x, y + k * 15, line, text_anchor=anchor, font_weight="bold", font_size=13)
            obstacles.append(text_box(x, y + k * 15, line, 13, anchor=anchor, bold=True))
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
        obstacles.append(Box(x - w / 2 - 3, cy - 8, x + w / 2 + 3, cy + 7))

    spots: list[tuple[compute.ActorMark, float, float]] = []
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
        spots += [(mark, x, y) for mark, (x, y) in zip(shown, slots, strict=False)]
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
            obstacles.append(text_box(x, y + 4, f"+{len(marks) - len(shown)}", 11))
    # Every mark keeps its place; a name goes beside it only whole and only where it touches
    # no other mark, name or label, else the mark carries the party's number in the table.
    obstacles += [Box(x - 9, y - 9, x + 9, y + 9) for _mark, x, y in spots]
    # A name across an axis would seem to sit in the neighbouring role.
    obstacles += [
        Box(cx - 1, cy - outer, cx + 1, cy + outer),
        Box(cx - outer, cy - 1, cx + outer, cy + 1),
    ]
    names = {
        label.key: label
        for label in place_labels(
            [Wanted(mark.party_id, mark.name, x, y, clear=10) for mark, x, y in spots],
            size=_NAME_SIZE,
            bounds=Box(6, 6, width - 6, 2 * cy + 4),
            obstacles=obstacles,
            min_chars=_WHOLE,
            spots=4,
        )
    }
    for mark, x, y in spots:
        name = names.get(mark.party_id)
        if name is not None:
            with svg.link(links.party(mark.party_id), _actor_title(mark)):
                stance_mark(svg, mark.stance, x, y, 7)
                svg.text(
                    name.x,
                    name.y,
                    name.text,
                    text_anchor=name.anchor,
                    font_size=_NAME_SIZE,
                    **HALO,
                )
            continue
        with svg.link(links.table_row("actors", mark.party_id), _actor_title(mark)):
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
    if not data.marks:
        empty(svg, cx, cy + outer / 2, _("No parties in the register yet."))
    used = legend(
        svg,
        30,
        2 * cy + 30,
        width - 60,
        stance_items(("friend", "doubter", "opponent", "unassessed")),
    )
    svg.text(
        30,
        2 * cy + 30 + used + 10,
        _("A number in a mark is the party's number in the table, where its name did not fit."),
        font_size=11,
        fill=MUTED,
    )
    numbered = [(mark.number, mark.name) for mark in data.marks if mark.party_id not in names]
    key = number_key(
        svg,
        30,
        2 * cy + 30 + used + 36,
        width - 60,
        numbered if links.needs_key else [],
        links.key_limit,
    )
    svg.height = 2 * cy + 30 + used + 26 + (key + 16 if key else 0)
    return svg.render()
