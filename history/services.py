"""The record of who changed what. Services call `version_record` after every write."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from history.models import Version

# Bookkeeping fields that say nothing about the object itself.
SKIPPED = {"id", "uid", "created_at", "updated_at", "version", "deleted_at", "deleted_by",
           "latest_assessment", "erased_at", "sort_name"}


def _plain(value: Any) -> Any:
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
        data[field.name] = _plain(field.value_from_object(instance))
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
    return Version.objects.create(
        project_id=project_id,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        object_repr=str(instance)[:200],
        action=action,
        user=user if getattr(user, "is_authenticated", False) else None,
        data=after,
        changes=diff(before, after) if action != Version.Action.DELETE else {},
    )


def versions_of(instance: models.Model):
    return Version.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)), object_id=instance.pk
    ).select_related("user")
