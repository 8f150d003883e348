from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from history.models import Version
from history.services import snapshot, version_record
from lib.collation import sort_key
from lib.concurrency import lock_current
from parties.models import Assessment, ContactPerson, Party, Relation
from projects.models import Project, TargetSegment

Action = Version.Action


def _apply(instance, data: dict[str, Any]) -> None:
    for field, value in data.items():
        setattr(instance, field, value)
    if isinstance(instance, Party):
        instance.sort_name = sort_key(instance.name)
    instance.full_clean()


def _update(
    model,
    pk: int,
    data: dict,
    *,
    project_id: int,
    user,
    expected_version: int | None,
    action: str = Action.UPDATE,
    after_save=None,
):
    """The one way a stored object changes: locked, checked against the version the editor
    started from, validated, its version raised and the change recorded."""
    current = lock_current(model, pk, expected_version)
    before = snapshot(current)
    _apply(current, data)
    current.version += 1
    current.save()
    if after_save is not None:
        after_save(current)
    version_record(instance=current, project_id=project_id, user=user, action=action, before=before)
    return current


@transaction.atomic
def party_create(
    *, project: Project, data: dict, segments: list[TargetSegment], user=None
) -> Party:
    party = Party(project=project)
    _apply(party, data)
    party.save()
    party.segments.set(segments)
    version_record(instance=party, project_id=project.pk, user=user, action=Action.CREATE)
    return party


@transaction.atomic
def party_update(
    *,
    party: Party,
    data: dict,
    segments: list[TargetSegment] | None = None,
    user=None,
    expected_version: int | None = None,
    action: str = Action.UPDATE,
) -> Party:
    """Save changes to a party; raises EditConflict if it changed since `expected_version`."""
    return _update(
        Party,
        party.pk,
        data,
        project_id=party.project_id,
        user=user,
        expected_version=expected_version,
        action=action,
        after_save=None if segments is None else lambda p: p.segments.set(segments),
    )


@transaction.atomic
def party_revert(*, party: Party, version: Version, user=None) -> Party:
    """Bring a party back to how it was at `version`; the revert is itself a new version."""
    if version.object_id != party.pk or version.content_type.model_class() is not Party:
        raise ValidationError(_("This version belongs to another object."))
    data = {k: v for k, v in version.data.items() if k not in ("project", "segments")}
    valid_segments = party.project.segments.filter(pk__in=version.data.get("segments", []))
    return party_update(
        party=party, data=data, segments=list(valid_segments), user=user, action=Action.REVERT
    )


def _to_bin(instance, user, project_id: int) -> None:
    current = lock_current(type(instance), instance.pk, None)
    current.deleted_at = timezone.now()
    current.deleted_by = user if getattr(user, "is_authenticated", False) else None
    current.version += 1
    current.save(update_fields=["deleted_at", "deleted_by", "version"])
    version_record(instance=current, project_id=project_id, user=user, action=Action.DELETE)


def _from_bin(instance, user, project_id: int) -> None:
    current = lock_current(type(instance), instance.pk, None)
    current.deleted_at = None
    current.deleted_by = None
    current.version += 1
    current.save(update_fields=["deleted_at", "deleted_by", "version"])
    version_record(instance=current, project_id=project_id, user=user, action=Action.RESTORE)


@transaction.atomic
def party_delete(*, party: Party, user=None) -> None:
    """Move a party to the bin; its contacts, relations and assessments wait there with it."""
    _to_bin(party, user, party.project_id)


@transaction.atomic
def party_restore(*, party: Party, user=None) -> None:
    _from_bin(party, user, party.project_id)


def _refresh_latest(party: Party) -> None:
    latest = party.assessments.order_by("-assessed_on", "-created_at", "-id").first()
    # A direct update, which Party.save does not see: the analyses read the latest assessment.
    Party.everything.filter(pk=party.pk).update(
        latest_assessment=latest, analysis_stamp=F("analysis_stamp") + 1
    )
    party.latest_assessment = latest


@transaction.atomic
def assessment_record(*, party: Party, assessed_by, data: dict) -> Assessment:
    """Add a dated assessment; the earlier ones stay, the newest by date becomes the latest."""
    assessment = Assessment(party=party, assessed_by=assessed_by)
    _apply(assessment, data)
    assessment.save()
    _refresh_latest(party)
    Party.everything.filter(pk=party.pk).update(updated_at=assessment.created_at)
    version_record(
        instance=assessment, project_id=party.project_id, user=assessed_by, action=Action.CREATE
    )
    return assessment


@transaction.atomic
def contact_create(*, party: Party, data: dict, user=None) -> ContactPerson:
    contact = ContactPerson(party=party)
    _apply(contact, data)
    contact.save()
    version_record(instance=contact, project_id=party.project_id, user=user, action=Action.CREATE)
    return contact


@transaction.atomic
def contact_update(
    *, contact: ContactPerson, data: dict, user=None, expected_version: int | None = None
) -> ContactPerson:
    return _update(
        ContactPerson,
        contact.pk,
        data,
        project_id=contact.party.project_id,
        user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def contact_delete(*, contact: ContactPerson, user=None) -> None:
    _to_bin(contact, user, contact.party.project_id)


@transaction.atomic
def contact_restore(*, contact: ContactPerson, user=None) -> None:
    _from_bin(contact, user, contact.party.project_id)


def _check_relation_parties(project: Project, data: dict) -> None:
    for end in ("source", "target"):
        party = data.get(end)
        if party is not None and party.project_id != project.pk:
            raise ValidationError({end: _("Choose a party of this project.")})


@transaction.atomic
def relation_create(*, project: Project, data: dict, user=None) -> Relation:
    _check_relation_parties(project, data)
    relation = Relation(project=project)
    _apply(relation, data)
    relation.save()
    version_record(instance=relation, project_id=project.pk, user=user, action=Action.CREATE)
    return relation


@transaction.atomic
def relation_update(
    *, relation: Relation, data: dict, user=None, expected_version: int | None = None
) -> Relation:
    _check_relation_parties(relation.project, data)
    return _update(
        Relation,
        relation.pk,
        data,
        project_id=relation.project_id,
        user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def relation_delete(*, relation: Relation, user=None) -> None:
    _to_bin(relation, user, relation.project_id)


@transaction.atomic
def relation_restore(*, relation: Relation, user=None) -> None:
    _from_bin(relation, user, relation.project_id)
