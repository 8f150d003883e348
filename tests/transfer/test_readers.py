"""Workbooks are read by python-calamine: .xlsx, LibreOffice's .ods and old .xls alike, within
the same bounds as before; a sheet whose grid would be huge goes to the row-by-row reader."""

from __future__ import annotations

import time

import pytest

from parties.models import Party
from transfer import reading
from transfer.importer import party_import_apply
from transfer.reading import UnreadableFile, read_table, sniff

from .files import far_column_xlsx, ods, ods_rows, xls, xlsx, xlsx_sheet_xml


def test_an_ods_file_is_read():
    content = ods(ods_rows([["Naam", "Macht"], ["Logo", 3], [None, None], ["Café", None]]))
    assert sniff(content) == "ods"
    table = read_table(content)
    assert table.headers == ["Naam", "Macht"]
    assert table.rows == [(2, ["Logo", 3]), (4, ["Café", None])]


def test_an_old_xls_file_is_read():
    content = xls([["Naam", "Macht"], ["Logo", 3], ["Café", 2.5]])
    assert sniff(content) == "xls"
    assert read_table(content).rows == [(2, ["Logo", 3]), (3, ["Café", 2.5])]


@pytest.mark.django_db
def test_an_ods_and_an_xls_file_import(team):
    party_import_apply(project=team.project, content=ods(ods_rows([["Naam"], ["Logo"]])))
    party_import_apply(project=team.project, content=xls([["Naam"], ["Kind en Gezin"]]))
    names = set(Party.objects.filter(project=team.project).values_list("name", flat=True))
    assert {"Logo", "Kind en Gezin"} <= names


def test_an_xlsx_is_read_by_calamine(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl should not read this file")

    monkeypatch.setattr(reading, "_read_xlsx", refuse)
    table = read_table(xlsx([["Naam", "Macht"], ["Logo", 3], [None, None], ["Café", 2.5]]))
    assert table.rows == [(2, ["Logo", 3]), (4, ["Café", 2.5])]


def test_row_numbers_count_from_the_top_of_the_sheet():
    content = xlsx_sheet_xml(
        '<row r="3"><c r="B3" t="inlineStr"><is><t>Naam</t></is></c></row>'
        '<row r="5"><c r="B5" t="inlineStr"><is><t>Logo</t></is></c></row>'
    )
    table = read_table(content)
    assert table.header_row == 3 and table.headers == ["", "Naam"]
    assert table.rows == [(5, [None, "Logo"])]


def test_a_sheet_with_a_far_cell_is_read_row_by_row(monkeypatch):
    """A lone cell in column XFD would make calamine build a grid of 16,384 columns."""
    used = []
    original = reading._read_xlsx
    monkeypatch.setattr(reading, "_read_xlsx", lambda *a: used.append(1) or original(*a))
    table = read_table(far_column_xlsx(300))
    assert used and table.headers == ["Naam"]


def test_an_ods_with_a_filled_cell_repeated_far_is_refused_at_once():
    """One cell written once with a repeat of 16,384 columns, on 1,000 rows: 16 million cells
    in calamine's grid (2 GB) from 800 bytes."""
    rows = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Naam</text:p>'
        '</table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1000">'
        '<table:table-cell office:value-type="string" table:number-columns-repeated="16384">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    start = time.perf_counter()
    with pytest.raises(UnreadableFile, match="too many columns"):
        read_table(ods(rows))
    assert time.perf_counter() - start < 2


def test_empty_repeated_rows_of_an_ods_are_no_problem():
    """LibreOffice writes the empty rest of a formatted sheet as one repeated row."""
    rows = ods_rows([["Naam"], ["Logo"]]) + (
        '<table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    assert read_table(ods(rows)).rows == [(2, ["Logo"])]


def test_an_ods_with_too_many_rows_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 50)
    with pytest.raises(UnreadableFile, match="more than 50 rows"):
        read_table(ods(ods_rows([["Naam"], *[[f"P{n}"] for n in range(60)]])))


def test_a_zip_that_claims_to_be_ods_but_is_not_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(UnreadableFile, match="not a spreadsheet"):
        read_table(buffer.getvalue())


@pytest.mark.django_db
def test_the_file_is_read_once_from_upload_to_import(team, monkeypatch):
    """The preview's reading is kept; confirming applies it without reading the file again."""
    from datetime import date

    from transfer import services
    from transfer.models import ImportBatch

    reads = []
    original = reading.read_table

    def counted(*args, **kwargs):
        reads.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "read_table", counted)
    monkeypatch.setattr("transfer.importer.read_table", counted)
    content = xlsx([["Naam", "Datum beoordeling"], ["Logo", date(2026, 1, 5)]])
    batch = services.batch_create(
        project=team.project,
        user=team.owner,
        kind=ImportBatch.Kind.PARTIES,
        filename="p.xlsx",
        content=content,
    )
    assert bytes(batch.content) != content  # the file is not kept
    services.batch_apply(batch=ImportBatch.objects.get(pk=batch.pk), user=team.owner)
    assert reads == [1]
    assert Party.objects.filter(project=team.project, name="Logo").exists()


def test_a_kept_table_reads_back_the_same():
    from datetime import date, datetime
    from datetime import time as clock

    table = reading.Table(
        headers=["Naam", "Datum"],
        rows=[
            (2, ["Logo", date(2026, 1, 2)]),
            (4, [None, datetime(2026, 1, 2, 3, 4)]),
            (5, [True, clock(8, 30)]),
            (6, [2.5, 3]),
        ],
        header_row=1,
        encoding="UTF-8",
        damaged_rows=[4],
    )
    assert reading.table_load(reading.table_dump(table)) == table
    assert reading.table_load(b"Naam\nLogo\n") is None


def test_a_table_kept_by_the_previous_version_still_reads():
    import json
    import zlib
    from datetime import date, timedelta

    data = {
        "headers": ["Naam", "Datum", "Duur"],
        "header_row": 1,
        "encoding": "",
        "damaged_rows": [],
        "rows": [[2, ["Logo", ["date", "2026-01-02"], ["seconds", 90.0]]]],
    }
    stored = reading._TABLE_MARK_1 + zlib.compress(json.dumps(data).encode())
    table = reading.table_load(stored)
    assert table.rows == [(2, ["Logo", date(2026, 1, 2), timedelta(seconds=90)])]
    kept = reading.table_load(reading.table_dump(table))
    assert kept == table
    # version 2: the table alone, dates as {"date": ...}
    stored = reading._TABLE_MARK_2 + reading._json_packed(
        {**data, "rows": [[2, ["Logo", date(2026, 1, 2), timedelta(seconds=90)]]]}
    )
    assert reading.table_load(stored, parsed=True) == table
