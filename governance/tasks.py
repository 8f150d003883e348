"""Work of the board's pages that runs in the background worker, so no page waits on it."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from governance.connectors import services as connectors


@task()
def council_fetch_task(fetch_id: int, language: str) -> None:
    """Fetch a council's public data; the page shows the state and the result."""
    with translation.override(language):
        connectors.fetch_run(fetch_id=fetch_id)
