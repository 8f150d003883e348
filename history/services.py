"""The record of who changed what. Services call `version_record` after every write.

Bulk work (an import of thousands of rows) is recorded compactly: one version for the whole of
it, naming what it created as runs of ids (`bulk_record`), and for each object it changed a
version with only the changed fields. An object's own history (`versions_of`) shows that one
version as its creation, and fills in how the object looked after each version that holds no
copy, from the object as it is now and the changes recorded since.
"""

from __future__ import annotations

import bisect
import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from analysis.cache import inputs_changed
from analysis.inputs import change_is_read
from history.models import Version

# Bookkeeping fields that say nothing about the object itself.
SKIPPED = {"id", "uid", "created_at", "updated_at", "version", "deleted_at", "deleted_by",
           "latest_assessment", "erased_at", "sort_name", "analysis_stamp"}


def json_ready(value: Any) -> Any:
    """A field's value as the history keeps it."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The object's own fields as JSON-ready values; relations as ids, many-to-many as id lists."""
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in SKIPPED:
            continue
        data[field.name] = json_ready(field.value_from_object(instance))
    if instance.pk:
        for field in instance._meta.many_to_many:
            data[field.name] = sorted(obj.pk for obj in getattr(instance, field.name).all())
    return data


def diff(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, list[Any]]:
    before = before or {}
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def version_record(
    *, instance: models.Model, project_id: int, user, action: str,
    before: dict[str, Any] | None = None,
) -> Version:
    after = snapshot(instance)
    version = Version.objects.create(
        project_id=project_id,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        object_repr=str(instance)[:200],
        action=action,
        user=user if getattr(user, "is_authenticated", False) else None,
        data=after,
        changes=diff(before, after) if action != Version.Action.DELETE else {},
    )
    # The analyses keep their figures per version of what they read, which this may change:
    # unless it changed only what they do not read (a party's goals, a contact person). Only
    # an edit's changes name all it changed (the bin's field is not in a copy).
    edited = before is not None and action in (Version.Action.UPDATE, Version.Action.REVERT)
    changed = version.changes if edited else None
    if change_is_read(model_key(type(instance)), changed):
        inputs_changed(project_id)
    return version


