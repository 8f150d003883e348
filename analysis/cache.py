"""Each analysis's figures and drawing, kept for the project's current inputs.

The key holds an "inputs version": one aggregate query over what the analyses read (parties,
their assessments, relations, segments and who reaches them, and the project's own settings).
Any new, changed, binned or removed row changes it, so a stale entry is never read again; it
simply expires. Entries live in Django's cache framework, whose backend every app server
shares (the database by default, Redis when configured), never in one process's memory.

Access checks run before any lookup: the key names the project, so one project's entry can
only be reached by a request that was allowed to see that project.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.db.models import Count, Max, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language

from parties.models import Assessment, Party, Relation
from projects.models import Project, TargetSegment

T = TypeVar("T")

CACHE_ALIAS = "default"
# A day: an entry for an old version is never read again, so this only bounds the space.
TIMEOUT = 24 * 60 * 60


def _aggregate(queryset: QuerySet, expression: object) -> Subquery:
    """One figure of the rows of a project, as a subquery of the project row."""
    return Subquery(
        queryset.order_by().values(group=Value(1)).annotate(figure=expression).values("figure")[:1]
    )


def inputs_version(project: Project) -> str:
    """A short fingerprint of everything the analyses read, in one query.

    Counts catch removals and the bin, maxima of ids catch additions, and the sums of the lock
    versions with the maxima of `updated_at` catch edits (every change raises a row's version,
    even one saved with only some fields, which leaves `updated_at` alone).
    """
    parties = Party.everything.filter(project=OuterRef("pk"))
    relations = Relation.everything.filter(project=OuterRef("pk"))
    assessments = Assessment.objects.filter(party__project=OuterRef("pk"))
    segments = TargetSegment.objects.filter(project=OuterRef("pk"))
    reach = Party.segments.through.objects.filter(party__project=OuterRef("pk"))
    # Prefixed: the project model has fields called parties, relations and segments.
    figures = {
        "v_parties": _aggregate(parties, Count("id")),
        "v_parties_alive": _aggregate(parties.filter(deleted_at__isnull=True), Count("id")),
        "v_parties_max": _aggregate(parties, Max("id")),
        "v_parties_at": _aggregate(parties, Max("updated_at")),
        "v_parties_versions": _aggregate(parties, Coalesce(Sum("version"), 0)),
        "v_relations": _aggregate(relations, Count("id")),
        "v_relations_alive": _aggregate(relations.filter(deleted_at__isnull=True), Count("id")),
        "v_relations_max": _aggregate(relations, Max("id")),
        "v_relations_at": _aggregate(relations, Max("updated_at")),
        "v_relations_versions": _aggregate(relations, Coalesce(Sum("version"), 0)),
        "v_assessments": _aggregate(assessments, Count("id")),
        "v_assessments_max": _aggregate(assessments, Max("id")),
        "v_segments": _aggregate(segments, Count("id")),
        "v_segments_max": _aggregate(segments, Max("id")),
        "v_segments_versions": _aggregate(segments, Coalesce(Sum("version"), 0)),
        "v_reach": _aggregate(reach, Count("id")),
        "v_reach_max": _aggregate(reach, Max("id")),
    }
    row = (
        Project.objects.filter(pk=project.pk)
        .annotate(**figures)
        .values("updated_at", *figures)
        .first()
    )
    return hashlib.sha256(repr(sorted((row or {}).items())).encode()).hexdigest()[:24]


def key(project: Project, name: str, version: str, *params: object) -> str:
    """The cache key of one analysis: project, inputs, language and the view's parameters."""
    # Relations whose end date has passed drop out of the network at midnight.
    today = timezone.localdate().isoformat()
    raw = repr((name, version, get_language(), today, params))
    return f"analysis:{project.pk}:{name}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


def cached(
    project: Project, name: str, build: Callable[[], T], *params: object, version: str = ""
) -> T:
    """What `build()` returns for the project's current inputs; built only when they changed."""
    cache = caches[CACHE_ALIAS]
    entry_key = key(project, name, version or inputs_version(project), *params)
    found = cache.get(entry_key)
    if found is not None:
        return found
    value = build()
    cache.set(entry_key, value, TIMEOUT)
    return value
