"""Small files that unfold into huge sheets are refused within moments: reading is bounded in
rows (blank ones count), in columns (the header's width) and in time. The files have the shape
of the real ones (a lone cell in column XFD on every row, hundreds of thousands of nearly blank
rows), with the budgets made smaller so that the tests stay fast."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parties.models import Party
from transfer import reading
from transfer.importer import party_import_preview
from transfer.models import ImportBatch
from transfer.reading import UnreadableFile, read_table

from .files import blank_rows_xlsx, csv_file, far_column_xlsx, xlsx, xlsx_sheet_xml

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_budget(monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 500)
    monkeypatch.setattr(reading, "MAX_CELLS", 50_000)


def _refusal(content: bytes) -> tuple[str, float, int]:
    """The message, the seconds it took and the peak memory in bytes."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(UnreadableFile) as refused:
            read_table(content)
    finally:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return refused.value.message, time.perf_counter() - start, peak


def test_a_lone_cell_in_column_xfd_on_every_row_is_refused_at_once(small_budget):
    message, seconds, peak = _refusal(far_column_xlsx(400, header=None))
    assert "too many columns" in message
    assert seconds < 2 and peak < 50 * 1024 * 1024


def test_rows_are_cut_at_the_headers_width(small_budget):
    """With a header in A1, the cells far to the right are not read at all: the rows are
    blank, and there are more of them than allowed."""
    message, seconds, peak = _refusal(far_column_xlsx(600))
    assert "more than 500 rows (empty rows count too)" in message
    assert seconds < 2 and peak < 50 * 1024 * 1024
    table = read_table(far_column_xlsx(400))
    assert table.headers == ["Naam"] and table.rows == []


def test_nearly_blank_rows_count_against_the_row_limit(small_budget):
    message, seconds, _peak = _refusal(blank_rows_xlsx(20_000))
    assert "more than 500 rows (empty rows count too)" in message
    assert seconds < 2


def test_rows_missing_from_the_file_count_too(small_budget):
    """One row at the very bottom of the sheet: openpyxl makes up every row above it."""
    content = xlsx_sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c></row>'
        '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>Logo</t></is></c></row>'
    )
    message, seconds, _peak = _refusal(content)
    assert "more than 500 rows" in message and seconds < 2


def test_blank_lines_of_a_csv_count_too(small_budget):
    message, _seconds, _peak = _refusal(b"Naam\n" + b";;\n" * 600)
    assert "more than 500 rows" in message


def test_a_wide_csv_is_cut_at_the_headers_width(small_budget):
    table = read_table(("Naam;Laag\nLogo;staff" + ";" * 5_000 + "x\n").encode())
    assert table.rows == [(2, ["Logo", "staff"])]


def test_reading_stops_when_it_takes_too_long():
    content = xlsx([["Naam"], *[[f"Partij {n}"] for n in range(50)]])
    with pytest.raises(UnreadableFile, match="takes too long"):
        read_table(content, seconds=0)


