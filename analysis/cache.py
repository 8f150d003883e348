"""Each analysis's figures and drawing, kept for the project's current inputs.

The key holds an "inputs version": one aggregate query over what the analyses read (parties,
their assessments, relations, segments and who reaches them, and the project's own settings).
Any new, changed, binned or removed row changes it, so a stale entry is never read again; it
simply expires. Entries live in Django's cache framework, whose backend every app server
shares (the database by default, Redis when configured), never in one process's memory.

The fingerprint scans each table once, which grows with the register; a visit reads it from
the cache instead (`current_version`). What a visit finds there carries the project's "change
token": every recorded write of something the analyses read replaces that token once it
commits (`inputs_changed`, called by `history.services.version_record`, by merges and by the
bulk writes of imports), so a fingerprint taken before such a write is never used after it.
A write that bypasses the services is still seen within VERSION_TIMEOUT seconds, when the
fingerprint is taken again.

Access checks run before any lookup: the key names the project, so one project's entry can
only be reached by a request that was allowed to see that project.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from django.core.cache import caches
from django.db import transaction
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
# How long a fingerprint is trusted without a recorded write: the bound on how late a change
# made outside the services (a console, a script) shows. Taking it again costs one query.
VERSION_TIMEOUT = 10
# At most one refresh of a project's analyses waits in the queue; if its worker dies, another
# may be queued after this long.
QUEUED_TIMEOUT = 10 * 60
# Raised when what an entry holds changes shape, so an older entry is never unpickled.
SCHEMA = 3


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

    Counts catch removals and the bin, maxima of ids catch additions, and sums catch edits: of
    the parties' `analysis_stamp`, which only a change to a field the analyses read raises
    (analysis.inputs), so an edit of a party's goals leaves the version as it was; of the
    relations' lock versions with the maxima of `updated_at` (every change raises a row's
    version, even one saved with only some fields, which leaves `updated_at` alone).
    """
    binned = Count("id", filter=Q(deleted_at__isnull=False))
    # Prefixed: the project model has fields called parties, relations and segments.
    figures = {
        "v_parties": _figures(
            Party.everything.filter(project=OuterRef("pk")),
            n=Count("id"),
            binned=binned,
            last=Max("id"),
            stamps=Sum("analysis_stamp"),
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
        .values("updated_at", "version", "quadrant_threshold", *figures)
        .first()
    )
    return hashlib.sha256(repr(sorted((row or {}).items())).encode()).hexdigest()[:24]


# Entries of plain figures, the same in every language: kept once.
SAME_IN_EVERY_LANGUAGE = {"rows", "network-nodes", "network-rows"}


def key(project: Project, name: str, version: str, *params: object) -> str:
    """The cache key of one analysis: project, inputs, language and the view's parameters."""
    # Relations whose end date has passed drop out of the network at midnight; the other
    # analyses do not depend on the day.
    today = timezone.localdate().isoformat() if name.startswith("network") else ""
    language = "" if name in SAME_IN_EVERY_LANGUAGE else get_language()
    raw = repr((SCHEMA, name, version, language, today, params))
    return f"analysis:{project.pk}:{name}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


def cached(
    project: Project, name: str, build: Callable[[], T], *params: object, version: str = ""
) -> T:
    """What `build()` returns for the project's current inputs; built only when they changed."""
    version = version or current_version(project)
    (found,) = lookup(project, version, (name, *params))
    if found is not None:
        return found
    value = build()
    store(project, version, {(name, *params): value})
    return value


def lookup(project: Project, version: str, *names: tuple[object, ...]) -> list[object | None]:
    """Several entries of one project version in one round trip; None where missing.
    Each name is a tuple: the entry's name and its parameters."""
    keys = [key(project, str(name[0]), version, *name[1:]) for name in names]
    found = caches[CACHE_ALIAS].get_many(keys)
    return [found.get(entry_key) for entry_key in keys]


def store(
    project: Project, version: str, entries: dict[tuple[object, ...], object]
) -> list[str]:
    """Keep several entries of one project version; returns their keys. What was kept for an
    older version goes: it is never read again, so the cache holds about one version of each
    project however often the register changes."""
    cache = caches[CACHE_ALIAS]
    keyed = {
        key(project, str(name[0]), version, *name[1:]): value for name, value in entries.items()
    }
    cache.set_many(keyed, TIMEOUT)
    kept_version, kept = cache.get(prepared_key(project.pk)) or ("", [])
    if kept_version == version:
        keys = list(dict.fromkeys(kept + list(keyed)))
    else:
        cache.delete_many(kept)
        keys = list(keyed)
    cache.set(prepared_key(project.pk), (version, keys), TIMEOUT)
    return list(keyed)


def prepared_key(project_id: int) -> str:
    """The keys of the entries kept for the project's latest version (and that version)."""
    return f"analysis:{project_id}:prepared"


def _token_key(project_id: int) -> str:
    return f"analysis:{project_id}:token"


def version_key(project_id: int) -> str:
    """The project's inputs version as last taken, with the change token it was taken under."""
    return f"analysis:{project_id}:version"


def queued_key(project_id: int) -> str:
    """Set while a refresh of the project's analyses waits in the queue."""
    return f"analysis:{project_id}:queued"


def current_version(project: Project) -> str:
    """The project's inputs version, from the cache when no write was recorded since it was
    taken (one lookup), else taken again (`inputs_version`)."""
    return current_token_and_version(project)[1]


def current_token_and_version(project: Project) -> tuple[str | None, str]:
    """The project's change token and inputs version (see `current_version`)."""
    cache = caches[CACHE_ALIAS]
    token_key, kept_key = _token_key(project.pk), version_key(project.pk)
    found = cache.get_many([token_key, kept_key])
    token, kept = found.get(token_key), found.get(kept_key)
    if token is not None and kept is not None and kept[0] == token:
        return token, kept[1]
    if token is None:
        token = secrets.token_hex(8)
        if not cache.add(token_key, token, TIMEOUT):
            token = cache.get(token_key)
    # The token is read before the fingerprint: a write committed in between replaces the
    # token, so this version is never used after it.
    version = inputs_version(project)
    if token is not None:
        cache.set(kept_key, (token, version), VERSION_TIMEOUT)
    return token, version


def keep_version(project: Project, token: str | None, version: str) -> None:
    """Trust `version` for another VERSION_TIMEOUT seconds, unless a write was recorded since
    `token` was read (its token changed)."""
    cache = caches[CACHE_ALIAS]
    if token is not None and cache.get(_token_key(project.pk)) == token:
        cache.set(version_key(project.pk), (token, version), VERSION_TIMEOUT)


def inputs_changed(project_id: int) -> None:
    """What the analyses read may have changed in the current transaction: once it commits,
    forget the kept version and queue one refresh of the project's analyses."""
    transaction.on_commit(partial(_changed, project_id), robust=True)


def _changed(project_id: int) -> None:
    cache = caches[CACHE_ALIAS]
    cache.set(_token_key(project_id), secrets.token_hex(8), TIMEOUT)
    # One refresh per project waits at a time: it takes the version when it starts, so it
    # covers every write committed before then.
    if cache.add(queued_key(project_id), True, QUEUED_TIMEOUT):
        from analysis.tasks import analyses_refresh_task

        analyses_refresh_task.enqueue(project_id)
