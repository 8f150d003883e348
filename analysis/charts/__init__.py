"""Each analysis drawn as an SVG string, from the plain data in analysis.compute: one module per
picture beside the shared drawing helpers in `common`."""

from __future__ import annotations

from collections.abc import Callable

from analysis.charts.actors import actors_chart
from analysis.charts.common import Links
from analysis.charts.coverage import coverage_chart
from analysis.charts.engagement import engagement_chart
from analysis.charts.feasibility import feasibility_chart, verdict_text
from analysis.charts.grid import grid_chart
from analysis.charts.positions import positions_chart
from analysis.charts.salience import salience_chart
from analysis.charts.support import support_chart

CHARTS: dict[str, Callable[..., str]] = {
    "grid": grid_chart,
    "salience": salience_chart,
    "positions": positions_chart,
    "actors": actors_chart,
    "engagement": engagement_chart,
    "feasibility": feasibility_chart,
    "coverage": coverage_chart,
    "support": support_chart,
}

__all__ = [
    "CHARTS",
    "Links",
    "actors_chart",
    "coverage_chart",
    "engagement_chart",
    "feasibility_chart",
    "grid_chart",
    "positions_chart",
    "salience_chart",
    "support_chart",
    "verdict_text",
]
