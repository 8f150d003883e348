"""Imports run in the background worker, so a large file never holds up a page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task

from transfer import services
from transfer.models import ImportBatch


@task()
def batch_apply_task(batch_id: int, user_id: int, language: str) -> None:
    batch = ImportBatch.objects.filter(pk=batch_id, applied_at=None).first()
    if batch is None:
        return  # applied or discarded meanwhile
    user = get_user_model().objects.filter(pk=user_id).first()
    try:
        with translation.override(language):
            services.batch_apply(batch=batch, user=user)
    finally:
        # Back to the preview if nothing was written (problems found, or an error).
        ImportBatch.objects.filter(pk=batch_id, applied_at=None).update(queued_at=None)
