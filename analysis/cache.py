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
from django.db.models import CharField, Count, F, Max, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import get_language

from parties.models import Assessment, Party, Relation
from projects.models import Project, TargetSegment

T = TypeVar("T")

CACHE_ALIAS = "default"
# A day: an entry for an old version is never read again, so this only bounds the space.
TIMEOUT = 24 * 60 * 60


def _figures(queryset: QuerySet, **aggregates: object) -> Subquery:
    """Several figures of one table, joined in one text: one scan of the table per table."""
    parts: list[object] = []
    for name in aggregates:
        parts += [Cast(F(name), CharField()), Value("|")]
    return Subquery(
        queryset.order_by()
        .values(group=Value(1))
        .annotate(**aggregates)
        .annotate(figure=Concat(*parts, output_field=CharField()))
        .values("figure")[:1]
    )


def inputs_version(project: Project) -> str:
    """A short fingerprint of everything the analyses read, in one query.

    Counts catch removals and the bin, maxima of ids catch additions, and the sums of the lock
    versions with the maxima of `updated_at` catch edits (every change raises a row's version,
    even one saved with only some fields, which leaves `updated_at` alone).
    """
    binned = Count("id", filter=Q(deleted_at__isnull=False))
    # Prefixed: the project model has fields called parties, relations and segments.
    figures = {
        "v_parties": _figures(
            Party.everything.filter(project=OuterRef("pk")),
            n=Count("id"),
            binned=binned,
            last=Max("id"),
            at=Max("updated_at"),
            versions=Sum("version"),
        ),
        "v_relations": _figures(
            Relation.everything.filter(project=OuterRef("pk")),
            n=Count("id"),
            binned=binned,
            last=Max("id"),
            at=Max("updated_at"),
            versions=Sum("version"),
        ),
        "v_assessments": _figures(
            Assessment.objects.filter(party__project=OuterRef("pk")),
            n=Count("id"),
            last=Max("id"),
        ),
        "v_segments": _figures(
            TargetSegment.objects.filter(project=OuterRef("pk")),
            n=Count("id"),
            last=Max("id"),
            versions=Sum("version"),
        ),
        "v_reach": _figures(
            Party.segments.through.objects.filter(party__project=OuterRef("pk")),
            n=Count("id"),
            last=Max("id"),
        ),
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


def lookup(project: Project, version: str, *names: tuple[object, ...]) -> list[object | None]:
    """Several entries of one project version in one round trip; None where missing.
    Each name is a tuple: the entry's name and its parameters."""
    keys = [key(project, str(name[0]), version, *name[1:]) for name in names]
    found = caches[CACHE_ALIAS].get_many(keys)
    return [found.get(entry_key) for entry_key in keys]


def store(project: Project, version: str, entries: dict[tuple[object, ...], object]) -> None:
    """Keep several entries of one project version."""
    caches[CACHE_ALIAS].set_many(
        {key(project, str(name[0]), version, *name[1:]): value for name, value in entries.items()},
        TIMEOUT,
    )
