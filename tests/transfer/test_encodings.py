"""A CSV file is read in the encoding it was written in, the preview says which, and a file
that is not text, or is text only in part, is refused or marked row by row."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parties.models import Party
from transfer.importer import ImportRefused, party_import_apply, party_import_preview
from transfer.models import ImportBatch
from transfer.reading import UnreadableFile, read_table

pytestmark = pytest.mark.django_db

ROWS = "Naam;Laag\r\nCafé De Brug;bestuur\r\nÉcole Sint-Jozef;staff\r\n"


def test_one_bad_byte_does_not_turn_a_utf8_file_into_windows_1252(team):
    content = ROWS.encode("utf-8") + b"Caf" + b"\xe9 Noord;staff\r\n"
    table = read_table(content)
    assert table.encoding == "UTF-8"
    assert table.rows[0][1][0] == "Café De Brug"  # not "CafÃ© De Brug"

    outcome = party_import_preview(project=team.project, content=content)
    assert [(p.row, "could not be read" in p.message) for p in outcome.errors] == [(4, True)]
    with pytest.raises(ImportRefused):
        party_import_apply(project=team.project, content=content)
    assert not Party.objects.exists()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(team, codec):
    outcome = party_import_apply(project=team.project, content=ROWS.encode(codec))
    assert outcome.encoding == "UTF-16"
    assert set(Party.objects.values_list("name", flat=True)) == {"Café De Brug", "École Sint-Jozef"}


def test_windows_1252_is_detected_and_named(team):
    outcome = party_import_apply(project=team.project, content=ROWS.encode("cp1252"))
    assert outcome.encoding == "Windows-1252"
    assert Party.objects.filter(name="Café De Brug").exists()


def test_a_short_windows_1252_file_is_not_read_as_something_exotic():
    assert read_table("Naam\nCafé\n".encode("cp1252")).rows == [(2, ["Café"])]


def test_nul_is_refused_anywhere_in_the_file(team):
    content = ("Naam\n" + "Partij met een lange naam\n" * 4000).encode() + b"Logo\x00\n"
    assert len(content) > 65536
    with pytest.raises(UnreadableFile, match="Line 4002 of the file holds a NUL character"):
        party_import_apply(project=team.project, content=content)
    assert not Party.objects.exists()


def test_the_preview_names_the_encoding(client, team):
    client.force_login(team.editor)
    client.cookies["draagvlak_language"] = "en"
    upload = SimpleUploadedFile("partijen.csv", ROWS.encode("cp1252"))
    response = client.post(
        reverse("transfer:upload_parties", args=[team.project.pk]), {"file": upload}
    )
    page = client.get(response["Location"]).content.decode()
    assert "read as text in the Windows-1252 encoding" in page
    assert ImportBatch.objects.get().preview["encoding"] == "Windows-1252"


def test_the_upload_page_refuses_nul_with_its_line(client, team):
    client.force_login(team.editor)
    client.cookies["draagvlak_language"] = "en"
    content = ("Naam\n" + "Partij\n" * 12000).encode() + b"Lo\x00go\n"
    upload = SimpleUploadedFile("partijen.csv", content)
    response = client.post(
        reverse("transfer:upload_parties", args=[team.project.pk]), {"file": upload}
    )
    assert response.status_code == 400
    assert "Line 12002 of the file holds a NUL character" in response.content.decode()
    assert not ImportBatch.objects.exists()
