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


# --- grid and actor map: whole names where they fit, else numbers that lead to the table ----

SVG = "{http://www.w3.org/2000/svg}"


def _crowded_and_quiet():
    """Twelve parties in one grid cell (and one sector ring), one alone in another."""
    from analysis.compute import PartyFacts, Scores

    crowded = [
        PartyFacts(
            k,
            f"Huisartsenpraktijk nummer {k}",
            role="decides",
            ring="informed",
            latest=Scores(power=5, interest=5, attitude=k % 5 - 2),
        )
        for k in range(1, 13)
    ]
    quiet = PartyFacts(
        99,
        "Wijkteam Kouterland",
        role="benefits",
        ring="informed",
        latest=Scores(power=1, interest=1, attitude=1),
    )
    return [*crowded, quiet]


def _texts(svg: str) -> list[str]:
    import xml.etree.ElementTree as ET

    return [text.text or "" for text in ET.fromstring(svg).iter(f"{SVG}text")]


def _links_by_href(svg: str) -> dict[str, str]:
    import xml.etree.ElementTree as ET

    return {
        link.get("href"): link.find(f"{SVG}title").text
        for link in ET.fromstring(svg).iter(f"{SVG}a")
    }


def _assert_no_overlaps(svg: str) -> None:
    boxes = _text_boxes(svg)
    for (a, p), (b, q) in combinations(boxes, 2):
        assert not p.overlaps(q, gap=-1.5), f"{a!r} overlaps {b!r}"


def test_grid_a_crowded_cell_shows_numbers_and_a_quiet_one_the_whole_name():
    from analysis import charts, compute
    from tests.analysis.test_analysis_charts import LINKS

    data = compute.grid(_crowded_and_quiet(), 4)
    svg = charts.grid_chart(data, LINKS)
    texts = _texts(svg)
    assert "Wijkteam Kouterland" in texts
    assert not any(text.startswith("Huisartsenpraktijk") for text in texts)
    assert not any("…" in text for text in texts)
    links = _links_by_href(svg)
    # Numbered in the table's order (the marks' order); each number leads to its row and
    # names the party in full on hover.
    for number, mark in enumerate(data.marks, start=1):
        if mark.party_id == 99:
            assert links["/p/99/"].startswith("Wijkteam Kouterland:")
            continue
        assert str(number) in texts
        assert links[f"#party-{mark.party_id}"].startswith(f"{number}. {mark.name}:")
    _assert_no_overlaps(svg)


def test_grid_a_name_too_long_for_its_cell_becomes_its_number():
    from analysis import charts, compute
    from analysis.compute import PartyFacts, Scores
    from tests.analysis.test_analysis_charts import LINKS

    long = "Gemeente Hoogveld, dienst welzijn, gezondheid en samenleven"
    facts = [
        PartyFacts(1, "GGD", latest=Scores(power=2, interest=2)),
        PartyFacts(2, long, latest=Scores(power=2, interest=2)),
    ]
    svg = charts.grid_chart(compute.grid(facts, 4), LINKS)
    texts = _texts(svg)
    assert "GGD" in texts and long not in texts and "2" in texts
    assert _links_by_href(svg)["#party-2"].startswith(f"2. {long}")


def test_grid_many_parties_in_every_cell_never_overlap():
    from analysis import charts, compute
    from analysis.compute import PartyFacts, Scores
    from tests.analysis.test_analysis_charts import LINKS

    facts = [
        PartyFacts(
            k,
            f"Vereniging {k} uit de wijk",
            latest=Scores(power=k % 5 + 1, interest=k // 5 % 5 + 1),
        )
        for k in range(160)
    ]
    _assert_no_overlaps(charts.grid_chart(compute.grid(facts, 4), LINKS))


def test_actor_map_names_what_fits_and_numbers_the_rest():
    from analysis import charts, compute
    from tests.analysis.test_analysis_charts import LINKS

    data = compute.actors(_crowded_and_quiet())
    svg = charts.actors_chart(data, LINKS)
    texts = _texts(svg)
    assert "Wijkteam Kouterland" in texts
    assert not any("…" in text for text in texts)
    links = _links_by_href(svg)
    numbered = [mark for mark in data.marks if f"#party-{mark.party_id}" in links]
    assert numbered, "a crowded ring of a sector gets numbers"
    for mark in numbered:
        assert str(mark.number) in texts and mark.name not in texts
        assert links[f"#party-{mark.party_id}"].startswith(f"{mark.number}. {mark.name}:")
    for mark in data.marks:
        assert (mark.name in texts) != (mark in numbered), mark.name
    _assert_no_overlaps(svg)


def test_actor_map_with_a_crowded_register_never_overlaps():
    from analysis import charts, compute
    from analysis.compute import RINGS, ROLES, PartyFacts, Scores
    from tests.analysis.test_analysis_charts import LINKS

    facts = [
        PartyFacts(
            k,
            f"Partij {k}" if k % 3 else f"Stichting voor welzijn en zorg {k}",
            role=ROLES[k % 4],
            ring=RINGS[k // 4 % 4],
            latest=Scores(attitude=k % 5 - 2) if k % 7 else None,
        )
        for k in range(60)
    ]
    _assert_no_overlaps(charts.actors_chart(compute.actors(facts), LINKS))


@pytest.mark.parametrize("name", ["grid", "actors"])
def test_a_chart_away_from_its_table_lists_its_numbers(name):
    from analysis import charts, compute
    from analysis.charts import Links

    facts = _crowded_and_quiet()
    data = compute.grid(facts, 4) if name == "grid" else compute.actors(facts)
    on_page = charts.CHARTS[name](data, Links(party=str, layer=str))
    away = charts.CHARTS[name](
        data, Links(party=str, layer=str, row=lambda chart, pk: f"/{chart}/#party-{pk}")
    )
    numbered = [href for href in _links_by_href(on_page) if href.startswith("#party-")]
    assert numbered
    for href in numbered:
        name_of = f"Huisartsenpraktijk nummer {href.removeprefix('#party-')}"
        assert name_of not in _texts(on_page)
        assert name_of in _texts(away)
        assert f"/{name}/{href}" in _links_by_href(away)
    _assert_no_overlaps(away)


@pytest.mark.django_db
def test_grid_numbers_match_the_table_the_download_and_the_overview(client, team):
    import re

    from django.urls import reverse

    from tests.factories import assess, make_party

    project = team.project
    for k in range(9):  # one crowded cell: every party there shows its number
        assess(make_party(project, name=f"Zorgaanbieder {k:02d} in de regio"), power=5, interest=5)
    client.force_login(team.owner)
    page = client.get(reverse("analysis:grid", args=[project.pk])).content.decode()
    rows = re.findall(r'<tr id="party-(\d+)">\s*<td class="num">(\d+)</td>', page)
    assert len(rows) == 9
    grid_url = reverse("analysis:grid", args=[project.pk])
    download = client.get(reverse("analysis:grid_svg", args=[project.pk])).content.decode()
    overview = client.get(reverse("analysis:overview", args=[project.pk])).content.decode()
    for party_id, number in rows:
        # On the page the number leads to the row; elsewhere to the row on the grid's page.
        assert re.search(rf'<a href="#party-{party_id}"><title>{number}\. ', page)
        assert re.search(
            rf'<a href="[^"]*{grid_url}#party-{party_id}"><title>{number}\. ', download
        )
        assert re.search(rf'<a href="{grid_url}#party-{party_id}"><title>{number}\. ', overview)
