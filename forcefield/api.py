"""The force field's forces in the JSON API, declared as a project resource: the same services
and rules as the force field page (editors and owners change it). A deleted force is gone for
good, with its actions, as on the page; the project's record keeps what they were."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema

from api.resources import ProjectResource, Texts, declare
from api.schemas import VERSION_DESCRIPTION, Id, PartyRef, Score, Text, Version, optional
from forcefield import services
from forcefield.models import Force
from parties.models import Party
from projects.access import Need
from projects.models import Project

Direction = Literal[tuple(Force.Direction.values)]


class ForceOut(Schema):
    id: int
    direction: Direction
    description: str
    strength: int = Field(description="1 weak … 5 very strong.")
    party: PartyRef | None = Field(description="The party behind it, if one is.")
    order: int
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_party(obj: Any) -> Any:
        party = obj.party
        return party if party is not None and party.deleted_at is None else None


class _ForceFields(Schema):
    direction: Direction = optional()
    description: Text = optional(min_length=1, max_length=300)
    strength: Score = optional()
    party: Id | None = optional(description="Id of a party of this project, or null.")
    order: int = optional(
        strict=True, ge=0, le=2_147_483_647, description="Position; 0 or left out: at the end."
    )


class ForceIn(_ForceFields):
    direction: Direction = "driving"
    description: Text = Field(min_length=1, max_length=300)


class ForcePatch(_ForceFields):
    version: Version = optional(description=VERSION_DESCRIPTION)


class ForceFilters(Schema):
    direction: Direction = optional()


def _forces(project: Project) -> QuerySet[Force]:
    return Force.objects.filter(field__project=project).select_related("party", "field")


def _party(project: Project, data: dict[str, Any], _current: Any = None) -> dict[str, Any]:
    if data.get("party") is not None:
        party = Party.objects.filter(project=project, pk=data["party"]).first()
        if party is None:
            raise ValidationError({"party": _("Choose a party of this project.")})
        data["party"] = party
    return data


router = declare(
    ProjectResource(
        name="force",
        path="forcefield/forces",
        id_name="force_id",
        model=Force,
        tag="force field",
        texts=Texts(
            list=gettext_lazy("List the forces of the force field"),
            create=gettext_lazy("Add a driving or restraining force"),
            detail=gettext_lazy("Get a force"),
            update=gettext_lazy("Change a force"),
            delete=gettext_lazy("Delete a force"),
            list_description=gettext_lazy(
                "Driving forces first, each side in its order. The figures "
                "(net force) are under /analysis/forcefield."
            ),
            create_description=gettext_lazy("Editors and owners."),
            update_description=gettext_lazy("Editors and owners; `If-Match` as for parties."),
            delete_description=gettext_lazy(
                "Editors and owners. Deleted for good with its actions, as on "
                "the force field page; the project's record keeps what they were."
            ),
        ),
        out=ForceOut,
        create_in=ForceIn,
        patch_in=ForcePatch,
        objects=_forces,
        create=lambda project, data, user: services.force_create(
            project=project, data=data, user=user
        ),
        update=lambda force, data, user, version: services.force_update(
            force=force, data=data, user=user, expected_version=version
        ),
        delete=lambda force, user: services.force_delete(force=force, user=user),
        need=Need.EDIT,
        refs=_party,
        filters=ForceFilters,
        router=Router(tags=["force field"]),
    )
)
