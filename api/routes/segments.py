from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status

from api.access import project_for, segment_for
from api.errors import CONFLICT_SCHEMAS
from api.preconditions import ETAG_OPERATIONS, IfMatch, delete_checked, expected_version, set_etag
from api.schemas import (
    BODY_ERRORS,
    PRECONDITION_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    PathId,
    SegmentIn,
    SegmentOut,
    SegmentPatch,
)
from projects import services
from projects.access import Need
from projects.models import TargetSegment

router = Router(tags=["target-group segments"])


class SegmentConflict(Schema):
    detail: str
    current: SegmentOut


CONFLICT_SCHEMAS[TargetSegment] = SegmentOut


@router.get(
    "/{project_id}/segments",
    response={200: list[SegmentOut], **READ_ERRORS},
    summary=gettext_lazy("List the target-group segments"),
)
def segment_list(request: HttpRequest, project_id: PathId) -> list[TargetSegment]:
    return list(project_for(request, project_id).segments.order_by("name", "pk"))


@router.post(
    "/{project_id}/segments",
    response={201: SegmentOut, **BODY_ERRORS},
    summary=gettext_lazy("Add a target-group segment"),
    description=gettext_lazy("Editors and owners. Names are unique within a project."),
)
def segment_create(
    request: HttpRequest, project_id: PathId, payload: SegmentIn
) -> Status[TargetSegment]:
    project = project_for(request, project_id, Need.EDIT)
    segment = services.segment_create(
        project=project, data=payload.dict(exclude_unset=True), user=request.auth
    )
    return Status(201, segment)


@router.get(
    "/{project_id}/segments/{segment_id}",
    response={200: SegmentOut, **READ_ERRORS},
    summary=gettext_lazy("Get a target-group segment"),
)
def segment_detail(
    request: HttpRequest, project_id: PathId, segment_id: PathId, response: HttpResponse
) -> TargetSegment:
    segment = segment_for(request, project_id, segment_id)
    set_etag(response, segment)
    return segment


@router.patch(
    "/{project_id}/segments/{segment_id}",
    response={200: SegmentOut, 412: SegmentConflict, **PRECONDITION_ERRORS, **BODY_ERRORS},
    summary=gettext_lazy("Change a target-group segment"),
    description=gettext_lazy("Editors and owners; `If-Match` as for parties."),
)
def segment_update(
    request: HttpRequest,
    project_id: PathId,
    segment_id: PathId,
    payload: SegmentPatch,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> TargetSegment:
    segment = segment_for(request, project_id, segment_id, Need.EDIT)
    saved = services.segment_update(
        segment=segment,
        data=payload.dict(exclude_unset=True),
        user=request.auth,
        expected_version=expected_version(if_match, None, segment.version),
    )
    set_etag(response, saved)
    return saved


@router.delete(
    "/{project_id}/segments/{segment_id}",
    response={204: None, 412: SegmentConflict, **PRECONDITION_ERRORS, **WRITE_ERRORS},
    summary=gettext_lazy("Delete a target-group segment"),
    description=gettext_lazy(
        "Editors and owners. Deleted for good (segments have no bin); parties keep their other "
        "segments."
    ),
)
def segment_delete(
    request: HttpRequest, project_id: PathId, segment_id: PathId, if_match: IfMatch = None
) -> Status[None]:
    segment = segment_for(request, project_id, segment_id, Need.EDIT)
    delete_checked(
        segment, if_match, None, lambda: services.segment_delete(segment=segment, user=request.auth)
    )
    return Status(204, None)


ETAG_OPERATIONS.update({"segment_detail", "segment_update"})
