"""Reading an uploaded spreadsheet safely: the content decides what it is, not its name.

Nothing here writes anything. A file that is too large, not a spreadsheet, damaged, or a ZIP
that unpacks to far more than it weighs is refused with a message the user can act on.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime
import io
import json
import re
import time
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from lib.text import strip_control_characters

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# Rows times the header's width: 20,000 rows of 100 columns, or 200 rows of 10,000.
MAX_CELLS = 2_000_000
# Reading a file within its row and cell budget takes a few seconds; this is the backstop.
READ_SECONDS = 20.0
# A real workbook unpacks to a few times its size; a ZIP bomb to thousands of times.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 200
_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_ODS_PARTS = ("mimetype", "content.xml")
_ODS_TYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# python-calamine holds a sheet as a dense grid, from A1 to its last filled cell: a few filled
# cells far apart cost as much memory as every cell between them. A workbook whose grid would
# exceed this is read by openpyxl instead, which reads row by row and cuts at the header.
DENSE_CELLS = 4_000_000
_CELL_REF = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,3})([0-9]{1,7})"')
_CELL_TAGS = (b"<c ", b"<c>", b":c ", b":c>")
_ODS_ROW = re.compile(
    rb"<table:table-row\b([^>]*?)(/>|>(.*?)</table:table-row>)", re.DOTALL
)
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*)>")
_ODS_REPEAT_ROWS = re.compile(rb'table:number-rows-repeated="([0-9]+)"')
_ODS_REPEAT_COLUMNS = re.compile(rb'table:number-columns-repeated="([0-9]+)"')
# A cell that is not placed within A1:EC29999 by a reference of its own (written as Excel and
# LibreOffice write it): the first attribute r, a column of at most EC (133), a row of at most
# 29,999. A sheet without any is within 133 × 29,999 cells, under DENSE_CELLS, known after one
# search of its bytes; a sheet with one has each of its cells counted.
_UNBOUNDED_CELL = re.compile(
    rb'<c(?! r="(?:[A-D]?[A-Z]|E[A-C])(?:[1-9][0-9]{0,3}|[12][0-9]{4})")[\s>/]'
)
_BOUNDED_GRID = 133 * 29_999


class UnreadableFile(Exception):
    """The file is refused as a whole; the message says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Shape:
    """What the pre-check of a workbook learnt: rows per part and, where every cell says where
    it is, the size of the grid python-calamine would build (0: unknown)."""

    rows: dict[str, int] = field(default_factory=dict)
    grid: dict[str, int] = field(default_factory=dict)


@dataclass
class Table:
    headers: list[str]
    # (row number as the spreadsheet shows it, the row's cells)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    header_row: int = 1
    encoding: str = ""  # of a CSV file, as people know it ("UTF-8"); empty for a workbook
    damaged_rows: list[int] = field(default_factory=list)  # with bytes that are not text
    # What an importer's preview made of the rows (JSON-ready, the importer's own shape), kept
    # with the table so that the import applies it without reading every cell again.
    parsed: Any = None


def _not_a_spreadsheet() -> UnreadableFile:
    return UnreadableFile(
        _(
            "This file is not a spreadsheet. Upload an Excel workbook (.xlsx or .xls), an "
            "OpenDocument spreadsheet (.ods) or a CSV file."
        )
    )


def too_large_message() -> str:
    return _("The file is larger than %(size)s MB. Split it or remove what is not needed.") % {
        "size": MAX_BYTES // (1024 * 1024)
    }


def sniff(content: bytes) -> str:
    """ "xlsx", "ods", "xls" or "csv" by what the bytes are; anything else is refused."""
    return _sniff(content)[0]


@dataclass
class Sniffed:
    """What checking a file's structure learnt, handed on to `read_table` so that the file is
    checked once: from the upload form to the read, also through the worker's queue (as JSON)."""

    kind: str
    shape: Shape

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "rows": self.shape.rows, "grid": self.shape.grid}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Sniffed:
        return cls(data["kind"], Shape(rows=dict(data["rows"]), grid=dict(data["grid"])))


def sniffed(content: bytes) -> Sniffed:
    """The kind of the file and what its parts hold; refuses what `sniff` refuses."""
    return Sniffed(*_sniff(content))


