"""The demo's local figures: imported from the shipped table, with the region, the country,
two districts, two periods, bounds for some, and a segment tied to a district."""

from __future__ import annotations

import pytest

from evidence.figures import selectors
from evidence.figures.models import Figure, Indicator, RegionLevel, SegmentDistrict
from projects.demo import demo_load

pytestmark = pytest.mark.django_db


def test_the_demo_imports_its_figures_table_and_ties_a_segment_to_a_district():
    project, _created = demo_load()
    indicators = Indicator.objects.filter(project=project)
    assert indicators.count() == 4
    assert all("verzonnen" in i.source for i in indicators)
    figures = Figure.objects.filter(indicator__project=project)
    assert set(figures.values_list("region_level", flat=True)) == {
        RegionLevel.MUNICIPALITY, RegionLevel.DISTRICT, RegionLevel.REGION, RegionLevel.COUNTRY,
    }
    assert set(figures.values_list("period", flat=True)) == {"2018", "2023"}
    assert figures.filter(lower__isnull=False).exists()
    assert figures.filter(lower__isnull=True).exists()
    health = indicators.get(name__startswith="Ervaren gezondheid")
    comparison = selectors.comparison(health, project)
    assert comparison.flagged  # the Kouterwijk's interval lies wholly below the town's
    tied = SegmentDistrict.objects.get(segment__project=project)
    assert tied.region_code == "46029A"
    profile = selectors.profile(project, "46029A")
    assert [s.name for s in profile.segments] == [tied.segment.name]
