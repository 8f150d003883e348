"""Shared drawing helpers for the charts: where marks link to, legends, wrapping, and the
label placement that keeps texts from overlapping.

Every mark links to its party and has a hover title; categories differ by shape, dash or pattern
as well as by colour, and carry direct labels, so a black-and-white print still reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from analysis import labels
from analysis.svg import (
    INK,
    MUTED,
    PAPER,
    Svg,
    attrs,
    stance_mark,
    text_width,
)


@dataclass(frozen=True)
class Links:
    """Where marks point: a party's page, and the party list for one layer ("" for all).

    A number that stands for a name that did not fit points to the party's row in the table
    under the chart: on the chart's own page (`row` None) a `#party-<id>` on that page; else
    (a download, the overview) `row(chart, party_id)` on the chart's page, and the chart then
    explains its numbers itself, since no table is beside it."""

    party: Callable[[int], str]
    layer: Callable[[str], str]
    row: Callable[[str, int], str] | None = None
    # The key lists at most this many numbers (None: all), e.g. on a page that shows the chart
    # beside others; the rest are named in the chart page's table.
    key_limit: int | None = None

    def table_row(self, chart: str, party_id: int) -> str:
        return self.row(chart, party_id) if self.row else f"#party-{party_id}"

    @property
    def needs_key(self) -> bool:
        return self.row is not None


HALO = {"stroke": PAPER, "stroke_width": 3, "stroke_linejoin": "round", "paint_order": "stroke"}


def wrap(text: str, limit: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def empty(svg: Svg, x: float, y: float, message: str) -> None:
    svg.text(x, y, message, text_anchor="middle", fill=MUTED, font_size=14)


LegendItem = tuple[Callable[[Svg, float, float], None], str]


def legend(svg: Svg, x: float, y: float, width: float, items: Sequence[LegendItem]) -> float:
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


def stance_item(code: str) -> LegendItem:
    return (lambda svg, x, y: stance_mark(svg, code, x, y, 5), labels.stance(code))


def stance_items(codes: Sequence[str] = ("friend", "doubter", "opponent")) -> list[LegendItem]:
    return [stance_item(code) for code in codes]


def line_item(label: str, **style: object) -> LegendItem:
    def draw(svg: Svg, x: float, y: float) -> None:
        svg.add("line", {"x1": x - 10, "y1": y, "x2": x + 12, "y2": y, **attrs(**style)})

    return draw, label


# --- text measurement and label placement ---------------------------------------------------

# Advance widths of DejaVu Sans (the charts' first font, on every Debian machine) in thousandths
# of an em, regular and bold; read from the font files once. A character not in the table counts
# as a wide one, so an estimate errs towards more room.
_MEASURED = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz"
    "{|}~ÀÁÂÄÇÈÉÊËÌÍÎÏÑÒÓÔÖÙÚÛÜàáâäçèéêëìíîïñòóôöùúûüß–—‘’“”…→←↑↓−×÷Σ≥≤±·°€"
)
_REGULAR = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    684, 684, 684, 684, 698, 632, 632, 632, 632, 295, 295, 295, 295, 748, 787, 787, 787, 787, 732,
    732, 732, 732, 613, 613, 613, 613, 550, 615, 615, 615, 615, 278, 278, 278, 278, 634, 612, 612,
    612, 612, 634, 634, 634, 634, 630, 500, 1000, 318, 318, 518, 518, 1000, 838, 838, 838, 838, 838,
    838, 838, 632, 838, 838, 838, 318, 500, 636,
)  # fmt: skip
_BOLD = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
    774, 774, 774, 774, 734, 683, 683, 683, 683, 372, 372, 372, 372, 837, 850, 850, 850, 850, 812,
    812, 812, 812, 675, 675, 675, 675, 593, 678, 678, 678, 678, 343, 343, 343, 343, 712, 687, 687,
    687, 687, 712, 712, 712, 712, 719, 500, 1000, 380, 380, 657, 657, 1000, 838, 838, 838, 838, 838,
    838, 838, 683, 838, 838, 838, 380, 500, 696,
)  # fmt: skip
_WIDTHS = {
    False: dict(zip(_MEASURED, _REGULAR, strict=True)),
    True: dict(zip(_MEASURED, _BOLD, strict=True)),
}
# Fallback fonts (Liberation Sans, Arial) are narrower, so DejaVu's widths are an upper bound;
# a small margin covers hinting at small sizes.
_SLACK = 1.03


def measure(text: str, size: float, *, bold: bool = False) -> float:
    """The rendered width of `text` in DejaVu Sans at `size` px."""
    table = _WIDTHS[bold]
    return sum(table.get(char, 1000) for char in text) * size / 1000 * _SLACK


def shorten(text: str, width: float, size: float, *, bold: bool = False) -> str:
    """`text` cut at a word or character with an ellipsis so it fits `width`; "" when not even
    one letter and the ellipsis fit."""
    if measure(text, size, bold=bold) <= width:
        return text
    for end in range(len(text) - 1, 0, -1):
        candidate = text[:end].rstrip(" -–,.:;(") + "…"
        if measure(candidate, size, bold=bold) <= width:
            return candidate
    return ""


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in chart coordinates."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = 0) -> bool:
        return (
            self.x0 < other.x1 + gap
            and other.x0 < self.x1 + gap
            and self.y0 < other.y1 + gap
            and other.y0 < self.y1 + gap
        )

    def inside(self, outer: Box) -> bool:
        return (
            self.x0 >= outer.x0
            and self.y0 >= outer.y0
            and self.x1 <= outer.x1
            and self.y1 <= outer.y1
        )


def text_box(
    x: float, y: float, text: str, size: float, *, anchor: str = "start", bold: bool = False
) -> Box:
    """The box a text drawn at (x, y) on its baseline takes, descenders and ascenders included."""
    width = measure(text, size, bold=bold)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - size * 0.93, left + width, y + size * 0.24)


@dataclass(frozen=True)
class Wanted:
    """A label to place beside a point (x, y), e.g. a mark of radius `clear`."""

    key: object
    text: str
    x: float
    y: float
    clear: float = 6
    bold: bool = False


@dataclass(frozen=True)
class Placed:
    key: object
    text: str  # as drawn: the full text or a shortened one
    full: str
    x: float
    y: float
    anchor: str
    box: Box

    @property
    def shortened(self) -> bool:
        return self.text != self.full


# Where a label may go around its point, in order of preference: right, left, above, below and
# the four corners; as (anchor, dx, dy) of the baseline for a point of clearance c and size s.
_SPOTS: tuple[tuple[str, Callable[[float, float], tuple[float, float]]], ...] = (
    ("start", lambda c, s: (c + 3, s * 0.35)),
    ("end", lambda c, s: (-c - 3, s * 0.35)),
    ("middle", lambda c, s: (0, -c - 3)),
    ("middle", lambda c, s: (0, c + s)),
    ("start", lambda c, s: (c * 0.7 + 2, -c * 0.7 - 2)),
    ("start", lambda c, s: (c * 0.7 + 2, c * 0.7 + s * 0.9)),
    ("end", lambda c, s: (-c * 0.7 - 2, -c * 0.7 - 2)),
    ("end", lambda c, s: (-c * 0.7 - 2, c * 0.7 + s * 0.9)),
    # Farther out, for a crowded neighbourhood.
    ("middle", lambda c, s: (0, -c - 3 - s)),
    ("middle", lambda c, s: (0, c + 2 * s)),
    ("start", lambda c, s: (c + 3, s * 0.35 - s * 1.2)),
    ("start", lambda c, s: (c + 3, s * 0.35 + s * 1.2)),
    ("end", lambda c, s: (-c - 3, s * 0.35 - s * 1.2)),
    ("end", lambda c, s: (-c - 3, s * 0.35 + s * 1.2)),
)


def place_labels(
    wanted: Sequence[Wanted],
    *,
    size: float,
    bounds: Box,
    obstacles: Sequence[Box] = (),
    min_chars: int = 8,
    gap: float = 2,
    spots: int = len(_SPOTS),
) -> list[Placed]:
    """Place each label, in the given order (most important first), at the first spot around
    its point where it overlaps no label placed before it, no obstacle and stays in `bounds`;
    when no spot takes the whole text, shorter versions down to `min_chars` letters are tried;
    a label that still does not fit is left out; `spots` limits the tries to the nearest ones
    (right, left, above, below), where a label cannot be taken for a neighbour's.
    Deterministic: the same input gives the same picture. Callers give each shortened or
    left-out label's full text as a hover title."""
    taken: list[Box] = list(obstacles)
    placed: list[Placed] = []
    for want in wanted:
        spot = _first_free(want, size, bounds, taken, min_chars, gap, _SPOTS[:spots])
        if spot is not None:
            taken.append(spot.box)
            placed.append(spot)
    return placed