def _sniff(content: bytes) -> tuple[str, Shape]:
    """The kind, and for a workbook what its parts hold."""
    if len(content) > MAX_BYTES:
        raise UnreadableFile(too_large_message())
    if not content.strip():
        raise UnreadableFile(_("The file is empty."))
    if content.startswith(b"PK\x03\x04"):
        return _check_workbook(content)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        # An old Excel file holds at most 65,536 rows of 256 columns: bounded by its format.
        return "xls", Shape()
    _decode(content)  # refuses binary content
    return "csv", Shape()


def _check_workbook(content: bytes) -> tuple[str, Shape]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise UnreadableFile(
            _("The file could not be read: it looks damaged. Save it again and retry.")
        ) from error
    names = {member.filename for member in members}
    if all(part in names for part in _REQUIRED_PARTS):
        kind = "xlsx"
    elif all(part in names for part in _ODS_PARTS):
        kind = "ods"
    else:
        raise _not_a_spreadsheet()
    declared = sum(member.file_size for member in members)
    if declared > MAX_UNPACKED or declared > MAX_RATIO * max(len(content), 1):
        raise UnreadableFile(_("This workbook unpacks to far more than its size; it is refused."))
    shape = Shape()
    with archive:
        if kind == "ods" and archive.read("mimetype").strip() != _ODS_TYPE:
            raise _not_a_spreadsheet()
        for member in members:
            shape.rows[member.filename], shape.grid[member.filename] = _scan_member(
                archive, member, kind
            )
    return kind, shape


def _row_tags(data: bytes) -> int:
    rows = data.count(b"<row ") + data.count(b"<row>")
    if b":row" in data:  # rows with a namespace prefix: rare, counted only when present
        rows += data.count(b":row ") + data.count(b":row>")
    return rows


def _grid_xlsx(data: bytes) -> int:
    """Rows times columns of the grid from A1 to the furthest cell (or a bound of it under
    DENSE_CELLS); 0 when a cell does not say where it is (its place then depends on the cells
    before it)."""
    if b":c" not in data and not _UNBOUNDED_CELL.search(data):
        return _BOUNDED_GRID
    references = _CELL_REF.findall(data)
    if len(references) != sum(data.count(tag) for tag in _CELL_TAGS):
        return 0
    if not references:
        return 1
    letters = {letter for letter, _row in references}
    width = max(_column_number(letter) for letter in letters)
    height = max(int(row) for row in {row for _letter, row in references})
    return width * height


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _grid_ods(data: bytes) -> int:
    """Rows times columns of the grid calamine builds from an OpenDocument sheet, which writes
    a run of equal rows or cells once with a repeat count: empty runs cost nothing, filled
    ones their full size (one cell repeated 16,384 times on 1,000 rows is 16 million)."""
    if b"number-rows-repeated" not in data and b"number-columns-repeated" not in data:
        return 1  # every row and cell written out: bounded by the bytes they take
    height = width = 0
    position = 0
    for match in _ODS_ROW.finditer(data):
        repeat = _ODS_REPEAT_ROWS.search(match[1])
        rows = int(repeat[1]) if repeat else 1
        column = filled = 0
        for cell in _ODS_CELL.finditer(match[3] or b""):
            attributes = cell[1]
            repeat = _ODS_REPEAT_COLUMNS.search(attributes)
            column += int(repeat[1]) if repeat else 1
            if b"value-type" in attributes:
                filled = column
        position += rows
        if filled:
            height = position
            width = max(width, filled)
    return height * width


