"""Real spreadsheet files for the tests, written with openpyxl and csv."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook, load_workbook


def xlsx(rows: Sequence[Sequence[Any]], title: str = "Blad1") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_file(
    rows: Sequence[Sequence[Any]], *, delimiter: str = ";", encoding: str = "utf-8-sig"
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode(encoding)


def read_xlsx(content: bytes, sheet: int = 0) -> list[list[Any]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return [list(row) for row in workbook.worksheets[sheet].iter_rows(values_only=True)]


def read_csv(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=";")]


def xlsx_sheet_xml(rows_xml: str) -> bytes:
    """A real workbook whose first sheet holds exactly the given <row> elements: files of a
    shape spreadsheet programs write but openpyxl's writer does not (a lone cell in column
    XFD, hundreds of thousands of empty rows), in a fraction of the time."""
    import zipfile

    base = zipfile.ZipFile(io.BytesIO(xlsx([["x"]])))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows_xml}</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in base.infolist():
            data = base.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = sheet.encode()
            archive.writestr(item.filename, data)
    return buffer.getvalue()


def _text_cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def far_column_xlsx(rows: int, header: str | None = "Naam") -> bytes:
    """A header in A1 (unless None) and, on each of `rows` rows, one cell in the last column."""
    parts = [f'<row r="1">{_text_cell("A1", header)}</row>'] if header else []
    start = 2 if header else 1
    parts += [
        f'<row r="{n}">{_text_cell(f"XFD{n}", "x")}</row>' for n in range(start, start + rows)
    ]
    return xlsx_sheet_xml("".join(parts))


def blank_rows_xlsx(rows: int) -> bytes:
    """A header and `rows` rows that hold only an empty string each: nearly blank, all there."""
    parts = [f'<row r="1">{_text_cell("A1", "Naam")}</row>']
    parts += [f'<row r="{n}">{_text_cell(f"B{n}", "")}</row>' for n in range(2, rows + 2)]
    return xlsx_sheet_xml("".join(parts))


def excel_xlsx(rows: Sequence[Sequence[str]]) -> bytes:
    """Text cells as Excel writes them: a character XML cannot hold (a control character)
    as "_x0007_"; openpyxl refuses to write such text at all."""

    def escaped(text: str) -> str:
        text = text.replace("&", "&amp;").replace("<", "&lt;")
        return "".join(f"_x{ord(c):04X}_" if ord(c) < 32 and c not in "\t\n\r" else c for c in text)

    def column(index: int) -> str:
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[index]

    return xlsx_sheet_xml(
        "".join(
            f'<row r="{n}">'
            + "".join(
                f'<c r="{column(i)}{n}" t="inlineStr"><is><t xml:space="preserve">'
                f"{escaped(text)}</t></is></c>"
                for i, text in enumerate(row)
            )
            + "</row>"
            for n, row in enumerate(rows, start=1)
        )
    )


def ods(rows_xml: str) -> bytes:
    """An OpenDocument spreadsheet (as LibreOffice saves it) whose only sheet holds the given
    <table:table-row> elements, built as a ZIP by hand."""
    import zipfile

    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Blad1">'
        f"{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def ods_rows(rows: Sequence[Sequence[Any]]) -> str:
    def cell(value: Any) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
            "</table:table-cell>"
        )

    return "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )


def xls(rows: Sequence[Sequence[Any]]) -> bytes:
    """An old Excel 97–2003 workbook, written with xlwt."""
    import xlwt

    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("Blad1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
