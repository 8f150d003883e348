"""Uploaded imports: kept between preview and confirmation, applied once, pruned after a day.

The file is read once: what its preview read is kept in its place and is what the import
applies. It goes once the import is done, and with the upload when that is discarded or
pruned; while the upload waits, its preview (problems included) is shown from it.

A small file is checked while the page waits; a larger one, and every confirmed import, in the
background worker, whose page follows the progress and says why it stopped if it did.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.cache import inputs_changed
from history.models import Version
from history.services import ids_in
from parties.models import Assessment, ContactPerson, Party
from projects.models import Project, TargetSegment
from transfer.importer import ImportRefused, party_import_apply, party_import_preview
from transfer.models import ImportBatch
from transfer.outcome import Outcome
from transfer.progress import progress_clear, progress_set
from transfer.reading import (
    Sniffed,
    Table,
    UnreadableFile,
    read_table,
    table_dump,
    table_load,
)
from transfer.relations import relation_import_apply, relation_import_preview

logger = logging.getLogger(__name__)

KEEP_FOR = timedelta(days=1)
# Up to this size a file is read within the upload's request (a second or two at most); a
# larger one is read by the worker, so no page waits on it.
CHECK_IN_REQUEST = 256 * 1024

Importer = Callable[..., Outcome]
IMPORTERS: dict[str, tuple[Importer, Importer]] = {
    ImportBatch.Kind.PARTIES: (party_import_preview, party_import_apply),
    ImportBatch.Kind.RELATIONS: (relation_import_preview, relation_import_apply),
}


def import_preview(
    *, project: Project, kind: str, content: bytes | Table, user=None
) -> Outcome:
    """What the file would do; raises reading.UnreadableFile for a file that is refused."""
    preview, _apply = IMPORTERS[kind]
    return preview(project=project, content=content, user=user)


def import_apply(
    *,
    project: Project,
    kind: str,
    content: bytes | Table,
    user=None,
    progress=None,
    source: ImportBatch | None = None,
) -> Outcome:
    """Apply the file in one transaction; raises ImportRefused (nothing written) on problems.
    `progress(rows done, rows in all)` is called as the rows are written; the history names
    `source`, the upload, as where what it created came from."""
    _preview, apply = IMPORTERS[kind]
    outcome = apply(
        project=project, content=content, user=user, progress=progress, source=source
    )
    # Imports write in bulk, past `version_record`: the analyses are told here.
    inputs_changed(project.pk)
    return outcome


def uploads_prune(
    *, project: Project | None = None, older_than: timedelta | None = KEEP_FOR
) -> int:
    """Remove uploads, whose files and previews hold people's details: with `older_than`, all
    older than that (confirmed ones are of no use by then either); with None, every upload
    not yet imported, whatever its age (a person of the project has been erased). Of one
    project, or of all. Returns how many were removed."""
    batches = ImportBatch.objects.all()
    if project is not None:
        batches = batches.filter(project=project)
    if older_than is None:
        batches = batches.filter(applied_at=None)
    else:
        batches = batches.filter(created_at__lt=timezone.now() - older_than)
    removed, _by_model = batches.delete()
    return removed


def batch_create(
    *,
    project: Project,
    user,
    kind: str,
    filename: str,
    content: bytes,
    language: str = "nl",
    checked: Sniffed | None = None,
) -> ImportBatch:
    """Keep an uploaded file for confirmation with its preview. A small file is previewed at
    once (raises UnreadableFile when refused); a larger one is handed to the worker, and the
    batch says `checking` until its preview is ready. `checked`: what the upload form learnt
    of the file's structure, so that it is not checked twice."""
    uploads_prune()
    fields = {"project": project, "user": user, "kind": kind, "filename": filename[:255]}
    if len(content) > CHECK_IN_REQUEST:
        from transfer.tasks import batch_check_task

        batch = ImportBatch.objects.create(**fields, content=content, checking=True)
        if checked is None:
            batch_check_task.enqueue(batch.pk, language)
        else:
            batch_check_task.enqueue(batch.pk, language, checked.as_json())
        return batch
    table = read_table(content, checked=checked)
    outcome = import_preview(project=project, kind=kind, content=table, user=user)
    return ImportBatch.objects.create(
        **fields, content=table_dump(table), preview=outcome.as_json()
    )


def _server_error(error: Exception) -> str:
    return _(
        "It stopped because of an error on the server (%(error)s). Nothing was imported. Try "
        "again later, or tell the administrator."
    ) % {"error": type(error).__name__}


def batch_check(*, batch: ImportBatch, checked: Sniffed | None = None) -> None:
    """Preview an upload in the worker. A refused file loses its content and keeps the
    reason; so does one whose check fails, with the error's name, for its page to show.
    `checked`: what the upload's request learnt of the file's structure."""
    try:
        table = read_table(bytes(batch.content), checked=checked)
        outcome = import_preview(
            project=batch.project, kind=batch.kind, content=table, user=batch.user
        )
    except Exception as error:
        if isinstance(error, UnreadableFile):
            failure = error.message
        else:
            logger.exception("Checking upload %s failed", batch.pk)
            failure = _server_error(error)
        ImportBatch.objects.filter(pk=batch.pk).update(checking=False, content=b"", failure=failure)
        return
    # The file is replaced by what was read from it: the import applies that, unread again.
    ImportBatch.objects.filter(pk=batch.pk).update(
        checking=False, content=table_dump(table), preview=outcome.as_json(), failure=""
    )


