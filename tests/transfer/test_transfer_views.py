from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from parties.models import Party
from tests.factories import make_party
from transfer.models import ImportBatch

from .files import read_xlsx, xlsx

pytestmark = pytest.mark.django_db

GOOD = xlsx([["Naam", "Laag"], ["Huis van het Kind", "bestuur"], ["Logo", "staff"]])
BAD = xlsx([["Naam", "Laag", "Macht"], ["Huis van het Kind", "bestuur", 3], ["Logo", "x", 6]])


def _url(name: str, project, *args) -> str:
    return reverse(f"transfer:{name}", args=[project.pk, *args])


def _upload(client, project, content: bytes, name: str = "partijen.xlsx", kind: str = "parties"):
    upload = SimpleUploadedFile(name, content)
    return client.post(_url(f"upload_{kind}", project), {"file": upload})


def test_the_list_links_to_import_and_export(client, team):
    client.force_login(team.viewer)
    response = client.get(reverse("parties:list", args=[team.project.pk]))
    assert _url("index", team.project) in response.content.decode()


def test_viewer_can_export_and_download_the_template(client, team, register):
    client.force_login(team.viewer)
    response = client.get(_url("export", team.project) + "?format=xlsx")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith(
        'attachment; filename="draagvlak-mondzorg-hoogveld-parties-'
    )
    assert read_xlsx(response.content)[1][0] == "Café De Brug"

    csv_response = client.get(_url("export", team.project) + "?format=csv")
    assert csv_response["Content-Disposition"].endswith('.csv"')
    assert client.get(_url("template", team.project) + "?format=csv").status_code == 200


def test_headers_follow_the_users_language(client, team):
    client.force_login(team.viewer)
    client.cookies["draagvlak_language"] = "en"
    response = client.get(_url("export", team.project) + "?format=xlsx")
    assert read_xlsx(response.content)[0][0] == "Name"
    assert "parties" in response["Content-Disposition"]


def test_viewer_cannot_import(client, team):
    client.force_login(team.viewer)
    assert client.get(_url("upload_parties", team.project)).status_code == 403
    assert _upload(client, team.project, GOOD).status_code == 403
    assert _upload(client, team.project, GOOD, kind="relations").status_code == 403
    assert not Party.objects.exists() and not ImportBatch.objects.exists()


def test_viewer_sees_no_upload_forms(client, team):
    client.force_login(team.viewer)
    page = client.get(_url("index", team.project)).content.decode()
    assert _url("export", team.project) in page
    assert _url("upload_parties", team.project) not in page


@pytest.mark.parametrize("name", ["index", "export", "template", "upload_parties"])
def test_outsider_gets_404(client, team, name):
    client.force_login(team.outsider)
    assert client.get(_url(name, team.project)).status_code == 404


def test_upload_preview_confirm(client, team):
    client.force_login(team.editor)
    response = _upload(client, team.project, GOOD)

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("batch", team.project, batch.pk)
    assert not Party.objects.exists()

    preview = client.get(response["Location"]).content.decode()
    assert "partijen.xlsx" in preview and 'value="apply"' in preview

    done = client.post(response["Location"], {"action": "apply"}, follow=True)
    # the import runs as a background task (at once in the tests); its page shows the outcome
    assert done.redirect_chain[-1][0] == response["Location"]
    assert "2 new, 0 updated, 0 unchanged" in done.content.decode()
    assert Party.objects.filter(project=team.project).count() == 2
    batch.refresh_from_db()
    assert batch.applied_at is not None and bytes(batch.content) == b""
    # confirming twice does nothing more
    again = client.post(response["Location"], {"action": "apply"})  # applied once only
    assert again.status_code == 302
    assert Party.objects.filter(project=team.project).count() == 2


