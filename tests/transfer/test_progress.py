"""While the one-transaction import runs, its page shows how many rows are written, from a
store that the import's open transaction does not hold up."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from transfer import importer, progress, services
from transfer.importer import party_import_apply
from transfer.models import ImportBatch

from .files import xlsx

pytestmark = pytest.mark.django_db


def test_the_import_reports_rows_written_as_it_goes(team, monkeypatch):
    monkeypatch.setattr(importer, "WRITE_CHUNK", 2)
    seen: list[tuple[int, int]] = []
    content = xlsx([["Naam"], *[[f"Partij {n}"] for n in range(5)]])
    outcome = party_import_apply(
        project=team.project, content=content, progress=lambda d, t: seen.append((d, t))
    )
    assert outcome.created == 5
    assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)]
    assert team.project.parties.count() == 5


def test_the_running_page_shows_rows_done_of_rows_total(client, team, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.force_login(team.editor)
    client.cookies["draagvlak_language"] = "en"
    url = reverse("transfer:upload_parties", args=[team.project.pk])
    content = xlsx([["Naam"], *[[f"Partij {n}"] for n in range(5)]])
    page = client.post(url, {"file": SimpleUploadedFile("p.xlsx", content)})["Location"]
    client.post(page, {"action": "apply"})
    batch = ImportBatch.objects.get()
    assert batch.queued_at
    assert "Checking the file against the register" in client.get(page).content.decode()
    progress.progress_set(batch.pk, 2000, 10000)
    html = client.get(page).content.decode()
    assert "2000 of 10000 rows written" in html and 'value="2000"' in html
    progress.progress_clear(batch.pk)


def test_progress_is_written_while_the_transaction_is_open_and_cleared_after(team, monkeypatch):
    """Read back from inside the import, as the page's request would: it is there at once."""
    monkeypatch.setattr(importer, "WRITE_CHUNK", 2)
    content = xlsx([["Naam"], *[[f"Partij {n}"] for n in range(5)]])
    batch = services.batch_create(
        project=team.project, user=team.owner, kind="party", filename="p.xlsx", content=content
    )
    seen = []
    original = progress.progress_set

    def spy(batch_id, done, total):
        original(batch_id, done, total)
        seen.append(progress.progress_get(batch_id))

    monkeypatch.setattr(services, "progress_set", spy)
    services.batch_run(batch_id=batch.pk, user=team.owner)
    assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)]
    assert progress.progress_get(batch.pk) is None
