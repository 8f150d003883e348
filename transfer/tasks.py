"""Checking large uploads and applying imports run in the background worker, so a large file
never holds up a page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task

from transfer import services
from transfer.models import ImportBatch
from transfer.reading import Sniffed


@task()
def batch_check_task(batch_id: int, language: str, checked: dict | None = None) -> None:
    """`checked`: what the upload's request learnt of the file's structure (reading.Sniffed),
    so that the worker does not check it again; absent from tasks queued by older versions."""
    batch = (
        ImportBatch.objects.select_related("project", "user")
        .filter(pk=batch_id, checking=True)
        .first()
    )
    if batch is None:
        return  # discarded or pruned meanwhile
    with translation.override(language):
        services.batch_check(
            batch=batch, checked=Sniffed.from_json(checked) if checked else None
        )


@task()
def batch_apply_task(batch_id: int, user_id: int, language: str) -> None:
    user = get_user_model().objects.filter(pk=user_id).first()
    with translation.override(language):
        services.batch_run(batch_id=batch_id, user=user)
