"""The project's bin: every app registers the kinds of object it soft-deletes, and the bin page,
restore and emptying work for all of them alike.

An object in the bin has `deleted_at` set; its model offers `everything` (bin included) and a
queryset method `in_bin()` (see parties.models.Binnable).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction


@dataclass(frozen=True)
class BinKind:
    key: str  # in URLs: /bin/<key>/<id>/restore/
    model: type[models.Model]
    project_path: str  # the lookup from the object to its project, e.g. "party__project"
    restore: Callable[..., None]  # restore(instance, user=...)
    related: tuple[str, ...] = ()  # select_related for showing the list

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    def in_bin(self, project) -> models.QuerySet:
        return (
            self.model.everything.filter(**{self.project_path: project})
            .in_bin()
            .select_related("deleted_by", *self.related)
            .order_by("-deleted_at")
        )


_KINDS: dict[str, BinKind] = {}


def register(kind: BinKind) -> None:
    _KINDS[kind.key] = kind


def kinds() -> list[BinKind]:
    return list(_KINDS.values())


def kind_for(key: str) -> BinKind | None:
    return _KINDS.get(key)


@transaction.atomic
def bin_empty(*, project) -> int:
    """Delete for good what is in the project's bin; the record of changes stays. Kinds
    registered later (which may refer to earlier ones) go first."""
    removed = 0
    for kind in reversed(kinds()):
        queryset = kind.model.everything.filter(**{kind.project_path: project}).in_bin()
        removed += queryset.count()
        queryset.delete()
    return removed


def in_bin(*, project) -> list[tuple[BinKind, list[models.Model]]]:
    """What the project's bin holds, kind by kind, newest first; kinds with nothing left out."""
    sections = [(kind, list(kind.in_bin(project))) for kind in kinds()]
    return [(kind, items) for kind, items in sections if items]


@transaction.atomic
def bin_restore(*, project, key: str, object_id: int, user=None) -> models.Model | None:
    """Take one object out of the project's bin; None if the bin holds no such object."""
    kind = kind_for(key)
    if kind is None:
        return None
    item = (
        kind.model.everything.in_bin()
        .filter(pk=object_id, **{kind.project_path: project})
        .first()
    )
    if item is None:
        return None
    kind.restore(item, user=user)
    return item