def _scan_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, kind: str = "xlsx"
) -> tuple[int, int]:
    """Unpack one part: it must hold no more than it declares (a lying header is a bomb too)
    and, if XML, no document type (entity expansion and external entities need one; no real
    workbook has it). Returns the number of <row> elements in it: counting them here, at the
    speed of a byte search, refuses a sheet of a million blank rows before openpyxl parses any
    of them. Also the size of the grid a sheet would take in calamine (0: unknown), from the
    whole part, which a worksheet within the limits keeps small. The declared sizes of all
    parts together are within MAX_UNPACKED, so a part is unpacked at once, not in chunks."""
    sheet = kind == "ods" and member.filename == "content.xml" or (
        kind == "xlsx" and member.filename.startswith("xl/worksheets/")
    )
    try:
        with archive.open(member) as stream:
            data = stream.read(min(member.file_size, MAX_UNPACKED) + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
        raise UnreadableFile(
            _("The file could not be read: it looks damaged. Save it again and retry.")
        ) from error
    if len(data) > member.file_size or len(data) > MAX_UNPACKED:
        raise UnreadableFile(_("This workbook unpacks to far more than its size; it is refused."))
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnreadableFile(_("This workbook holds XML constructs that are not allowed."))
    rows = _row_tags(data)
    if not sheet:
        return rows, 0
    if kind == "ods":
        return 0, _grid_ods(data)
    if rows > MAX_ROWS + 1:
        return rows, 0  # refused before anything is parsed
    return rows, _grid_xlsx(data)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# What a CSV file from Excel, LibreOffice or a mailing tool in our users' countries is written
# in when it is not UTF-8; limiting the detector to these keeps it from rare guesses (a short
# Windows-1252 file otherwise reads as Urdu).
_LEGACY = ("cp1252", "mac_roman")
_NAMES = {"cp1252": "Windows-1252", "mac_roman": "Mac Roman"}
_INVALID_UTF8 = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


@dataclass
class Decoded:
    text: str
    encoding: str  # as people know it: "UTF-8", "Windows-1252"
    damaged: bool = False  # UTF-8 with a few bytes that are not; those read as U+FFFD


def _utf16_without_bom(content: bytes) -> str | None:
    """Text in UTF-16 has a NUL beside every ASCII character, on the odd bytes (little-endian)
    or the even ones (big-endian); text in any other encoding has none."""
    sample = content[:4096]
    if len(sample) < 4 or len(content) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _mostly_utf8(content: bytes) -> str | None:
    """A UTF-8 file with a few stray bytes (one cell pasted from elsewhere) is still UTF-8:
    reading all of it as Windows-1252 would turn every "é" into "Ã©" without a word."""
    escaped = content.decode("utf-8", errors="surrogateescape")
    bad = len(_INVALID_UTF8.findall(escaped))
    good = len(_NON_ASCII.findall(escaped))
    if good and bad <= good:
        return content.decode("utf-8-sig", errors="replace")
    return None


def _detect(content: bytes) -> Decoded:
    for bom, codec, name in _BOMS:
        if content.startswith(bom):
            try:
                return Decoded(content.decode(codec), name)
            except UnicodeDecodeError:
                break
    utf16 = _utf16_without_bom(content)
    if utf16:
        try:
            return Decoded(content.decode(utf16), "UTF-16")
        except UnicodeDecodeError:
            raise _not_a_spreadsheet() from None
    try:
        return Decoded(content.decode("utf-8-sig"), "UTF-8")
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(content)
    if text is not None:
        return Decoded(text, "UTF-8", damaged=True)
    from charset_normalizer import from_bytes

    match = from_bytes(content, cp_isolation=list(_LEGACY)).best()
    if match is None:
        raise _not_a_spreadsheet()
    return Decoded(str(match), _NAMES.get(match.encoding, match.encoding))


def _decode(content: bytes) -> Decoded:
    decoded = _detect(content)
    text = decoded.text
    sample = text[:65536]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n")
    if controls > len(sample) // 100:
        raise _not_a_spreadsheet()
    nul = text.find("\x00")
    if nul >= 0:  # anywhere: PostgreSQL cannot store it, and no text file has it
        raise UnreadableFile(
            _(
                "Line %(line)s of the file holds a NUL character, which no text has: the file "
                "is damaged or not a CSV file."
            )
            % {"line": text.count("\n", 0, nul) + 1}
        )
    return decoded


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _width(cells: Sequence[Any]) -> int:
    """Up to the last filled cell: a stray cell far to the right does not widen the table."""
    for index in range(len(cells) - 1, -1, -1):
        if not _blank(cells[index]):
            return index + 1
    return 0


def _header(cells: Sequence[Any]) -> list[str]:
    return [
        "" if _blank(c) else strip_control_characters(str(c)).strip()
        for c in cells[: _width(cells)]
    ]


def _too_many_rows() -> UnreadableFile:
    return UnreadableFile(
        _(
            "The file has more than %(max)s rows (empty rows count too). Remove the empty rows "
            "or split it into smaller files."
        )
        % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
    )


class Budget:
    """How much reading a file may cost. Every row counts, blank ones too, and every cell up
    to the header's width, so a few hundred kilobytes that unfold into millions of empty
    cells or rows are refused within moments instead of holding a worker for minutes."""

    def __init__(self, seconds: float | None = None) -> None:
        self.deadline = time.monotonic() + (READ_SECONDS if seconds is None else seconds)
        self.rows = 0
        self.cells = 0

    def take(self, width: int, rows: int = 1) -> None:
        """Count `rows` rows of `width` cells."""
        self.rows += rows
        self.cells += width * rows
        if self.rows > MAX_ROWS + 1:  # the header and MAX_ROWS rows
            raise _too_many_rows()
        if self.cells > MAX_CELLS:
            raise _too_many_cells()
        if time.monotonic() > self.deadline:
            raise UnreadableFile(
                _(
                    "Reading the file takes too long. Remove empty rows and columns, or split "
                    "it into smaller files."
                )
            )


def _collect(rows: Iterator[Sequence[Any]], budget: Budget, *, first: int = 1) -> Table:
    """The first non-empty row is the header and sets the width; empty rows are left out."""
    table: Table | None = None
    width = 0
    for number, cells in enumerate(rows, start=first):
        if table is None:
            budget.take(len(cells))
            if any(not _blank(cell) for cell in cells):
                table = Table(headers=_header(cells), header_row=number)
                width = len(table.headers)
            continue
        cells = list(cells[:width])
        budget.take(width)
        if all(_blank(cell) for cell in cells):
            continue
        table.rows.append((number, cells))
    if table is None or not any(table.headers):
        raise UnreadableFile(_("The file is empty."))
    return table


def _read_csv(content: bytes, budget: Budget) -> Table:
    decoded = _decode(content)
    text = decoded.text
    try:
        table = _collect(
            csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)), budget
        )
    except csv.Error as error:
        raise UnreadableFile(
            _("The CSV file could not be read (%(problem)s).") % {"problem": error}
        ) from error
    table.encoding = decoded.encoding
    if decoded.damaged:
        table.damaged_rows = [
            number
            for number, cells in [(table.header_row, table.headers), *table.rows]
            if any(isinstance(c, str) and "\ufffd" in c for c in cells)
        ]
    return table


