"""The scan of a policy document runs in the background worker; its page follows it."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from evidence import services
from evidence.figures import cbs_runs
from evidence.models import PolicyDocument


@task()
def document_scan_task(document_id: int, language: str) -> None:
    with translation.override(language):
        services.document_scan(document_id=document_id)


@task()
def document_match_task(document_id: int, language: str) -> None:
    document = PolicyDocument.objects.select_related("project").filter(pk=document_id).first()
    if document is None:
        return
    with translation.override(language):
        services.document_match(document=document)


@task()
def cbs_run_task(run_id: int, language: str) -> None:
    """Fetch a CBS table for the project's regions; the figures' CBS page shows the result."""
    with translation.override(language):
        cbs_runs.run(run_id=run_id)
