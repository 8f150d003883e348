"""Writing the party register as .xlsx or .csv from the plain rows a selector returns.

One row per party; contact persons as numbered groups of columns ("Contactpersoon 1 naam" …),
as many as the party with the most has. Any text that a spreadsheet could run as a formula gets
a leading apostrophe, which the import removes again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date

from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from lib.text import xml_safe
from projects.models import Project
from transfer.columns import (
    ASSESSMENT_COLUMNS,
    CONTACT_COLUMNS,
    PARTY_COLUMNS,
    Cell,
    Column,
    contact_header,
    escape_formula,
    is_dutch,
    party_headers,
    party_widths,
)
from transfer.selectors import RegisterRow

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
CSV_DELIMITER = ";"  # what Excel expects in Dutch and Belgian settings


def _cell(column: Column, value: object, language: str) -> Cell:
    if value is None or value == "" or value == []:
        return None
    formatted = column.codec.format(value, language)
    if isinstance(formatted, str):
        return escape_formula(formatted)
    return formatted


def _party_cells(row: RegisterRow, groups: int, language: str) -> list[Cell]:
    cells = [
        _cell(c, row.segments if c.key == "segments" else row.party[c.key], language)
        for c in PARTY_COLUMNS
    ]
    assessment = row.assessment or {}
    cells += [_cell(c, assessment.get(c.key), language) for c in ASSESSMENT_COLUMNS]
    for contact in row.contacts:
        cells += [_cell(c, contact[c.key], language) for c in CONTACT_COLUMNS]
    cells += [None] * (len(CONTACT_COLUMNS) * (groups - len(row.contacts)))
    return cells


def contact_groups(rows: list[RegisterRow]) -> int:
    return max([1, *(len(row.contacts) for row in rows)])


def party_table(rows: list[RegisterRow], language: str) -> tuple[list[str], Iterator[list[Cell]]]:
    groups = contact_groups(rows)
    return party_headers(groups, language), (_party_cells(r, groups, language) for r in rows)


def _xlsx_text(value: Cell) -> Cell:
    # openpyxl refuses C0 controls; DEL and C1 ones would pass but mean nothing in a cell.
    if isinstance(value, str):
        return xml_safe(value)
    return value


def xlsx_bytes(
    sheets: Iterable[tuple[str, list[str], Iterable[list[Cell]], list[int]]],
) -> bytes:
    """A workbook written in streaming mode: per sheet a title, headers, rows, column widths."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, headers, rows, widths in sheets:
        sheet = workbook.create_sheet(title)
        sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        header_cells = []
        for header in headers:
            header_cell = WriteOnlyCell(sheet, value=header)
            header_cell.font = bold
            header_cells.append(header_cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([_xlsx_text(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(headers: list[str], rows: Iterable[list[Cell]]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads the accents), semicolons between cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(
            ["" if v is None else v.isoformat() if isinstance(v, date) else v for v in row]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def sheet_title(language: str) -> str:
    return "Partijen" if is_dutch(language) else "Parties"


def register_xlsx(rows: list[RegisterRow], language: str) -> bytes:
    headers, cells = party_table(rows, language)
    widths = party_widths(contact_groups(rows))
    return xlsx_bytes([(sheet_title(language), headers, cells, widths)])


def register_csv(rows: list[RegisterRow], language: str) -> bytes:
    return csv_bytes(*party_table(rows, language))


def _allowed_values(language: str) -> tuple[list[str], list[list[Cell]]]:
    columns = [
        (c.header(language), c.codec.allowed(language))
        for c in (*PARTY_COLUMNS, *ASSESSMENT_COLUMNS)
    ] + [(contact_header(c, 1, language), c.codec.allowed(language)) for c in CONTACT_COLUMNS]
    columns = [(header, values) for header, values in columns if values]
    depth = max(len(values) for _header, values in columns)
    rows = [
        [values[i] if i < len(values) else None for _header, values in columns]
        for i in range(depth)
    ]
    return [header for header, _values in columns], rows


def template_xlsx(language: str) -> bytes:
    """The register's headers on an empty sheet, and the allowed values on a second one."""
    allowed_headers, allowed_rows = _allowed_values(language)
    title = "Toegestane waarden" if is_dutch(language) else "Allowed values"
    return xlsx_bytes(
        [
            (sheet_title(language), party_headers(1, language), [], party_widths(1)),
            (title, allowed_headers, allowed_rows, [24] * len(allowed_headers)),
        ]
    )


def template_csv(language: str) -> bytes:
    return csv_bytes(party_headers(1, language), [])


def download_name(
    project: Project, extension: str, language: str, *, template: bool = False
) -> str:
    """ "draagvlak-mondzorg-hoogveld-partijen-2026-01-31.xlsx" """
    slug = slugify(project.title)[:60] or "project"
    if template:
        word = "partijen-sjabloon" if is_dutch(language) else "parties-template"
        return f"draagvlak-{slug}-{word}.{extension}"
    word = "partijen" if is_dutch(language) else "parties"
    return f"draagvlak-{slug}-{word}-{timezone.localdate():%Y-%m-%d}.{extension}"
