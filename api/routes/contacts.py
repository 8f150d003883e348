from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy
from ninja import Router, Status

from api import selectors
from api.access import contact_for, party_for
from api.preconditions import ETAG_OPERATIONS, IfMatch, delete_checked, expected_version, set_etag
from api.schemas import (
    BODY_ERRORS,
    PRECONDITION_ERRORS,
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
    summary=gettext_lazy("List a party's contact persons"),
)
def contact_list(request: HttpRequest, project_id: PathId, party_id: PathId) -> list[ContactPerson]:
    party = party_for(request, project_id, party_id)
    return list(selectors.contact_list(party_id=party.pk))


@router.post(
    "/{project_id}/parties/{party_id}/contacts",
    response={201: ContactOut, **BODY_ERRORS},
    summary=gettext_lazy("Add a contact person to a party"),
    description=gettext_lazy("Contributors, editors and owners."),
)
def contact_create(
    request: HttpRequest,
    project_id: PathId,
    party_id: PathId,
    payload: ContactIn,
    response: HttpResponse,
) -> Status[ContactPerson]:
    party = party_for(request, project_id, party_id, Need.CONTRIBUTE)
    contact = services.contact_create(
        party=party, data=payload.dict(exclude_unset=True), user=request.auth
    )
    set_etag(response, contact)
    return Status(201, contact)


@router.get(
    "/{project_id}/contacts/{contact_id}",
    response={200: ContactOut, **READ_ERRORS},
    summary=gettext_lazy("Get a contact person"),
)
def contact_detail(
    request: HttpRequest, project_id: PathId, contact_id: PathId, response: HttpResponse
) -> ContactPerson:
    contact = contact_for(request, project_id, contact_id)
    set_etag(response, contact)
    return contact


@router.patch(
    "/{project_id}/contacts/{contact_id}",
    response={200: ContactOut, 412: ContactConflict, **PRECONDITION_ERRORS, **BODY_ERRORS},
    summary=gettext_lazy("Change a contact person"),
    description=gettext_lazy("Contributors, editors and owners; `If-Match` as for parties."),
)
def contact_update(
    request: HttpRequest,
    project_id: PathId,
    contact_id: PathId,
    payload: ContactPatch,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> ContactPerson:
    contact = contact_for(request, project_id, contact_id, Need.CONTRIBUTE)
    saved = services.contact_update(
        contact=contact,
        data=payload.dict(exclude_unset=True, exclude={"version"}),
        user=request.auth,
        expected_version=expected_version(if_match, payload.version, contact.version),
    )
    set_etag(response, saved)
    return saved


@router.delete(
    "/{project_id}/contacts/{contact_id}",
    response={204: None, 412: ContactConflict, **PRECONDITION_ERRORS, **WRITE_ERRORS},
    summary=gettext_lazy("Move a contact person to the bin"),
    description=gettext_lazy(
        "Contributors, editors and owners; `If-Match` names the version you read."
    ),
)
def contact_delete(
    request: HttpRequest, project_id: PathId, contact_id: PathId, if_match: IfMatch = None
) -> Status[None]:
    contact = contact_for(request, project_id, contact_id, Need.CONTRIBUTE)
    delete_checked(
        contact, if_match, None, lambda: services.contact_delete(contact=contact, user=request.auth)
    )
    return Status(204, None)


ETAG_OPERATIONS.update({"contact_create", "contact_detail", "contact_update"})
