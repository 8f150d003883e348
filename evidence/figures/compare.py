"""The place against its region and the country, and its districts next to each other, from
plain figures: what the chart and the table under it show.

A difference is flagged only when both figures carry confidence bounds and the two intervals do
not overlap; without bounds nothing is flagged, since any other test would be made up here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from evidence.figures.models import RegionLevel

# The order in which the levels are shown: the place first, then what it is compared with.
LEVEL_ORDER = {
    RegionLevel.MUNICIPALITY: 0,
    RegionLevel.REGION: 1,
    RegionLevel.COUNTRY: 2,
    RegionLevel.DISTRICT: 3,
    RegionLevel.NEIGHBOURHOOD: 4,
}


@dataclass(frozen=True)
class Point:
    """One figure as plain data."""

    code: str
    name: str
    level: str
    period: str
    start: date
    value: float
    lower: float | None = None
    upper: float | None = None

    @property
    def has_bounds(self) -> bool:
        return self.lower is not None and self.upper is not None


def differs(point: Point, reference: Point | None) -> str:
    """"higher" or "lower" when the two intervals do not overlap, else ""."""
    if reference is None or point is reference or not (point.has_bounds and reference.has_bounds):
        return ""
    if point.lower > reference.upper:  # type: ignore[operator]
        return "higher"
    if point.upper < reference.lower:  # type: ignore[operator]
        return "lower"
    return ""


@dataclass(frozen=True)
class Bar:
    point: Point
    is_place: bool
    differs: str  # against the place: "higher", "lower" or ""


@dataclass(frozen=True)
class Series:
    name: str
    level: str
    points: list[Point]


@dataclass
class Comparison:
    name: str
    unit: str
    period: str
    place: Point | None
    bars: list[Bar] = field(default_factory=list)  # the place, region, country, districts
    references: list[Point] = field(default_factory=list)  # lines across the district bars
    periods: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)  # over time, with several periods

    @property
    def flagged(self) -> list[Bar]:
        return [bar for bar in self.bars if bar.differs]


def _key(point: Point) -> str:
    return point.code or point.name


def _place_of(points: Sequence[Point], place_codes: Iterable[str]) -> Point | None:
    codes = set(place_codes)
    municipal = [p for p in points if p.level == RegionLevel.MUNICIPALITY]
    chosen = [p for p in municipal if p.code in codes]
    if chosen:
        return chosen[0]
    return municipal[0] if len(municipal) == 1 else None


def compare(
    *, name: str, unit: str, points: Sequence[Point], place_codes: Iterable[str] = ()
) -> Comparison:
    """The latest period of an indicator: the place, its region and country, its districts;
    and every period of the place, region and country when there are several."""
    place_codes = list(place_codes)
    if not points:
        return Comparison(name=name, unit=unit, period="", place=None)
    latest = max(p.start for p in points)
    now = [p for p in points if p.start == latest]
    place = _place_of(now, place_codes)
    wider = [
        p for p in now
        if p.level in (RegionLevel.REGION, RegionLevel.COUNTRY)
        or (p.level == RegionLevel.MUNICIPALITY and p is not place and place is None)
    ]
    districts = sorted(
        (p for p in now if p.level == RegionLevel.DISTRICT), key=lambda p: (p.name, p.code)
    )
    if not districts:
        districts = sorted(
            (p for p in now if p.level == RegionLevel.NEIGHBOURHOOD),
            key=lambda p: (p.name, p.code),
        )
    ordered = ([place] if place else []) + sorted(
        wider, key=lambda p: (LEVEL_ORDER.get(p.level, 9), p.name)
    ) + districts
    bars = [Bar(p, p is place, differs(p, place)) for p in ordered]
    references = [
        p for p in ordered
        if p.level not in (RegionLevel.DISTRICT, RegionLevel.NEIGHBOURHOOD)
    ]
    comparison = Comparison(
        name=name, unit=unit, period=now[0].period, place=place, bars=bars,
        references=references if districts else [],
    )
    periods = sorted({(p.start, p.period) for p in points})
    if len(periods) > 1:
        comparison.periods = [label for _start, label in periods]
        keep = {_key(p) for p in references}
        by_region: dict[str, list[Point]] = {}
        for p in sorted(points, key=lambda p: p.start):
            if _key(p) in keep:
                by_region.setdefault(_key(p), []).append(p)
        comparison.series = [
            Series(name=pts[-1].name, level=pts[-1].level, points=pts)
            for pts in sorted(
                by_region.values(), key=lambda pts: LEVEL_ORDER.get(pts[-1].level, 9)
            )
        ]
    return comparison


@dataclass(frozen=True)
class ProfileLine:
    indicator_id: int
    name: str
    unit: str
    period: str
    district: Point
    municipality: Point | None
    differs: str


def parent_code(code: str) -> str:
    """The municipality a district or neighbourhood lies in, by its code: WK036301 and
    BU03630000 lie in GM0363, the statistical sector 11002A00- in 11002."""
    if code[:2] in ("WK", "BU") and len(code) >= 6:
        return "GM" + code[2:6]
    if len(code) > 5 and code[:5].isdigit():
        return code[:5]
    return ""


def district_profile(
    lines: Iterable[tuple[int, str, str, Sequence[Point]]], code: str
) -> list[ProfileLine]:
    """Per indicator (id, name, unit, its points): the district's latest figure next to its
    municipality's figure of the same period."""
    profile = []
    for indicator_id, name, unit, points in lines:
        own = [p for p in points if p.code == code]
        if not own:
            continue
        district = max(own, key=lambda p: p.start)
        parent = parent_code(code)
        same_period = [
            p for p in points
            if p.level == RegionLevel.MUNICIPALITY and p.start == district.start
        ]
        municipality = next((p for p in same_period if p.code == parent), None)
        if municipality is None and len(same_period) == 1:
            municipality = same_period[0]
        profile.append(
            ProfileLine(indicator_id, name, unit, district.period, district, municipality,
                        differs(district, municipality))
        )
    return profile
