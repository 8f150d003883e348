"""Argument briefs in the API: drafts (list, read, create, change with If-Match, to the bin),
issuing one, and the issued versions with their files as they were issued."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from api.access import one_or_404, project_for
from api.errors import CONFLICT_SCHEMAS
from api.pagination import PageParams, paginate
from api.preconditions import (
    ETAG_OPERATIONS,
    IfMatch,
    delete_checked,
    expected_version,
    set_etag,
)
from api.schemas import (
    BODY_ERRORS,
    PRECONDITION_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    Id,
    LongText,
    PathId,
    Text,
    optional,
)
from evidence import brief
from evidence.models import ArgumentBrief, IssuedBrief
from projects.access import Need
from reports.views import CONTENT_TYPES, file_response

router = Router(tags=["argument briefs"])
Audience = Literal["alderman", "management", "council"]


class BriefOut(Schema):
    id: int
    title: str
    audience: str
    problem: str
    consequences: str
    figures: str
    policy: str
    support: str
    direction: str
    ask: str
    cited_marks: list[int] = Field(description="Ids of the marked passages it quotes.")
    cited_indicators: list[int] = Field(description="Ids of the indicators it shows.")
    version: int

    @staticmethod
    def resolve_cited_marks(obj: Any) -> list[int]:
        return sorted(m.pk for m in obj.cited_marks.all())

    @staticmethod
    def resolve_cited_indicators(obj: Any) -> list[int]:
        return sorted(i.pk for i in obj.cited_indicators.all())


class BriefPage(Schema):
    count: int
    items: list[BriefOut]


class BriefConflict(Schema):
    detail: str
    current: BriefOut


class BriefIn(Schema):
    audience: Audience = "alderman"
    title: Text = Field("", max_length=200)
    problem: LongText = ""
    consequences: LongText = ""
    figures: LongText = ""
    policy: LongText = ""
    support: LongText = ""
    direction: LongText = ""
    ask: LongText = ""
    cited_marks: list[Id] | None = None
    cited_indicators: list[Id] | None = None


class BriefPatch(Schema):
    audience: Audience = optional()
    title: Text = optional(max_length=200)
    problem: LongText = optional()
    consequences: LongText = optional()
    figures: LongText = optional()
    policy: LongText = optional()
    support: LongText = optional()
    direction: LongText = optional()
    ask: LongText = optional()
    cited_marks: list[Id] = optional()
    cited_indicators: list[Id] = optional()


class IssuedOut(Schema):
    id: int
    brief_id: int
    title: str
    audience: str
    issued_at: datetime
    language: str
    version: int


class IssuedDetailOut(IssuedOut):
    data: dict[str, Any] = Field(description="The brief and its data as issued.")


class IssuedPage(Schema):
    count: int
    items: list[IssuedOut]


class IssuedConflict(Schema):
    detail: str
    current: IssuedOut


CONFLICT_SCHEMAS[ArgumentBrief] = BriefOut
CONFLICT_SCHEMAS[IssuedBrief] = IssuedOut


def _brief(request: HttpRequest, project_id: int, brief_id: int, need: Need = Need.VIEW):
    project = project_for(request, project_id, need)
    found = one_or_404(brief.brief_list(project=project).filter(pk=brief_id))
    found.project = project
    return found


def _issued(request: HttpRequest, project_id: int, issued_id: int, need: Need = Need.VIEW):
    project = project_for(request, project_id, need)
    return one_or_404(
        IssuedBrief.objects.filter(project=project, pk=issued_id, brief__deleted_at__isnull=True)
    )


@router.get("/{project_id}/briefs", response={200: BriefPage, **READ_ERRORS},
            summary=gettext_lazy("List a project's argument briefs"))
def brief_list(request: HttpRequest, project_id: PathId, page: Query[PageParams]) -> dict:
    project = project_for(request, project_id)
    return paginate(brief.brief_list(project=project).prefetch_related(
        "cited_marks", "cited_indicators"), page)


@router.post(
    "/{project_id}/briefs", response={201: BriefOut, **BODY_ERRORS},
    summary=gettext_lazy("Write a draft brief"),
    description=gettext_lazy(
        "Editors and owners. Sections left empty are written from the project's data; "
        "without cited_marks it quotes every marked passage."
    ),
)
def brief_create(
    request: HttpRequest, project_id: PathId, payload: BriefIn, response: HttpResponse
) -> Status[ArgumentBrief]:
    project = project_for(request, project_id, Need.EDIT)
    data = {k: v for k, v in payload.dict().items() if v is not None}
    created = brief.brief_create(project=project, data=data, user=request.auth)
    set_etag(response, created)
    return Status(201, created)


@router.get("/{project_id}/briefs/{brief_id}", response={200: BriefOut, **READ_ERRORS},
            summary=gettext_lazy("Get a draft brief"))
def brief_detail(
    request: HttpRequest, project_id: PathId, brief_id: PathId, response: HttpResponse
) -> ArgumentBrief:
    found = _brief(request, project_id, brief_id)
    set_etag(response, found)
    return found


@router.patch(
    "/{project_id}/briefs/{brief_id}",
    response={200: BriefOut, 412: BriefConflict, **PRECONDITION_ERRORS, **BODY_ERRORS},
    summary=gettext_lazy("Change a draft brief"),
)
def brief_update(
    request: HttpRequest, project_id: PathId, brief_id: PathId, payload: BriefPatch,
    response: HttpResponse, if_match: IfMatch = None,
) -> ArgumentBrief:
    current = _brief(request, project_id, brief_id, Need.EDIT)
    data = payload.dict(exclude_unset=True)
    expected = expected_version(if_match, None, current.version)
    brief.brief_update(brief=current, data=data, user=request.auth, expected_version=expected)
    saved = _brief(request, project_id, brief_id)
    set_etag(response, saved)
    return saved


@router.delete(
    "/{project_id}/briefs/{brief_id}",
    response={204: None, 412: BriefConflict, **PRECONDITION_ERRORS, **WRITE_ERRORS},
    summary=gettext_lazy("Move a draft brief to the bin"),
)
def brief_delete(
    request: HttpRequest, project_id: PathId, brief_id: PathId, if_match: IfMatch = None
) -> Status[None]:
    current = _brief(request, project_id, brief_id, Need.EDIT)
    delete_checked(current, if_match, None,
                   lambda: brief.brief_delete(brief=current, user=request.auth))
    return Status(204, None)


@router.post(
    "/{project_id}/briefs/{brief_id}/issue",
    response={201: IssuedDetailOut, 412: BriefConflict, **PRECONDITION_ERRORS, **WRITE_ERRORS},
    summary=gettext_lazy("Issue a draft brief as Word and PDF"),
    description=gettext_lazy("Editors and owners; send the draft's ETag as If-Match."),
)
def brief_issue(
    request: HttpRequest, project_id: PathId, brief_id: PathId, if_match: IfMatch = None
) -> Status[IssuedBrief]:
    current = _brief(request, project_id, brief_id, Need.EDIT)
    expected = expected_version(if_match, None, current.version)
    return Status(201, brief.brief_issue(brief=current, user=request.auth,
                                         expected_version=expected))


@router.get("/{project_id}/issued-briefs", response={200: IssuedPage, **READ_ERRORS},
            summary=gettext_lazy("List the issued briefs, newest first"))
def issued_brief_list(request: HttpRequest, project_id: PathId, page: Query[PageParams]) -> dict:
    return paginate(brief.issued_list(project=project_for(request, project_id)), page)


@router.get("/{project_id}/issued-briefs/{issued_id}",
            response={200: IssuedDetailOut, **READ_ERRORS},
            summary=gettext_lazy("Get an issued brief with its data"))
def issued_brief_detail(
    request: HttpRequest, project_id: PathId, issued_id: PathId, response: HttpResponse
) -> IssuedBrief:
    found = _issued(request, project_id, issued_id)
    set_etag(response, found)
    return found


@router.delete(
    "/{project_id}/issued-briefs/{issued_id}",
    response={204: None, 412: IssuedConflict, **PRECONDITION_ERRORS, **WRITE_ERRORS},
    summary=gettext_lazy("Withdraw an issued brief to the bin"),
)
def issued_brief_delete(
    request: HttpRequest, project_id: PathId, issued_id: PathId, if_match: IfMatch = None
) -> Status[None]:
    current = _issued(request, project_id, issued_id, Need.EDIT)
    delete_checked(current, if_match, None,
                   lambda: brief.issued_delete(issued=current, user=request.auth))
    return Status(204, None)


def _download(request: HttpRequest, project_id: int, issued_id: int, fmt: str) -> HttpResponse:
    found = _issued(request, project_id, issued_id)
    return file_response(getattr(found, fmt), found.title, fmt)


def _binary(fmt: str) -> dict:
    return {"responses": {200: {"description": "The file.", "content": {
        CONTENT_TYPES[fmt]: {"schema": {"type": "string", "format": "binary"}}}}}}


@router.get("/{project_id}/issued-briefs/{issued_id}/pdf", response={200: None, **READ_ERRORS},
            summary=gettext_lazy("Download an issued brief as PDF"), openapi_extra=_binary("pdf"))
def issued_brief_pdf(request: HttpRequest, project_id: PathId, issued_id: PathId) -> HttpResponse:
    return _download(request, project_id, issued_id, "pdf")


@router.get("/{project_id}/issued-briefs/{issued_id}/docx", response={200: None, **READ_ERRORS},
            summary=gettext_lazy("Download an issued brief as Word"),
            openapi_extra=_binary("docx"))
def issued_brief_docx(
    request: HttpRequest, project_id: PathId, issued_id: PathId
) -> HttpResponse:
    return _download(request, project_id, issued_id, "docx")


ETAG_OPERATIONS.update({"brief_create", "brief_detail", "brief_update", "issued_brief_detail"})
