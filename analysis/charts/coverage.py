"""Coverage of the target group: which parties reach which segments."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import compute, labels
from analysis.charts.common import (
    Links,
    empty,
    shorten,
)
from analysis.svg import (
    GRID,
    INK,
    PAPER,
    STANCE_FILL,
    TINT,
    Svg,
    fmt,
)

_COV_LEFT, _COV_COL, _COV_HEAD, _COV_ROW = 240, 26, 160, 28
# More parties reaching a segment than this: the chart draws the first, the table counts all.
DRAWN_COLUMNS = 50
_GAP_FILL = "#fbe9ec"


def coverage_chart(data: compute.Coverage, links: Links) -> str:
    columns = data.parties[:DRAWN_COLUMNS]
    note = 24 if len(columns) < len(data.parties) else 0
    width = max(_COV_LEFT + len(columns) * _COV_COL + 120, 560)
    rows_h = max(1, len(data.rows)) * _COV_ROW
    height = _COV_HEAD + rows_h + note + 60
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
                # Upright, so neighbouring names never cross; cut to the room above the grid.
                shorten(party.name, _COV_HEAD - 14, 11),
                font_size=11,
                transform=f"rotate(-90 {fmt(x + 4)} {fmt(_COV_HEAD - 8)})",
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
            shorten(row.name, _COV_LEFT - 16, 12, bold=row.gap),
            font_size=12,
            font_weight="bold" if row.gap else None,
        )
        for party in row.parties:
            if party.party_id not in index:  # not drawn: beyond the first DRAWN_COLUMNS
                continue
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
        empty(svg, width / 2, _COV_HEAD + 18, _("No target-group segments yet."))
    if note:
        svg.text(
            10,
            _COV_HEAD + rows_h + 20,
            _(
                "The first %(shown)s of %(total)s parties that reach a segment; the counts and "
                "the table include them all."
            )
            % {"shown": len(columns), "total": labels.number(len(data.parties))},
            font_size=12,
            font_weight="bold",
        )
    y = _COV_HEAD + rows_h + note + 30
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
