"""Salience: power, legitimacy and urgency as three circles."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from analysis import compute, labels
from analysis.charts.common import (
    Links,
)
from analysis.svg import (
    MUTED,
    TINT,
    Svg,
    truncate,
)

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
