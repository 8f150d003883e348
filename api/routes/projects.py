from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Status

from api import selectors
from api.access import project_for
from api.preconditions import ETAG_OPERATIONS, IfMatch, expected_version, set_etag
from api.schemas import (
    BODY_ERRORS,
    PRECONDITION_ERRORS,
    READ_ERRORS,
    InvitationOut,
    MemberIn,
    MemberOut,
    PathId,
    ProjectConflict,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
    ProjectSummary,
)
from projects import services as project_services
from projects.access import Need
from projects.models import Membership, Organisation, Project, Role
from projects.selectors import projects_for_user

router = Router(tags=["projects"])


@router.get(
    "",
    response={200: list[ProjectSummary], 401: READ_ERRORS[401]},
    summary=gettext_lazy("List your projects"),
    description=gettext_lazy("The projects you are a member of, with your role in each."),
)
def project_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {**ProjectOut.from_orm(membership.project).model_dump(), "role": membership.role}
        for membership in projects_for_user(user=request.auth)
    ]


def _organisation(user: Any, payload: ProjectIn) -> Organisation:
    """One of the user's organisations, or a new one named in the payload, as on the page."""
    if payload.organisation is not None:
        found = user.organisations.filter(pk=payload.organisation).first()
        if found is None:
            raise ValidationError({"organisation": _("Choose one of your organisations.")})
        return found
    if not payload.new_organisation:
        raise ValidationError({"new_organisation": _("Choose an organisation or name a new one.")})
    return project_services.organisation_create(user=user, name=payload.new_organisation)


def _check_theme(data: dict[str, Any], project: Project | None = None) -> None:
    theme = data.get("theme", project.theme if project else "")
    theme_other = data.get("theme_other", project.theme_other if project else "")
    if theme == Project.Theme.OTHER and not theme_other:
        raise ValidationError({"theme_other": _("Name your own theme.")})


@router.post(
    "",
    response={
        201: ProjectSummary,
        400: BODY_ERRORS[400],
        **{code: BODY_ERRORS[code] for code in (401, 422)},
    },
    summary=gettext_lazy("Start a project"),
    description=gettext_lazy(
        "Any user. You become the project's owner; the project belongs to one of your "
        "organisations (`organisation`) or to a new one (`new_organisation`)."
    ),
)
def project_create(
    request: HttpRequest, payload: ProjectIn, response: HttpResponse
) -> Status[dict[str, Any]]:
    data = payload.dict(exclude_unset=True, exclude={"organisation", "new_organisation"})
    _check_theme(data)
    with transaction.atomic():
        project = project_services.project_create(
            user=request.auth,
            organisation=_organisation(request.auth, payload),
            data=data,
            places=[],
        )
    set_etag(response, project)
    return Status(201, {**ProjectOut.from_orm(project).model_dump(), "role": Role.OWNER})


@router.get(
    "/{project_id}",
    response={200: ProjectOut, **READ_ERRORS},
    summary=gettext_lazy("Get a project"),
)
def project_detail(request: HttpRequest, project_id: PathId, response: HttpResponse) -> Project:
    project = project_for(request, project_id)
    set_etag(response, project)
    return project


@router.patch(
    "/{project_id}",
    response={200: ProjectOut, 412: ProjectConflict, **PRECONDITION_ERRORS, **BODY_ERRORS},
    summary=gettext_lazy("Change a project's details"),
    description=gettext_lazy(
        "Editors and owners. Send only the fields to change, with the ETag you read in "
        "`If-Match`; 412 when someone else saved in between."
    ),
)
def project_update(
    request: HttpRequest,
    project_id: PathId,
    payload: ProjectPatch,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Project:
    project = project_for(request, project_id, Need.EDIT)
    data = payload.dict(exclude_unset=True, exclude={"version"})
    expected = expected_version(if_match, payload.version, project.version)
    _check_theme(data, project)
    saved = project_services.project_update(
        project=project, data=data, user=request.auth, expected_version=expected
    )
    set_etag(response, saved)
    return saved


@router.get(
    "/{project_id}/members",
    response={200: list[MemberOut], **READ_ERRORS},
    summary=gettext_lazy("List a project's members"),
)
def member_list(request: HttpRequest, project_id: PathId) -> list[Membership]:
    return list(selectors.member_list(project=project_for(request, project_id)))


@router.post(
    "/{project_id}/members",
    response={202: InvitationOut, **BODY_ERRORS},
    summary=gettext_lazy("Invite a member by e-mail address"),
    description=gettext_lazy(
        "Owners. As on the members page, the person gets an invitation link by e-mail and joins "
        "with the given role once they accept it; nobody is added without accepting, and the "
        "answer is the same whether or not the address has an account. A second invitation to "
        "the same address renews the first (`renewed`); a member already in the project gives "
        "422."
    ),
)
def member_invite(
    request: HttpRequest, project_id: PathId, payload: MemberIn
) -> Status[dict[str, Any]]:
    project = project_for(request, project_id, Need.OWN)
    try:
        validate_email(payload.email)
    except ValidationError as error:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from error
    outcome = project_services.member_invite(
        project=project,
        email=payload.email,
        role=payload.role,
        invited_by=request.auth,
        accept_url_for=lambda invitation: request.build_absolute_uri(
            reverse("invitation_accept", args=[invitation.token])
        ),
    )
    if outcome == "already":
        raise ValidationError({"email": _("This person is already a member of this project.")})
    return Status(202, {"email": payload.email, "role": payload.role, "outcome": outcome})


ETAG_OPERATIONS.update({"project_create", "project_detail", "project_update"})