def _versions(text: str, size: float, bold: bool, min_chars: int) -> list[str]:
    versions = [text]
    full = measure(text, size, bold=bold)
    for share in (0.75, 0.55, 0.4):
        short = shorten(text, full * share, size, bold=bold)
        if len(short) - 1 >= min(min_chars, len(text)) and short not in versions:
            versions.append(short)
    return versions


def _first_free(
    want: Wanted,
    size: float,
    bounds: Box,
    taken: list[Box],
    min_chars: int,
    gap: float,
    spots: Sequence[tuple[str, Callable[[float, float], tuple[float, float]]]],
) -> Placed | None:
    for text in _versions(want.text, size, want.bold, min_chars):
        for anchor, offset in spots:
            dx, dy = offset(want.clear, size)
            x, y = want.x + dx, want.y + dy
            box = text_box(x, y, text, size, anchor=anchor, bold=want.bold)
            if box.inside(bounds) and not any(box.overlaps(other, gap) for other in taken):
                return Placed(want.key, text, want.text, x, y, anchor, box)
    return None


def stack(wanted: Sequence[float], spacing: float, low: float, high: float) -> list[float]:
    """Positions as near as possible to the sorted `wanted` ones, at least `spacing` apart and
    within [low, high] (when they fit): pushed down past each other, then up from the end."""
    placed: list[float] = []
    for value in wanted:
        placed.append(max(value, low, placed[-1] + spacing) if placed else max(value, low))
    ceiling = high
    for k in range(len(placed) - 1, -1, -1):
        placed[k] = min(placed[k], ceiling)
        ceiling = placed[k] - spacing
    return placed


