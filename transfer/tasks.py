"""Checking large uploads and applying imports run in the background worker, so a large file
never holds up a page."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task

from transfer import services
from transfer.models import ImportBatch


@task()
def batch_check_task(batch_id: int, language: str) -> None:
    batch = (
        ImportBatch.objects.select_related("project", "user")
        .filter(pk=batch_id, checking=True)
        .first()
    )
    if batch is None:
        return  # discarded or pruned meanwhile
    with translation.override(language):
        services.batch_check(batch=batch)


@task()
def batch_apply_task(batch_id: int, user_id: int, language: str) -> None:
    user = get_user_model().objects.filter(pk=user_id).first()
    with translation.override(language):
        services.batch_run(batch_id=batch_id, user=user)
