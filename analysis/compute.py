"""The analyses as plain arithmetic on plain data: no ORM, so each figure can be checked by hand.

Every definition follows the "Scales" section of the design. The codes below are the values
of the choices in parties.models (a test keeps them in step).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from operator import attrgetter
from typing import Any

LAYERS = ("board", "management", "staff", "residents")
ROLES = ("decides", "supplies", "carries_out", "benefits")
RINGS = ("co_decides", "takes_part", "thinks_along", "informed")  # innermost first
ENGAGEMENT_LEVELS = ("unaware", "resistant", "neutral", "supportive", "leading")  # 0..4
QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")
SALIENCE_CLASSES = (
    "definitive",
    "dominant",
    "dangerous",
    "dependent",
    "dormant",
    "discretionary",
    "demanding",
    "none",
)
STANCES = ("friend", "doubter", "opponent", "unassessed")
FEASIBILITY_GROUPS = ("support", "opposition", "non_mobilised")
OVERALL = "overall"

# Salience: an attribute is present at 4 or 5, whatever the project's grid threshold.
SALIENCE_PRESENT = 4
# Approach next: parties whose attitude is below support (+1).
SUPPORT = 1
APPROACH_NEXT_LIMIT = 5


# --- plain inputs -------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    """One assessment of a party."""

    assessed_on: date = date(2026, 1, 15)
    power: int = 3
    interest: int = 3
    legitimacy: int = 3
    urgency: int = 3
    attitude: int = 0
    engagement_current: str = "neutral"
    engagement_desired: str = "supportive"


@dataclass(frozen=True)
class PartyFacts:
    """A party of the register with its latest assessment (and the one before, if asked)."""

    id: int
    name: str
    layer: str = "staff"
    kind: str = "organisation"
    role: str = "carries_out"
    ring: str = "informed"
    speaks_for_target_group: bool = False
    latest: Scores | None = None
    previous: Scores | None = None


@dataclass(frozen=True)
class DatedScore:
    """One assessment as the support index needs it."""

    party_id: int
    layer: str
    assessed_on: date
    power: int
    attitude: int


@dataclass(frozen=True)
class SegmentFacts:
    id: int
    name: str
    party_ids: tuple[int, ...] = ()


def _assessed(parties: Iterable[PartyFacts]) -> list[PartyFacts]:
    return [party for party in parties if party.latest is not None]


def _unassessed(parties: Sequence[PartyFacts]) -> int:
    return sum(1 for party in parties if party.latest is None)


# --- 1. power/interest grid ---------------------------------------------------------------


def quadrant(power: int, interest: int, threshold: int) -> str:
    """Mendelow: a score at or above the threshold is high."""
    high_power, high_interest = power >= threshold, interest >= threshold
    if high_power and high_interest:
        return "manage_closely"
    if high_power:
        return "keep_satisfied"
    if high_interest:
        return "keep_informed"
    return "monitor"


@dataclass
class GridMark:
    party_id: int
    name: str
    power: int
    interest: int
    attitude: int
    quadrant: str
    assessed_on: date
    previous_power: int | None = None
    previous_interest: int | None = None
    previous_on: date | None = None
    moved: bool = False


@dataclass
class Count:
    code: str
    count: int


@dataclass
class Grid:
    threshold: int
    marks: list[GridMark]
    quadrants: list[Count]
    unassessed: int


def grid(parties: Sequence[PartyFacts], threshold: int) -> Grid:
    marks = []
    for party in _assessed(parties):
        latest, previous = party.latest, party.previous
        mark = GridMark(
            party_id=party.id,
            name=party.name,
            power=latest.power,
            interest=latest.interest,
            attitude=latest.attitude,
            quadrant=quadrant(latest.power, latest.interest, threshold),
            assessed_on=latest.assessed_on,
        )
        if previous is not None:
            mark.previous_power = previous.power
            mark.previous_interest = previous.interest
            mark.previous_on = previous.assessed_on
            mark.moved = (previous.power, previous.interest) != (latest.power, latest.interest)
        marks.append(mark)
    counts = [Count(code, sum(1 for m in marks if m.quadrant == code)) for code in QUADRANTS]
    return Grid(threshold, marks, counts, _unassessed(parties))


# --- 2. salience --------------------------------------------------------------------------

_SALIENCE = {
    (True, True, True): "definitive",
    (True, True, False): "dominant",
    (True, False, True): "dangerous",
    (False, True, True): "dependent",
    (True, False, False): "dormant",
    (False, True, False): "discretionary",
    (False, False, True): "demanding",
    (False, False, False): "none",
}


def salience_class(power: int, legitimacy: int, urgency: int) -> str:
    """Mitchell, Agle and Wood: which of the three attributes are present (at 4 or 5)."""
    present = (
        power >= SALIENCE_PRESENT,
        legitimacy >= SALIENCE_PRESENT,
        urgency >= SALIENCE_PRESENT,
    )
    return _SALIENCE[present]


@dataclass
class SalienceMark:
    party_id: int
    name: str
    power: int
    legitimacy: int
    urgency: int
    salience_class: str


@dataclass
class SalienceGroup:
    code: str
    marks: list[SalienceMark]


@dataclass
class Salience:
    groups: list[SalienceGroup]  # all eight classes, most salient first
    unassessed: int

    def group(self, code: str) -> SalienceGroup:
        return next(group for group in self.groups if group.code == code)


def salience(parties: Sequence[PartyFacts]) -> Salience:
    groups = {code: SalienceGroup(code, []) for code in SALIENCE_CLASSES}
    for party in _assessed(parties):
        s = party.latest
        code = salience_class(s.power, s.legitimacy, s.urgency)
        groups[code].marks.append(
            SalienceMark(party.id, party.name, s.power, s.legitimacy, s.urgency, code)
        )
    return Salience(list(groups.values()), _unassessed(parties))


# --- 3. position map ----------------------------------------------------------------------


@dataclass
class PositionMark:
    party_id: int
    name: str
    attitude: int
    power: int


@dataclass
class PositionRow:
    layer: str
    marks: list[PositionMark]


@dataclass
class Positions:
    rows: list[PositionRow]  # one per layer, in the fixed order of LAYERS
    unassessed: int


def positions(parties: Sequence[PartyFacts]) -> Positions:
    rows = {layer: PositionRow(layer, []) for layer in LAYERS}
    for party in _assessed(parties):
        rows[party.layer].marks.append(
            PositionMark(party.id, party.name, party.latest.attitude, party.latest.power)
        )
    for row in rows.values():
        # Stable sort: within an attitude, strongest first, then the input's (name) order.
        row.marks.sort(key=lambda mark: (mark.attitude, -mark.power))
    return Positions(list(rows.values()), _unassessed(parties))


# --- 4. actor map -------------------------------------------------------------------------


def stance(attitude: int | None) -> str:
    """Friend (+1, +2), doubter (0), opponent (−1, −2); no assessment: unassessed."""
    if attitude is None:
        return "unassessed"
    if attitude > 0:
        return "friend"
    if attitude < 0:
        return "opponent"
    return "doubter"


@dataclass
class ActorMark:
    number: int
    party_id: int
    name: str
    role: str
    ring: str
    attitude: int | None
    stance: str


@dataclass
class Actors:
    marks: list[ActorMark]  # numbered by role, then ring (innermost first), then name
    stances: list[Count]


def actors(parties: Sequence[PartyFacts]) -> Actors:
    ordered = sorted(parties, key=lambda p: (ROLES.index(p.role), RINGS.index(p.ring)))
    marks = []
    for number, party in enumerate(ordered, start=1):
        attitude = party.latest.attitude if party.latest else None
        marks.append(
            ActorMark(
                number, party.id, party.name, party.role, party.ring, attitude, stance(attitude)
            )
        )
    counts = [Count(code, sum(1 for m in marks if m.stance == code)) for code in STANCES]
    return Actors(marks, counts)


# --- 5. engagement ------------------------------------------------------------------------


def engagement_level(code: str) -> int:
    """unaware 0 < resistant 1 < neutral 2 < supportive 3 < leading 4."""
    return ENGAGEMENT_LEVELS.index(code)


@dataclass
class EngagementRow:
    party_id: int
    name: str
    current: str
    desired: str
    current_level: int
    desired_level: int
    gap: int  # desired − current


@dataclass
class EngagementMatrix:
    rows: list[EngagementRow]  # largest gap first, then by name
    to_close: int  # rows with a positive gap
    unassessed: int


def engagement(parties: Sequence[PartyFacts]) -> EngagementMatrix:
    rows = []
    for party in _assessed(parties):
        current = engagement_level(party.latest.engagement_current)
        desired = engagement_level(party.latest.engagement_desired)
        rows.append(
            EngagementRow(
                party.id,
                party.name,
                party.latest.engagement_current,
                party.latest.engagement_desired,
                current,
                desired,
                desired - current,
            )
        )
    rows.sort(key=lambda row: -row.gap)
    return EngagementMatrix(rows, sum(1 for row in rows if row.gap > 0), _unassessed(parties))


# --- 6. feasibility -----------------------------------------------------------------------


@dataclass
class FeasibilityEntry:
    party_id: int
    name: str
    power: int
    attitude: int
    weight: int  # power × |attitude|, or power × 1 for a neutral party


@dataclass
class FeasibilityGroup:
    code: str
    weight: int
    entries: list[FeasibilityEntry]


@dataclass
class Feasibility:
    support: int
    opposition: int
    non_mobilised: int
    verdict: str  # "support", "opposition" (outweighs the other) or "balanced"
    groups: list[FeasibilityGroup]
    unassessed: int


def feasibility_group(attitude: int) -> str:
    if attitude > 0:
        return "support"
    if attitude < 0:
        return "opposition"
    return "non_mobilised"


def feasibility_weight(power: int, attitude: int) -> int:
    return power * (abs(attitude) if attitude else 1)


def feasibility(parties: Sequence[PartyFacts]) -> Feasibility:
    groups = {code: FeasibilityGroup(code, 0, []) for code in FEASIBILITY_GROUPS}
    for party in _assessed(parties):
        s = party.latest
        entry = FeasibilityEntry(
            party.id, party.name, s.power, s.attitude, feasibility_weight(s.power, s.attitude)
        )
        group = groups[feasibility_group(s.attitude)]
        group.entries.append(entry)
        group.weight += entry.weight
    for group in groups.values():
        group.entries.sort(key=lambda entry: -entry.weight)
    support, opposition = groups["support"].weight, groups["opposition"].weight
    verdict = (
        "support" if support > opposition else "opposition" if opposition > support else "balanced"
    )
    return Feasibility(
        support,
        opposition,
        groups["non_mobilised"].weight,
        verdict,
        list(groups.values()),
        _unassessed(parties),
    )


# --- 7. coverage --------------------------------------------------------------------------


@dataclass
class CoverageParty:
    party_id: int
    name: str


@dataclass
class CoverageRow:
    segment_id: int
    name: str
    parties: list[CoverageParty]  # in the input's (name) order
    gap: bool


@dataclass
class CoverageWarning:
    code: str  # "no_critical_voice", "layer_missing" or "no_target_group_voice"
    layer: str = ""


@dataclass
class Coverage:
    rows: list[CoverageRow]  # gaps first, then the others; each in the input's order
    parties: list[CoverageParty]  # the parties that reach at least one segment
    gaps: int
    warnings: list[CoverageWarning]

    @property
    def has_segments(self) -> bool:
        """Without segments there is nothing to cover: "no gaps" would then be a false comfort."""
        return bool(self.rows)


def coverage_warnings(parties: Sequence[PartyFacts]) -> list[CoverageWarning]:
    warnings = []
    if not any(p.latest is not None and p.latest.attitude <= -1 for p in parties):
        warnings.append(CoverageWarning("no_critical_voice"))
    present = {party.layer for party in parties}
    warnings += [
        CoverageWarning("layer_missing", layer) for layer in LAYERS if layer not in present
    ]
    # Only the user knows who speaks for the target group: a party's kind or layer says too little
    # (a citizen group may be a business club, a sounding-board group may be filed as a person).
    if not any(p.speaks_for_target_group for p in parties):
        warnings.append(CoverageWarning("no_target_group_voice"))
    return warnings


def coverage(parties: Sequence[PartyFacts], segments: Sequence[SegmentFacts]) -> Coverage:
    known = {party.id for party in parties}
    rows = []
    for segment in segments:
        reached = {pid for pid in segment.party_ids if pid in known}
        reaching = [CoverageParty(p.id, p.name) for p in parties if p.id in reached]
        rows.append(CoverageRow(segment.id, segment.name, reaching, gap=not reaching))
    rows.sort(key=lambda row: not row.gap)
    reaching = {party.party_id for row in rows for party in row.parties}
    columns = [CoverageParty(p.id, p.name) for p in parties if p.id in reaching]
    gaps = sum(1 for row in rows if row.gap)
    return Coverage(rows, columns, gaps, coverage_warnings(parties))


# --- 8. support over time -----------------------------------------------------------------


@dataclass
class SupportPoint:
    on: date
    parties: int
    weighted_sum: int  # Σ(power × attitude)
    total_power: int  # Σ(power)
    index: float | None  # weighted_sum / total_power; None when no party counts yet


@dataclass
class SupportSeries:
    layer: str  # OVERALL or a layer
    points: list[SupportPoint]

    @property
    def last(self) -> SupportPoint | None:
        return self.points[-1] if self.points else None


@dataclass
class Support:
    dates: list[date]
    series: list[SupportSeries]  # overall first, then each layer in the order of LAYERS

    def table(self) -> list[tuple[date, list[SupportPoint]]]:
        """Per date, the point of each series (in the order of `series`)."""
        return [(on, [s.points[k] for s in self.series]) for k, on in enumerate(self.dates)]


def support_index(weighted_sum: int, total_power: int) -> float | None:
    return weighted_sum / total_power if total_power else None


def support(scores: Iterable[DatedScore]) -> Support:
    """At each assessment date, every party counts with its latest assessment on or before it.

    `scores` must come in the order they were recorded; on a shared date the later one wins,
    as it does for a party's latest assessment.
    """
    keys = (OVERALL, *LAYERS)
    totals = {key: [0, 0, 0] for key in keys}  # Σ(power × attitude), Σ(power), parties
    series = {key: SupportSeries(key, []) for key in keys}
    current: dict[int, DatedScore] = {}
    dates = []

    def count(score: DatedScore, sign: int) -> None:
        for key in (OVERALL, score.layer):
            totals[key][0] += sign * score.power * score.attitude
            totals[key][1] += sign * score.power
            totals[key][2] += sign

    for on, group in groupby(
        sorted(scores, key=attrgetter("assessed_on")), attrgetter("assessed_on")
    ):
        for score in group:
            if score.party_id in current:
                count(current[score.party_id], -1)
            current[score.party_id] = score
            count(score, +1)
        dates.append(on)
        for key, (weighted, power, parties) in totals.items():
            point = SupportPoint(on, parties, weighted, power, support_index(weighted, power))
            series[key].points.append(point)
    return Support(dates, list(series.values()))


# --- 9. overview --------------------------------------------------------------------------


@dataclass
class ApproachEntry:
    party_id: int
    name: str
    power: int
    attitude: int


def approach_next(
    parties: Sequence[PartyFacts], threshold: int, limit: int = APPROACH_NEXT_LIMIT
) -> list[ApproachEntry]:
    """High power (at or above the threshold) and attitude below +1: highest power first, then
    the most opposed, then by name."""
    candidates = [
        ApproachEntry(p.id, p.name, p.latest.power, p.latest.attitude)
        for p in _assessed(parties)
        if p.latest.power >= threshold and p.latest.attitude < SUPPORT
    ]
    candidates.sort(key=lambda entry: (-entry.power, entry.attitude))
    return candidates[:limit]


@dataclass
class Overview:
    grid: Grid
    support: Support
    feasibility: Feasibility
    coverage: Coverage
    approach_next: list[ApproachEntry] = field(default_factory=list)


# --- JSON -----------------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    """A result as JSON-safe data: dataclasses become dicts, dates ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    return value
