from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.template.defaultfilters import yesno

from history.models import Version
from history.services import versions_of


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Entry:
    version: Version
    changes: list[Change]


def _shown(field: models.Field, value: Any, names: dict[int, str]) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(field, models.ManyToManyField):
        return ", ".join(names.get(pk, f"#{pk}") for pk in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return yesno(value)
    return str(value)


def history_of(instance: models.Model) -> list[Entry]:
    """The object's versions, newest first, each with its changes in readable words."""
    versions = list(versions_of(instance))
    meta = type(instance)._meta
    m2m = [f for f in meta.many_to_many]
    names: dict[int, str] = {}
    for field in m2m:  # one query per many-to-many field, whatever the number of versions
        ids = {pk for v in versions for pair in [v.changes.get(field.name) or [[], []]]
               for side in pair for pk in (side or [])}
        names.update(
            dict(field.related_model._base_manager.filter(pk__in=ids).values_list("pk", "name"))
        )
    entries = []
    for version in versions:
        changes = []
        for name, (before, after) in version.changes.items():
            try:
                field = meta.get_field(name)
            except Exception:  # a field that no longer exists
                continue
            changes.append(Change(
                str(field.verbose_name), _shown(field, before, names), _shown(field, after, names)
            ))
        entries.append(Entry(version, changes))
    return entries
