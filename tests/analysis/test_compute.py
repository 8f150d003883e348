"""The analyses' arithmetic on hand-made inputs; every expected figure is worked out in the test."""

from __future__ import annotations

import json
from datetime import date

import pytest

from analysis import compute
from analysis.compute import DatedScore, PartyFacts, Scores, SegmentFacts
from parties.models import Engagement, Layer, Party, Quadrant, quadrant_for

JAN, FEB, MAR = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10)


def party(pid: int, name: str, previous: Scores | None = None, **fields) -> PartyFacts:
    """An assessed party: score fields go to its latest assessment, the rest to the party."""
    scores = {key: fields.pop(key) for key in list(fields) if key in Scores.__dataclass_fields__}
    return PartyFacts(pid, name, latest=Scores(**scores), previous=previous, **fields)


def unassessed(pid: int, name: str, **fields) -> PartyFacts:
    return PartyFacts(pid, name, **fields)


def test_codes_match_the_models():
    assert tuple(Layer.values) == compute.LAYERS
    assert tuple(Party.ProjectRole.values) == compute.ROLES
    assert tuple(Party.Ring.values) == compute.RINGS
    assert tuple(Engagement.values) == compute.ENGAGEMENT_LEVELS
    assert tuple(Quadrant.values) == compute.QUADRANTS


# --- grid ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("power", "interest", "threshold", "expected"),
    [
        (4, 4, 4, "manage_closely"),  # exactly on the threshold is high
        (5, 3, 4, "keep_satisfied"),
        (4, 3, 4, "keep_satisfied"),
        (3, 4, 4, "keep_informed"),
        (3, 3, 4, "monitor"),
        (1, 1, 4, "monitor"),
        (4, 4, 5, "monitor"),  # threshold 5: only 5 is high
        (5, 4, 5, "keep_satisfied"),
        (4, 5, 5, "keep_informed"),
        (5, 5, 5, "manage_closely"),
        (2, 2, 2, "manage_closely"),
        (1, 2, 2, "keep_informed"),
    ],
)
def test_quadrant(power, interest, threshold, expected):
    assert compute.quadrant(power, interest, threshold) == expected
    assert quadrant_for(power, interest, threshold) == expected


def test_grid_counts_quadrants_and_draws_movement_from_previous_to_latest():
    parties = [
        party(
            1,
            "Alderman",
            power=5,
            interest=2,
            attitude=-1,
            previous=Scores(assessed_on=JAN, power=3, interest=2),
        ),
        party(
            2,
            "School",
            power=4,
            interest=4,
            attitude=2,
            previous=Scores(assessed_on=JAN, power=4, interest=4, attitude=0),
        ),
        party(3, "Dentist", power=2, interest=5),
        unassessed(4, "Neighbourhood"),
    ]
    grid = compute.grid(parties, threshold=4)
    counts = {count.code: count.count for count in grid.quadrants}
    assert counts == {"manage_closely": 1, "keep_satisfied": 1, "keep_informed": 1, "monitor": 0}
    assert grid.unassessed == 1
    alderman, school, dentist = grid.marks
    assert (alderman.previous_power, alderman.previous_interest) == (3, 2)
    assert (alderman.power, alderman.interest) == (5, 2)
    assert alderman.moved and alderman.previous_on == JAN
    # Only the attitude changed: same cell, so no arrow.
    assert not school.moved and school.previous_on == JAN
    assert not dentist.moved and dentist.previous_power is None


def test_grid_threshold_five():
    parties = [party(1, "A", power=4, interest=4), party(2, "B", power=5, interest=5)]
    grid = compute.grid(parties, threshold=5)
    assert [mark.quadrant for mark in grid.marks] == ["monitor", "manage_closely"]


# --- salience -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("power", "legitimacy", "urgency", "expected"),
    [
        (4, 4, 4, "definitive"),
        (5, 5, 3, "dominant"),
        (4, 1, 5, "dangerous"),
        (3, 4, 4, "dependent"),
        (5, 3, 3, "dormant"),
        (2, 4, 1, "discretionary"),
        (1, 1, 4, "demanding"),
        (3, 3, 3, "none"),
    ],
)
def test_salience_class(power, legitimacy, urgency, expected):
    assert compute.salience_class(power, legitimacy, urgency) == expected


