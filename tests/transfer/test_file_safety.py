"""Files are judged by their content: anything that is not a readable spreadsheet is refused
as a whole, with a message, and changes nothing."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import translation

from parties.models import Party
from transfer.importer import party_import_apply
from transfer.reading import MAX_BYTES, UnreadableFile, read_table, sniff

from .files import xlsx

pytestmark = pytest.mark.django_db


def _refused(content: bytes) -> str:
    with translation.override("en"), pytest.raises(UnreadableFile) as refused:
        read_table(content)
    return refused.value.message


def test_a_renamed_program_is_not_a_spreadsheet():
    program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(range(256)) * 8
    assert _refused(program).startswith("This file is not a spreadsheet")


def test_other_binary_content_passed_as_csv_is_refused():
    assert _refused(bytes(range(256)) * 40).startswith("This file is not a spreadsheet")
    assert _refused(b"%PDF-1.7\n\x00\x01\x02\x03 binary").startswith("This file is not a spread")


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert _refused(buffer.getvalue()).startswith("This file is not a spreadsheet")


def test_a_damaged_old_xls_file_is_refused_clearly():
    assert "damaged" in _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)


def test_a_damaged_workbook_is_refused_clearly():
    content = xlsx([["Naam"], ["Logo"]])
    assert "damaged" in _refused(content[: len(content) // 2])


def _zip_bomb() -> bytes:
    """A workbook-looking ZIP whose sheet unpacks to 200 MB of zeros, written in chunks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"0" * (1024 * 1024)
            for _ in range(200):
                member.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_disguised_as_a_workbook_is_refused(team):
    bomb = _zip_bomb()
    assert len(bomb) < 1024 * 1024
    assert "unpacks to far more" in _refused(bomb)
    with pytest.raises(UnreadableFile):
        party_import_apply(project=team.project, content=bomb)
    assert not Party.objects.exists()


def test_a_workbook_with_a_document_type_is_refused():
    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(xlsx([["Naam"], ["Logo"]])))
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + data
            archive.writestr(item, data)
    assert "not allowed" in _refused(buffer.getvalue())


def test_a_file_over_ten_megabytes_is_refused():
    assert "larger than 10 MB" in _refused(b"Naam\n" + b"x" * MAX_BYTES)


def test_an_empty_file_is_refused():
    assert _refused(b"  \n") == "The file is empty."


def test_a_file_with_too_many_rows_is_refused():
    content = ("Naam\n" + "".join(f"Partij {n}\n" for n in range(20_001))).encode()
    assert "more than 20.000 rows" in _refused(content)


def test_real_files_pass():
    assert sniff(xlsx([["Naam"], ["Logo"]])) == "xlsx"
    assert sniff("Naam;Laag\nCafé;bestuur\n".encode("cp1252")) == "csv"
