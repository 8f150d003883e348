"""The network picture's labels: placed beside their dots without covering another label or dot.

The geometry of dots and lines comes from analysis.network.drawing; the template draws them.
At large sizes only the brokers carry a name; every other name waits, hidden, until its dot is
pointed at or focused (analysis.css shows it), and its full text is always the dot's hover title.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.charts.common import Box, Wanted, place_labels
from analysis.network import LABEL_LIMIT, MARGIN, Drawing, DrawnNode

SIZE = 12  # the SVG's font size


@dataclass(frozen=True)
class Text:
    """A label as the template writes it: coordinates as strings, never localised."""

    text: str
    x: str
    y: str
    anchor: str


@dataclass(frozen=True)
class LabelledNode:
    drawn: DrawnNode
    label: Text | None  # shown at all times
    hover: Text | None  # shown only while the dot is pointed at or focused


def _text(text: str, x: float, y: float, anchor: str) -> Text:
    return Text(text, f"{x:.1f}", f"{y:.1f}", anchor)


def _dot(drawn: DrawnNode) -> Box:
    x, y, r = float(drawn.cx), float(drawn.cy), 9.0 if drawn.diamond else 6.0
    return Box(x - r - 1, y - r - 1, x + r + 1, y + r + 1)


def network_labels(drawing: Drawing) -> list[LabelledNode]:
    """Each drawn party with its label: brokers first, then by number of relations, each at the
    first free spot around its dot, shortened or left out when there is none."""
    nodes = drawing.nodes
    bounds = Box(2, 2, drawing.width - 2, drawing.legend_y - 16)
    order = sorted(
        nodes, key=lambda d: (not d.node.broker, -d.node.degree, -d.node.betweenness, d.node.id)
    )
    everyone = len(nodes) <= LABEL_LIMIT
    wanted = [
        Wanted(
            d.node.id, d.node.name, float(d.cx), float(d.cy), 9 if d.diamond else 6, d.node.broker
        )
        for d in order
        if everyone or d.node.broker
    ]
    placed = {
        p.key: p
        for p in place_labels(
            wanted, size=SIZE, bounds=bounds, obstacles=[_dot(d) for d in nodes], min_chars=10
        )
    }
    result = []
    for d in nodes:
        label = placed.get(d.node.id)
        hover = None
        if label is None or label.shortened:
            # Over the others, on a white halo: shown alone, so it needs no free spot.
            x, y = float(d.cx) + (12 if d.diamond else 9), float(d.cy) + SIZE * 0.35
            anchor = "end" if x > drawing.width - MARGIN * 4 else "start"
            if anchor == "end":
                x = float(d.cx) - (12 if d.diamond else 9)
            hover = _text(d.node.name, x, y, anchor)
        shown = label and _text(label.text, label.x, label.y, label.anchor)
        result.append(LabelledNode(d, shown, hover))
    return result
