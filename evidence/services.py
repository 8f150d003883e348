"""Writes to policy documents, the vocabulary and marked passages, and the scan itself, which
runs in the background worker (evidence.tasks) and reports its progress on the document."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence import extract, fetch
from evidence.matching import Matcher, passages
from evidence.models import (
    DocumentPage,
    EvidenceMark,
    Passage,
    PolicyDocument,
    ScanStatus,
    TermFamily,
)
from evidence.vocabulary import INEQUALITY_FAMILIES, THEME_FAMILY, THEME_TERMS
from history.models import Version
from history.services import version_record
from parties.models import Party
from parties.services import _apply, _from_bin, _to_bin, _update
from projects.models import Project

logger = logging.getLogger(__name__)
Action = Version.Action

# The scan gives up after this long, so a file built to be slow cannot hold the worker.
SCAN_SECONDS = 600
# The page's progress is written at most this often.
PROGRESS_SECONDS = 0.5


def _author(user) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _store(content: bytes) -> str:
    return default_storage.save(f"evidence/{uuid.uuid4().hex}", ContentFile(content))


@transaction.atomic
def document_upload(
    *, project: Project, data: dict, filename: str, content: bytes, user=None
) -> PolicyDocument:
    """A document from an uploaded file, checked by its content (raises extract.Refused before
    anything is stored). The scan is queued once the transaction is committed."""
    file_format = extract.sniff(content)
    pages_total = extract.check(content, file_format)
    document = PolicyDocument(
        project=project, created_by=_author(user), filename=filename[:255],
        file_format=file_format, size=len(content), pages_total=pages_total,
    )
    _apply(document, data)
    document.stored_name = _store(content)
    document.save()
    version_record(instance=document, project_id=project.pk, user=user, action=Action.CREATE)
    return document


@transaction.atomic
def document_from_url(*, project: Project, data: dict, url: str, user=None) -> PolicyDocument:
    """A document the worker fetches from a web address (raises extract.Refused for an address
    that is not http or https)."""
    fetch.check_url(url)
    document = PolicyDocument(
        project=project, created_by=_author(user), source_url=url, status=ScanStatus.FETCHING
    )
    _apply(document, data)
    document.save()
    version_record(instance=document, project_id=project.pk, user=user, action=Action.CREATE)
    return document


def scan_queue(*, document: PolicyDocument, language: str) -> None:
    """Hand the document to the worker; its page follows the progress."""
    from evidence.tasks import document_scan_task

    document_scan_task.enqueue(document.pk, language)


@transaction.atomic
def document_update(
    *, document: PolicyDocument, data: dict, user=None, expected_version: int | None = None
) -> PolicyDocument:
    return _update(
        PolicyDocument, document.pk, data, project_id=document.project_id, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def document_delete(*, document: PolicyDocument, user=None) -> None:
    _to_bin(document, user, document.project_id)


@transaction.atomic
def document_restore(*, document: PolicyDocument, user=None) -> None:
    _from_bin(document, user, document.project_id)


# The scan -------------------------------------------------------------------------------------


def _set(document_id: int, **fields: Any) -> None:
    PolicyDocument.everything.filter(pk=document_id).update(**fields)


def _server_error(error: Exception) -> str:
    return _(
        "The scan stopped because of an error on the server (%(error)s). Try again later, or "
        "tell the administrator."
    ) % {"error": type(error).__name__}


def document_scan(*, document_id: int, guard: fetch.Guard = fetch.public_only) -> None:
    """Fetch (for a web address), read and search the document. Whatever stops it is kept on
    the document for its page; a refused fetch stores nothing of what was fetched."""
    document = PolicyDocument.everything.select_related("project").filter(pk=document_id).first()
    if document is None:
        return
    try:
        if not document.stored_name:
            _fetched(document, guard)
        with default_storage.open(document.stored_name, "rb") as stream:
            content = stream.read()
        search = _Search(document)
        # each page is searched as soon as it is read (PDFium reads the next pages meanwhile)
        _read_pages(document, content, search.add)
        search.save()
    except extract.Refused as refused:
        _set(document_id, status=ScanStatus.FAILED, failure=refused.message)
    except Exception as error:
        logger.exception("Scanning document %s failed", document_id)
        _set(document_id, status=ScanStatus.FAILED, failure=_server_error(error))


def _fetched(document: PolicyDocument, guard: fetch.Guard) -> None:
    _set(document.pk, status=ScanStatus.FETCHING, failure="")
    content = fetch.fetch(document.source_url, guard=guard)
    file_format = extract.sniff(content)
    pages_total = extract.check(content, file_format)
    document.stored_name = _store(content)
    document.file_format, document.size = file_format, len(content)
    _set(
        document.pk, stored_name=document.stored_name, file_format=file_format,
        size=len(content), pages_total=pages_total,
        filename=document.source_url.rsplit("/", 1)[-1][:255],
    )


def _read_pages(
    document: PolicyDocument, content: bytes, on_page: Callable[[int, str], None]
) -> list[str]:
    """Read the document's pages, hand each to `on_page` as it comes, and store their text
    in one go; progress is written at most every PROGRESS_SECONDS."""
    started = last = time.monotonic()
    if document.file_format == "pdf":
        total = extract.check(content, "pdf")
        reader = extract.pages_read_ahead(content, "pdf")
    else:  # quick to read whole, and then the progress knows its end
        ready = list(extract.pages(content, document.file_format))
        total, reader = len(ready), iter(ready)
    _set(document.pk, status=ScanStatus.SCANNING, pages_total=total, pages_done=0, failure="")
    texts: list[str] = []
    try:
        for number, text in enumerate(reader, 1):
            texts.append(text)
            on_page(number, text)
            now = time.monotonic()
            if now - started > SCAN_SECONDS:
                raise extract.Refused(_("The scan took too long and was stopped."))
            if now - last > PROGRESS_SECONDS:
                _set(document.pk, pages_done=number)
                last = now
    finally:
        if hasattr(reader, "close"):
            reader.close()  # stops the reading thread when the scan stops early
    with transaction.atomic():
        DocumentPage.objects.filter(document=document).delete()
        _insert_pages(document.pk, texts)
    _set(document.pk, pages_done=len(texts))
    return texts


def _insert_pages(document_id: int, texts: list[str]) -> None:
    """One executemany of plain rows: the ORM's bulk_create builds its SQL per batch of rows,
    which cost more than the rest of storing a long document."""
    table = connection.ops.quote_name(DocumentPage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (document_id, number, text) VALUES (%s, %s, %s)",
            [(document_id, number, text) for number, text in enumerate(texts, 1)],
        )


def families_for(project: Project) -> dict[str, list[str]]:
    """The project's term families, the shipped ones until it edits them, and the names of its
    target segments and parties, each as a family of its own."""
    families = {f.name: f.term_list for f in vocabulary(project=project)}
    segments = list(project.segments.values_list("name", flat=True))
    if segments:
        families[_("Target segments")] = segments
    names = list(Party.objects.filter(project=project).values_list("name", flat=True))
    if names:
        families[_("Parties")] = names
    return families


def document_match(*, document: PolicyDocument) -> None:
    """Search the stored pages with the project's current terms. Marked passages are kept;
    the others are found afresh."""
    pages = DocumentPage.objects.filter(document=document).order_by("number")
    _match(document, pages.values_list("number", "text").iterator())


def _match(document: PolicyDocument, pages: Iterable[tuple[int, str]]) -> None:
    search = _Search(document)
    for number, text in pages:
        search.add(number, text)
    search.save()


class _Search:
    """The search of one document with the project's current terms, page by page; `save`
    replaces the unmarked passages with those found (marked passages are kept)."""

    def __init__(self, document: PolicyDocument) -> None:
        self.document = document
        self.matcher = Matcher(families_for(document.project))
        self.kept = {
            (p.page, p.text)
            for p in Passage.objects.filter(document=document, mark__isnull=False)
        }
        self.found: list[Passage] = []
        self.counts: dict[str, int] = {}
        self.has_text = False

    def add(self, number: int, text: str) -> None:
        self.has_text = self.has_text or bool(text.strip())
        hits = self.matcher.find(text)
        if not hits:
            return
        counts = self.counts
        for hit in hits:
            counts[hit.family] = counts.get(hit.family, 0) + 1
        for position, passage in enumerate(passages(text, hits)):
            if (number, passage.text) in self.kept:
                continue
            self.found.append(Passage(
                document=self.document, page=number, text=passage.text,
                hits=[list(h) for h in passage.hits], families=passage.families,
                position=position,
            ))

    def save(self) -> None:
        document = self.document
        with transaction.atomic():
            Passage.objects.filter(document=document, mark__isnull=True).delete()
            Passage.objects.bulk_create(self.found, batch_size=500)
            status = ScanStatus.NO_TEXT if document.file_format == "pdf" and not self.has_text \
                else ScanStatus.DONE
            _set(document.pk, status=status, counts=self.counts, scanned_at=timezone.now(),
                 failure="")


# The vocabulary ------------------------------------------------------------------------------


def vocabulary(*, project: Project) -> list[TermFamily]:
    """The project's term families; the first time, the shipped ones are copied in."""
    families = list(TermFamily.objects.filter(project=project))
    if families:
        return families
    with transaction.atomic():
        rows = [
            TermFamily(
                project=project, name=name, terms="\n".join(terms),
                source=TermFamily.Source.INEQUALITY, position=n,
            )
            for n, (name, terms) in enumerate(INEQUALITY_FAMILIES)
        ]
        theme_terms = THEME_TERMS.get(project.theme)
        if theme_terms:
            rows.append(TermFamily(
                project=project, name=THEME_FAMILY, terms="\n".join(theme_terms),
                source=TermFamily.Source.THEME, position=len(rows),
            ))
        TermFamily.objects.bulk_create(rows, ignore_conflicts=True)
    return list(TermFamily.objects.filter(project=project))