def _xlsx_rows(sheet: Any, budget: Budget) -> Table:
    """Two passes: up to the header row with the row's own width, then the rows below it cut at
    the header's width by openpyxl itself, which otherwise pads every row with a cell in
    column XFD to 16,384 values."""
    header = _collect(
        (
            [_ooxml_text(c) for c in cells]
            for cells in _until_filled(sheet.iter_rows(values_only=True))
        ),
        budget,
    )
    below = sheet.iter_rows(
        min_row=header.header_row + 1,
        max_row=header.header_row + MAX_ROWS + 1,  # one more than allowed, to notice it
        max_col=max(len(header.headers), 1),
        values_only=True,
    )
    for number, cells in enumerate(below, start=header.header_row + 1):
        budget.take(len(header.headers))
        if any(not _blank(cell) for cell in cells):
            header.rows.append((number, [_ooxml_text(cell) for cell in cells]))
    return header


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _ooxml_text(value: Any) -> Any:
    """Excel writes a character that XML cannot hold (a control character) as "_x0007_", and a
    literal "_x" as "_x005F_x"; openpyxl leaves both as they are. Decoded here, so that the
    import sees, and strips, the control characters."""
    if isinstance(value, str) and "_x" in value:
        return _OOXML_ESCAPE.sub(lambda match: chr(int(match[1], 16)), value)
    return value


