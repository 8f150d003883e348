"""Small, valid PDF files written by hand, so tests and the bench need no PDF writer."""

from __future__ import annotations


def _escaped(line: str) -> bytes:
    text = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return text.encode("latin-1", "replace")


def make_pdf(pages: list[str], *, text_layer: bool = True, nesting: int = 0) -> bytes:
    """A PDF with one page per string (lines split on newlines), in Helvetica. Without a text
    layer the pages are drawn with a rectangle only, as a scan would be. `nesting` adds an
    array nested that deep to the catalogue."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for text in pages:
        if text_layer:
            lines = [b"BT /F1 10 Tf 50 800 Td 12 TL"]
            for line in text.split("\n"):
                lines.append(b"(" + _escaped(line) + b") '")
            lines.append(b"ET")
            stream = b"\n".join(lines)
        else:
            stream = b"0.5 g 50 50 400 700 re f"
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)
        ))
    extra = b" /Deep " + b"[" * nesting + b"]" * nesting if nesting else b""
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_id, extra)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids)
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, xref
    )
    return bytes(out)