def batch_apply(*, batch: ImportBatch, user) -> Outcome:
    """Apply a previewed file. If the register changed meanwhile so that the file now has
    problems, nothing is written and the batch's preview shows them (check `outcome.ok`)."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk, applied_at=None)
        stored = bytes(locked.content)
        try:
            outcome = import_apply(
                project=locked.project,
                kind=locked.kind,
                content=table_load(stored, parsed=True) or stored,  # or a file kept before
                user=user,
                progress=partial(progress_set, batch.pk),
                source=locked,
            )
        except ImportRefused as refused:
            locked.preview = refused.outcome.as_json()
            locked.save(update_fields=["preview"])
            return refused.outcome
        locked.applied_at = timezone.now()
        locked.content = b""
        locked.preview = outcome.as_json()
        locked.save(update_fields=["applied_at", "content", "preview"])
    return outcome


def batch_run(*, batch_id: int, user) -> None:
    """Apply a confirmed upload in the worker. Whatever stops it is kept on the batch for its
    page; it goes back to its preview, since nothing was written."""
    try:
        batch = ImportBatch.objects.get(pk=batch_id, applied_at=None)
        batch_apply(batch=batch, user=user)
    except ImportBatch.DoesNotExist:
        return  # applied, discarded or pruned meanwhile
    except Exception as error:
        if isinstance(error, UnreadableFile):
            failure = error.message
        else:
            logger.exception("Import of upload %s failed", batch_id)
            failure = _server_error(error)
        ImportBatch.objects.filter(pk=batch_id, applied_at=None).update(failure=failure)
    finally:
        ImportBatch.objects.filter(pk=batch_id, applied_at=None).update(queued_at=None)
        progress_clear(batch_id)


def batch_queue(*, batch: ImportBatch, user, language: str) -> None:
    """Hand a confirmed upload to the background worker; its page follows the progress."""
    from transfer.tasks import batch_apply_task

    ImportBatch.objects.filter(pk=batch.pk).update(queued_at=timezone.now(), failure="")
    batch_apply_task.enqueue(batch.pk, user.pk, language)


def batch_discard(*, batch: ImportBatch) -> None:
    batch.delete()


class UndoRefused(Exception):
    """The import cannot be undone as a whole; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def batch_undoable(batch: ImportBatch) -> bool:
    """An applied import that only added to the register, not undone yet."""
    return bool(
        batch.applied_at and batch.preview.get("created_ids") and not batch.preview.get("undone")
    )


def _changed_since() -> UndoRefused:
    return UndoRefused(
        _(
            "This import cannot be undone: what it added has been changed or built on since "
            "(an edit, a relation, a new contact person or assessment). Undo those first, or "
            "remove the parties one by one."
        )
    )


def _check_untouched(batch: ImportBatch, created: dict[str, list[int]]) -> None:
    """Refused when anything the import added was changed since, or when removing it would
    take anything else with it (the deletion collector knows every reference)."""
    from django.db.models.deletion import Collector

    parties = Party.everything.filter(pk__in=created["parties"])
    if parties.filter(updated_at__gt=batch.applied_at).exists():
        raise _changed_since()
    if ContactPerson.objects.filter(
        pk__in=created["contacts"], updated_at__gt=batch.applied_at
    ).exists():
        raise _changed_since()
    own = {
        Party: set(created["parties"]),
        ContactPerson: set(created["contacts"]),
        Assessment: set(created["assessments"]),
    }
    collector = Collector(using="default")
    collector.collect(list(parties))
    for model, instances in collector.data.items():
        if {obj.pk for obj in instances} - own.get(model, set()):
            raise _changed_since()
    for queryset in collector.fast_deletes:
        model = queryset.model
        if model is Party.segments.through:
            continue
        if model in own:
            if queryset.exclude(pk__in=own[model]).exists():
                raise _changed_since()
        elif queryset.exists():
            raise _changed_since()


def _expanded(ids: list) -> list[int]:
    """Ids kept as runs [first, last]; an import applied by an older version kept each id."""
    return ids_in(ids) if ids and isinstance(ids[0], list) else list(ids)


def batch_undo(*, batch: ImportBatch, user) -> int:
    """Remove what an import added, in one transaction, recorded as one entry in the history.
    Raises UndoRefused when it cannot. Returns the number of parties removed."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        inputs_changed(locked.project_id)  # heard only if this commits
        if not batch_undoable(locked):
            raise UndoRefused(
                _(
                    "This import cannot be undone as a whole: it also changed parties that "
                    "were already in the register, or it has been undone already."
                )
            )
        created = {kind: _expanded(ids) for kind, ids in locked.preview["created_ids"].items()}
        _check_untouched(locked, created)
        Party.everything.filter(pk__in=created["parties"]).delete()
        # A segment the import added goes too, unless something else uses it by now.
        TargetSegment.objects.filter(pk__in=created["segments"], parties=None).delete()
        now = timezone.now()
        Version.objects.create(
            project=locked.project,
            content_type=ContentType.objects.get_for_model(ImportBatch),
            object_id=locked.pk,
            object_repr=locked.filename[:200],
            action=Version.Action.REMOVE,
            user=user if getattr(user, "is_authenticated", False) else None,
            data={kind: len(ids) for kind, ids in created.items()},
        )
        locked.preview = {**locked.preview, "undone": now.isoformat()}
        locked.save(update_fields=["preview"])
    return len(created["parties"])