def _until_filled(rows: Iterator[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    for cells in rows:
        yield cells
        if any(not _blank(cell) for cell in cells):
            return


def _first_sheet(content: bytes, rows: dict[str, int]) -> Any:
    """The workbook's first worksheet, opened read-only without sizing it: openpyxl's own
    `load_workbook` parses every sheet that lacks a <dimension> element from end to end just
    to learn its size, which a hostile file makes take minutes (and the size is not used)."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class Unsized(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            pass

    reader = ExcelReader(io.BytesIO(content), read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        for sheet, rel in reader.parser.find_sheets():
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
                if rows.get(rel.target, 0) > MAX_ROWS + 1:
                    raise _too_many_rows()
                return Unsized(reader.wb, sheet.name, rel.target, reader.shared_strings)
    except BaseException:
        reader.archive.close()
        raise
    reader.archive.close()
    raise UnreadableFile(_("The file is empty."))


def _calamine_sheet(content: bytes, kind: str, shape: Shape) -> Any | None:
    """The first worksheet as python-calamine reads it, or None when its grid would be too
    large for it (or unknown) and openpyxl should read it, row by row, instead."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    # Checked before calamine opens the file: it builds the grid as it opens it.
    if kind == "xlsx":
        part = _xlsx_sheet_part(content, 0)
        if shape.rows.get(part, 0) > MAX_ROWS + 1:
            raise _too_many_rows()
        grid = shape.grid.get(part, 0)
        if not grid or grid > DENSE_CELLS:
            return None
    elif kind == "ods" and shape.grid.get("content.xml", 0) > DENSE_CELLS:
        raise _too_many_cells()
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    sheets = [s for s in workbook.sheets_metadata if s.typ == SheetTypeEnum.WorkSheet]
    if not sheets:
        raise UnreadableFile(_("The file is empty."))
    return workbook.get_sheet_by_name(sheets[0].name)


def _xlsx_sheet_part(content: bytes, index: int) -> str:
    """The part of the workbook's first worksheet, as openpyxl's reader finds it."""
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(io.BytesIO(content), read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_workbook()
        targets = [
            rel.target
            for _sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type
        ]
    finally:
        reader.archive.close()
    return targets[index] if len(targets) > index else ""


def _read_workbook(content: bytes, kind: str, budget: Budget, shape: Shape) -> Table:
    """A workbook read by python-calamine, several times faster than openpyxl; an .xlsx whose
    grid would be too large for it goes to openpyxl, which the budget bounds row by row."""
    try:
        sheet = _calamine_sheet(content, kind, shape)
    except UnreadableFile:
        raise
    except Exception as error:  # calamine raises its own kinds on a damaged file
        raise UnreadableFile(
            _("The file could not be read: it looks damaged. Save it again and retry.")
        ) from error
    if sheet is None:
        return _read_xlsx(content, budget, shape.rows)
    try:
        # calamine's rows start at row 1 but at the first filled column; the columns are
        # counted from A, as the file's columns are.
        pad = [None] * (sheet.start[1] if sheet.height else 0)
        table = _collect(_until_filled(pad + cells for cells in sheet.iter_rows()), budget)
        width = max(len(table.headers), 1)
        # calamine has read the whole sheet already: the rows below the header are counted
        # against the budget at once rather than one by one.
        # (the rows it yields start at row 1, its height counts from its first filled row)
        below = max(sheet.start[0] + sheet.height - table.header_row, 0) if sheet.height else 0
        budget.take(width, rows=below)
        xlsx = kind == "xlsx"
        rows = table.rows
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            if number <= table.header_row:
                continue
            if pad:
                cells = pad + cells
            if len(cells) > width:
                cells = cells[:width]
            if any(not _blank(cell) for cell in cells):
                # Calamine gives an empty cell as "" and every number as a float: as openpyxl
                # does, None and whole numbers; text in an .xlsx has Excel's escapes decoded.
                # Written out here rather than called, since it runs for every cell.
                rows.append(
                    (
                        number,
                        [
                            None
                            if c == ""
                            else int(c)
                            if c.__class__ is float and c.is_integer()
                            else _ooxml_text(c)
                            if xlsx and c.__class__ is str and "_x" in c
                            else c
                            for c in cells
                        ],
                    )
                )
        return table
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(
            _("The file could not be read: it looks damaged. Save it again and retry.")
        ) from error


def _too_many_cells() -> UnreadableFile:
    return UnreadableFile(
        _(
            "The file has too many columns for its number of rows: at most %(max)s "
            "cells can be read. Remove the columns that are not needed."
        )
        % {"max": f"{MAX_CELLS:,}".replace(",", ".")}
    )


def _read_xlsx(content: bytes, budget: Budget, rows: dict[str, int]) -> Table:
    try:
        sheet = _first_sheet(content, rows)
    except UnreadableFile:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise UnreadableFile(
            _("The file could not be read: it looks damaged. Save it again and retry.")
        ) from error
    try:
        return _xlsx_rows(sheet, budget)
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(
            _("The file could not be read: it looks damaged. Save it again and retry.")
        ) from error
    finally:
        sheet.parent.close()


# What an upload is kept as between its preview and the import: the table its preview read,
# so that the import applies exactly that without reading the file a second time. A date is
# written as {"date": "2026-01-01"}, which the JSON codec hands to a hook by itself, so that the
# other cells (nearly all) pass through without a Python call each. Version 3: the mark, the
# length of the table's compressed JSON in ten digits, that JSON, then what the preview parsed
# (Table.parsed) compressed on its own, so that a reader of the table alone (the preview's
# proposed matches) does not unpack it. Versions 1 (a date as a list ["date", ...]) and 2 (the
# table alone) are still read.
_TABLE_MARK_1 = b"DRAAGVLAK-TABLE-1\n"
_TABLE_MARK_2 = b"DRAAGVLAK-TABLE-2\n"
_TABLE_MARK = b"DRAAGVLAK-TABLE-3\n"
_LENGTH_DIGITS = 10


def _dump_special(value: Any) -> dict[str, Any]:
    """A cell that JSON has no type for."""
    if isinstance(value, datetime.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"time": value.isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"seconds": value.total_seconds()}
    raise TypeError(f"a cell of type {type(value).__name__} cannot be kept")


_LOADERS = {
    "datetime": datetime.datetime.fromisoformat,
    "date": datetime.date.fromisoformat,
    "time": datetime.time.fromisoformat,
    "seconds": lambda seconds: datetime.timedelta(seconds=seconds),
}


def _load_special(found: dict[str, Any]) -> Any:
    """A cell is never a dict, so a dict of one known tag is a kept date; others (the table's
    own dict) stay as they are."""
    if len(found) == 1:
        ((tag, value),) = found.items()
        loader = _LOADERS.get(tag)
        if loader is not None:
            return loader(value)
    return found


def _load_cell_1(value: Any) -> Any:
    return _LOADERS[value[0]](value[1]) if isinstance(value, list) else value


def _json_packed(data: Any) -> bytes:
    return zlib.compress(
        json.dumps(data, separators=(",", ":"), default=_dump_special).encode(), 1
    )


def _json_unpacked(packed: bytes) -> Any:
    return json.loads(zlib.decompress(packed), object_hook=_load_special)


def table_dump(table: Table) -> bytes:
    """The table as compressed JSON, and what was parsed from it apart."""
    packed = _json_packed(
        {
            "headers": table.headers,
            "header_row": table.header_row,
            "encoding": table.encoding,
            "damaged_rows": table.damaged_rows,
            "rows": table.rows,  # (number, cells) pairs, written as lists
        }
    )
    parsed = b""
    if table.parsed is not None:
        # something JSON cannot keep: the import reads the cells again instead
        with contextlib.suppress(TypeError):
            parsed = _json_packed(table.parsed)
    return _TABLE_MARK + b"%0*d" % (_LENGTH_DIGITS, len(packed)) + packed + parsed


def table_load(stored: bytes, *, parsed: bool = False) -> Table | None:
    """A table kept by `table_dump`; None when `stored` is a file instead. With `parsed`, also
    what its preview parsed, if that was kept."""
    kept = None
    if stored.startswith(_TABLE_MARK):
        start = len(_TABLE_MARK) + _LENGTH_DIGITS
        end = start + int(stored[len(_TABLE_MARK) : start])
        data = _json_unpacked(stored[start:end])
        rows = [(number, cells) for number, cells in data["rows"]]
        if parsed and len(stored) > end:
            kept = _json_unpacked(stored[end:])
    elif stored.startswith(_TABLE_MARK_2):
        data = _json_unpacked(stored[len(_TABLE_MARK_2) :])
        rows = [(number, cells) for number, cells in data["rows"]]
    elif stored.startswith(_TABLE_MARK_1):
        data = json.loads(zlib.decompress(stored[len(_TABLE_MARK_1) :]))
        rows = [(number, [_load_cell_1(c) for c in cells]) for number, cells in data["rows"]]
    else:
        return None
    return Table(
        headers=data["headers"],
        rows=rows,
        header_row=data["header_row"],
        encoding=data["encoding"],
        damaged_rows=data["damaged_rows"],
        parsed=kept,
    )


def table_rows_bytes(table: Table) -> int:
    """The size of a table's rows as uncompressed JSON, as it is kept (for the benchmark)."""
    return len(json.dumps(table.rows, separators=(",", ":"), default=_dump_special).encode())


def read_table(
    content: bytes, *, seconds: float | None = None, checked: Sniffed | None = None
) -> Table:
    """The first sheet of a workbook (.xlsx, .ods, .xls), or a CSV file, as a header and its
    non-empty rows, cut at the header's width; refused when it costs more rows, cells or
    `seconds` than allowed. `checked`: what `sniffed` found for these very bytes, so that
    their structure is not checked again."""
    budget = Budget(seconds)
    if checked is None:
        kind, shape = _sniff(content)
    else:
        kind, shape = checked.kind, checked.shape
    if kind == "csv":
        return _read_csv(content, budget)
    return _read_workbook(content, kind, budget, shape)
