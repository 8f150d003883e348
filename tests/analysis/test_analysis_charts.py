"""The charts as SVG: well-formed, accessible, every mark a link with a title, names escaped."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.utils import translation

from analysis import charts, compute
from analysis.compute import DatedScore, PartyFacts, Scores, SegmentFacts
from analysis.svg import to_png

NS = {"svg": "http://www.w3.org/2000/svg"}
EVIL = "<script>alert('x')</script> & \"Co\""
LINKS = charts.Links(party=lambda pk: f"/p/{pk}/", layer=lambda code: f"/l/?layer={code}")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def parties() -> list[PartyFacts]:
    return [
        PartyFacts(
            1,
            EVIL,
            layer="board",
            role="decides",
            ring="co_decides",
            latest=Scores(
                power=5,
                interest=4,
                legitimacy=4,
                urgency=4,
                attitude=-2,
                engagement_current="unaware",
                engagement_desired="leading",
            ),
            previous=Scores(assessed_on=date(2026, 1, 1), power=2, interest=2),
        ),
        PartyFacts(
            2,
            "School",
            layer="staff",
            kind="citizen_group",
            latest=Scores(power=2, interest=5, attitude=1),
        ),
        PartyFacts(3, "Not yet", layer="residents", role="benefits"),
    ]


def data_for(name: str):
    facts = parties()
    scores = [
        DatedScore(1, "board", date(2026, 1, 1), 2, -1),
        DatedScore(1, "board", date(2026, 2, 1), 5, -2),
        DatedScore(2, "staff", date(2026, 2, 1), 2, 1),
    ]
    return {
        "grid": lambda: compute.grid(facts, 4),
        "salience": lambda: compute.salience(facts),
        "positions": lambda: compute.positions(facts),
        "actors": lambda: compute.actors(facts),
        "engagement": lambda: compute.engagement(facts),
        "feasibility": lambda: compute.feasibility(facts),
        "coverage": lambda: compute.coverage(
            facts, [SegmentFacts(9, "Newcomers", (1,)), SegmentFacts(8, "Teens <b>")]
        ),
        "support": lambda: compute.support(scores),
    }[name]()


def empty_data_for(name: str):
    return {
        "grid": lambda: compute.grid([], 4),
        "salience": lambda: compute.salience([]),
        "positions": lambda: compute.positions([]),
        "actors": lambda: compute.actors([]),
        "engagement": lambda: compute.engagement([]),
        "feasibility": lambda: compute.feasibility([]),
        "coverage": lambda: compute.coverage([], []),
        "support": lambda: compute.support([]),
    }[name]()


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_chart_is_well_formed_accessible_svg(name):
    svg = charts.CHARTS[name](data_for(name), LINKS)
    root = parse(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    # A labelled group, not an image: an image's children (the links) would be hidden from
    # assistive technology.
    assert root.get("role") == "group"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None and title.text
    assert desc is not None and desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "style=" not in svg and "<style" not in svg  # the CSP forbids inline styles


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_every_link_has_a_target_and_a_hover_title(name):
    root = parse(charts.CHARTS[name](data_for(name), LINKS))
    links = root.findall(".//svg:a", NS)
    assert links, name
    for link in links:
        assert link.get("href").startswith(("/p/", "/l/", "#party-")), name
        assert link.find("svg:title", NS).text, name


@pytest.mark.parametrize(
    "name", ["grid", "salience", "positions", "actors", "engagement", "feasibility", "coverage"]
)
def test_party_marks_link_to_the_party_and_escape_its_name(name):
    svg = charts.CHARTS[name](data_for(name), LINKS)
    assert "<script>" not in svg
    root = parse(svg)
    titles = [a.find("svg:title", NS).text for a in root.findall(".//svg:a[@href='/p/1/']", NS)]
    assert titles and all(EVIL in title for title in titles), name


def test_coverage_escapes_segment_names():
    svg = charts.coverage_chart(data_for("coverage"), LINKS)
    assert "Teens <b>" not in svg and "Teens &lt;b&gt;" in svg
    assert "Teens <b>" in "".join(parse(svg).itertext())


@pytest.mark.parametrize(
    "name", ["grid", "salience", "positions", "actors", "engagement", "feasibility", "coverage"]
)
def test_control_characters_in_stored_names_leave_a_valid_svg_and_png(name):
    data = data_for(name)
    svg = charts.CHARTS[name](_with_controls(data), LINKS)
    assert "A\x01B" not in svg and "\x0b" not in svg
    parse(svg)
    assert to_png(svg).startswith(b"\x89PNG")


def _with_controls(data):
    """The same figures with every party and segment name carrying control characters."""
    if isinstance(data, list | tuple):
        return type(data)(_with_controls(item) for item in data)
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        changes = {
            field.name: _with_controls(getattr(data, field.name))
            for field in dataclasses.fields(data)
        }
        for key in ("name", "label"):
            if isinstance(changes.get(key), str):
                changes[key] = f"A\x01B\x0b{changes[key]}\x9f"
        return dataclasses.replace(data, **changes)
    return data


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_chart_of_an_empty_project(name):
    root = parse(charts.CHARTS[name](empty_data_for(name), LINKS))
    assert root.get("role") == "group"


def test_grid_draws_an_arrow_from_the_previous_cell():
    root = parse(charts.grid_chart(data_for("grid"), LINKS))
    arrows = [line for line in root.findall(".//svg:a/svg:line", NS) if line.get("marker-end")]
    assert len(arrows) == 1
    title = root.find(".//svg:a[svg:line]/svg:title", NS).text
    assert "power 2 → 5" in title and "interest 2 → 4" in title


def test_support_chart_labels_in_the_users_language():
    data = data_for("support")
    with translation.override("nl"):
        svg = charts.support_chart(data, LINKS)
    # Overall in February: (5×−2 + 2×1) / 7 = −8/7 ≈ −1,14, with a decimal comma.
    assert "−1,14" in svg
    with translation.override("en"):
        assert "−1.14" in charts.support_chart(data, LINKS)


def test_feasibility_chart_states_the_verdict():
    svg = charts.feasibility_chart(data_for("feasibility"), LINKS)
    # Opposition 5 × 2 = 10 against support 2 × 1 = 2.
    assert "Opposition outweighs support: 10 against 2." in svg


def test_png_rendering():
    png = to_png(charts.grid_chart(data_for("grid"), LINKS))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def _many(count: int) -> list[PartyFacts]:
    return [
        PartyFacts(
            n,
            f"Partij {n:04}",
            layer="staff",
            latest=Scores(
                power=1 + n % 5,
                interest=3,
                attitude=(n % 5) - 2,
                engagement_current="neutral",
                engagement_desired="leading" if n % 3 else "supportive",
            ),
        )
        for n in range(1, count + 1)
    ]


def _links_to_parties(svg: str) -> set[str]:
    links = parse(svg).iter(f"{{{NS['svg']}}}a")
    return {a.get("href") for a in links if a.get("href", "").startswith("/p/")}


def test_a_large_engagement_chart_draws_the_largest_gaps_and_says_so():
    data = compute.engagement(_many(400))
    svg = charts.CHARTS["engagement"](data, LINKS)
    parse(svg)
    drawn = _links_to_parties(svg)
    assert drawn == {f"/p/{row.party_id}/" for row in data.rows[:50]}
    assert all(row.gap >= data.rows[50].gap for row in data.rows[:50])
    assert "The 50 largest gaps of 400 parties" in svg


def test_a_large_feasibility_chart_draws_narrow_parties_together_at_the_same_length():
    data = compute.feasibility(_many(400))
    small = compute.feasibility(_many(400)[:20])
    svg = charts.CHARTS["feasibility"](data, LINKS)
    root = parse(svg)
    assert len(_links_to_parties(svg)) < 100
    titles = [t.text for t in root.iter(f"{{{NS['svg']}}}title") if "more parties" in t.text]
    assert len(titles) == 3  # one for each group
    assert "more parties" not in charts.CHARTS["feasibility"](small, LINKS)
    # Each bar still has the length of its group's whole weight.
    scale = 520 / max(group.weight for group in data.groups)
    ends: dict[str, float] = {}
    for rect in root.iter(f"{{{NS['svg']}}}rect"):
        if rect.get("height") == "46" and rect.get("stroke") == "#ffffff":
            end = float(rect.get("x")) + float(rect.get("width")) - 170
            ends[rect.get("y")] = max(ends.get(rect.get("y"), 0), end)
    assert sorted(ends.values()) == pytest.approx(
        sorted(group.weight * scale for group in data.groups), abs=0.1
    )


def test_a_large_coverage_chart_draws_fifty_columns_and_counts_all():
    facts = _many(120)
    data = compute.coverage(facts, [SegmentFacts(9, "Ouders", tuple(p.id for p in facts))])
    svg = charts.CHARTS["coverage"](data, LINKS)
    parse(svg)
    assert len(_links_to_parties(svg)) == 50
    assert "120 parties" in svg  # the row's count is of every party
    assert "The first 50 of 120 parties that reach a segment" in svg


def test_a_limited_key_names_the_first_numbers_and_counts_the_rest():
    data = compute.grid(_many(300), 4)
    keyed = dataclasses.replace(LINKS, row=lambda chart, pk: f"/{chart}/#party-{pk}")
    whole = charts.CHARTS["grid"](data, keyed)
    short = charts.CHARTS["grid"](data, dataclasses.replace(keyed, key_limit=10))
    parse(short)
    assert "Numbers in the chart:" in whole and "more numbers" not in whole
    named = len(re.findall(r"font-size=\"10\">Partij", whole))
    assert len(re.findall(r"font-size=\"10\">Partij", short)) == 10 < named
    assert f"and {named - 10} more numbers, named in the table" in short
