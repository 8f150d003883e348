"""The position map: attitude by layer, each party sized by its power."""

from __future__ import annotations

import math

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import compute, labels
from analysis.charts.common import (
    Links,
    empty,
    shorten,
    wrap,
)
from analysis.svg import (
    INK,
    LINE,
    MUTED,
    PAPER,
    STANCE_FILL,
    Svg,
    arrow_marker,
)

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
        for k, line in enumerate(wrap(labels.attitude(a), 22)):
            svg.text(x + _POS_COL / 2, 38 + k * 13, line, text_anchor="middle", font_size=11)
        svg.add("line", {"x1": x, "y1": _POS_HEAD - 6, "x2": x, "y2": plot_bottom, "stroke": LINE})
    y = _POS_HEAD
    for row, row_height in zip(data.rows, heights, strict=True):
        svg.add("line", {"x1": 8, "y1": y, "x2": width - 10, "y2": y, "stroke": MUTED})
        with svg.link(links.layer(row.layer), labels.layer(row.layer)):
            for k, line in enumerate(wrap(labels.layer(row.layer).capitalize(), 18)):
                svg.text(12, y + 20 + k * 14, line, font_weight="bold", font_size=12)
        svg.text(
            12,
            y + 20 + len(wrap(labels.layer(row.layer), 18)) * 14,
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
                    svg.text(x + 32, cy + 4, shorten(mark.name, _POS_COL - 36, 11), font_size=11)
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
        empty(svg, _POS_LEFT + 2.5 * _POS_COL, _POS_HEAD + 40, _("No party has been assessed yet."))
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
