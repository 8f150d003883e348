"""Read the text back out of the files a report is made of."""

from __future__ import annotations

import io

import docx
import pypdf


def pdf_text(body: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(bytes(body)))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def pdf_pages(body: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(bytes(body))).pages)


def docx_text(body: bytes) -> str:
    document = docx.Document(io.BytesIO(bytes(body)))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())