def _unique_name(project: Project, name: str, current: TermFamily | None) -> None:
    others = TermFamily.objects.filter(project=project, name__iexact=name)
    if current is not None:
        others = others.exclude(pk=current.pk)
    if others.exists():
        raise ValidationError({"name": _("The project has a term family of this name.")})


@transaction.atomic
def family_create(*, project: Project, data: dict, user=None) -> TermFamily:
    vocabulary(project=project)
    _unique_name(project, data.get("name", ""), None)
    family = TermFamily(project=project, position=TermFamily.objects.filter(
        project=project).count())
    _apply(family, data)
    family.save()
    version_record(instance=family, project_id=project.pk, user=user, action=Action.CREATE)
    return family


@transaction.atomic
def family_update(
    *, family: TermFamily, data: dict, user=None, expected_version: int | None = None
) -> TermFamily:
    if "name" in data:
        _unique_name(family.project, data["name"], family)
    return _update(
        TermFamily, family.pk, data, project_id=family.project_id, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def family_delete(*, family: TermFamily, user=None) -> None:
    version_record(instance=family, project_id=family.project_id, user=user, action=Action.DELETE)
    family.delete()


def project_rescan(*, project: Project, language: str) -> int:
    """Search every scanned document again after the vocabulary changed; returns how many."""
    from evidence.tasks import document_match_task

    documents = list(
        PolicyDocument.objects.filter(project=project, status=ScanStatus.DONE).values_list(
            "pk", flat=True
        )
    )
    for pk in documents:
        document_match_task.enqueue(pk, language)
    return len(documents)


# Marked passages ----------------------------------------------------------------------------


@transaction.atomic
def mark_create(*, passage: Passage, data: dict, user=None) -> EvidenceMark:
    """Mark a passage as evidence; a mark of it waiting in the bin comes back with the note."""
    project_id = passage.document.project_id
    existing = EvidenceMark.everything.filter(passage=passage).first()
    if existing is not None:
        if existing.deleted_at is None:
            raise ValidationError(_("This passage is marked already."))
        _from_bin(existing, user, project_id)
        return mark_update(mark=existing, data=data, user=user)
    mark = EvidenceMark(project_id=project_id, passage=passage, created_by=_author(user))
    _apply(mark, data)
    mark.save()
    version_record(instance=mark, project_id=project_id, user=user, action=Action.CREATE)
    return mark


@transaction.atomic
def mark_update(
    *, mark: EvidenceMark, data: dict, user=None, expected_version: int | None = None
) -> EvidenceMark:
    return _update(
        EvidenceMark, mark.pk, data, project_id=mark.project_id, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def mark_delete(*, mark: EvidenceMark, user=None) -> None:
    _to_bin(mark, user, mark.project_id)


@transaction.atomic
def mark_restore(*, mark: EvidenceMark, user=None) -> None:
    _from_bin(mark, user, mark.project_id)


