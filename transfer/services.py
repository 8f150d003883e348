"""Uploaded imports: kept between preview and confirmation, applied once, pruned after a day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from projects.models import Project
from transfer.importer import ImportRefused, party_import_apply, party_import_preview
from transfer.models import ImportBatch
from transfer.outcome import Outcome
from transfer.relations import relation_import_apply, relation_import_preview

KEEP_FOR = timedelta(days=1)

Importer = Callable[..., Outcome]
IMPORTERS: dict[str, tuple[Importer, Importer]] = {
    ImportBatch.Kind.PARTIES: (party_import_preview, party_import_apply),
    ImportBatch.Kind.RELATIONS: (relation_import_preview, relation_import_apply),
}


def import_preview(*, project: Project, kind: str, content: bytes, user=None) -> Outcome:
    """What the file would do; raises reading.UnreadableFile for a file that is refused."""
    preview, _apply = IMPORTERS[kind]
    return preview(project=project, content=content, user=user)


def import_apply(*, project: Project, kind: str, content: bytes, user=None) -> Outcome:
    """Apply the file in one transaction; raises ImportRefused (nothing written) on problems."""
    _preview, apply = IMPORTERS[kind]
    return apply(project=project, content=content, user=user)


def batches_prune(*, older_than: timedelta = KEEP_FOR) -> int:
    removed, _by_model = ImportBatch.objects.filter(
        created_at__lt=timezone.now() - older_than
    ).delete()
    return removed


def batch_create(
    *, project: Project, user, kind: str, filename: str, content: bytes
) -> ImportBatch:
    """Preview an uploaded file and keep it for confirmation. Raises UnreadableFile."""
    outcome = import_preview(project=project, kind=kind, content=content, user=user)
    batches_prune()
    return ImportBatch.objects.create(
        project=project,
        user=user,
        kind=kind,
        filename=filename[:255],
        content=content,
        preview=outcome.as_json(),
    )


def batch_apply(*, batch: ImportBatch, user) -> Outcome:
    """Apply a previewed file. If the register changed meanwhile so that the file now has
    problems, nothing is written and the batch's preview shows them (check `outcome.ok`)."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk, applied_at=None)
        try:
            outcome = import_apply(
                project=locked.project, kind=locked.kind, content=bytes(locked.content), user=user
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


def batch_queue(*, batch: ImportBatch, user, language: str) -> None:
    """Hand a confirmed upload to the background worker; its page follows the progress."""
    from transfer.tasks import batch_apply_task

    ImportBatch.objects.filter(pk=batch.pk).update(queued_at=timezone.now())
    batch_apply_task.enqueue(batch.pk, user.pk, language)


def batch_discard(*, batch: ImportBatch) -> None:
    batch.delete()
