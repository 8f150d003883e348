from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from api import selectors
from api.access import project_for
from api.schemas import (
    BODY_ERRORS,
    READ_ERRORS,
    MemberOut,
    PathId,
    ProjectConflict,
    ProjectOut,
    ProjectPatch,
    ProjectSummary,
)
from projects import services as project_services
from projects.access import Need
from projects.models import Membership, Project
from projects.selectors import projects_for_user

router = Router(tags=["projects"])


@router.get(
    "",
    response={200: list[ProjectSummary], 401: READ_ERRORS[401]},
    summary="List your projects",
)
def project_list(request: HttpRequest) -> list[dict[str, Any]]:
    """The projects you are a member of, with your role in each."""
    return [
        {**ProjectOut.from_orm(membership.project).model_dump(), "role": membership.role}
        for membership in projects_for_user(user=request.auth)
    ]


@router.get("/{project_id}", response={200: ProjectOut, **READ_ERRORS}, summary="Get a project")
def project_detail(request: HttpRequest, project_id: PathId) -> Project:
    return project_for(request, project_id)


@router.patch(
    "/{project_id}",
    response={200: ProjectOut, 409: ProjectConflict, **BODY_ERRORS},
    summary="Change a project's details",
)
def project_update(request: HttpRequest, project_id: PathId, payload: ProjectPatch) -> Project:
    """Editors and owners. Send only the fields to change, and `version` to be warned (409)
    when someone else saved in between."""
    project = project_for(request, project_id, Need.EDIT)
    data = payload.dict(exclude_unset=True, exclude={"version"})
    return project_services.project_update(
        project=project, data=data, user=request.auth, expected_version=payload.version
    )


@router.get(
    "/{project_id}/members",
    response={200: list[MemberOut], **READ_ERRORS},
    summary="List a project's members",
)
def member_list(request: HttpRequest, project_id: PathId) -> list[Membership]:
    return list(selectors.member_list(project=project_for(request, project_id)))
