from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from api.access import party_for, project_for, segments_in
from api.pagination import PageParams, paginate
from api.schemas import (
    BODY_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    PartyConflict,
    PartyFilters,
    PartyIn,
    PartyOut,
    PartyPage,
    PartyPatch,
    PathId,
)
from parties import selectors, services
from parties.models import Party
from projects.access import Need

router = Router(tags=["parties"])


@router.get(
    "/{project_id}/parties",
    response={200: PartyPage, **READ_ERRORS},
    summary="List and filter a project's parties",
)
def party_list(
    request: HttpRequest,
    project_id: PathId,
    filters: Query[PartyFilters],
    page: Query[PageParams],
) -> dict[str, Any]:
    """The register, filtered and sorted as on the parties page, one page at a time."""
    project = project_for(request, project_id)
    parties = selectors.party_list(project=project, filters=filters.dict(exclude_none=True))
    return paginate(parties.prefetch_related("segments"), page)


@router.post(
    "/{project_id}/parties",
    response={201: PartyOut, **BODY_ERRORS},
    summary="Add a party to the register",
)
def party_create(request: HttpRequest, project_id: PathId, payload: PartyIn) -> Status[Party]:
    """Editors and owners."""
    project = project_for(request, project_id, Need.EDIT)
    party = services.party_create(
        project=project,
        data=payload.dict(exclude_unset=True, exclude={"segments"}),
        segments=segments_in(project, payload.segments or []),
        user=request.auth,
    )
    return Status(201, party)


@router.get(
    "/{project_id}/parties/{party_id}",
    response={200: PartyOut, **READ_ERRORS},
    summary="Get a party",
)
def party_detail(request: HttpRequest, project_id: PathId, party_id: PathId) -> Party:
    return party_for(request, project_id, party_id)


@router.patch(
    "/{project_id}/parties/{party_id}",
    response={200: PartyOut, 409: PartyConflict, **BODY_ERRORS},
    summary="Change a party",
)
def party_update(
    request: HttpRequest, project_id: PathId, party_id: PathId, payload: PartyPatch
) -> Party:
    """Editors and owners. Send only the fields to change, and `version` to be warned (409)
    when someone else saved in between."""
    party = party_for(request, project_id, party_id, Need.EDIT)
    segments = None if payload.segments is None else segments_in(party.project, payload.segments)
    return services.party_update(
        party=party,
        data=payload.dict(exclude_unset=True, exclude={"segments", "version"}),
        segments=segments,
        user=request.auth,
        expected_version=payload.version,
    )


@router.delete(
    "/{project_id}/parties/{party_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Move a party to the bin",
)
def party_delete(request: HttpRequest, project_id: PathId, party_id: PathId) -> Status[None]:
    """Editors and owners. The party can be restored from the project's bin."""
    party = party_for(request, project_id, party_id, Need.EDIT)
    services.party_delete(party=party, user=request.auth)
    return Status(204, None)
