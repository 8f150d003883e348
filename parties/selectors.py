from __future__ import annotations

from django.db.models import F, Q, QuerySet

from parties.models import Assessment, Party, Quadrant, Relation
from projects.models import Project

_SEARCH_FIELDS = (
    "name",
    "goals",
    "interests",
    "activities",
    "position",
    "working_methods",
    "health_contribution",
    "theme_expertise",
    "own_identity",
    "contacts__name",
)


def _sorts() -> dict[str, list]:
    name = F("sort_name")
    return {
        "name": [name.asc()],
        "-name": [name.desc()],
        "-power": [F("latest_assessment__power").desc(nulls_last=True), name.asc()],
        "-interest": [F("latest_assessment__interest").desc(nulls_last=True), name.asc()],
        "attitude": [F("latest_assessment__attitude").asc(nulls_last=True), name.asc()],
        "-attitude": [F("latest_assessment__attitude").desc(nulls_last=True), name.asc()],
        "layer": [F("layer").asc(), name.asc()],
        "-updated": [F("updated_at").desc(), name.asc()],
    }


def quadrant_q(quadrant: str, threshold: int) -> Q:
    power_high = Q(latest_assessment__power__gte=threshold)
    interest_high = Q(latest_assessment__interest__gte=threshold)
    assessed = Q(latest_assessment__isnull=False)
    return {
        Quadrant.MANAGE_CLOSELY: power_high & interest_high,
        Quadrant.KEEP_SATISFIED: power_high & ~interest_high & assessed,
        Quadrant.KEEP_INFORMED: ~power_high & interest_high & assessed,
        Quadrant.MONITOR: ~power_high & ~interest_high & assessed,
        "unassessed": Q(latest_assessment__isnull=True),
    }[quadrant]


def party_list(*, project: Project, filters: dict) -> QuerySet[Party]:
    """The project's parties with their latest assessment, filtered and sorted as the list asks."""
    parties = Party.objects.filter(project=project).select_related("latest_assessment")
    if term := (filters.get("q") or "").strip():
        match = Q()
        for field in _SEARCH_FIELDS:
            match |= Q(**{f"{field}__icontains": term})
        parties = parties.filter(
            pk__in=Party.objects.filter(project=project).filter(match).values("pk")
        )
    for field in ("layer", "sector", "role", "ring"):
        if filters.get(field):
            parties = parties.filter(**{field: filters[field]})
    if filters.get("attitude") is not None:
        parties = parties.filter(latest_assessment__attitude=filters["attitude"])
    if filters.get("engagement"):
        parties = parties.filter(latest_assessment__engagement_current=filters["engagement"])
    if filters.get("quadrant"):
        parties = parties.filter(quadrant_q(filters["quadrant"], project.quadrant_threshold))
    if filters.get("core") in ("yes", "no"):
        parties = parties.filter(in_core_group=filters["core"] == "yes")
    if filters.get("voice") in ("yes", "no"):
        parties = parties.filter(speaks_for_target_group=filters["voice"] == "yes")
    sorts = _sorts()
    return parties.order_by(*sorts.get(filters.get("sort") or "name", sorts["name"]))


def party_assessments(*, party: Party) -> QuerySet[Assessment]:
    return party.assessments.select_related("assessed_by").order_by(
        "-assessed_on", "-created_at", "-id"
    )


def party_relations(*, party: Party) -> QuerySet[Relation]:
    """The party's relations in both directions, leaving out parties in the bin."""
    # "Not in the bin" written as NOT (... IS NOT NULL): as a plain IS NULL, SQLite read every
    # relation of every project through the bin's index instead of this party's two indexes.
    return (
        Relation.everything.filter(Q(source=party) | Q(target=party))
        .exclude(deleted_at__isnull=False)
        .filter(source__deleted_at__isnull=True, target__deleted_at__isnull=True)
        .select_related("source", "target")
        .order_by("kind", "pk")
    )
