from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from api import selectors
from api.access import contact_for, party_for
from api.schemas import (
    BODY_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    ContactConflict,
    ContactIn,
    ContactOut,
    ContactPatch,
    PathId,
)
from parties import services
from parties.models import ContactPerson
from projects.access import Need

router = Router(tags=["contact persons"])


@router.get(
    "/{project_id}/parties/{party_id}/contacts",
    response={200: list[ContactOut], **READ_ERRORS},
    summary="List a party's contact persons",
)
def contact_list(request: HttpRequest, project_id: PathId, party_id: PathId) -> list[ContactPerson]:
    party = party_for(request, project_id, party_id)
    return list(selectors.contact_list(party_id=party.pk))


@router.post(
    "/{project_id}/parties/{party_id}/contacts",
    response={201: ContactOut, **BODY_ERRORS},
    summary="Add a contact person to a party",
)
def contact_create(
    request: HttpRequest, project_id: PathId, party_id: PathId, payload: ContactIn
) -> Status[ContactPerson]:
    """Contributors, editors and owners."""
    party = party_for(request, project_id, party_id, Need.CONTRIBUTE)
    contact = services.contact_create(
        party=party, data=payload.dict(exclude_unset=True), user=request.auth
    )
    return Status(201, contact)


@router.get(
    "/{project_id}/contacts/{contact_id}",
    response={200: ContactOut, **READ_ERRORS},
    summary="Get a contact person",
)
def contact_detail(request: HttpRequest, project_id: PathId, contact_id: PathId) -> ContactPerson:
    return contact_for(request, project_id, contact_id)


@router.patch(
    "/{project_id}/contacts/{contact_id}",
    response={200: ContactOut, 409: ContactConflict, **BODY_ERRORS},
    summary="Change a contact person",
)
def contact_update(
    request: HttpRequest, project_id: PathId, contact_id: PathId, payload: ContactPatch
) -> ContactPerson:
    """Contributors, editors and owners; `version` as for parties."""
    contact = contact_for(request, project_id, contact_id, Need.CONTRIBUTE)
    return services.contact_update(
        contact=contact,
        data=payload.dict(exclude_unset=True, exclude={"version"}),
        user=request.auth,
        expected_version=payload.version,
    )


@router.delete(
    "/{project_id}/contacts/{contact_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Move a contact person to the bin",
)
def contact_delete(request: HttpRequest, project_id: PathId, contact_id: PathId) -> Status[None]:
    """Contributors, editors and owners."""
    contact = contact_for(request, project_id, contact_id, Need.CONTRIBUTE)
    services.contact_delete(contact=contact, user=request.auth)
    return Status(204, None)