def test_a_file_with_problems_cannot_be_confirmed(client, team):
    existing = make_party(team.project, name="Logo", layer="management")
    client.force_login(team.editor)
    response = _upload(client, team.project, BAD)
    batch = ImportBatch.objects.get()

    client.cookies["draagvlak_language"] = "en"
    preview = client.get(response["Location"]).content.decode()
    assert 'value="apply"' not in preview
    assert "6 is not on the scale 1–5" in preview and "Macht" in preview

    client.post(_url("batch", team.project, batch.pk), {"action": "apply"})
    existing.refresh_from_db()
    assert existing.layer == "management"
    assert list(Party.objects.filter(project=team.project)) == [existing]
    assert ImportBatch.objects.get().applied_at is None


def test_only_the_uploader_can_see_or_confirm_an_upload(client, team):
    client.force_login(team.editor)
    _upload(client, team.project, GOOD)
    batch = ImportBatch.objects.get()

    client.force_login(team.owner)
    url = _url("batch", team.project, batch.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "apply"}).status_code == 404
    client.force_login(team.outsider)
    assert client.post(url, {"action": "apply"}).status_code == 404
    other = reverse("transfer:batch", args=[team.other_project.pk, batch.pk])
    assert client.post(other, {"action": "apply"}).status_code == 404
    assert not Party.objects.exists()


def test_an_upload_can_be_discarded(client, team):
    client.force_login(team.editor)
    response = _upload(client, team.project, GOOD)
    client.post(response["Location"], {"action": "discard"})
    assert not ImportBatch.objects.exists() and not Party.objects.exists()


def test_a_renamed_program_is_refused_and_nothing_kept(client, team):
    client.force_login(team.editor)
    client.cookies["draagvlak_language"] = "en"
    response = _upload(client, team.project, b"MZ\x90\x00" + bytes(range(256)) * 4, "lijst.csv")

    assert response.status_code == 400
    assert "This file is not a spreadsheet" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_an_upload_over_ten_megabytes_is_refused_before_it_is_read(client, team):
    client.force_login(team.editor)
    client.cookies["draagvlak_language"] = "en"
    response = _upload(client, team.project, b"Naam\n" + b"x" * (11 * 1024 * 1024), "groot.csv")

    assert response.status_code == 413
    assert "larger than 10 MB" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_upload_checks_the_csrf_token(team):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(team.editor)
    response = _upload(client, team.project, GOOD)
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()


def test_relations_upload_and_confirm(client, team):
    make_party(team.project, name="Logo")
    make_party(team.project, name="Gemeente")
    client.force_login(team.editor)
    content = xlsx([["Van", "Naar", "Soort"], ["Gemeente", "Logo", "financiering"]])
    response = _upload(client, team.project, content, "relaties.xlsx", kind="relations")
    done = client.post(response["Location"], {"action": "apply"}, follow=True)

    assert done.redirect_chain[-1][0] == response["Location"]
    assert team.project.relations.get().kind == "funds"


def test_old_uploads_are_pruned(client, team):
    from datetime import timedelta

    from django.utils import timezone

    old = ImportBatch.objects.create(
        project=team.project, user=team.editor, kind="party", filename="oud.csv", content=b"x"
    )
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    client.force_login(team.editor)
    _upload(client, team.project, GOOD)
    assert list(ImportBatch.objects.values_list("filename", flat=True)) == ["partijen.xlsx"]


def test_a_queued_import_shows_that_it_is_running(client, team):
    client.force_login(team.editor)
    response = _upload(client, team.project, GOOD)
    batch = ImportBatch.objects.get()
    ImportBatch.objects.filter(pk=batch.pk).update(queued_at=timezone.now())
    page = client.get(response["Location"])
    assert 'http-equiv="refresh"' in page.content.decode()
    assert client.post(response["Location"], {"action": "apply"}).status_code == 302
    assert not Party.objects.exists()  # nothing applied twice, the worker does it


def test_the_background_task_applies_the_batch(team):
    from transfer.tasks import batch_apply_task

    batch = ImportBatch.objects.create(
        project=team.project,
        user=team.editor,
        kind="party",
        filename="p.csv",
        content=b"Naam\nLogo Kouterland\n",
        queued_at=timezone.now(),
    )
    batch_apply_task.call(batch.pk, team.editor.pk, "nl")
    batch.refresh_from_db()
    assert batch.applied_at is not None
    assert Party.objects.filter(project=team.project, name="Logo Kouterland").exists()