def model_key(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def id_ranges(ids: Iterable[int]) -> list[list[int]]:
    """Ids as runs of consecutive numbers, [first, last] each: what one import creates is one
    run or a few, however many rows it had."""
    runs: list[list[int]] = []
    for pk in sorted(set(ids)):
        if runs and runs[-1][1] == pk - 1:
            runs[-1][1] = pk
        else:
            runs.append([pk, pk])
    return runs


def ids_in(ranges: Iterable[Iterable[int]]) -> list[int]:
    return [pk for first, last in ranges for pk in range(first, last + 1)]


def in_ranges(ranges: list[list[int]], pk: int) -> bool:
    at = bisect.bisect_right(ranges, [pk, float("inf")]) - 1
    return at >= 0 and ranges[at][0] <= pk <= ranges[at][1]


def bulk_record(
    *,
    source: models.Model,
    project_id: int,
    user,
    created: dict[type[models.Model], Iterable[int]],
    counts: dict[str, int] | None = None,
) -> Version:
    """One version for bulk work done from `source` (an upload, or the project): which objects
    it created, by kind, as runs of ids, without copies of their fields (those are the
    objects' first state, found from the objects and their later versions)."""
    return Version.objects.create(
        project_id=project_id,
        content_type=ContentType.objects.get_for_model(type(source)),
        object_id=source.pk,
        object_repr=str(source)[:200],
        action=Version.Action.IMPORT,
        user=user if getattr(user, "is_authenticated", False) else None,
        data={
            "created": {
                model_key(model): id_ranges(ids) for model, ids in created.items() if ids
            },
            "counts": counts or {},
        },
    )


def bulk_remap(
    data: dict[str, Any], mapped: Callable[[type[models.Model], int], int | None]
) -> dict[str, Any]:
    """A bulk version's data with every created id passed through `mapped(model, id)` (to a
    backup's local numbers and back); ids mapped to None, and kinds no longer known, are left
    out."""
    created = {}
    for key, ranges in (data.get("created") or {}).items():
        try:
            model = apps.get_model(key)
        except (LookupError, ValueError):
            continue
        ids = [mapped(model, pk) for pk in ids_in(ranges)]
        created[key] = id_ranges(pk for pk in ids if pk is not None)
    return {**data, "created": created}


def _project_id(instance: models.Model) -> int | None:
    """The project an object belongs to: its own, or that of what it belongs to (a contact
    person's party)."""
    if hasattr(instance, "project_id"):
        return instance.project_id
    for field in instance._meta.concrete_fields:
        if field.many_to_one and hasattr(field.related_model, "project_id"):
            owner = getattr(instance, field.name)
            return owner.project_id if owner is not None else None
    return None


def _replayed(instance: models.Model, versions: list[Version]) -> dict[int, dict[str, Any]]:
    """How the object looked after each of its versions, newest first: a version's own copy
    where it holds one, otherwise the state after the next version with that version's changes
    taken back (the newest: the object as it is now)."""
    meta = instance._meta
    fields = {f.name for f in [*meta.concrete_fields, *meta.many_to_many]} - SKIPPED
    states: dict[int, dict[str, Any]] = {}
    later: dict[str, Any] | None = None  # the state before the newer version
    for version in versions:
        if version.data and version.action != Version.Action.IMPORT:
            # Only the object's fields: a merge's version also holds the merge's record.
            state = {name: value for name, value in version.data.items() if name in fields}
        else:
            state = later if later is not None else snapshot(instance)
        states[version.pk] = state
        later = {**state, **{name: pair[0] for name, pair in version.changes.items()}}
    return states


class ObjectVersions(models.QuerySet):
    """The versions of one object: its own, and the bulk version that created it, shown as
    its creation; each with the object's state after it in `data`.

    The database also returns the project's other bulk versions, which are left out here: so a
    slice ([:1], first(), get()) is taken after that, and counting counts what is left."""

    _of: models.Model | None = None

    def _clone(self):
        clone = super()._clone()
        clone._of = self._of
        return clone

    def count(self) -> int:
        return len(self) if self._of is not None else super().count()

    def exists(self) -> bool:
        return bool(len(self)) if self._of is not None else super().exists()

    def _fetch_all(self) -> None:
        if (
            self._result_cache is None
            and self._of is not None
            and self._iterable_class is models.query.ModelIterable
        ):
            low, high = self.query.low_mark, self.query.high_mark
            whole = self._chain()
            whole._of = None
            whole.query.clear_limits()
            self._result_cache = _as_own(self._of, list(whole))[low:high]
        super()._fetch_all()


def _as_own(instance: models.Model, versions: list[Version]) -> list[Version]:
    content_type = ContentType.objects.get_for_model(type(instance))
    key = model_key(type(instance))
    kept = []
    for version in versions:
        if version.action == Version.Action.IMPORT:
            if not in_ranges(version.data.get("created", {}).get(key, []), instance.pk):
                continue
            version.source = version.object_repr  # the upload's file name
            version.content_type = content_type
            version.object_id = instance.pk
            version.object_repr = str(instance)[:200]
        kept.append(version)
    if all(v.data and v.action != Version.Action.IMPORT for v in kept):
        return kept
    # Some hold no copy: replay the object's whole record, newest first (one query).
    every = list(
        Version.objects.filter(content_type=content_type, object_id=instance.pk).order_by(
            "-at", "-id"
        )
    )
    bulk = [v for v in kept if v.action == Version.Action.IMPORT]
    states = _replayed(instance, [*every, *bulk])
    for version in kept:
        if version.action == Version.Action.IMPORT:
            version.data = states[version.pk]
            version.changes = diff(None, version.data)
        elif not version.data:
            version.data = states.get(version.pk, {})
    return kept


def versions_of(instance: models.Model) -> ObjectVersions:
    """The object's versions, newest first, with the bulk version (an import) that created it,
    in a fixed number of queries."""
    content_type = ContentType.objects.get_for_model(type(instance))
    own = models.Q(content_type=content_type, object_id=instance.pk)
    project_id = _project_id(instance)
    if project_id is not None:
        own |= models.Q(project_id=project_id, action=Version.Action.IMPORT)
    versions = ObjectVersions(model=Version).filter(own).select_related("user")
    versions._of = instance
    return versions