def test_salience_groups_every_class_in_order_and_ignores_the_grid_threshold():
    parties = [
        party(1, "Definitive", power=4, legitimacy=4, urgency=4),
        party(2, "Dominant", power=4, legitimacy=4, urgency=3),
        party(3, "Dangerous", power=4, legitimacy=3, urgency=4),
        party(4, "Dependent", power=3, legitimacy=4, urgency=4),
        party(5, "Dormant", power=5, legitimacy=1, urgency=1),
        party(6, "Discretionary", power=1, legitimacy=5, urgency=1),
        party(7, "Demanding", power=1, legitimacy=1, urgency=5),
        party(8, "Bystander", power=3, legitimacy=3, urgency=3),
        unassessed(9, "Unknown"),
    ]
    salience = compute.salience(parties)
    assert [group.code for group in salience.groups] == list(compute.SALIENCE_CLASSES)
    assert [[m.name for m in group.marks] for group in salience.groups] == [
        ["Definitive"],
        ["Dominant"],
        ["Dangerous"],
        ["Dependent"],
        ["Dormant"],
        ["Discretionary"],
        ["Demanding"],
        ["Bystander"],
    ]
    assert salience.unassessed == 1
    assert salience.group("none").marks[0].party_id == 8


# --- positions and actors -----------------------------------------------------------------


def test_positions_rows_by_layer_sorted_by_attitude_then_power():
    parties = [
        party(1, "A", layer="board", attitude=1, power=2),
        party(2, "B", layer="board", attitude=-2, power=3),
        party(3, "C", layer="board", attitude=1, power=5),
        party(4, "D", layer="residents", attitude=0, power=1),
    ]
    positions = compute.positions(parties)
    assert [row.layer for row in positions.rows] == list(compute.LAYERS)
    assert [m.name for m in positions.rows[0].marks] == ["B", "C", "A"]
    assert positions.rows[1].marks == [] and positions.rows[2].marks == []
    assert [(m.attitude, m.power) for m in positions.rows[3].marks] == [(0, 1)]


@pytest.mark.parametrize(
    ("attitude", "expected"),
    [
        (2, "friend"),
        (1, "friend"),
        (0, "doubter"),
        (-1, "opponent"),
        (-2, "opponent"),
        (None, "unassessed"),
    ],
)
def test_stance(attitude, expected):
    assert compute.stance(attitude) == expected


def test_actors_numbered_by_role_then_ring_with_unassessed_parties():
    parties = [
        party(1, "Welfare", role="carries_out", ring="takes_part", attitude=1),
        party(2, "Council", role="decides", ring="informed", attitude=-2),
        party(3, "Alderman", role="decides", ring="co_decides", attitude=0),
        unassessed(4, "Parents", role="benefits", ring="thinks_along"),
    ]
    actors = compute.actors(parties)
    assert [(m.number, m.name, m.stance) for m in actors.marks] == [
        (1, "Alderman", "doubter"),
        (2, "Council", "opponent"),
        (3, "Welfare", "friend"),
        (4, "Parents", "unassessed"),
    ]
    assert {c.code: c.count for c in actors.stances} == {
        "friend": 1,
        "doubter": 1,
        "opponent": 1,
        "unassessed": 1,
    }


# --- engagement ---------------------------------------------------------------------------


def test_engagement_gaps_largest_first():
    parties = [
        party(1, "Already there", engagement_current="supportive", engagement_desired="supportive"),
        party(2, "Two steps", engagement_current="neutral", engagement_desired="leading"),
        party(3, "Too keen", engagement_current="leading", engagement_desired="supportive"),
        party(4, "Four steps", engagement_current="unaware", engagement_desired="leading"),
        party(5, "One step", engagement_current="resistant", engagement_desired="neutral"),
    ]
    matrix = compute.engagement(parties)
    assert [(row.name, row.gap) for row in matrix.rows] == [
        ("Four steps", 4),
        ("Two steps", 2),
        ("One step", 1),
        ("Already there", 0),
        ("Too keen", -1),
    ]
    assert (matrix.rows[0].current_level, matrix.rows[0].desired_level) == (0, 4)
    assert matrix.to_close == 3