def wrap_to(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """`text` in lines that each fit `width` px (a single long word keeps its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and measure(f"{lines[-1]} {word}", size, bold=bold) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


# --- numbers for names that do not fit ------------------------------------------------------

BADGE_SIZE = 9


def badge_width(number: int) -> float:
    return measure(str(number), BADGE_SIZE, bold=True) + 6


def number_badge(svg: Svg, x: float, y: float, number: int) -> Box:
    """A small rounded label with `number`, its left edge at x and its middle at y; returns the
    box of its text."""
    width = badge_width(number)
    svg.add(
        "rect",
        {
            "x": x,
            "y": y - 6.5,
            "width": width,
            "height": 13,
            "rx": 3,
            "fill": PAPER,
            "stroke": INK,
            "stroke-width": 1,
        },
    )
    svg.text(
        x + width / 2,
        y + 3.2,
        str(number),
        text_anchor="middle",
        font_size=BADGE_SIZE,
        font_weight="bold",
    )
    return text_box(x + width / 2, y + 3.2, str(number), BADGE_SIZE, anchor="middle", bold=True)


def number_key(
    svg: Svg,
    x: float,
    y: float,
    width: float,
    entries: Sequence[tuple[int, str]],
    limit: int | None = None,
) -> float:
    """The parties shown by a number, as "12 Name" left to right in columns that wrap at
    `width`, so a downloaded or printed chart explains its numbers without the page's table;
    returns the height used (0 without entries)."""
    if not entries:
        return 0
    size, line = 10, 15
    svg.text(x, y, _("Numbers in the chart:"), font_size=size, font_weight="bold")
    more = len(entries) - limit if limit is not None and len(entries) > limit else 0
    if more:
        entries = entries[:limit]
    # The number right-aligned in a fixed room, so names line up in each column.
    room = measure(str(max(n for n, _name in entries)), size, bold=True) + 5
    column = min(max(measure(name, size) for _n, name in entries) + room + 16, width)
    per_row = max(1, int(width // column))
    for k, (number, name) in enumerate(entries):
        row, col = divmod(k, per_row)
        cx, cy = x + col * column, y + (row + 1) * line
        svg.text(
            cx + room - 5, cy, str(number), font_size=size, font_weight="bold", text_anchor="end"
        )
        svg.text(cx + room, cy, shorten(name, column - room - 16, size), font_size=size)
    rows = -(-len(entries) // per_row)
    if more:
        rows += 1
        svg.text(
            x,
            y + rows * line,
            ngettext(
                "and %(count)s more number, named in the table on the chart's own page",
                "and %(count)s more numbers, named in the table on the chart's own page",
                more,
            )
            % {"count": labels.number(more)},
            font_size=size,
            font_style="italic",
        )
    return (rows + 1) * line
