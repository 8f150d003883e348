from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from api import selectors
from api.access import project_for, relation_ends, relation_for
from api.pagination import PageParams, paginate
from api.schemas import (
    BODY_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    PathId,
    RelationConflict,
    RelationFilters,
    RelationIn,
    RelationOut,
    RelationPage,
    RelationPatch,
)
from parties import services
from parties.models import Relation
from projects.access import Need

router = Router(tags=["relations"])


@router.get(
    "/{project_id}/relations",
    response={200: RelationPage, **READ_ERRORS},
    summary="List a project's relations",
)
def relation_list(
    request: HttpRequest,
    project_id: PathId,
    filters: Query[RelationFilters],
    page: Query[PageParams],
) -> dict[str, Any]:
    project = project_for(request, project_id)
    relations = selectors.relation_list(project=project, kind=filters.kind, party=filters.party)
    return paginate(relations, page)


@router.post(
    "/{project_id}/relations",
    response={201: RelationOut, **BODY_ERRORS},
    summary="Add a relation between two parties",
)
def relation_create(
    request: HttpRequest, project_id: PathId, payload: RelationIn
) -> Status[Relation]:
    """Editors and owners. Both parties must belong to the project."""
    project = project_for(request, project_id, Need.EDIT)
    data = relation_ends(project, payload.dict(exclude_unset=True))
    relation = services.relation_create(project=project, data=data, user=request.auth)
    return Status(201, relation)


@router.get(
    "/{project_id}/relations/{relation_id}",
    response={200: RelationOut, **READ_ERRORS},
    summary="Get a relation",
)
def relation_detail(request: HttpRequest, project_id: PathId, relation_id: PathId) -> Relation:
    return relation_for(request, project_id, relation_id)


@router.patch(
    "/{project_id}/relations/{relation_id}",
    response={200: RelationOut, 409: RelationConflict, **BODY_ERRORS},
    summary="Change a relation",
)
def relation_update(
    request: HttpRequest, project_id: PathId, relation_id: PathId, payload: RelationPatch
) -> Relation:
    """Editors and owners; `version` as for parties."""
    relation = relation_for(request, project_id, relation_id, Need.EDIT)
    data = relation_ends(
        relation.project, payload.dict(exclude_unset=True, exclude={"version"}), relation
    )
    return services.relation_update(
        relation=relation, data=data, user=request.auth, expected_version=payload.version
    )


@router.delete(
    "/{project_id}/relations/{relation_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Move a relation to the bin",
)
def relation_delete(request: HttpRequest, project_id: PathId, relation_id: PathId) -> Status[None]:
    """Editors and owners."""
    relation = relation_for(request, project_id, relation_id, Need.EDIT)
    services.relation_delete(relation=relation, user=request.auth)
    return Status(204, None)
