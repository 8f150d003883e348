"""Reads for the analyses: a fixed number of queries each, whatever the size of the register.

Each function takes a project (already checked by projects.access) and returns a plain
dataclass from analysis.compute; `as_json(name, project)` gives the same as JSON-safe data.

Queries: grid 2, salience 1, positions 1, actors 1, engagement 1, feasibility 1,
coverage 3, support 1, overview 5.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber

from analysis import compute
from parties.models import Assessment, Party
from projects.models import Project

_SCORE_FIELDS = (
    "assessed_on",
    "power",
    "interest",
    "legitimacy",
    "urgency",
    "attitude",
    "engagement_current",
    "engagement_desired",
)


def _scores(row: dict, prefix: str = "") -> compute.Scores | None:
    if row[f"{prefix}assessed_on"] is None:
        return None
    return compute.Scores(**{name: row[f"{prefix}{name}"] for name in _SCORE_FIELDS})


def _alive_assessments(project: Project) -> QuerySet[Assessment]:
    # Party.objects leaves the bin out; assessments are reached through their party.
    return Assessment.objects.filter(party__project=project, party__deleted_at__isnull=True)


def _previous(project: Project) -> dict[int, compute.Scores]:
    """Each party's assessment before its latest one, in one query (a window per party)."""
    ranked = (
        _alive_assessments(project)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("party_id")],
                order_by=[F("assessed_on").desc(), F("created_at").desc(), F("id").desc()],
            )
        )
        .filter(rank=2)
        .values("party_id", *_SCORE_FIELDS)
    )
    return {row["party_id"]: _scores(row) for row in ranked}


def _parties(project: Project, *, with_previous: bool = False) -> list[compute.PartyFacts]:
    """The register's parties (bin left out) by name, each with its latest assessment."""
    rows = (
        Party.objects.filter(project=project)
        .order_by("sort_name", "pk")
        .values(
            "id",
            "name",
            "layer",
            "kind",
            "role",
            "ring",
            "speaks_for_target_group",
            *(f"latest_assessment__{name}" for name in _SCORE_FIELDS),
        )
    )
    previous = _previous(project) if with_previous else {}
    return [
        compute.PartyFacts(
            id=row["id"],
            name=row["name"],
            layer=row["layer"],
            kind=row["kind"],
            role=row["role"],
            ring=row["ring"],
            speaks_for_target_group=row["speaks_for_target_group"],
            latest=_scores(row, "latest_assessment__"),
            previous=previous.get(row["id"]),
        )
        for row in rows
    ]


def _segments(project: Project) -> list[compute.SegmentFacts]:
    links = Party.segments.through.objects.filter(
        party__project=project, party__deleted_at__isnull=True, targetsegment__project=project
    ).values_list("targetsegment_id", "party_id")
    reached: dict[int, list[int]] = defaultdict(list)
    for segment_id, party_id in links:
        reached[segment_id].append(party_id)
    return [
        compute.SegmentFacts(pk, name, tuple(reached[pk]))
        for pk, name in project.segments.order_by("name", "pk").values_list("pk", "name")
    ]


def _dated_scores(project: Project) -> list[compute.DatedScore]:
    rows = (
        _alive_assessments(project)
        .order_by("assessed_on", "created_at", "id")
        .values_list("party_id", "party__layer", "assessed_on", "power", "attitude")
    )
    return [compute.DatedScore(*row) for row in rows]


def grid(project: Project) -> compute.Grid:
    return compute.grid(_parties(project, with_previous=True), project.quadrant_threshold)


def salience(project: Project) -> compute.Salience:
    return compute.salience(_parties(project))


def positions(project: Project) -> compute.Positions:
    return compute.positions(_parties(project))


def actors(project: Project) -> compute.Actors:
    return compute.actors(_parties(project))


def engagement(project: Project) -> compute.EngagementMatrix:
    return compute.engagement(_parties(project))


def feasibility(project: Project) -> compute.Feasibility:
    return compute.feasibility(_parties(project))


def coverage(project: Project) -> compute.Coverage:
    return compute.coverage(_parties(project), _segments(project))


def support(project: Project) -> compute.Support:
    return compute.support(_dated_scores(project))


def overview(project: Project) -> compute.Overview:
    parties = _parties(project, with_previous=True)
    threshold = project.quadrant_threshold
    return compute.Overview(
        grid=compute.grid(parties, threshold),
        support=compute.support(_dated_scores(project)),
        feasibility=compute.feasibility(parties),
        coverage=compute.coverage(parties, _segments(project)),
        approach_next=compute.approach_next(parties, threshold),
    )


def everything(project: Project) -> dict[str, Any]:
    """Every analysis and the overview, each as its own selector returns it, reading the
    register once (6 queries): what the worker prepares after a change."""
    parties = _parties(project, with_previous=True)
    threshold = project.quadrant_threshold
    result = {
        "grid": compute.grid(parties, threshold),
        "salience": compute.salience(parties),
        "positions": compute.positions(parties),
        "actors": compute.actors(parties),
        "engagement": compute.engagement(parties),
        "feasibility": compute.feasibility(parties),
        "coverage": compute.coverage(parties, _segments(project)),
        "support": compute.support(_dated_scores(project)),
    }
    result["overview"] = compute.Overview(
        grid=result["grid"],
        support=result["support"],
        feasibility=result["feasibility"],
        coverage=result["coverage"],
        approach_next=compute.approach_next(parties, threshold),
    )
    return result


SELECTORS: dict[str, Callable[[Project], Any]] = {
    "grid": grid,
    "salience": salience,
    "positions": positions,
    "actors": actors,
    "engagement": engagement,
    "feasibility": feasibility,
    "coverage": coverage,
    "support": support,
    "overview": overview,
}


def as_json(name: str, project: Project) -> dict:
    """The analysis `name` (a key of SELECTORS) as JSON-safe data, for the API."""
    return compute.to_json(SELECTORS[name](project))
