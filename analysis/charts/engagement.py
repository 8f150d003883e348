"""Engagement now against the engagement wanted."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import compute, labels
from analysis.charts.common import (
    Links,
    empty,
    legend,
    line_item,
    shorten,
)
from analysis.svg import (
    INK,
    LINE,
    PAPER,
    STANCE_FILL,
    TINT,
    Svg,
    arrow_marker,
    diamond,
)

_ENG_LEFT, _ENG_COL, _ENG_HEAD, _ENG_ROW = 240, 100, 64, 24
# More assessed parties than this: the chart draws the largest gaps, the table lists them all.
DRAWN_ROWS = 50


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
    drawn = data.rows[:DRAWN_ROWS]
    note = 24 if len(drawn) < len(data.rows) else 0
    rows_h = max(1, len(drawn)) * _ENG_ROW
    height = _ENG_HEAD + rows_h + note + 60
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
    for n, row in enumerate(drawn):
        y = _ENG_HEAD + n * _ENG_ROW
        if n % 2 == 0:
            svg.add("rect", {"x": 4, "y": y, "width": width - 8, "height": _ENG_ROW, "fill": TINT})
        mid = y + _ENG_ROW / 2
        xc = _ENG_LEFT + row.current_level * _ENG_COL + _ENG_COL / 2
        xd = _ENG_LEFT + row.desired_level * _ENG_COL + _ENG_COL / 2
        with svg.link(links.party(row.party_id), _engagement_title(row)):
            svg.text(10, mid + 4, shorten(row.name, _ENG_LEFT - 20, 11), font_size=11)
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
        empty(svg, _ENG_LEFT + 2.5 * _ENG_COL, _ENG_HEAD + 16, _("No party has been assessed yet."))
    if note:
        svg.text(
            10,
            _ENG_HEAD + rows_h + 20,
            _("The %(shown)s largest gaps of %(total)s parties; the table lists them all.")
            % {"shown": len(drawn), "total": labels.number(len(data.rows))},
            font_size=12,
            font_weight="bold",
        )
    legend(
        svg,
        10,
        _ENG_HEAD + rows_h + note + 30,
        width - 20,
        [
            (_current_mark, _("engagement now")),
            (_desired_mark, _("engagement wanted")),
            line_item(_("gap to close"), stroke=INK, stroke_width=1.5),
        ],
    )
    return svg.render()
