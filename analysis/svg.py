"""A small SVG writer that escapes every text and attribute, shared marks, and PNG rendering.

Charts use presentation attributes (fill="…"), never style attributes or <style> elements:
the page's Content-Security-Policy forbids inline styles, and the downloaded file must look the
same on its own.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from xml.sax.saxutils import escape, quoteattr

import resvg_py

from lib.text import xml_safe

FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
INK = "#1b1f24"
MUTED = "#4a5560"
LINE = "#c9d1d9"
GRID = "#e3e8ec"
PAPER = "#ffffff"
TINT = "#f3f6f8"

# Paul Tol's colour-blind-safe scheme; each mark also has its own shape and an ink outline,
# so print in black and white keeps them apart.
STANCE_FILL = {
    "friend": "#004488",
    "doubter": "#ddaa33",
    "opponent": "#bb5566",
    "unassessed": PAPER,
}
# Lighter fills that carry ink text.
LIGHT = {"support": "#6699cc", "opposition": "#ee99aa", "non_mobilised": "#eecc66"}

Attrs = Mapping[str, object]


def _escape(value: object) -> str:
    # Stored names may hold control characters, which no XML parser (nor resvg) accepts.
    return escape(xml_safe(value))


def fmt(value: object) -> str:
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


def text_width(text: str, size: float) -> float:
    """A generous estimate of rendered width, to decide whether a label fits."""
    return len(text) * size * 0.6


class Svg:
    def __init__(self, width: float, height: float, *, key: str, title: str, desc: str) -> None:
        self.width, self.height, self.key = width, height, key
        self._parts: list[str] = []
        self._title, self._desc = title, desc

    def id(self, name: str) -> str:
        """An id unique on a page that shows several charts."""
        return f"{self.key}-{name}"

    def add(self, tag: str, attrs: Attrs | None = None, text: str | None = None) -> None:
        start = self._start(tag, attrs)
        if text is None:
            self._parts.append(f"{start}/>")
        else:
            self._parts.append(f"{start}>{_escape(text)}</{tag}>")

    def _start(self, tag: str, attrs: Attrs | None) -> str:
        pairs = "".join(
            f" {name}={quoteattr(xml_safe(fmt(value)))}"
            for name, value in (attrs or {}).items()
            if value is not None
        )
        return f"<{tag}{pairs}"

    @contextmanager
    def group(self, tag: str = "g", attrs: Attrs | None = None) -> Iterator[None]:
        self._parts.append(self._start(tag, attrs) + ">")
        yield
        self._parts.append(f"</{tag}>")

    @contextmanager
    def link(self, href: str, title: str) -> Iterator[None]:
        """A mark that opens `href`, with a hover title (also its accessible name)."""
        with self.group("a", {"href": href}):
            self.add("title", text=title)
            yield

    def text(self, x: float, y: float, content: str, **attrs: object) -> None:
        self.add("text", {"x": x, "y": y, **_dashed(attrs)}, content)

    def render(self) -> str:
        title_id, desc_id = self.id("title"), self.id("desc")
        root = self._start(
            "svg",
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "viewBox": f"0 0 {fmt(self.width)} {fmt(self.height)}",
                "width": self.width,
                "height": self.height,
                # Not role="img": its children would be hidden from assistive technology,
                # and each mark is a link to its party that must stay reachable.
                "role": "group",
                "aria-labelledby": f"{title_id} {desc_id}",
                "class": "chart",
                "font-family": FONT,
                "font-size": 12,
                "fill": INK,
            },
        )
        head = (
            f'{root}><title id="{title_id}">{_escape(self._title)}</title>'
            f'<desc id="{desc_id}">{_escape(self._desc)}</desc>'
            f'<rect width="{fmt(self.width)}" height="{fmt(self.height)}" fill="{PAPER}"/>'
        )
        return head + "".join(self._parts) + "</svg>"


def _dashed(attrs: Mapping[str, object]) -> dict[str, object]:
    """Python keywords to SVG attribute names: font_size → font-size."""
    return {name.replace("_", "-"): value for name, value in attrs.items()}


def attrs(**values: object) -> dict[str, object]:
    return _dashed(values)


def polygon(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)


def diamond(x: float, y: float, d: float) -> str:
    return polygon([(x, y - d), (x + d, y), (x, y + d), (x - d, y)])


def stance_mark(svg: Svg, stance: str, x: float, y: float, r: float = 6) -> None:
    """Friend: circle; doubter: diamond; opponent: triangle pointing down; not assessed: a dashed
    open circle. Filled with the stance's colour, outlined in ink."""
    fill, outline = STANCE_FILL[stance], attrs(stroke=INK, stroke_width=1.2)
    if stance == "friend":
        svg.add("circle", {"cx": x, "cy": y, "r": r, "fill": fill, **outline})
    elif stance == "doubter":
        svg.add("polygon", {"points": diamond(x, y, r * 1.25), "fill": fill, **outline})
    elif stance == "opponent":
        d = r * 1.3
        h = d * math.sqrt(3) / 2
        points = polygon([(x - d, y - h / 1.5), (x + d, y - h / 1.5), (x, y + h * 1.2)])
        svg.add("polygon", {"points": points, "fill": fill, **outline})
    else:
        svg.add(
            "circle",
            {
                "cx": x,
                "cy": y,
                "r": r,
                "fill": fill,
                **attrs(stroke=MUTED, stroke_width=1.5, stroke_dasharray="2 2"),
            },
        )


def arrow_marker(svg: Svg, name: str = "arrow", colour: str = MUTED) -> str:
    """Define an arrowhead once; returns the url(#…) to put in marker-end."""
    marker_id = svg.id(name)
    with svg.group(
        "marker",
        {
            "id": marker_id,
            "viewBox": "0 0 10 10",
            "refX": 9,
            "refY": 5,
            "markerWidth": 7,
            "markerHeight": 7,
            "orient": "auto-start-reverse",
        },
    ):
        svg.add("path", {"d": "M0,0 L10,5 L0,10 z", "fill": colour})
    return f"url(#{marker_id})"


_VIEW_BOX = re.compile(r'<svg\b[^>]*?\sviewBox="0 0 ([0-9.]+) ([0-9.]+)"')


def to_png(svg: str) -> bytes:
    """Render with resvg, which the resvg-py wheel carries (no system library needed); text uses
    the machine's fonts (DejaVu or Liberation on Debian). Twice the size, for sharp print,
    unless the chart is very large already."""
    svg = xml_safe(svg)  # drawn from a template too, where stored text arrives unstripped
    match = _VIEW_BOX.search(svg)
    largest = max(float(match.group(1)), float(match.group(2))) if match else 0.0
    zoom = 2.0 if largest <= 4000 else 1.0
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, background=PAPER, zoom=zoom))