# --- feasibility --------------------------------------------------------------------------


def test_feasibility_weights():
    parties = [
        party(1, "Strong friend", power=4, attitude=2),  # support 8
        party(2, "Friend", power=3, attitude=1),  # support 3
        party(3, "Opponent", power=5, attitude=-1),  # opposition 5
        party(4, "Strong opponent", power=2, attitude=-2),  # opposition 4
        party(5, "Neutral", power=3, attitude=0),  # not mobilised 3 × 1
        party(6, "Neutral too", power=1, attitude=0),  # not mobilised 1 × 1
        unassessed(7, "Unknown"),
    ]
    result = compute.feasibility(parties)
    assert (result.support, result.opposition, result.non_mobilised) == (11, 9, 4)
    assert result.verdict == "support"
    assert result.unassessed == 1
    support, opposition, neutral = result.groups
    assert [(e.name, e.weight) for e in support.entries] == [("Strong friend", 8), ("Friend", 3)]
    assert [(e.name, e.weight) for e in opposition.entries] == [
        ("Opponent", 5),
        ("Strong opponent", 4),
    ]
    assert [(e.name, e.weight) for e in neutral.entries] == [("Neutral", 3), ("Neutral too", 1)]


def test_feasibility_verdicts():
    against = [party(1, "F", power=2, attitude=1), party(2, "O", power=3, attitude=-1)]
    assert compute.feasibility(against).verdict == "opposition"
    even = [party(1, "F", power=2, attitude=2), party(2, "O", power=4, attitude=-1)]
    assert compute.feasibility(even).verdict == "balanced"
    assert compute.feasibility([]).verdict == "balanced"


# --- coverage -----------------------------------------------------------------------------


def test_coverage_gaps_first_and_no_warnings_when_the_method_is_followed():
    parties = [
        party(1, "Alderman", layer="board", attitude=-1),
        party(2, "Manager", layer="management"),
        party(3, "Nurse", layer="staff"),
        party(
            4, "Parents' group", layer="residents", kind="citizen_group",
            speaks_for_target_group=True,
        ),
    ]
    segments = [
        SegmentFacts(10, "Newcomers", (3, 4)),
        SegmentFacts(11, "Pregnant women in poverty", ()),
        SegmentFacts(12, "Teenagers", (4, 99)),  # 99: a party in the bin
    ]
    result = compute.coverage(parties, segments)
    assert [(row.name, row.gap) for row in result.rows] == [
        ("Pregnant women in poverty", True),
        ("Newcomers", False),
        ("Teenagers", False),
    ]
    assert [p.name for p in result.rows[1].parties] == ["Nurse", "Parents' group"]
    assert [p.name for p in result.rows[2].parties] == ["Parents' group"]
    assert [p.name for p in result.parties] == ["Nurse", "Parents' group"]
    assert result.gaps == 1
    assert result.warnings == []


def test_coverage_warnings():
    parties = [
        party(1, "Alderman", layer="board", attitude=0),
        party(2, "Nurse", layer="staff", attitude=2),
        unassessed(3, "Resident", layer="staff", kind="person"),
    ]
    warnings = compute.coverage(parties, []).warnings
    assert [(w.code, w.layer) for w in warnings] == [
        ("no_critical_voice", ""),
        ("layer_missing", "management"),
        ("layer_missing", "residents"),
        ("no_target_group_voice", ""),
    ]


def test_only_the_mark_gives_the_target_group_a_voice():
    # Kind and layer are not enough: a citizen group can be a shopkeepers' club.
    guessed = [
        party(1, "Shopkeepers", layer="residents", kind="citizen_group", attitude=-2),
        party(2, "Mother", layer="residents", kind="person"),
    ]
    codes = [w.code for w in compute.coverage(guessed, []).warnings]
    assert "no_target_group_voice" in codes
    assert "no_critical_voice" not in codes  # −2 is critical
    # The mark counts whatever the kind or layer, also before the party is assessed.
    marked = [unassessed(1, "Sounding board", layer="staff", speaks_for_target_group=True)]
    assert "no_target_group_voice" not in [w.code for w in compute.coverage(marked, []).warnings]


