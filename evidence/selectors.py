"""Reads of the evidence: documents, their passages by term family, and the citations that
briefs and reports quote."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from evidence.models import EvidenceMark, Passage, PolicyDocument
from projects.models import Project


def documents(*, project: Project) -> QuerySet[PolicyDocument]:
    return PolicyDocument.objects.filter(project=project).select_related("place")


def passages(*, document: PolicyDocument, family: str = "") -> list[Passage]:
    found = Passage.objects.filter(document=document).prefetch_related(
        Prefetch("mark", queryset=EvidenceMark.everything.all())
    )
    rows = list(found)
    for row in rows:
        mark = getattr(row, "mark", None) if _has_mark(row) else None
        row.live_mark = mark if mark is not None and mark.deleted_at is None else None
    if family:
        rows = [row for row in rows if family in row.families]
    return rows


def _has_mark(passage: Passage) -> bool:
    try:
        passage.mark  # noqa: B018 - the reverse one-to-one raises when there is none
    except EvidenceMark.DoesNotExist:
        return False
    return True


def families_of(document: PolicyDocument) -> list[tuple[str, int]]:
    """The document's term families with their number of hits, most first."""
    counts = document.counts if isinstance(document.counts, dict) else {}
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class Citation:
    """A marked passage as a brief or report quotes it."""

    mark_id: int
    document_id: int
    document: str
    kind: str
    organisation: str
    year: int | None
    page: int
    quote: str
    note: str

    @property
    def source(self) -> str:
        parts = [self.document, self.organisation, str(self.year or "")]
        return ", ".join(part for part in parts if part)


def marks(*, project: Project) -> QuerySet[EvidenceMark]:
    return EvidenceMark.objects.filter(
        project=project, passage__document__deleted_at__isnull=True
    ).select_related("passage", "passage__document")


def citations(project: Project) -> list[Citation]:
    """Every passage marked as evidence in the project's documents (none in the bin), by
    document and page: document, page and quote for a brief or report."""
    return [
        Citation(
            mark_id=mark.pk,
            document_id=mark.passage.document_id,
            document=mark.passage.document.title,
            kind=str(mark.passage.document.get_kind_display()),
            organisation=mark.passage.document.organisation,
            year=mark.passage.document.year,
            page=mark.passage.page,
            quote=mark.passage.text,
            note=mark.note,
        )
        for mark in marks(project=project).order_by(
            "passage__document__title", "passage__page", "passage__position", "pk"
        )
    ]
