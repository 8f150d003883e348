from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Router, Status

from api.access import assessment_for, party_for
from api.schemas import BODY_ERRORS, READ_ERRORS, AssessmentIn, AssessmentOut, PathId
from parties import selectors, services
from parties.models import Assessment
from projects.access import Need

router = Router(tags=["assessments"])


@router.get(
    "/{project_id}/parties/{party_id}/assessments",
    response={200: list[AssessmentOut], **READ_ERRORS},
    summary=gettext_lazy("List a party's assessments, newest first"),
)
def assessment_list(request: HttpRequest, project_id: PathId, party_id: PathId) -> list[Assessment]:
    party = party_for(request, project_id, party_id)
    return list(selectors.party_assessments(party=party))


@router.post(
    "/{project_id}/parties/{party_id}/assessments",
    response={201: AssessmentOut, **BODY_ERRORS},
    summary=gettext_lazy("Record a new assessment of a party"),
    description=gettext_lazy(
        "Editors and owners. Earlier assessments are kept; the newest by date becomes the "
        "party's latest. Power, interest, legitimacy and urgency 1–5; attitude −2…+2."
    ),
)
def assessment_create(
    request: HttpRequest, project_id: PathId, party_id: PathId, payload: AssessmentIn
) -> Status[Assessment]:
    party = party_for(request, project_id, party_id, Need.EDIT)
    assessment = services.assessment_record(
        party=party, assessed_by=request.auth, data=payload.dict()
    )
    return Status(201, assessment)


@router.get(
    "/{project_id}/assessments/{assessment_id}",
    response={200: AssessmentOut, **READ_ERRORS},
    summary=gettext_lazy("Get an assessment"),
)
def assessment_detail(
    request: HttpRequest, project_id: PathId, assessment_id: PathId
) -> Assessment:
    return assessment_for(request, project_id, assessment_id)
