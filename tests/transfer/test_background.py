"""Large uploads are checked by the worker, and whatever stops the worker shows on the
upload's page; uploads do not outlive a day, nor a person's erasure."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from parties.models import Party
from parties.privacy import contact_erase
from tests.factories import make_contact, make_party
from transfer import services
from transfer.models import ImportBatch

from .files import blank_rows_xlsx, csv_file, xlsx

pytestmark = pytest.mark.django_db

BIG = csv_file([["Naam", "Doelen"], *[[f"Partij {n}", "x" * 60] for n in range(4000)]])


def _upload(client, project, content: bytes, name: str = "partijen.csv"):
    url = reverse("transfer:upload_parties", args=[project.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def editor(client, team):
    client.force_login(team.editor)
    client.cookies["draagvlak_language"] = "en"
    return client


def test_a_large_file_is_checked_by_the_worker_not_the_request(editor, team, settings):
    from django_tasks import default_task_backend

    assert len(BIG) > services.CHECK_IN_REQUEST
    # A worker that takes the task but does not run it yet.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = _upload(editor, team.project, BIG)
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.checking and batch.preview == {}
    [queued] = default_task_backend.results
    assert queued.task.name == "batch_check_task" and queued.args[:2] == [batch.pk, "en"]
    assert queued.args[2]["kind"] == "csv"  # what the request learnt, not checked again

    page = editor.get(response["Location"]).content.decode()
    assert "Checking the file" in page and 'http-equiv="refresh"' in page
    assert editor.post(response["Location"], {"action": "apply"}).status_code == 302
    assert not Party.objects.exists()  # nothing to confirm while it is being checked


def test_the_worker_checks_a_large_file_then_it_can_be_confirmed(editor, team):
    response = _upload(editor, team.project, BIG)  # the worker runs at once in the tests
    batch = ImportBatch.objects.get()
    assert not batch.checking and batch.preview["created"] == 4000
    page = editor.get(response["Location"]).content.decode()
    assert 'value="apply"' in page and "UTF-8" in page
    editor.post(response["Location"], {"action": "apply"})
    assert Party.objects.filter(project=team.project).count() == 4000


def test_a_file_the_worker_refuses_says_why_on_its_page(editor, team, monkeypatch):
    monkeypatch.setattr(services, "CHECK_IN_REQUEST", 1024)
    monkeypatch.setattr("transfer.reading.MAX_ROWS", 500)
    response = _upload(editor, team.project, blank_rows_xlsx(2000), "leeg.xlsx")
    batch = ImportBatch.objects.get()
    assert bytes(batch.content) == b""  # a refused file is not kept
    page = editor.get(response["Location"]).content.decode()
    assert "This file could not be checked" in page
    assert "more than 500 rows (empty rows count too)" in page
    assert 'value="apply"' not in page
    editor.post(response["Location"], {"action": "apply"})
    assert not Party.objects.exists()


def test_a_check_that_fails_shows_on_the_page(editor, team, monkeypatch):
    monkeypatch.setattr(services, "CHECK_IN_REQUEST", 100)

    def broken(**kwargs):
        raise ValueError("A string literal cannot contain NUL (0x00) characters.")

    monkeypatch.setattr(services, "import_preview", broken)
    response = _upload(editor, team.project, BIG)
    page = editor.get(response["Location"]).content.decode()
    assert "an error on the server (ValueError)" in page and "Nothing was imported" in page


def test_an_import_that_fails_in_the_worker_shows_on_the_page(editor, team, monkeypatch):
    response = _upload(editor, team.project, xlsx([["Naam"], ["Logo"]]), "p.xlsx")

    def broken(**kwargs):
        raise ValueError("A string literal cannot contain NUL (0x00) characters.")

    monkeypatch.setattr(services, "import_apply", broken)
    page = editor.post(response["Location"], {"action": "apply"}, follow=True).content.decode()
    assert "did not finish" in page and "an error on the server (ValueError)" in page
    batch = ImportBatch.objects.get()
    assert batch.queued_at is None and batch.applied_at is None
    assert 'value="apply"' in page  # it can be tried again

    monkeypatch.undo()
    editor.post(response["Location"], {"action": "apply"})
    batch.refresh_from_db()
    assert batch.applied_at is not None and batch.failure == ""


def test_prune_uploads_removes_uploads_older_than_a_day(team):
    old = ImportBatch.objects.create(
        project=team.project, user=team.editor, kind="party", filename="oud.csv", content=b"x"
    )
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    ImportBatch.objects.create(
        project=team.project, user=team.editor, kind="party", filename="nieuw.csv", content=b"x"
    )
    call_command("prune_uploads")
    assert list(ImportBatch.objects.values_list("filename", flat=True)) == ["nieuw.csv"]


def test_erasing_a_person_removes_the_projects_unconfirmed_uploads(team):
    contact = make_contact(make_party(team.project, name="OCMW"), name="An Claes")
    content = csv_file([["Naam", "Contactpersoon"], ["OCMW", "An Claes"]])
    waiting = services.batch_create(
        project=team.project, user=team.editor, kind="party", filename="a.csv", content=content
    )
    elsewhere = services.batch_create(
        project=team.other_project,
        user=team.outsider,
        kind="party",
        filename="b.csv",
        content=content,
    )
    contact_erase(contact=contact, user=team.owner)
    assert not ImportBatch.objects.filter(pk=waiting.pk).exists()
    assert ImportBatch.objects.filter(pk=elsewhere.pk).exists()


def test_uploads_prune_keeps_what_was_imported_when_a_person_is_erased(team):
    done = ImportBatch.objects.create(
        project=team.project,
        user=team.editor,
        kind="party",
        filename="klaar.csv",
        content=b"",
        applied_at=timezone.now(),
    )
    assert services.uploads_prune(project=team.project, older_than=None) == 0
    assert ImportBatch.objects.filter(pk=done.pk).exists()
