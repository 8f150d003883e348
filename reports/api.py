"""Reports to the board in the API: list, read, issue, withdraw to the bin, and download the
files as they were issued. An issued report is never changed, so there is no PATCH; the five
routes of api.resources do not fit and these are written out."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from api.access import one_or_404, project_for
from api.errors import CONFLICT_SCHEMAS
from api.pagination import PageParams, paginate
from api.preconditions import ETAG_OPERATIONS, IfMatch, delete_checked, set_etag
from api.schemas import BODY_ERRORS, PRECONDITION_ERRORS, READ_ERRORS, WRITE_ERRORS, PathId, Text
from projects.access import Need
from reports import selectors, services
from reports.models import BoardReport
from reports.views import CONTENT_TYPES, file_response

router = Router(tags=["reports"])


class ReportOut(Schema):
    id: int
    title: str
    audience: str
    period_start: date | None
    period_end: date
    issued_at: datetime
    issued_by: str | None = Field(None, description="User name of who issued it.")
    language: str
    version: int

    @staticmethod
    def resolve_issued_by(obj: Any) -> str | None:
        return obj.issued_by.get_username() if obj.issued_by_id else None


class ReportDetailOut(ReportOut):
    data: dict[str, Any] = Field(description="The figures as they stood when it was issued.")


class ReportPage(Schema):
    count: int
    items: list[ReportOut]


class ReportConflict(Schema):
    detail: str
    current: ReportOut


class ReportIn(Schema):
    audience: Literal["board", "council"] = "board"
    period_end: date
    period_start: date | None = None
    title: Text = Field("", max_length=200)


CONFLICT_SCHEMAS[BoardReport] = ReportOut


def _one(request: HttpRequest, project_id: int, report_id: int, need: Need = Need.VIEW):
    project = project_for(request, project_id, need)
    return one_or_404(BoardReport.objects.filter(project=project, pk=report_id))


@router.get(
    "/{project_id}/reports",
    response={200: ReportPage, **READ_ERRORS},
    summary=gettext_lazy("List a project's reports to the board"),
    description=gettext_lazy("Newest first; reports in the bin are left out."),
)
def report_list(
    request: HttpRequest, project_id: PathId, page: Query[PageParams]
) -> dict[str, Any]:
    project = project_for(request, project_id)
    return paginate(selectors.report_list(project=project), page)


@router.post(
    "/{project_id}/reports",
    response={201: ReportDetailOut, **BODY_ERRORS},
    summary=gettext_lazy("Issue a report to the board or the council"),
    description=gettext_lazy(
        "Editors and owners. The report is made from the project's data now and kept as it "
        "is; it cannot be changed afterwards."
    ),
)
def report_create(
    request: HttpRequest, project_id: PathId, payload: ReportIn, response: HttpResponse
) -> Status[BoardReport]:
    project = project_for(request, project_id, Need.EDIT)
    report = services.report_issue(project=project, user=request.auth, **payload.dict())
    set_etag(response, report)
    return Status(201, report)


@router.get(
    "/{project_id}/reports/{report_id}",
    response={200: ReportDetailOut, **READ_ERRORS},
    summary=gettext_lazy("Get a report to the board with its data"),
)
def report_detail(
    request: HttpRequest, project_id: PathId, report_id: PathId, response: HttpResponse
) -> BoardReport:
    report = _one(request, project_id, report_id)
    set_etag(response, report)
    return report


@router.delete(
    "/{project_id}/reports/{report_id}",
    response={204: None, 412: ReportConflict, **PRECONDITION_ERRORS, **WRITE_ERRORS},
    summary=gettext_lazy("Withdraw a report to the bin"),
    description=gettext_lazy("Editors and owners; it can be restored from the project's bin."),
)
def report_delete(
    request: HttpRequest, project_id: PathId, report_id: PathId, if_match: IfMatch = None
) -> Status[None]:
    report = _one(request, project_id, report_id, Need.EDIT)
    delete_checked(
        report, if_match, None, lambda: services.report_delete(report=report, user=request.auth)
    )
    return Status(204, None)


def _download(request: HttpRequest, project_id: int, report_id: int, fmt: str) -> HttpResponse:
    report = _one(request, project_id, report_id)
    return file_response(getattr(report, fmt), report.title, fmt)


@router.get(
    "/{project_id}/reports/{report_id}/pdf",
    response={200: None, **READ_ERRORS},
    summary=gettext_lazy("Download a report as PDF, as it was issued"),
    openapi_extra={"responses": {200: {"description": "The PDF file.", "content": {
        CONTENT_TYPES["pdf"]: {"schema": {"type": "string", "format": "binary"}}}}}},
)
def report_pdf(request: HttpRequest, project_id: PathId, report_id: PathId) -> HttpResponse:
    return _download(request, project_id, report_id, "pdf")


@router.get(
    "/{project_id}/reports/{report_id}/docx",
    response={200: None, **READ_ERRORS},
    summary=gettext_lazy("Download a report as Word, as it was issued"),
    openapi_extra={"responses": {200: {"description": "The Word file.", "content": {
        CONTENT_TYPES["docx"]: {"schema": {"type": "string", "format": "binary"}}}}}},
)
def report_docx(request: HttpRequest, project_id: PathId, report_id: PathId) -> HttpResponse:
    return _download(request, project_id, report_id, "docx")


ETAG_OPERATIONS.update({"report_create", "report_detail"})
