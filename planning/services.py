"""Every change to the plan, the participation log, successes, step ticks and the directory goes
through here. Project data lands in the project's record (version_record); edits name the
version they started from, so two editors get a conflict rather than a silent overwrite;
deleting moves to the project's bin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.models import Version
from history.services import snapshot, version_record
from lib.concurrency import EditConflict, lock_current
from parties.models import Party
from planning.models import (
    Contribution,
    HelperEntry,
    HiddenHelper,
    ParticipationActivity,
    PlanAction,
    Precondition,
    Region,
    StepTick,
    Success,
    SuccessMessage,
)
from planning.steps import ITEMS
from projects.models import Membership, Organisation, Project

Action = Version.Action


def _apply(instance: models.Model, data: dict[str, Any]) -> None:
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()


def _check_party(project_id: int, data: dict[str, Any], field: str = "party") -> None:
    party = data.get(field)
    if party is not None and (party.project_id != project_id or party.deleted_at is not None):
        raise ValidationError({field: _("Choose a party of this project.")})


def _check_member(project_id: int, data: dict[str, Any]) -> None:
    member = data.get("member")
    if member is not None and not Membership.objects.filter(
        project_id=project_id, user=member
    ).exists():
        raise ValidationError({"member": _("Choose a member of this project.")})


def _check_segment(project_id: int, data: dict[str, Any]) -> None:
    segment = data.get("segment")
    if segment is not None and segment.project_id != project_id:
        raise ValidationError({"segment": _("Choose a segment of this project.")})


def _check_parties(project_id: int, parties: list[Party] | None) -> None:
    for party in parties or []:
        if party.project_id != project_id or party.deleted_at is not None:
            raise ValidationError({"parties": _("Choose parties of this project.")})


def _create(instance: models.Model, data: dict[str, Any]) -> Any:
    _apply(instance, data)
    instance.save()
    return instance


def _record_create(instance: models.Model, *, project_id: int, user) -> None:
    version_record(instance=instance, project_id=project_id, user=user, action=Action.CREATE)


def _update(
    model: type[models.Model],
    pk: int,
    data: dict[str, Any],
    *,
    project_id: int,
    user,
    expected_version: int | None,
    after_save=None,
) -> Any:
    """Locked, checked against the version the editor started from, validated, its version
    raised and the change recorded."""
    current = lock_current(model, pk, expected_version)
    before = snapshot(current)
    _apply(current, data)
    current.version += 1
    current.save()
    if after_save is not None:
        after_save(current)
    version_record(
        instance=current, project_id=project_id, user=user, action=Action.UPDATE, before=before
    )
    return current


def _to_bin(instance: models.Model, *, project_id: int, user) -> None:
    current = lock_current(type(instance), instance.pk, None)
    current.deleted_at = timezone.now()
    current.deleted_by = user if getattr(user, "is_authenticated", False) else None
    current.version += 1
    current.save(update_fields=["deleted_at", "deleted_by", "version"])
    version_record(instance=current, project_id=project_id, user=user, action=Action.DELETE)


def _from_bin(instance: models.Model, *, project_id: int, user) -> None:
    current = lock_current(type(instance), instance.pk, None)
    current.deleted_at = None
    current.deleted_by = None
    current.version += 1
    current.save(update_fields=["deleted_at", "deleted_by", "version"])
    version_record(instance=current, project_id=project_id, user=user, action=Action.RESTORE)


# The shared plan ---------------------------------------------------------------------------


def _check_action(project_id: int, data: dict[str, Any]) -> None:
    _check_party(project_id, data)
    _check_member(project_id, data)


@transaction.atomic
def plan_action_create(*, project: Project, data: dict[str, Any], user=None) -> PlanAction:
    _check_action(project.pk, data)
    action = _create(PlanAction(project=project), data)
    _record_create(action, project_id=project.pk, user=user)
    return action


@transaction.atomic
def plan_action_update(
    *, action: PlanAction, data: dict[str, Any], user=None, expected_version: int | None = None
) -> PlanAction:
    """Save changes to an action; raises EditConflict if it changed since `expected_version`."""
    _check_action(action.project_id, data)
    return _update(
        PlanAction, action.pk, data, project_id=action.project_id, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def plan_action_delete(*, action: PlanAction, user=None) -> None:
    """Move an action to the bin; its preconditions wait there with it."""
    _to_bin(action, project_id=action.project_id, user=user)


@transaction.atomic
def plan_action_restore(*, action: PlanAction, user=None) -> None:
    _from_bin(action, project_id=action.project_id, user=user)


@transaction.atomic
def precondition_create(
    *, action: PlanAction, data: dict[str, Any], user=None
) -> Precondition:
    _check_party(action.project_id, data, "from_party")
    precondition = _create(Precondition(action=action), data)
    _record_create(precondition, project_id=action.project_id, user=user)
    return precondition


@transaction.atomic
def precondition_update(
    *,
    precondition: Precondition,
    data: dict[str, Any],
    user=None,
    expected_version: int | None = None,
) -> Precondition:
    project_id = precondition.action.project_id
    _check_party(project_id, data, "from_party")
    return _update(
        Precondition, precondition.pk, data, project_id=project_id, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def precondition_delete(*, precondition: Precondition, user=None) -> None:
    _to_bin(precondition, project_id=precondition.action.project_id, user=user)


@transaction.atomic
def precondition_restore(*, precondition: Precondition, user=None) -> None:
    _from_bin(precondition, project_id=precondition.action.project_id, user=user)


@transaction.atomic
def contribution_create(
    *, project: Project, data: dict[str, Any], user=None
) -> Contribution:
    _check_party(project.pk, data)
    if data.get("party") is None:
        raise ValidationError({"party": _("Choose a party of this project.")})
    contribution = _create(Contribution(project=project), data)
    _record_create(contribution, project_id=project.pk, user=user)
    return contribution


@transaction.atomic
def contribution_update(
    *,
    contribution: Contribution,
    data: dict[str, Any],
    user=None,
    expected_version: int | None = None,
) -> Contribution:
    _check_party(contribution.project_id, data)
    return _update(
        Contribution, contribution.pk, data, project_id=contribution.project_id, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def contribution_delete(*, contribution: Contribution, user=None) -> None:
    _to_bin(contribution, project_id=contribution.project_id, user=user)


@transaction.atomic
def contribution_restore(*, contribution: Contribution, user=None) -> None:
    _from_bin(contribution, project_id=contribution.project_id, user=user)


# Participation of the target group ---------------------------------------------------------


@transaction.atomic
def participation_create(
    *, project: Project, data: dict[str, Any], user=None
) -> ParticipationActivity:
    _check_segment(project.pk, data)
    activity = _create(ParticipationActivity(project=project), data)
    _record_create(activity, project_id=project.pk, user=user)
    return activity


@transaction.atomic
def participation_update(
    *,
    activity: ParticipationActivity,
    data: dict[str, Any],
    user=None,
    expected_version: int | None = None,
) -> ParticipationActivity:
    _check_segment(activity.project_id, data)
    return _update(
        ParticipationActivity, activity.pk, data, project_id=activity.project_id, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def participation_delete(*, activity: ParticipationActivity, user=None) -> None:
    _to_bin(activity, project_id=activity.project_id, user=user)


@transaction.atomic
def participation_restore(*, activity: ParticipationActivity, user=None) -> None:
    _from_bin(activity, project_id=activity.project_id, user=user)


# Successes and the messages about them -----------------------------------------------------


@transaction.atomic
def success_create(
    *, project: Project, data: dict[str, Any], parties: list[Party] | None = None, user=None
) -> Success:
    _check_parties(project.pk, parties)
    success = _create(Success(project=project), data)
    success.parties.set(parties or [])
    _record_create(success, project_id=project.pk, user=user)
    return success


@transaction.atomic
def success_update(
    *,
    success: Success,
    data: dict[str, Any],
    parties: list[Party] | None = None,
    user=None,
    expected_version: int | None = None,
) -> Success:
    """`parties` None leaves them as they are; a list replaces them."""
    _check_parties(success.project_id, parties)
    return _update(
        Success, success.pk, data, project_id=success.project_id, user=user,
        expected_version=expected_version,
        after_save=None if parties is None else lambda saved: saved.parties.set(parties),
    )


@transaction.atomic
def success_delete(*, success: Success, user=None) -> None:
    _to_bin(success, project_id=success.project_id, user=user)


@transaction.atomic
def success_restore(*, success: Success, user=None) -> None:
    _from_bin(success, project_id=success.project_id, user=user)


def _check_successes(project_id: int, successes: list[Success] | None) -> None:
    for success in successes or []:
        if success.project_id != project_id:
            raise ValidationError({"successes": _("Choose successes of this project.")})


@transaction.atomic
def success_message_create(
    *,
    project: Project,
    data: dict[str, Any],
    successes: list[Success] | None = None,
    user=None,
) -> SuccessMessage:
    _check_successes(project.pk, successes)
    author = user if getattr(user, "is_authenticated", False) else None
    message = _create(SuccessMessage(project=project, created_by=author), data)
    message.successes.set(successes or [])
    _record_create(message, project_id=project.pk, user=user)
    return message


@transaction.atomic
def success_message_update(
    *,
    message: SuccessMessage,
    data: dict[str, Any],
    user=None,
    expected_version: int | None = None,
) -> SuccessMessage:
    return _update(
        SuccessMessage, message.pk, data, project_id=message.project_id, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def success_message_delete(*, message: SuccessMessage, user=None) -> None:
    _to_bin(message, project_id=message.project_id, user=user)


@transaction.atomic
def success_message_restore(*, message: SuccessMessage, user=None) -> None:
    _from_bin(message, project_id=message.project_id, user=user)


# The step plan -----------------------------------------------------------------------------


def _check_item(item_key: str) -> None:
    if item_key not in ITEMS:
        raise ValidationError({"item_key": _("There is no such item in the step plan.")})


def _check_version(tick: StepTick, created: bool, expected_version: int | None) -> None:
    """`expected_version` 0 means the editor saw no tick row at all."""
    if expected_version is None:
        return
    stored = 0 if created else tick.version
    if stored != expected_version:
        raise EditConflict(tick)


@transaction.atomic
def step_tick(
    *,
    project: Project,
    item_key: str,
    user=None,
    evidence_text: str = "",
    evidence_url: str = "",
    ticked_on: date | None = None,
    expected_version: int | None = None,
) -> StepTick:
    """Tick an item of the step plan, or change the evidence of a ticked one."""
    _check_item(item_key)
    tick, created = StepTick.objects.select_for_update().get_or_create(
        project=project, item_key=item_key
    )
    _check_version(tick, created, expected_version)
    before = None if created else snapshot(tick)
    if ticked_on is not None and ticked_on > timezone.localdate():
        raise ValidationError({"ticked_on": _("An item cannot be ticked in the future.")})
    if not tick.is_ticked or ticked_on is not None:
        tick.ticked_on = ticked_on or timezone.localdate()
        tick.ticked_by = user if getattr(user, "is_authenticated", False) else None
    _apply(tick, {"evidence_text": evidence_text, "evidence_url": evidence_url})
    if not created:
        tick.version += 1
    tick.save()
    version_record(
        instance=tick, project_id=project.pk, user=user,
        action=Action.CREATE if created else Action.UPDATE, before=before,
    )
    return tick


@transaction.atomic
def step_untick(
    *, project: Project, item_key: str, user=None, expected_version: int | None = None
) -> StepTick | None:
    """Untick an item; its evidence stays for when it is ticked again."""
    _check_item(item_key)
    tick = StepTick.objects.select_for_update().filter(project=project, item_key=item_key).first()
    if tick is None:
        if expected_version:
            raise ValidationError({"item_key": _("This item was never ticked.")})
        return None
    _check_version(tick, False, expected_version)
    if not tick.is_ticked:
        return tick
    before = snapshot(tick)
    tick.ticked_on = None
    tick.ticked_by = None
    tick.version += 1
    tick.save()
    version_record(
        instance=tick, project_id=project.pk, user=user, action=Action.UPDATE, before=before
    )
    return tick


# Who can help ------------------------------------------------------------------------------
# The directory belongs to organisations, not to a project, so its changes have no place in a
# project's record; edits still name their version.


@transaction.atomic
def helper_create(
    *, organisation: Organisation, data: dict[str, Any], user=None
) -> HelperEntry:
    entry = HelperEntry(organisation=organisation)
    _apply(entry, {**data, "key": ""})
    entry.save()
    return entry


@transaction.atomic
def helper_update(
    *, helper: HelperEntry, data: dict[str, Any], user=None, expected_version: int | None = None
) -> HelperEntry:
    if helper.is_shipped:
        raise ValidationError(_("A shipped entry cannot be changed; hide it and add your own."))
    current = lock_current(HelperEntry, helper.pk, expected_version)
    _apply(current, data)
    current.version += 1
    current.save()
    return current


@transaction.atomic
def helper_delete(*, helper: HelperEntry, user=None) -> None:
    if helper.is_shipped:
        raise ValidationError(_("A shipped entry cannot be deleted; hide it instead."))
    helper.delete()


@transaction.atomic
def helper_hide(*, organisation: Organisation, helper: HelperEntry, user=None) -> HiddenHelper:
    if not helper.is_shipped:
        raise ValidationError(_("Only shipped entries can be hidden."))
    author = user if getattr(user, "is_authenticated", False) else None
    hidden, _created = HiddenHelper.objects.get_or_create(
        organisation=organisation, helper=helper, defaults={"hidden_by": author}
    )
    return hidden


@transaction.atomic
def helper_unhide(*, organisation: Organisation, helper: HelperEntry, user=None) -> None:
    HiddenHelper.objects.filter(organisation=organisation, helper=helper).delete()


@dataclass(frozen=True)
class HelpersLoaded:
    created: int
    updated: int
    removed: int


def _shipped_fields(spec: dict[str, Any]) -> dict[str, Any]:
    text = spec["helps_with"]
    if spec["region"] not in Region.values:
        raise ValueError(f"{spec['key']}: unknown region {spec['region']!r}")
    return {
        "name": spec["name"],
        "region": spec["region"],
        "themes": list(spec.get("themes", [])),
        "helps_with": text["nl"] if isinstance(text, dict) else text,
        "helps_with_en": text.get("en", "") if isinstance(text, dict) else "",
        "website": spec.get("website", ""),
        "contact": spec.get("contact", ""),
    }


@transaction.atomic
def helpers_load(
    *, entries: list[dict[str, Any]], model: type[models.Model] = HelperEntry
) -> HelpersLoaded:
    """Bring the shipped entries in line with `entries`, matched on their key: new keys are
    added, known ones updated, shipped entries no longer listed removed. Organisations' own
    entries are left alone. `model` is the historical model when a migration calls this."""
    keys = [spec["key"] for spec in entries]
    if len(keys) != len(set(keys)) or not all(keys):
        raise ValueError("Every shipped entry needs its own, non-empty key.")
    shipped = model.objects.filter(organisation__isnull=True)
    existing = {entry.key: entry for entry in shipped}
    created = updated = 0
    for spec in entries:
        fields = _shipped_fields(spec)
        entry = existing.get(spec["key"])
        if entry is None:
            model.objects.create(key=spec["key"], organisation=None, **fields)
            created += 1
        elif any(getattr(entry, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(entry, name, value)
            entry.version += 1
            entry.save()
            updated += 1
    stale = shipped.exclude(key__in=keys)
    removed = stale.count()
    stale.delete()
    return HelpersLoaded(created, updated, removed)
