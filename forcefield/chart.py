"""The classic force field picture: driving forces push from the left toward a central line,
restraining forces push back from the right; the length of each arrow is its strength.

Geometry only, as strings, so the template never localises a coordinate.
"""

from __future__ import annotations

from dataclasses import dataclass

from forcefield.selectors import ForceFieldAnalysis, ForceItem

WIDTH = 960
CENTER = 480
UNIT = 56  # pixels per point of strength: 5 points is 280 px
TOP = 84
ROW = 48
BAR = 18
GAP = 6  # between an arrow's tip and the central line
NET_MAX = 440


@dataclass(frozen=True)
class Bar:
    force: ForceItem
    points: str
    label: str
    label_x: int
    label_y: int
    anchor: str
    value_x: int
    value_y: int


@dataclass(frozen=True)
class ForceChart:
    width: int
    height: int
    center: int
    line_top: int
    line_bottom: int
    bars: list[Bar]
    change: str
    net: int
    net_points: str  # empty when the forces balance
    net_y: int


def _short(text: str, length: int = 58) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _arrow(tail: int, tip: int, y: int, height: int = BAR) -> str:
    """An arrow from x=tail to x=tip, pointing either way."""
    head = 10 if tip > tail else -10
    neck = tip - head if abs(tip - tail) > 10 else tail
    mid = y + height // 2
    return f"{tail},{y} {neck},{y} {tip},{mid} {neck},{y + height} {tail},{y + height}"


def _bar(force: ForceItem, row: int) -> Bar:
    y = TOP + row * ROW + 20
    length = force.strength * UNIT
    if force.direction == "driving":
        tail, tip = CENTER - GAP - length, CENTER - GAP
        return Bar(force, _arrow(tail, tip, y), _short(force.description), CENTER - 12, y - 6,
                   "end", tail + 8, y + 13)
    tail, tip = CENTER + GAP + length, CENTER + GAP
    return Bar(force, _arrow(tail, tip, y), _short(force.description), CENTER + 12, y - 6,
               "start", tail - 8, y + 13)


def force_chart(analysis: ForceFieldAnalysis) -> ForceChart:
    driving, restraining = analysis.driving, analysis.restraining
    rows = max(len(driving), len(restraining), 1)
    bars = [_bar(f, row) for row, f in enumerate(driving)]
    bars += [_bar(f, row) for row, f in enumerate(restraining)]
    bottom = TOP + rows * ROW + 12
    net_y = bottom + 26
    net_points = ""
    if analysis.net:
        length = min(abs(analysis.net) * UNIT, NET_MAX)
        tip = CENTER + length if analysis.net > 0 else CENTER - length
        net_points = _arrow(CENTER, tip, net_y, 14)
    return ForceChart(
        width=WIDTH,
        height=net_y + 52,
        center=CENTER,
        line_top=TOP - 14,
        line_bottom=bottom,
        bars=bars,
        change=_short(analysis.change, 90),
        net=analysis.net,
        net_points=net_points,
        net_y=net_y,
    )