def test_a_sheet_without_a_size_is_not_parsed_twice(small_budget, monkeypatch):
    """openpyxl sizes a sheet that lacks a <dimension> element by parsing all of it when the
    workbook is opened; that is skipped, so a long sheet costs nothing before its rows."""
    from openpyxl.worksheet import _reader

    parsed = []
    original = _reader.WorkSheetParser.parse_dimensions
    monkeypatch.setattr(
        _reader.WorkSheetParser,
        "parse_dimensions",
        lambda self: parsed.append(1) or original(self),
    )
    read_table(xlsx_sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c></row>'))
    assert parsed == []


def test_ten_thousand_unknown_columns_give_one_short_note(team):
    headers = ["Naam", *(f"Kolom {n}" for n in range(10_000))]
    outcome = party_import_preview(project=team.project, content=csv_file([headers, ["Logo"]]))
    assert outcome.ok and outcome.created == 1
    assert len(outcome.warnings) == 1
    note = outcome.warnings[0]
    assert note.startswith("10.000 columns are not known and have been left out: “Kolom 0”")
    assert note.endswith("and 9.995 more.") and len(note) < 300


def test_a_few_unknown_columns_are_named_one_by_one(team):
    content = csv_file([["Naam", "Kleur", "Maat"], ["Logo", "blauw", "L"]])
    outcome = party_import_preview(project=team.project, content=content)
    assert outcome.warnings == [
        "The column “Kleur” is not known and has been left out.",
        "The column “Maat” is not known and has been left out.",
    ]


def test_the_upload_page_refuses_a_hostile_file(client, team, small_budget):
    client.force_login(team.editor)
    client.cookies["draagvlak_language"] = "en"
    response = client.post(
        reverse("transfer:upload_parties", args=[team.project.pk]),
        {"file": SimpleUploadedFile("leeg.xlsx", far_column_xlsx(400, header=None))},
    )
    assert response.status_code == 400
    assert "too many columns" in response.content.decode()
    assert not ImportBatch.objects.exists() and not Party.objects.exists()


def test_a_sheet_of_blank_rows_is_refused_before_it_is_parsed(small_budget, monkeypatch):
    """The rows are counted while the workbook is checked, at the speed of a byte search."""
    from openpyxl.worksheet import _reader

    monkeypatch.setattr(_reader.WorkSheetParser, "parse_row", None)  # any parsing would fail
    message, _seconds, _peak = _refusal(blank_rows_xlsx(2_000))
    assert "more than 500 rows" in message


def test_the_import_command_refuses_a_hostile_file(team, tmp_path, small_budget):
    from django.core.management import CommandError, call_command

    path = tmp_path / "leeg.xlsx"
    path.write_bytes(blank_rows_xlsx(2_000))
    with pytest.raises(CommandError, match="empty rows count too"):
        call_command("import", team.project.pk, path, "--language", "en")
    assert not Party.objects.exists()


@pytest.mark.parametrize(
    ("cells", "bounded"),
    [
        ('<c r="A1"/><c r="EC29999"/>', True),
        ('<c r="ED1"/>', False),  # column 134: every cell is counted
        ('<c r="A30000"/>', False),
        ('<c r="XFD1"/>', False),
        ('<c s="1" r="B1"/>', False),  # r not first: not known from the quick search
        ("<c><v>1</v></c>", False),  # no reference: its place depends on the cells before
        ('<c\tr="XFD1"/>', False),
        ('<x:c r="A1"/>', False),
    ],
)
def test_the_grid_is_bounded_by_one_search_only_for_cells_placed_near_a1(cells, bounded):
    """A sheet whose cells all say they lie within A1:EC29999 is known to fit python-calamine's
    dense grid after one search; any other goes through the exact count of every cell."""
    grid = reading._grid_xlsx(f'<sheetData><row r="1">{cells}</row></sheetData>'.encode())
    assert (grid == reading._BOUNDED_GRID) is bounded
    assert reading._BOUNDED_GRID <= reading.DENSE_CELLS


def test_a_far_cell_whose_reference_is_not_its_first_attribute_is_not_read_by_calamine(
    small_budget, monkeypatch
):
    content = xlsx_sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Naam</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Logo</t></is></c>'
        '<c s="0" r="XFD2" t="inlineStr"><is><t>ver</t></is></c></row>'
    )
    _kind, shape = reading._sniff(content)
    assert shape.grid["xl/worksheets/sheet1.xml"] == 0  # unknown: openpyxl reads it
    monkeypatch.setattr(reading, "DENSE_CELLS", 1_000)
    assert read_table(content).rows == [(2, ["Logo"])]  # read by openpyxl, cut at the header


@pytest.mark.parametrize(("rows", "refused"), [(8, False), (9, True)])
def test_rows_below_a_header_lower_in_the_sheet_count_as_one_by_one(monkeypatch, rows, refused):
    """Counted at once once calamine has read the sheet: the rows above the header and those
    below it, as they counted row by row (here 2 blank, the header, then `rows`)."""
    monkeypatch.setattr(reading, "MAX_ROWS", 10)

    def text(reference: str, value: str) -> str:
        return f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>'

    sheet = f'<row r="3">{text("B3", "Naam")}</row>' + "".join(
        f'<row r="{n}">{text(f"B{n}", f"P{n}")}</row>' for n in range(4, 4 + rows)
    )
    content = xlsx_sheet_xml(sheet)
    if refused:
        with pytest.raises(UnreadableFile, match="more than 10 rows"):
            read_table(content)
    else:
        assert read_table(content).rows[-1] == (3 + rows, [None, f"P{3 + rows}"])
