"""Every change to a force field goes through here, and lands in the project's record.

Edits name the version they started from, so two editors get a conflict rather than a silent
overwrite. Deleting a force deletes its actions for good (the record keeps what they were).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from forcefield.models import Force, ForceAction, ForceField
from history.models import Version
from history.services import snapshot, version_record
from lib.concurrency import lock_current
from projects.models import Project

Action = Version.Action


def _apply(instance, data: dict[str, Any]) -> None:
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()


def _check_party(project_id: int, data: dict[str, Any]) -> None:
    party = data.get("party")
    if party is not None and (party.project_id != project_id or party.deleted_at is not None):
        raise ValidationError({"party": _("Choose a party of this project.")})


@transaction.atomic
def forcefield_get_or_create(*, project: Project, user=None) -> ForceField:
    field, created = ForceField.objects.get_or_create(project=project)
    if created:
        version_record(instance=field, project_id=project.pk, user=user, action=Action.CREATE)
    return field


@transaction.atomic
def forcefield_update(
    *, project: Project, data: dict[str, Any], user=None, expected_version: int | None = None
) -> ForceField:
    """Change the wanted change; raises EditConflict if it changed since `expected_version`."""
    field = forcefield_get_or_create(project=project, user=user)
    current = lock_current(ForceField, field.pk, expected_version)
    before = snapshot(current)
    _apply(current, data)
    current.version += 1
    current.save()
    version_record(
        instance=current, project_id=project.pk, user=user, action=Action.UPDATE, before=before
    )
    return current


@transaction.atomic
def force_create(*, project: Project, data: dict[str, Any], user=None) -> Force:
    _check_party(project.pk, data)
    field = forcefield_get_or_create(project=project, user=user)
    force = Force(field=field)
    data = dict(data)
    if not data.get("order"):
        last = field.forces.filter(direction=data.get("direction", force.direction))
        data["order"] = (last.aggregate(m=Max("order"))["m"] or 0) + 1
    _apply(force, data)
    force.save()
    version_record(instance=force, project_id=project.pk, user=user, action=Action.CREATE)
    return force


@transaction.atomic
def force_update(
    *, force: Force, data: dict[str, Any], user=None, expected_version: int | None = None
) -> Force:
    project_id = force.field.project_id
    _check_party(project_id, data)
    current = lock_current(Force, force.pk, expected_version)
    before = snapshot(current)
    _apply(current, data)
    current.version += 1
    current.save()
    version_record(
        instance=current, project_id=project_id, user=user, action=Action.UPDATE, before=before
    )
    return current


@transaction.atomic
def force_delete(*, force: Force, user=None) -> None:
    """Delete a force and its actions for good; the record keeps their last state."""
    project_id = force.field.project_id
    current = lock_current(Force, force.pk, None)
    for action in current.actions.all():
        version_record(instance=action, project_id=project_id, user=user, action=Action.REMOVE)
    version_record(instance=current, project_id=project_id, user=user, action=Action.REMOVE)
    current.delete()


@transaction.atomic
def action_create(*, force: Force, data: dict[str, Any], user=None) -> ForceAction:
    action = ForceAction(force=force)
    _apply(action, data)
    action.save()
    version_record(
        instance=action, project_id=force.field.project_id, user=user, action=Action.CREATE
    )
    return action


@transaction.atomic
def action_update(
    *, action: ForceAction, data: dict[str, Any], user=None, expected_version: int | None = None
) -> ForceAction:
    current = lock_current(ForceAction, action.pk, expected_version)
    before = snapshot(current)
    _apply(current, data)
    current.version += 1
    current.save()
    version_record(
        instance=current,
        project_id=action.force.field.project_id,
        user=user,
        action=Action.UPDATE,
        before=before,
    )
    return current


@transaction.atomic
def action_delete(*, action: ForceAction, user=None) -> None:
    current = lock_current(ForceAction, action.pk, None)
    version_record(
        instance=current,
        project_id=action.force.field.project_id,
        user=user,
        action=Action.REMOVE,
    )
    current.delete()
