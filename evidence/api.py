"""Policy documents, their passages, marked passages and search terms in the JSON API, under
/projects/{id}/evidence/: the same services and rules as the pages (contributors add, change
and mark; viewers read; deleting a document or a mark moves it to the bin, a term family is
deleted for good). A document is created from a web address (JSON) or by uploading the file
(multipart); both are scanned in the background, and the document shows the progress."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from api.access import one_or_404, project_for
from api.pagination import PageParams
from api.preconditions import ETAG_OPERATIONS, set_etag
from api.resources import ProjectResource, Texts, declare
from api.schemas import (
    BODY_ERRORS,
    READ_ERRORS,
    VERSION_DESCRIPTION,
    Id,
    LongText,
    PathId,
    Text,
    Version,
    optional,
)
from evidence import extract, selectors, services
from evidence.models import DocumentKind, EvidenceMark, Passage, PolicyDocument, TermFamily
from evidence.views import CONTENT_TYPES
from projects.access import Need
from projects.models import Project

Kind = Literal[tuple(DocumentKind.values)]


# Documents ---------------------------------------------------------------------------------


class DocumentOut(Schema):
    id: int
    title: str
    kind: str
    organisation: str
    year: int | None
    place: int | None = Field(None, description="Id of the project's place it covers.")
    source_url: str
    filename: str
    file_format: str
    size: int
    status: str = Field(
        description="queued, fetching, scanning, done, no_text (a PDF without a text layer) "
        "or failed (see `failure`)."
    )
    pages_total: int
    pages_done: int
    failure: str
    counts: dict[str, int] = Field(description="Terms found per term family.")
    scanned_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_place(obj: Any) -> int | None:
        return obj.place_id

    @staticmethod
    def resolve_counts(obj: Any) -> dict[str, int]:
        return obj.counts if isinstance(obj.counts, dict) else {}


class _DocumentFields(Schema):
    kind: Kind = optional()
    organisation: Text = optional(max_length=200)
    year: int | None = optional(ge=1900, le=2100, strict=True)
    place: Id | None = optional(description="Id of one of the project's places.")


class DocumentIn(_DocumentFields):
    title: Text = Field(min_length=1, max_length=300)
    url: Text = Field(
        min_length=1, max_length=2000,
        description="The http or https address the background worker fetches.",
    )


class DocumentPatch(_DocumentFields):
    title: Text = optional(min_length=1, max_length=300)
    version: Version = optional(description=VERSION_DESCRIPTION)


class ScanOut(Schema):
    status: str
    pages_total: int
    pages_done: int
    failure: str
    counts: dict[str, int]

    @staticmethod
    def resolve_counts(obj: Any) -> dict[str, int]:
        return obj.counts if isinstance(obj.counts, dict) else {}


def _place(project: Project, data: dict[str, Any], _current: Any = None) -> dict[str, Any]:
    if data.get("place") is not None:
        place = project.places.filter(pk=data["place"]).first()
        if place is None:
            raise ValidationError({"place": _("Choose one of the project's places.")})
        data["place"] = place
    return data


def _refused(field: str, refused: extract.Refused) -> ValidationError:
    return ValidationError({field: refused.message})


def _from_url(project: Project, data: dict[str, Any], user) -> PolicyDocument:
    url = data.pop("url")
    try:
        document = services.document_from_url(project=project, data=data, url=url, user=user)
    except extract.Refused as refused:
        raise _refused("url", refused) from refused
    services.scan_queue(document=document, language=get_language())
    return document


documents_router = declare(
    ProjectResource(
        name="policy_document",
        path="evidence/documents",
        id_name="document_id",
        model=PolicyDocument,
        tag="evidence",
        texts=Texts(
            list=gettext_lazy("List the policy documents"),
            create=gettext_lazy("Add a policy document from a web address"),
            detail=gettext_lazy("Get a policy document with its scan"),
            update=gettext_lazy("Change a policy document's title, kind, organisation or year"),
            delete=gettext_lazy("Move a policy document to the bin"),
            create_description=gettext_lazy(
                "Contributors, editors and owners. The background worker fetches the address "
                "(http or https; no private networks) and scans it; follow `status` and "
                "`pages_done`. To upload a file, use `evidence/uploads`."
            ),
            update_description=gettext_lazy(
                "Contributors, editors and owners; `If-Match` as for parties."
            ),
            delete_description=gettext_lazy(
                "Contributors, editors and owners; its passages and marks are no longer cited."
            ),
        ),
        out=DocumentOut,
        create_in=DocumentIn,
        patch_in=DocumentPatch,
        objects=lambda project: selectors.documents(project=project),
        create=_from_url,
        update=lambda document, data, user, version: services.document_update(
            document=document, data=data, user=user, expected_version=version
        ),
        delete=lambda document, user: services.document_delete(document=document, user=user),
        need=Need.CONTRIBUTE,
        refs=_place,
        router=Router(tags=["evidence"]),
    )
)

DOCUMENT = "/{project_id}/evidence/documents/{document_id}"


def _document(request: HttpRequest, project_id: int, document_id: int) -> PolicyDocument:
    project = project_for(request, project_id)
    return one_or_404(selectors.documents(project=project).filter(pk=document_id))


class UploadFields(Schema):
    title: Text = Field(min_length=1, max_length=300)
    kind: Kind = "other"
    organisation: Text = Field("", max_length=200)
    year: int | None = Field(None, ge=1900, le=2100)


@documents_router.post(
    "/{project_id}/evidence/uploads",
    response={201: DocumentOut, **BODY_ERRORS},
    summary=gettext_lazy("Upload a policy document"),
    description=gettext_lazy(
        "Contributors, editors and owners. A PDF, Word (.docx), HTML or text file of up to "
        "50 MB, checked by its content; refused files store nothing. The scan runs in the "
        "background."
    ),
)
def policy_document_upload(
    request: HttpRequest,
    project_id: PathId,
    response: HttpResponse,
    fields: Form[UploadFields],
    file: File[UploadedFile],
) -> Status[PolicyDocument]:
    project = project_for(request, project_id, Need.CONTRIBUTE)
    if file.size > extract.MAX_BYTES:
        raise _refused("file", extract.too_large())
    try:
        document = services.document_upload(
            project=project, data=fields.dict(), filename=file.name or "", content=file.read(),
            user=request.auth,
        )
    except extract.Refused as refused:
        raise _refused("file", refused) from refused
    services.scan_queue(document=document, language=get_language())
    found = one_or_404(selectors.documents(project=project).filter(pk=document.pk))
    set_etag(response, found)
    return Status(201, found)


@documents_router.get(
    DOCUMENT + "/scan",
    response={200: ScanOut, **READ_ERRORS},
    summary=gettext_lazy("Follow the scan of a policy document"),
    description=gettext_lazy("Its status and the pages read so far, for a progress bar."),
)
def policy_document_scan(
    request: HttpRequest, project_id: PathId, document_id: PathId
) -> PolicyDocument:
    return _document(request, project_id, document_id)


@documents_router.get(
    DOCUMENT + "/file",
    response={200: None, **READ_ERRORS},
    summary=gettext_lazy("Download the file of a policy document"),
    openapi_extra={"responses": {200: {"description": "The file as it was uploaded or fetched.",
                                       "content": {"application/octet-stream": {"schema": {
                                           "type": "string", "format": "binary"}}}}}},
)
def policy_document_file(
    request: HttpRequest, project_id: PathId, document_id: PathId
) -> HttpResponse:
    document = _document(request, project_id, document_id)
    if not document.stored_name or not default_storage.exists(document.stored_name):
        raise Http404
    return FileResponse(
        default_storage.open(document.stored_name, "rb"), as_attachment=True,
        filename=document.filename or f"document-{document.pk}",
        content_type=CONTENT_TYPES.get(document.file_format, "application/octet-stream"),
    )


# Passages ----------------------------------------------------------------------------------


class PassageOut(Schema):
    id: int
    document: int
    page: int
    position: int
    text: str
    families: list[str]
    terms: list[str] = Field(description="The words found, as the text has them (lower case).")
    hits: list[list[Any]] = Field(
        description="Each term found as [start, end, family]: character offsets in `text`."
    )
    mark: int | None = Field(None, description="Id of the mark if it is marked as evidence.")

    @staticmethod
    def resolve_document(obj: Any) -> int:
        return obj.document_id

    @staticmethod
    def resolve_terms(obj: Any) -> list[str]:
        return obj.terms_found

    @staticmethod
    def resolve_mark(obj: Any) -> int | None:
        mark = getattr(obj, "live_mark", None)
        return mark.pk if mark is not None else None


class PassagePage(Schema):
    count: int
    items: list[PassageOut]


class PassageFilters(Schema):
    family: Text = Field("", max_length=100, description="Only passages of this term family.")
    term: Text = Field(
        "", max_length=100, description="Only passages where a found word contains this."
    )


@documents_router.get(
    DOCUMENT + "/passages",
    response={200: PassagePage, **READ_ERRORS},
    summary=gettext_lazy("List the passages a scan found in a policy document"),
    description=gettext_lazy("By page; filter by term family or by a found word."),
)
def passage_list(
    request: HttpRequest,
    project_id: PathId,
    document_id: PathId,
    filters: Query[PassageFilters],
    page: Query[PageParams],
) -> dict[str, Any]:
    document = _document(request, project_id, document_id)
    rows = selectors.passages(document=document, family=filters.family)
    if filters.term:
        term = filters.term.lower()
        rows = [row for row in rows if any(term in found for found in row.terms_found)]
    # filtered in Python (the families are a JSON list), so paged here
    return {"count": len(rows), "items": rows[page.offset : page.offset + page.limit]}


# Marks -------------------------------------------------------------------------------------


class MarkOut(Schema):
    id: int
    passage: int
    document: int
    page: int
    quote: str
    note: str
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_passage(obj: Any) -> int:
        return obj.passage_id

    @staticmethod
    def resolve_document(obj: Any) -> int:
        return obj.passage.document_id

    @staticmethod
    def resolve_page(obj: Any) -> int:
        return obj.passage.page

    @staticmethod
    def resolve_quote(obj: Any) -> str:
        return obj.passage.text


class MarkIn(Schema):
    passage: Id = Field(description="Id of a passage of one of the project's documents.")
    note: LongText = Field("", max_length=5000)


class MarkPatch(Schema):
    note: LongText = optional(max_length=5000)
    version: Version = optional(description=VERSION_DESCRIPTION)


def _passage(project: Project, data: dict[str, Any], _current: Any = None) -> dict[str, Any]:
    if "passage" in data:
        passage = Passage.objects.select_related("document").filter(
            pk=data["passage"], document__project=project, document__deleted_at__isnull=True
        ).first()
        if passage is None:
            raise ValidationError({"passage": _("Choose a passage of this project.")})
        data["passage"] = passage
    return data


def _mark_create(project: Project, data: dict[str, Any], user) -> EvidenceMark:
    passage = data.pop("passage")
    return services.mark_create(passage=passage, data=data, user=user)


def _marks(project: Project) -> QuerySet[EvidenceMark]:
    return selectors.marks(project=project).order_by(
        "passage__document__title", "passage__page", "passage__position", "pk"
    )


marks_router = declare(
    ProjectResource(
        name="evidence_mark",
        path="evidence/marks",
        id_name="mark_id",
        model=EvidenceMark,
        tag="evidence",
        texts=Texts(
            list=gettext_lazy("List the passages marked as evidence"),
            create=gettext_lazy("Mark a passage as evidence"),
            detail=gettext_lazy("Get a marked passage"),
            update=gettext_lazy("Change the note of a marked passage"),
            delete=gettext_lazy("Unmark a passage (to the bin)"),
            create_description=gettext_lazy(
                "Contributors, editors and owners. A passage is marked once; marked passages "
                "are cited in briefs and reports."
            ),
            update_description=gettext_lazy(
                "Contributors, editors and owners; `If-Match` as for parties."
            ),
            delete_description=gettext_lazy("Contributors, editors and owners."),
        ),
        out=MarkOut,
        create_in=MarkIn,
        patch_in=MarkPatch,
        objects=_marks,
        create=_mark_create,
        update=lambda mark, data, user, version: services.mark_update(
            mark=mark, data=data, user=user, expected_version=version
        ),
        delete=lambda mark, user: services.mark_delete(mark=mark, user=user),
        need=Need.CONTRIBUTE,
        refs=_passage,
        router=Router(tags=["evidence"]),
    )
)


# Term families -----------------------------------------------------------------------------


class FamilyOut(Schema):
    id: int
    name: str
    source: str
    terms: list[str]
    version: int

    @staticmethod
    def resolve_terms(obj: Any) -> list[str]:
        return obj.term_list


class FamilyIn(Schema):
    name: Text = Field(min_length=1, max_length=100)
    terms: list[Text] = Field(
        min_length=1, max_length=500,
        description="The search terms; each may have several words.",
    )


class FamilyPatch(Schema):
    name: Text = optional(min_length=1, max_length=100)
    terms: list[Text] = optional(min_length=1, max_length=500)
    version: Version = optional(description=VERSION_DESCRIPTION)


def _terms(project: Project, data: dict[str, Any], _current: Any = None) -> dict[str, Any]:
    if "terms" in data:
        terms = [term for term in data["terms"] if term]
        if not terms or any(len(term) > 200 for term in terms):
            raise ValidationError({"terms": _("Give at least one term, of at most 200 letters.")})
        data["terms"] = "\n".join(dict.fromkeys(terms))
    return data


def _families(project: Project) -> QuerySet[TermFamily]:
    services.vocabulary(project=project)
    return TermFamily.objects.filter(project=project)


def _rescanned(project: Project, saved: Any) -> Any:
    services.project_rescan(project=project, language=get_language())
    return saved


def _family_delete(family: TermFamily, user) -> None:
    services.family_delete(family=family, user=user)
    services.project_rescan(project=family.project, language=get_language())


families_router = declare(
    ProjectResource(
        name="term_family",
        path="evidence/term-families",
        id_name="family_id",
        model=TermFamily,
        tag="evidence",
        texts=Texts(
            list=gettext_lazy("List the project's search terms by family"),
            create=gettext_lazy("Add a family of search terms"),
            detail=gettext_lazy("Get a family of search terms"),
            update=gettext_lazy("Change a family of search terms"),
            delete=gettext_lazy("Delete a family of search terms"),
            create_description=gettext_lazy(
                "Contributors, editors and owners. The scanned documents are searched again."
            ),
            update_description=gettext_lazy(
                "Contributors, editors and owners; `If-Match` as for parties. The scanned "
                "documents are searched again."
            ),
            delete_description=gettext_lazy(
                "Contributors, editors and owners; deleted for good, and the documents are "
                "searched again."
            ),
        ),
        out=FamilyOut,
        create_in=FamilyIn,
        patch_in=FamilyPatch,
        objects=_families,
        create=lambda project, data, user: _rescanned(
            project, services.family_create(project=project, data=data, user=user)
        ),
        update=lambda family, data, user, version: _rescanned(
            family.project,
            services.family_update(
                family=family, data=data, user=user, expected_version=version
            ),
        ),
        delete=_family_delete,
        need=Need.CONTRIBUTE,
        refs=_terms,
        router=Router(tags=["evidence"]),
    )
)

ETAG_OPERATIONS.update({"policy_document_upload"})
