"""The place against its region and the country: which bars, which reference lines, and a
difference flagged only when confidence intervals do not overlap; charts without overlaps."""

from __future__ import annotations

from datetime import date
from itertools import combinations

import pytest
from django.utils import translation

from analysis.charts.figures import bars_chart, trend_chart
from evidence.figures.compare import Point, compare, district_profile, parent_code
from tests.analysis.test_chart_layout import _text_boxes


@pytest.fixture(autouse=True)
def _english():
    # The messages are checked in English; Dutch, the default, has its own test.
    with translation.override("en"):
        yield


def _p(code, name, level, value, year=2022, lower=None, upper=None):
    return Point(code, name, level, str(year), date(year, 1, 1), value, lower, upper)


POINTS = [
    _p("GM0363", "Amsterdam", "municipality", 17.5, lower=16.8, upper=18.2),
    _p("GG3406", "GGD Amsterdam", "region", 18.0, lower=17.2, upper=18.8),
    _p("NL01", "Nederland", "country", 19.1, lower=18.9, upper=19.3),
    _p("WK036300", "Centrum", "district", 22.0, lower=19.9, upper=24.1),
    _p("WK036301", "Burgwallen-Oude Zijde met een heel lange naam", "district", 17.0),
    _p("GM0363", "Amsterdam", "municipality", 18.5, year=2018),
    _p("NL01", "Nederland", "country", 20.0, year=2018),
    _p("GG3406", "GGD Amsterdam", "region", 18.7, year=2018),
]


def test_the_place_comes_first_then_region_country_and_districts():
    result = compare(name="Roken", unit="%", points=POINTS, place_codes=["GM0363"])
    assert result.period == "2022"
    assert [b.point.code for b in result.bars] == [
        "GM0363", "GG3406", "NL01", "WK036301", "WK036300"
    ]
    assert result.bars[0].is_place
    assert [p.code for p in result.references] == ["GM0363", "GG3406", "NL01"]
    assert result.periods == ["2018", "2022"]
    assert [s.name for s in result.series] == ["Amsterdam", "GGD Amsterdam", "Nederland"]


def test_only_intervals_that_do_not_overlap_are_flagged():
    result = compare(name="Roken", unit="%", points=POINTS, place_codes=["GM0363"])
    flags = {b.point.code: b.differs for b in result.bars}
    # the country's interval lies above the place's; the region's overlaps it; the district
    # without bounds is never flagged, however far its value lies
    assert flags == {
        "GM0363": "", "GG3406": "", "NL01": "higher", "WK036300": "higher", "WK036301": ""
    }


def test_a_district_profile_sets_each_district_against_its_municipality():
    lines = district_profile([(1, "Roken", "%", POINTS)], "WK036300")
    assert len(lines) == 1 and lines[0].municipality.code == "GM0363"
    assert lines[0].differs == "higher"
    assert parent_code("BU03630000") == "GM0363" and parent_code("44021A00-") == "44021"


def _no_overlaps(svg: str) -> None:
    boxes = _text_boxes(svg)
    assert boxes
    for (a, p), (b, q) in combinations(boxes, 2):
        assert not p.overlaps(q, gap=-1.5), f"{a!r} overlaps {b!r}"


def test_the_charts_have_no_overlapping_texts_also_at_phone_width():
    many = POINTS + [
        _p(f"WK0363{n:02d}", f"Wijk nummer {n} aan de lange kant van de stad", "district", n)
        for n in range(2, 30)
    ]
    # series that end close together
    close = POINTS + [_p("GG1", "Regio twee", "region", 17.6), _p("GG1", "Regio twee", "region",
                                                                   18.6, year=2018)]
    for width in (640, 360):
        for points in (POINTS, many, close):
            result = compare(name="Roken", unit="%", points=points, place_codes=["GM0363"])
            _no_overlaps(bars_chart(result, width=width))
            _no_overlaps(trend_chart(result, width=width))


def test_an_empty_indicator_draws_a_message():
    result = compare(name="Roken", unit="%", points=[])
    assert "No figures yet" in bars_chart(result)
