"""Reading a policy document: which format it really is (by its content, never its name), and
its text page by page. Hostile files are refused with a `Refused` whose message the page shows.

- PDF: a `%PDF-` header; no encryption; at most MAX_PAGES pages; no absurdly deep nesting of
  arrays or dictionaries. Text by pypdfium2 (the PDFium engine), one page at a time.
- Word: a zip holding word/document.xml; the sizes its directory announces, unpacked, stay
  under MAX_UNPACKED before python-docx reads a byte of it. Text per paragraph and table cell;
  a .docx has no fixed pages, so its text is cut into pages of WORDS_PER_PAGE words.
- HTML: only the text, by the standard library's parser; scripts, styles and templates are
  dropped; nothing of it is ever shown as HTML.
- Text: the encoding detected by charset-normalizer; binary content is refused.
"""

from __future__ import annotations

import io
import queue
import re
import threading
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 2000
MAX_UNPACKED = 200 * 1024 * 1024
MAX_NESTING = 64
WORDS_PER_PAGE = 500

_EXECUTABLES = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
# Nesting deeper than MAX_NESTING, written out in the file (an indirect chain cannot hide it
# from PDFium, which limits its own recursion). Each branch starts with a literal, so the engine
# skips to the next bracket instead of trying every byte of the file.
_DEEP = re.compile(
    rb"\[(?:\s*\[){%d}|<<(?:\s*<<){%d}" % (MAX_NESTING - 1, MAX_NESTING - 1)
)
_SPACES = re.compile(r"\s+")
# A hyphen at a line's end inside a word. It starts with the hyphen, not a look-behind, so the
# regex engine jumps from hyphen to hyphen instead of trying every letter of the page.
_SOFT_BREAK = re.compile(r"[-\u00ad](?<=\w[-\u00ad])[ \t]*(?:\r\n?|\n)\s*(?=\w)")
# The characters lib.text.strip_control_characters drops from multi-line text, as a table for
# str.translate: one pass over the page, many times faster than a regex substitution.
_CONTROLS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])


# PDFium is not safe to call from two threads at once (pypdfium2 says so); every call of this
# process goes through this lock: a scan's reading thread, an upload's check, a second scan.
PDFIUM = threading.Lock()


class Refused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def too_large() -> Refused:
    return Refused(_("The file is larger than 50 MB."))


def sniff(content: bytes) -> str:
    """The format of the content (a FileFormat value), or Refused."""
    if len(content) > MAX_BYTES:
        raise too_large()
    if not content.strip():
        raise Refused(_("The file is empty."))
    head = content[:1024]
    if head.startswith(_EXECUTABLES):
        raise Refused(
            _("This is a program, not a document. Upload a PDF, Word, HTML or text file.")
        )
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if _HTML_START.match(head):
        return "html"
    if b"\x00" in content[:65536]:
        raise Refused(
            _("This file is not a PDF, Word (.docx), HTML or text document, whatever its name "
              "says.")
        )
    return "text"


def check(content: bytes, file_format: str) -> int:
    """Refuse what cannot be read safely, before anything is stored; the number of pages
    (0 where the format has no pages of its own)."""
    if file_format == "pdf":
        return _check_pdf(content)
    if file_format == "docx":
        _check_docx(content)
    return 0


def _check_pdf(content: bytes) -> int:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    if _DEEP.search(content):
        raise Refused(_("This PDF is built to overload the reader (nesting too deep)."))
    with PDFIUM:
        try:
            pdf = pdfium.PdfDocument(content)
        except pdfium.PdfiumError as error:
            if "password" in str(error).lower():
                raise Refused(
                    _("This PDF is protected with a password. Upload it without.")
                ) from error
            raise Refused(_("This PDF is damaged and cannot be read.")) from error
        try:
            if raw.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1:
                raise Refused(_("This PDF is encrypted. Upload a copy without protection."))
            pages = len(pdf)
        finally:
            pdf.close()
    if pages > MAX_PAGES:
        raise Refused(
            _("This PDF has %(pages)s pages; at most %(most)s can be scanned.")
            % {"pages": pages, "most": MAX_PAGES}
        )
    if pages == 0:
        raise Refused(_("This PDF has no pages."))
    return pages


