"""Feasibility: the weight of supporters, opponents and the non-mobilised."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import compute, labels
from analysis.charts.common import (
    HALO,
    Links,
    shorten,
)
from analysis.svg import (
    INK,
    LIGHT,
    LINE,
    MUTED,
    PAPER,
    Svg,
)

_FEAS_LEFT, _FEAS_BAR, _FEAS_H = 170, 520, 46
_FEAS_NARROW = 3  # a party's part of a bar narrower than this is drawn with the other narrow ones


def _bar(x: float, y: float, width: float, fill: str) -> dict[str, object]:
    return {
        "x": x,
        "y": y,
        "width": width,
        "height": _FEAS_H,
        "fill": fill,
        "stroke": PAPER,
        "stroke-width": 1.5,
    }


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
        rest: list[compute.FeasibilityEntry] = []
        for entry in group.entries:
            w = entry.weight * scale
            if w < _FEAS_NARROW:
                # Too narrow to point at: drawn together, after the wider ones (the entries
                # come heaviest first), with the count and weight in its hover title.
                rest.append(entry)
                continue
            with svg.link(links.party(entry.party_id), _feasibility_title(entry)):
                svg.add("rect", _bar(x, y, w, fills[group.code]))
                label = shorten(entry.name, w - 10, 11)
                if label == entry.name or len(label) >= 6:
                    svg.text(x + 5, y + _FEAS_H / 2 + 4, label, font_size=11, **HALO)
            x += w
        if rest:
            weight = sum(entry.weight for entry in rest)
            title = ngettext(
                "%(count)s more party: weight %(weight)s",
                "%(count)s more parties: weight %(weight)s",
                len(rest),
            ) % {"count": labels.number(len(rest)), "weight": labels.number(weight)}
            # Leads to the first of them in the table, which lists them all from there.
            with svg.link(links.table_row("feasibility", rest[0].party_id), title):
                svg.add("rect", _bar(x, y, weight * scale, fills[group.code]))
            x += weight * scale
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
