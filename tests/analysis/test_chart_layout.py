"""The shared layout helpers of the charts: text measurement, collision-free label placement,
the time axis of support over time and the network's labels."""

from __future__ import annotations

from datetime import date
from itertools import combinations

import pytest
from django.utils import translation

from analysis.charts.common import (
    Box,
    Wanted,
    measure,
    place_labels,
    shorten,
    stack,
    text_box,
    wrap_to,
)
from analysis.charts.support import time_ticks

BOUNDS = Box(0, 0, 400, 300)


def test_measure_follows_the_fonts_widths():
    assert measure("iiii", 10) < measure("MMMM", 10)
    assert measure("Gemeente", 12, bold=True) > measure("Gemeente", 12)
    # An unknown character counts as wide, never as nothing.
    assert measure("漢", 10) >= 10


def test_shorten_keeps_what_fits_and_marks_the_cut():
    assert shorten("Huis van het Kind", 500, 11) == "Huis van het Kind"
    short = shorten("Huis van het Kind Hoogveld", 80, 11)
    assert short.endswith("…") and measure(short, 11) <= 80
    assert shorten("Huis", 1, 11) == ""


def test_labels_of_a_crowded_cluster_never_overlap():
    # Twenty points on top of each other: each label finds a free spot, is shortened or left out.
    wanted = [Wanted(k, f"Partij nummer {k} met een lange naam", 200, 150) for k in range(20)]
    placed = place_labels(wanted, size=12, bounds=BOUNDS)
    assert placed, "the first label always fits"
    for a, b in combinations(placed, 2):
        assert not a.box.overlaps(b.box), (a.text, b.text)
    for label in placed:
        assert label.box.inside(BOUNDS)
        assert label.full.startswith(label.text.rstrip("…"))


def test_labels_keep_clear_of_obstacles_and_prefer_the_right():
    dot = Box(195, 145, 205, 155)
    (label,) = place_labels(
        [Wanted("a", "Name", 200, 150)], size=12, bounds=BOUNDS, obstacles=[dot]
    )
    assert not label.box.overlaps(dot) and label.anchor == "start" and label.x > 205


def test_a_label_at_the_edge_moves_to_the_left():
    (label,) = place_labels([Wanted("a", "Gemeentebestuur", 390, 150)], size=12, bounds=BOUNDS)
    assert label.anchor == "end" and label.text == "Gemeentebestuur"


def test_placement_is_deterministic():
    wanted = [Wanted(k, f"Naam {k}", 100 + k * 7, 100 + k * 3) for k in range(15)]
    first = place_labels(wanted, size=11, bounds=BOUNDS)
    assert first == place_labels(wanted, size=11, bounds=BOUNDS)


def test_stack_keeps_spacing_and_stays_in_range():
    assert stack([10, 11, 12], 15, 0, 100) == [10, 25, 40]
    assert stack([95, 96, 97], 15, 0, 100) == [70, 85, 100]


def test_wrap_to_fits_the_width():
    for line in wrap_to("Support index = Σ(power × attitude) ÷ Σ(power) over each", 120, 11):
        assert measure(line, 11) <= 120 or " " not in line


def test_text_box_follows_the_anchor():
    start, end = text_box(100, 50, "abc", 10), text_box(100, 50, "abc", 10, anchor="end")
    assert start.x0 == 100 and end.x1 == 100


@pytest.mark.parametrize(
    ("first", "last", "step"),
    [
        (date(2026, 3, 2), date(2026, 3, 6), 1),  # a week: whole months
        (date(2026, 3, 2), date(2026, 9, 4), 1),
        (date(2022, 1, 5), date(2026, 9, 4), 12),  # years: a tick a year
    ],
)
def test_time_axis_ticks_fall_on_months_and_their_labels_never_collide(first, last, step):
    with translation.override("nl"):
        start, end, ticks, chosen = time_ticks(first, last, 560)
    assert start <= first < last < end
    assert all(tick.day == 1 for tick in ticks)
    assert chosen == step
    room = 560 * chosen / ((end.year - start.year) * 12 + end.month - start.month)
    assert room >= 40


def test_close_dates_share_one_month_tick():
    _start, _end, ticks, _step = time_ticks(date(2026, 3, 2), date(2026, 3, 6), 560)
    assert ticks == [date(2026, 3, 1), date(2026, 4, 1)]


NS = {"svg": "http://www.w3.org/2000/svg"}


def _text_boxes(svg: str) -> list[tuple[str, Box]]:
    import xml.etree.ElementTree as ET

    boxes = []
    for text in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text"):
        if text.get("transform") or text.get("visibility") == "hidden" or not text.text:
            continue
        size = float(text.get("font-size") or 12)
        bold = text.get("font-weight") == "bold"
        anchor = text.get("text-anchor") or "start"
        x, y = float(text.get("x")), float(text.get("y"))
        boxes.append((text.text, text_box(x, y, text.text, size, anchor=anchor, bold=bold)))
    return boxes


@pytest.mark.parametrize("name", ["support", "grid", "engagement", "feasibility", "coverage"])
def test_chart_texts_do_not_overlap(name):
    from analysis import charts
    from tests.analysis.test_analysis_charts import LINKS, data_for

    boxes = _text_boxes(charts.CHARTS[name](data_for(name), LINKS))
    for (a, p), (b, q) in combinations(boxes, 2):
        assert not p.overlaps(q, gap=-1.5), f"{a!r} overlaps {b!r}"


@pytest.mark.django_db
def test_network_labels_do_not_overlap_each_other_or_the_dots(team):
    from analysis.charts.network import network_labels
    from analysis.network import drawing, network
    from parties.services import relation_create
    from tests.factories import make_party

    hub = make_party(team.project, name="Gemeente Hoogveld, dienst welzijn en gezondheid")
    for k in range(25):
        party = make_party(team.project, name=f"Vereniging nummer {k} uit de wijk Kouterland")
        relation_create(
            project=team.project, data={"source": hub, "target": party, "kind": "works_with"}
        )
    labelled = network_labels(drawing(network(team.project, None)))
    shown = [node.label for node in labelled if node.label]
    assert shown
    boxes = [text_box(float(t.x), float(t.y), t.text, 12, anchor=t.anchor) for t in shown]
    for p, q in combinations(boxes, 2):
        assert not p.overlaps(q)
    # Whoever lost their label, or part of it, gets the full name on hover.
    for node in labelled:
        if node.label is None or node.label.text != node.drawn.node.name:
            assert node.hover is not None and node.hover.text == node.drawn.node.name
