from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from ninja import Router

from api import selectors
from api.access import relation_ends
from api.resources import ProjectResource, Texts, declare
from api.schemas import RelationFilters, RelationIn, RelationOut, RelationPage, RelationPatch
from parties import services
from parties.models import Relation
from projects.access import Need
from projects.models import Project


def _relations(project: Project) -> QuerySet[Relation]:
    return Relation.objects.filter(
        project=project, source__deleted_at__isnull=True, target__deleted_at__isnull=True
    ).select_related("source", "target", "project")


def _listing(project: Project, filters: dict[str, Any]) -> QuerySet[Relation]:
    return selectors.relation_list(
        project=project, kind=filters.get("kind"), party=filters.get("party")
    )


router = declare(
    ProjectResource(
        name="relation",
        path="relations",
        id_name="relation_id",
        model=Relation,
        tag="relations",
        texts=Texts(
            list=gettext_lazy("List a project's relations"),
            create=gettext_lazy("Add a relation between two parties"),
            detail=gettext_lazy("Get a relation"),
            update=gettext_lazy("Change a relation"),
            delete=gettext_lazy("Move a relation to the bin"),
            create_description=gettext_lazy(
                "Editors and owners. Both parties must belong to the project."
            ),
            update_description=gettext_lazy("Editors and owners; `If-Match` as for parties."),
            delete_description=gettext_lazy("Editors and owners."),
        ),
        out=RelationOut,
        create_in=RelationIn,
        patch_in=RelationPatch,
        objects=_relations,
        create=lambda project, data, user: services.relation_create(
            project=project, data=data, user=user
        ),
        update=lambda relation, data, user, version: services.relation_update(
            relation=relation, data=data, user=user, expected_version=version
        ),
        delete=lambda relation, user: services.relation_delete(relation=relation, user=user),
        need=Need.EDIT,
        refs=relation_ends,
        filters=RelationFilters,
        listing=_listing,
        page=RelationPage,
        router=Router(tags=["relations"]),
    )
)