def _check_docx(content: bytes) -> None:
    not_word = Refused(_("This zip file is not a Word document (.docx)."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise not_word from error
    names = {member.filename for member in members}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise not_word
    if sum(member.file_size for member in members) > MAX_UNPACKED:
        raise Refused(_("This Word file unpacks to more than 200 MB; it is refused as a zip bomb."))
    if any(member.flag_bits & 0x1 for member in members):
        raise Refused(_("This Word file is encrypted. Upload a copy without protection."))


def pages(content: bytes, file_format: str) -> Iterator[str]:
    """The text of each page, in order, cleaned of control characters and line-end hyphens."""
    reader = {"pdf": _pdf_pages, "docx": _docx_pages, "html": _html_pages, "text": _text_pages}
    for text in reader[file_format](content):
        yield tidy(text)


# The reader hands pages over in bundles of this many: each hand-over wakes the other thread,
# which costs more than searching a page.
BUNDLE = 8
# Bundles read ahead of the search, at most; enough to keep the reader busy while pages with
# many terms are searched, and little memory.
READ_AHEAD = 4
_DONE = object()


def pages_read_ahead(content: bytes, file_format: str) -> Iterator[str]:
    """As `pages`, with a PDF's pages read by PDFium in a thread of their own while the caller
    searches the pages before: PDFium's calls (through ctypes) release the interpreter's lock,
    so reading and searching overlap. The thread stops when the caller does."""
    if file_format != "pdf":
        yield from pages(content, file_format)
        return
    ahead: queue.Queue = queue.Queue(maxsize=READ_AHEAD)
    stop = threading.Event()

    def hand(item: object) -> bool:
        while not stop.is_set():
            try:
                ahead.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        texts = _pdf_pages(content)
        try:
            bundle: list[str] = []
            for text in texts:
                bundle.append(text)
                if len(bundle) == BUNDLE:
                    if not hand(bundle):
                        return
                    bundle = []
            if bundle and not hand(bundle):
                return
            hand(_DONE)
        except BaseException as error:  # handed to the caller, who raises it
            hand(error)
        finally:
            texts.close()  # PDFium's document is closed in the thread that opened it

    reader = threading.Thread(target=read, name="pdf-pages", daemon=True)
    reader.start()
    try:
        while True:
            item = ahead.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            for text in item:
                yield tidy(text)
    finally:
        stop.set()
        reader.join()


def tidy(text: str) -> str:
    text = text.translate(_CONTROLS)
    if "\n" in text or "\r" in text:
        text = _SOFT_BREAK.sub("", text)
    return " ".join(text.split())


def _pdf_pages(content: bytes) -> Iterator[str]:
    import pypdfium2 as pdfium

    with PDFIUM:
        pdf = pdfium.PdfDocument(content)
        count = min(len(pdf), MAX_PAGES)
    try:
        for index in range(count):
            with PDFIUM:  # never held while the caller has the page
                page = pdf[index]
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
                    page.close()
            yield text
    finally:
        with PDFIUM:
            pdf.close()


def _docx_pages(content: bytes) -> Iterator[str]:
    import docx

    try:
        document = docx.Document(io.BytesIO(content))
    except Exception as error:  # python-docx raises many kinds for a broken package
        raise Refused(_("This Word file is damaged and cannot be read.")) from error
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    yield from _paged(" \n".join(parts))


def _paged(text: str) -> Iterator[str]:
    words = text.split(" ")
    for start in range(0, max(len(words), 1), WORDS_PER_PAGE):
        yield " ".join(words[start:start + WORDS_PER_PAGE])


def _decoded(content: bytes) -> str:
    best = from_bytes(content[:2 * 1024 * 1024]).best()
    encoding = best.encoding if best is not None else "utf-8"
    return content.decode(encoding, errors="replace")


class _TextOnly(HTMLParser):
    SKIP = {"script", "style", "template", "noscript", "iframe", "object", "svg", "head"}
    BREAK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "td"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BREAK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BREAK:
            self.parts.append(". " if tag.startswith("h") else "\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(content: bytes) -> str:
    parser = _TextOnly()
    parser.feed(_decoded(content))
    parser.close()
    return "".join(parser.parts)


def _html_pages(content: bytes) -> Iterator[str]:
    yield from _paged(_SPACES.sub(" ", html_text(content)))


def _text_pages(content: bytes) -> Iterator[str]:
    text = _decoded(content)
    # A form feed is a page break in text exported from a PDF or a word processor.
    chunks = text.split("\x0c") if "\x0c" in text else None
    if chunks and len(chunks) > 1:
        yield from chunks[:MAX_PAGES]
    else:
        yield from _paged(_SPACES.sub(" ", text))
