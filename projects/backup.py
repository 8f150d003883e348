"""One project in one file, and back: `draagvlak backup PROJECT FILE` / `draagvlak restore FILE`.

The file is gzip-compressed JSON. Rows refer to each other by a local number (their position in
primary-key order) instead of database ids, so a restored project yields exactly the same file
as the original: that is how the tests prove nothing was lost.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import datetime
import decimal
import gzip
import json
import uuid
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from engagement.models import Commitment, ContactMoment, Review, ReviewSettings, ReviewStep
from evidence.models import (
    ArgumentBrief,
    DocumentPage,
    EvidenceMark,
    Figure,
    Indicator,
    IssuedBrief,
    Passage,
    PolicyDocument,
    SegmentDistrict,
    TermFamily,
)
from forcefield.models import Force, ForceAction, ForceField
from governance.models import BoardProfile, DecisionMoment, GovernanceSettings
from history.models import Version
from history.services import bulk_remap
from parties.models import Assessment, ContactPerson, DuplicateDismissal, Party, Relation
from planning.models import (
    Contribution,
    ParticipationActivity,
    PlanAction,
    Precondition,
    StepTick,
    Success,
    SuccessMessage,
)
from projects.models import Membership, Organisation, Place, Project, Role, TargetSegment
from reports.models import BoardReport, ReportSettings

FORMAT = "draagvlak-project-backup"
FORMAT_VERSION = 1

# In the order they are restored, with the lookup from each row to its project: a row only
# refers to rows of tables before it, except the party's latest assessment, which is set once
# the assessments exist.
TABLES: list[tuple[str, type[models.Model], str]] = [
    ("segments", TargetSegment, "project"),
    ("segment_districts", SegmentDistrict, "segment__project"),
    ("parties", Party, "project"),
    ("duplicate_dismissals", DuplicateDismissal, "project"),
    ("contacts", ContactPerson, "party__project"),
    ("relations", Relation, "project"),
    ("assessments", Assessment, "party__project"),
    ("force_fields", ForceField, "project"),
    ("forces", Force, "field__project"),
    ("force_actions", ForceAction, "force__field__project"),
    ("contact_moments", ContactMoment, "project"),
    ("commitments", Commitment, "project"),
    ("review_settings", ReviewSettings, "project"),
    ("reviews", Review, "project"),
    ("review_steps", ReviewStep, "review__project"),
    ("plan_actions", PlanAction, "project"),
    ("preconditions", Precondition, "action__project"),
    ("contributions", Contribution, "project"),
    ("participation", ParticipationActivity, "project"),
    ("successes", Success, "project"),
    ("success_messages", SuccessMessage, "project"),
    ("step_ticks", StepTick, "project"),
    # Calendar feeds are left out: their secret addresses belong to people on this server.
    ("board_profiles", BoardProfile, "party__project"),
    ("decision_moments", DecisionMoment, "project"),
    ("governance_settings", GovernanceSettings, "project"),
    ("board_reports", BoardReport, "project"),
    ("report_settings", ReportSettings, "project"),
    ("policy_documents", PolicyDocument, "project"),
    ("document_pages", DocumentPage, "document__project"),
    ("term_families", TermFamily, "project"),
    ("passages", Passage, "document__project"),
    ("evidence_marks", EvidenceMark, "project"),
    ("indicators", Indicator, "project"),
    ("figures", Figure, "indicator__project"),
    ("argument_briefs", ArgumentBrief, "project"),
    ("issued_briefs", IssuedBrief, "project"),
    ("versions", Version, "project"),
]
_LATER = {(Party, "latest_assessment")}
# The import a figure came from: its file is dropped once applied, so it is not kept.
_LEFT_OUT = {(Figure, "batch")}
_PROJECT_FIELDS = [
    "title",
    "theme",
    "theme_other",
    "country",
    "target_group",
    "start_date",
    "vision",
    "quadrant_threshold",
    "retention_months",
    "version",
    "created_at",
    "updated_at",
]


def _rows(project: Project) -> dict[type[models.Model], list[models.Model]]:
    rows = {}
    for _name, model, path in TABLES:
        manager = getattr(model, "everything", model._base_manager)  # the bin included
        rows[model] = list(manager.filter(**{path: project}).order_by("pk"))
    return rows


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | memoryview):
        # Stored files (an issued report's PDF and Word file); BinaryField reads base64 back.
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    return value


def backup_data(project: Project) -> dict[str, Any]:
    """Everything that belongs to the project, as plain data with local references."""
    rows = _rows(project)
    local = {model: {obj.pk: n for n, obj in enumerate(objs, 1)} for model, objs in rows.items()}
    users = {u.pk: u.username for u in get_user_model().objects.all().only("username")}
    content_types = {ct.pk: ct for ct in ContentType.objects.all()}

    def row(obj: models.Model) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for field in obj._meta.concrete_fields:
            if field.primary_key or field.name == "project":
                continue
            if (type(obj), field.name) in _LEFT_OUT:
                continue
            value = field.value_from_object(obj)
            if field.is_relation and value is not None:
                target = field.related_model
                if target is get_user_model():
                    value = users.get(value)
                elif target is ContentType:
                    ct = content_types[value]
                    value = f"{ct.app_label}.{ct.model}"
                elif target is Place:  # one of the project's places, by name and code
                    place = Place.objects.get(pk=value)
                    value = [place.name, place.code]
                elif target in local:
                    value = local[target].get(value)
            data[field.name] = _plain(value)
        if isinstance(obj, Version):
            model = content_types[obj.content_type_id].model_class()
            data["object_id"] = local.get(model, {}).get(obj.object_id)
            if obj.action == Version.Action.IMPORT:  # what an import created, by local number
                data["data"] = bulk_remap(obj.data, lambda m, pk: local.get(m, {}).get(pk))
        for field in obj._meta.many_to_many:
            target = field.related_model
            pks = getattr(obj, field.name).values_list("pk", flat=True)
            if target is get_user_model():
                data[field.name] = sorted(users[pk] for pk in pks)
            else:
                data[field.name] = sorted(local[target][pk] for pk in pks)
        return data

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "project": {
            "uid": str(project.uid),
            **{name: _plain(getattr(project, name)) for name in _PROJECT_FIELDS},
            "organisation": project.organisation.name,
            "places": [
                {"name": p.name, "kind": p.kind, "country": p.country, "code": p.code}
                for p in project.places.order_by("name", "code")
            ],
            "members": sorted(
                [m.user.username, m.role] for m in project.memberships.select_related("user")
            ),
        },
        "tables": {name: [row(obj) for obj in rows[model]] for name, model, _path in TABLES},
    }


def backup_write(project: Project, path: Path) -> None:
    data = backup_data(project)
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        json.dump(data, stream, ensure_ascii=False)


def backup_read(path: Path) -> dict[str, Any]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValidationError(_("This is not a Draagvlak backup file.")) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(_("This is not a Draagvlak backup file."))
    if data.get("format_version") != FORMAT_VERSION:
        raise ValidationError(_("This backup was written by another version of Draagvlak."))
    return data


@contextlib.contextmanager
def _keeping_timestamps() -> Iterator[None]:
    """Restored rows keep their own creation and change times."""
    switched = []
    for model in [Project, *(m for _n, m, _p in TABLES)]:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                switched.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in switched:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


@dataclasses.dataclass
class Restored:
    """A restored project and what of the backup could not be restored as it was."""

    project: Project
    owner_added: str = ""  # who became owner, since none of the backup's owners is here
    missing_members: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (user, role)
    missing_users: list[str] = dataclasses.field(default_factory=list)  # named in rows, not here


def default_owner():
    """Who restores when nobody is named: the longest-standing active superuser, if any."""
    return (
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .order_by("date_joined", "pk")
        .first()
    )


@transaction.atomic
def backup_restore(data: dict[str, Any], *, replace: bool = False, owner=None) -> Restored:
    """Recreate the project of a backup. A project with the same identity that still exists is
    only replaced when asked, so a restore never silently overwrites live work.

    Members and authors are matched by user name. When none of the backup's owners has an
    account in this database, `owner` (by default the longest-standing superuser) becomes the
    owner, so that the project is never left without one; the others who are missing are
    reported."""
    meta = data["project"]
    existing = Project.objects.filter(uid=meta["uid"]).first()
    if existing is not None:
        if not replace:
            raise ValidationError(
                _("The project “%(title)s” still exists. Restore with replace to overwrite it.")
                % {"title": existing.title}
            )
        existing.delete()
    user_model = get_user_model()
    users = {u.username: u for u in user_model.objects.all()}
    restored_owner = any(
        role == Role.OWNER and username in users for username, role in meta["members"]
    )
    if not restored_owner:
        owner = owner or default_owner()
        if owner is None:
            raise ValidationError(
                _(
                    "None of the owners of this project has an account here, and nobody is "
                    "named to become its owner."
                ),
                code="no_owner",
            )
    organisation, _created = Organisation.objects.get_or_create(name=meta["organisation"])
    result = Restored(project=Project(uid=meta["uid"], organisation=organisation))
    with _keeping_timestamps():
        project = result.project
        for name in _PROJECT_FIELDS:
            # A backup made before a field existed leaves the new project's default.
            if name in meta:
                setattr(project, name, meta[name])
        project.save()
        project.places.set(
            [
                Place.objects.get_or_create(
                    name=p["name"],
                    code=p["code"],
                    defaults={"kind": p["kind"], "country": p["country"]},
                )[0]
                for p in meta["places"]
            ]
        )
        for username, role in meta["members"]:
            if username in users:
                Membership.objects.create(project=project, user=users[username], role=role)
            else:
                result.missing_members.append((username, role))
        if not restored_owner:
            Membership.objects.update_or_create(
                project=project, user=owner, defaults={"role": Role.OWNER}
            )
            result.owner_added = owner.get_username()
        missing: set[str] = set()
        _restore_tables(project, data["tables"], users, missing)
    members = {username for username, _role in meta["members"]}
    result.missing_users = sorted(missing - members)
    return result


def _restored_pk(created: dict, model: type[models.Model], local_id: int) -> int | None:
    rows = created.get(model, [])
    return rows[local_id - 1].pk if 0 < local_id <= len(rows) else None


def _restore_tables(
    project: Project, tables: dict[str, list], users: dict, missing: set[str]
) -> None:
    """Every table's rows; user names not found here are collected in `missing`."""
    created: dict[type[models.Model], list[models.Model]] = {}
    content_types = {f"{ct.app_label}.{ct.model}": ct for ct in ContentType.objects.all()}
    later: list[tuple[models.Model, str, type[models.Model], int]] = []
    for name, model, _path in TABLES:
        objects, m2m = [], []
        for row in tables.get(name, []):
            obj = model()
            if any(f.name == "project" for f in model._meta.concrete_fields):
                obj.project = project
            for field in model._meta.concrete_fields:
                if field.primary_key or field.name == "project" or field.name not in row:
                    continue
                value = row[field.name]
                if field.is_relation:
                    target = field.related_model
                    if (model, field.name) in _LATER:
                        if value is not None:
                            later.append((obj, field.name, target, value))
                        continue
                    if value is None:
                        pass
                    elif target is get_user_model():
                        if value not in users:
                            missing.add(value)
                        value = users.get(value)
                    elif target is ContentType:
                        value = content_types[value]
                    elif target is Place:
                        value = project.places.filter(name=value[0], code=value[1]).first()
                    else:
                        value = created[target][value - 1]
                    setattr(obj, field.name, value)
                else:
                    setattr(obj, field.attname, field.to_python(value))
            if isinstance(obj, Version):
                target_model = obj.content_type.model_class()
                local_id = row.get("object_id")
                obj.object_id = (
                    created[target_model][local_id - 1].pk
                    if target_model in created and local_id
                    else 0
                )
                if obj.action == Version.Action.IMPORT:
                    obj.data = bulk_remap(obj.data, partial(_restored_pk, created))
            objects.append(obj)
            m2m.append({f.name: row.get(f.name, []) for f in model._meta.many_to_many})
        for obj in objects:  # one by one keeps primary keys in the original order everywhere
            obj.save(force_insert=True)
        for obj, lists in zip(objects, m2m, strict=True):
            for field_name, local_ids in lists.items():
                target = model._meta.get_field(field_name).related_model
                if target is get_user_model():
                    missing.update(name for name in local_ids if name not in users)
                    members = [users[name] for name in local_ids if name in users]
                else:
                    members = [created[target][n - 1] for n in local_ids]
                getattr(obj, field_name).set(members)
        created[model] = objects
    for obj, field_name, target, local_id in later:
        type(obj)._base_manager.filter(pk=obj.pk).update(
            **{field_name: created[target][local_id - 1]}
        )
