"""The analyses read from the database: the bin and other projects left out, previous assessments
found, support over time from real dates, and a fixed number of queries whatever the size."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analysis import selectors
from parties.models import Assessment, Party
from parties.services import party_delete
from tests.factories import assess, make_party, make_project, make_segment

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = date(2026, 1, 10), date(2026, 2, 10), date(2026, 3, 10)

# Queries each selector makes, whatever the number of parties.
QUERIES = {
    "grid": 2,
    "salience": 1,
    "positions": 1,
    "actors": 1,
    "engagement": 1,
    "feasibility": 1,
    "coverage": 3,
    "support": 1,
    "overview": 5,
}


def fill(project, count: int) -> None:
    """`count` parties with two assessments each and a segment link, built in bulk."""
    segments = [make_segment(project, name=f"Segment {n}") for n in range(3)]
    parties = Party.objects.bulk_create(
        Party(
            project=project,
            name=f"Partij {n:04}",
            sort_name=f"partij {n:04}",
            layer=["board", "management", "staff", "residents"][n % 4],
            role=["decides", "supplies", "carries_out", "benefits"][n % 4],
            ring=["co_decides", "takes_part", "thinks_along", "informed"][n % 3],
        )
        for n in range(count)
    )
    Party.segments.through.objects.bulk_create(
        Party.segments.through(party=party, targetsegment=segments[n % 2])
        for n, party in enumerate(parties)
    )
    levels = ["unaware", "resistant", "neutral", "supportive", "leading"]
    latest = []
    for day, shift in ((JAN, 0), (MAR, 1)):
        latest = Assessment.objects.bulk_create(
            Assessment(
                party=party,
                assessed_on=day,
                power=1 + (n + shift) % 5,
                interest=1 + (n + 2 * shift) % 5,
                legitimacy=1 + n % 5,
                urgency=1 + (n * 3) % 5,
                attitude=(n + shift) % 5 - 2,
                engagement_current=levels[n % 5],
                engagement_desired=levels[(n + 2) % 5],
            )
            for n, party in enumerate(parties)
        )
    for party, assessment in zip(parties, latest, strict=True):
        party.latest_assessment = assessment
    Party.objects.bulk_update(parties, ["latest_assessment"])


def queries(function, project) -> int:
    with CaptureQueriesContext(connection) as captured:
        function(project)
    return len(captured)


def test_query_counts_are_fixed_whatever_the_size():
    small, large = make_project(), make_project()
    fill(small, 5)
    fill(large, 300)
    for name, function in selectors.SELECTORS.items():
        assert queries(function, small) == QUERIES[name], name
        assert queries(function, large) == QUERIES[name], name


def test_large_project_adds_up():
    project = make_project()
    fill(project, 300)
    grid = selectors.grid(project)
    assert len(grid.marks) == 300 and sum(count.count for count in grid.quadrants) == 300
    assert all(mark.previous_on == JAN for mark in grid.marks)
    support = selectors.support(project)
    assert support.dates == [JAN, MAR]
    assert [p.parties for p in support.series[0].points] == [300, 300]
    coverage = selectors.coverage(project)
    assert [len(row.parties) for row in coverage.rows] == [0, 150, 150]


def test_grid_arrow_runs_from_the_previous_assessment_to_the_latest(team):
    alderman = make_party(team.project, name="Alderman")
    assess(alderman, on=JAN, power=2, interest=3)
    assess(alderman, on=MAR, power=5, interest=4)
    # Recorded last, but dated in between: it is the previous one, not the latest.
    assess(alderman, on=FEB, power=3, interest=1)
    (mark,) = selectors.grid(team.project).marks
    assert (mark.previous_power, mark.previous_interest, mark.previous_on) == (3, 1, FEB)
    assert (mark.power, mark.interest, mark.assessed_on) == (5, 4, MAR)
    assert mark.moved and mark.quadrant == "manage_closely"


def test_the_bin_and_other_projects_are_left_out(team):
    kept = make_party(team.project, name="Kept", layer="board")
    binned = make_party(team.project, name="Binned", layer="board")
    foreign = make_party(team.other_project, name="Foreign", layer="board")
    segment = make_segment(team.project, name="Newcomers")
    for party in (kept, binned, foreign):
        assess(party, on=JAN, power=5, attitude=-2)
    binned.segments.set([segment])
    party_delete(party=binned)
    assert [m.name for m in selectors.grid(team.project).marks] == ["Kept"]
    assert [m.name for m in selectors.actors(team.project).marks] == ["Kept"]
    assert selectors.support(team.project).series[0].points[0].parties == 1
    coverage = selectors.coverage(team.project)
    assert coverage.rows[0].gap and coverage.parties == []


def test_support_over_time_with_unequal_powers(team):
    project = team.project
    board = make_party(project, name="Alderman", layer="board")
    staff = make_party(project, name="Nurses", layer="staff")
    late = make_party(project, name="Newcomer", layer="board")
    make_party(project, name="Never assessed", layer="staff")
    assess(board, on=JAN, power=5, attitude=2)
    assess(staff, on=JAN, power=1, attitude=-2)
    assess(staff, on=MAR, power=2, attitude=1)
    assess(late, on=MAR, power=3, attitude=-1)
    support = selectors.support(project)
    overall, board_series = support.series[0], support.series[1]
    assert support.dates == [JAN, MAR]
    # January: (5×2 + 1×−2) / (5+1) = 8/6; the newcomer is not assessed yet.
    assert (overall.points[0].weighted_sum, overall.points[0].total_power) == (8, 6)
    assert overall.points[0].index == pytest.approx(4 / 3)
    assert overall.points[0].parties == 2
    # March: (5×2 + 2×1 + 3×−1) / (5+2+3) = 9/10.
    assert overall.points[1].index == pytest.approx(0.9)
    assert overall.points[1].parties == 3
    # Board: January 10/5; March (10 − 3) / 8.
    assert [p.index for p in board_series.points] == [2.0, pytest.approx(7 / 8)]


def test_coverage_and_warnings_from_the_register(team):
    project = team.project
    reached = make_segment(project, name="Newcomers")
    make_segment(project, name="Pregnant women in poverty")
    nurse = make_party(project, name="Nurse", layer="staff", segments=[reached])
    assess(nurse, attitude=1)
    coverage = selectors.coverage(project)
    assert [(row.name, row.gap) for row in coverage.rows] == [
        ("Pregnant women in poverty", True),
        ("Newcomers", False),
    ]
    assert [(w.code, w.layer) for w in coverage.warnings] == [
        ("no_critical_voice", ""),
        ("layer_missing", "board"),
        ("layer_missing", "management"),
        ("layer_missing", "residents"),
        ("no_target_group_voice", ""),
    ]


def test_every_analysis_is_json_safe(team):
    party = make_party(team.project, name="School")
    assess(party, on=JAN)
    assess(party, on=MAR, power=5)
    for name in selectors.SELECTORS:
        data = selectors.as_json(name, team.project)
        assert json.loads(json.dumps(data)) == data, name
    grid = selectors.as_json("grid", team.project)
    assert grid["marks"][0]["previous_on"] == "2026-01-10"
    assert grid["threshold"] == 4
