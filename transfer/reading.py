"""Reading an uploaded spreadsheet safely: the content decides what it is, not its name.

Nothing here writes anything. A file that is too large, not a spreadsheet, damaged, or a ZIP
that unpacks to far more than it weighs is refused with a message the user can act on.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# A real workbook unpacks to a few times its size; a ZIP bomb to thousands of times.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 200
_REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_SCAN_CHUNK = 1024 * 1024


class UnreadableFile(Exception):
    """The file is refused as a whole; the message says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    headers: list[str]
    # (row number as the spreadsheet shows it, the row's cells)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def _not_a_spreadsheet() -> UnreadableFile:
    return UnreadableFile(
        _("This file is not a spreadsheet. Upload an Excel workbook (.xlsx) or a CSV file.")
    )


def too_large_message() -> str:
    return _("The file is larger than %(size)s MB. Split it or remove what is not needed.") % {
        "size": MAX_BYTES // (1024 * 1024)
    }


def sniff(content: bytes) -> str:
    """ "xlsx" or "csv" by what the bytes are; anything else is refused."""
    if len(content) > MAX_BYTES:
        raise UnreadableFile(too_large_message())
    if not content.strip():
        raise UnreadableFile(_("The file is empty."))
    if content.startswith(b"PK\x03\x04"):
        _check_workbook(content)
        return "xlsx"
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            _("This is an old Excel file (.xls). Open it in Excel and save it as .xlsx.")
        )
    _decode(content)  # refuses binary content
    return "csv"


def _check_workbook(content: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise UnreadableFile(
            _("The file could not be read: it looks damaged. Save it again and retry.")
        ) from error
    names = {member.filename for member in members}
    if not all(part in names for part in _REQUIRED_PARTS):
        raise _not_a_spreadsheet()
    declared = sum(member.file_size for member in members)
    if declared > MAX_UNPACKED or declared > MAX_RATIO * max(len(content), 1):
        raise UnreadableFile(_("This workbook unpacks to far more than its size; it is refused."))
    with archive:
        for member in members:
            _scan_member(archive, member)


def _scan_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Unpack one part in chunks: it must hold no more than it declares (a lying header is a
    bomb too) and, if XML, no document type (entity expansion and external entities need one;
    no real workbook has it)."""
    total, tail = 0, b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_SCAN_CHUNK):
                total += len(chunk)
                if total > member.file_size or total > MAX_UNPACKED:
                    raise UnreadableFile(
                        _("This workbook unpacks to far more than its size; it is refused.")
                    )
                window = tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    raise UnreadableFile(
                        _("This workbook holds XML constructs that are not allowed.")
                    )
                tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
        raise UnreadableFile(
            _("The file could not be read: it looks damaged. Save it again and retry.")
        ) from error


def _decode(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = content.decode("utf-16", errors="replace")
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = content.decode("cp1252")
            except UnicodeDecodeError:
                raise _not_a_spreadsheet() from None
    sample = text[:65536]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n")
    if "\x00" in sample or controls > len(sample) // 100:
        raise _not_a_spreadsheet()
    return text


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _collect(rows: Any) -> Table:
    """The first non-empty row is the header; empty rows are left out; at most MAX_ROWS."""
    headers: list[str] | None = None
    table = Table(headers=[])
    for number, cells in enumerate(rows, start=1):
        cells = list(cells)
        if all(_blank(cell) for cell in cells):
            continue
        if headers is None:
            headers = ["" if _blank(c) else str(c).strip() for c in cells]
            table.headers = headers
            continue
        if len(table.rows) >= MAX_ROWS:
            raise UnreadableFile(
                _("The file has more than %(max)s rows. Split it into smaller files.")
                % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
            )
        table.rows.append((number, cells))
    if headers is None:
        raise UnreadableFile(_("The file is empty."))
    return table


def _read_csv(content: bytes) -> Table:
    text = _decode(content)
    try:
        return _collect(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as error:
        raise UnreadableFile(
            _("The CSV file could not be read (%(problem)s).") % {"problem": error}
        ) from error


def _read_xlsx(content: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise UnreadableFile(
            _("The file could not be read: it looks damaged. Save it again and retry.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a wrong stored size must not cut rows off
        return _collect(sheet.iter_rows(values_only=True))
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(
            _("The file could not be read: it looks damaged. Save it again and retry.")
        ) from error
    finally:
        workbook.close()


def read_table(content: bytes) -> Table:
    """The first sheet of a workbook, or a CSV file, as a header and its non-empty rows."""
    if sniff(content) == "xlsx":
        return _read_xlsx(content)
    return _read_csv(content)