# --- support over time --------------------------------------------------------------------


def test_support_index_with_unequal_powers_at_two_dates():
    scores = [
        DatedScore(1, "board", JAN, power=5, attitude=2),
        DatedScore(2, "staff", JAN, power=1, attitude=-2),
        DatedScore(3, "staff", JAN, power=2, attitude=1),
        # In March party 2 changes its mind and party 4 is assessed for the first time.
        DatedScore(2, "staff", MAR, power=1, attitude=1),
        DatedScore(4, "board", MAR, power=4, attitude=-1),
    ]
    result = compute.support(scores)
    assert result.dates == [JAN, MAR]
    overall, board, management, staff, residents = result.series
    assert overall.layer == "overall" and board.layer == "board"
    # January: (5×2 + 1×−2 + 2×1) / (5+1+2) = 10/8; party 4 does not count yet.
    jan = overall.points[0]
    assert (jan.weighted_sum, jan.total_power, jan.parties) == (10, 8, 3)
    assert jan.index == pytest.approx(1.25)
    # March: (5×2 + 1×1 + 2×1 + 4×−1) / (5+1+2+4) = 9/12.
    mar = overall.points[1]
    assert (mar.weighted_sum, mar.total_power, mar.parties) == (9, 12, 4)
    assert mar.index == pytest.approx(0.75)
    # Board: January 10/5 = 2; March (10 − 4) / 9.
    assert [p.index for p in board.points] == [pytest.approx(2.0), pytest.approx(6 / 9)]
    assert [p.parties for p in board.points] == [1, 2]
    # Staff: January (−2 + 2)/3 = 0; March (1 + 2)/3 = 1.
    assert [p.index for p in staff.points] == [pytest.approx(0.0), pytest.approx(1.0)]
    assert [p.index for p in management.points] == [None, None]
    assert [p.parties for p in residents.points] == [0, 0]


def test_support_on_a_shared_date_the_later_record_wins():
    scores = [
        DatedScore(1, "board", JAN, power=2, attitude=-2),
        DatedScore(1, "board", JAN, power=2, attitude=2),
    ]
    (point,) = compute.support(scores).series[0].points
    assert (point.index, point.parties) == (2.0, 1)


def test_support_back_dated_assessment_counts_from_its_own_date():
    # Recorded after the March one, but dated February: it is the latest only in February.
    scores = [
        DatedScore(1, "board", MAR, power=3, attitude=2),
        DatedScore(1, "board", FEB, power=3, attitude=-1),
    ]
    overall = compute.support(scores).series[0]
    assert [(p.on, p.index) for p in overall.points] == [(FEB, -1.0), (MAR, 2.0)]


def test_support_table_lines_up_the_series_per_date():
    scores = [DatedScore(1, "board", JAN, power=2, attitude=1)]
    ((on, points),) = compute.support(scores).table()
    assert on == JAN and [p.index for p in points] == [1.0, 1.0, None, None, None]


# --- overview -----------------------------------------------------------------------------


def test_approach_next_high_power_and_not_yet_supporting():
    parties = [
        party(1, "Supporter", power=5, attitude=1),
        party(2, "Neutral five", power=5, attitude=0),
        party(3, "Opponent four", power=4, attitude=-1),
        party(4, "Low power", power=3, attitude=-2),
        party(5, "Opponent five", power=5, attitude=-2),
        party(6, "B four", power=4, attitude=-1),
        party(7, "C four", power=4, attitude=0),
        party(8, "D four", power=4, attitude=0),
    ]
    names = [e.name for e in compute.approach_next(parties, threshold=4)]
    assert names == ["Opponent five", "Neutral five", "Opponent four", "B four", "C four"]
    assert [e.name for e in compute.approach_next(parties, threshold=5)] == [
        "Opponent five",
        "Neutral five",
    ]


def test_results_are_json_safe():
    parties = [party(1, "A", power=4, previous=Scores(assessed_on=JAN))]
    result = compute.grid(parties, 4)
    data = compute.to_json(result)
    assert json.loads(json.dumps(data)) == data
    assert data["marks"][0]["assessed_on"] == "2026-01-15"
    assert data["marks"][0]["previous_on"] == "2026-01-10"
