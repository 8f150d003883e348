"""Hostile files and addresses are refused with a clear message, and nothing is stored."""

from __future__ import annotations

import io
import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypdf
import pytest
from django.utils import translation

from evidence import fetch, services
from evidence.extract import Refused
from evidence.models import DocumentPage, PolicyDocument, ScanStatus
from tests.evidence.pdfs import make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # the messages are checked in English; Dutch is the default and fully translated
    with translation.override("en"):
        yield


def _upload(project, content: bytes, name: str = "nota.pdf"):
    return services.document_upload(
        project=project, data={"title": "Nota"}, filename=name, content=content
    )


def _encrypted(password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(make_pdf(["geheim"])))
    writer.encrypt(password)
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200 + b"This program cannot be run in DOS mode", "program"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "program"),
        (b"\x00\x01\x02 random binary \x00" * 10, "not a PDF"),
        (make_pdf(["x"], nesting=200), "nesting"),
        (make_pdf(["x"] * 2001), "2001 pages"),
        (_encrypted("secret"), "password"),
        (_encrypted(""), "encrypted"),
        (b"%PDF-1.7\n garbage", "damaged"),
        (b"PK\x03\x04 not really a zip", "not a Word"),
    ],
    ids=["exe", "elf", "binary", "deep-nesting", "too-many-pages", "password", "encrypted",
         "broken-pdf", "fake-zip"],
)
def test_hostile_files_are_refused_and_nothing_is_stored(team, settings, content, message):
    with pytest.raises(Refused, match=message):
        _upload(team.project, content, name="nota.pdf")
    assert not PolicyDocument.everything.exists()
    media = settings.MEDIA_ROOT / "evidence"
    assert not media.exists() or not any(media.iterdir())


def test_the_name_does_not_decide(team):
    document = _upload(team.project, make_pdf(["Armoede."]), name="plaatje.exe")
    assert document.file_format == "pdf"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        if self.path == "/redirect-private":
            self.send_response(302)
            self.send_header("Location", "http://192.168.1.10/nota.pdf")
            self.end_headers()
        elif self.path == "/redirect-here":
            self.send_response(301)
            self.send_header("Location", "/nota.txt")
            self.end_headers()
        else:
            body = b"De armoede in de stad neemt toe. Dat raakt gezondheid."
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _loopback_too(address) -> bool:
    return address == ipaddress.ip_address("127.0.0.1") or fetch.public_only(address)


def test_the_machine_itself_is_not_fetched(server):
    with pytest.raises(Refused, match="private or local"):
        fetch.fetch(server + "/nota.txt")


def test_a_redirect_to_a_private_address_is_refused(server):
    with pytest.raises(Refused, match="192.168.1.10"):
        fetch.fetch(server + "/redirect-private", guard=_loopback_too)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "gopher://x"])
def test_only_http_and_https(url):
    with pytest.raises(Refused, match="http"):
        fetch.check_url(url)


def test_a_document_at_a_web_address_is_fetched_and_scanned(team, server):
    document = services.document_from_url(
        project=team.project, data={"title": "Web"}, url=server + "/redirect-here"
    )
    services.document_scan(document_id=document.pk, guard=_loopback_too)
    document.refresh_from_db()
    assert document.status == ScanStatus.DONE, document.failure
    assert "Armoede" in document.counts


def test_a_refused_fetch_keeps_only_the_reason(team, server):
    document = services.document_from_url(
        project=team.project, data={"title": "Web"}, url=server + "/redirect-private"
    )
    services.document_scan(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == ScanStatus.FAILED
    assert "private or local" in document.failure
    assert document.stored_name == "" and not DocumentPage.objects.exists()


class _Counting(_Handler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        _Counting.hits.append(self.path)
        if self.path == "/hop":
            # the next hop names a host that answers differently at every lookup
            self.send_response(302)
            self.send_header("Location", f"http://rebind.example:{self.server.server_address[1]}/x")
            self.end_headers()
        else:
            super().do_GET()


@pytest.fixture
def counting_server():
    _Counting.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def _rebinding(monkeypatch, first: str, later: str) -> list[str]:
    """A resolver for rebind.example that answers `first` once and `later` after that (other
    names resolve as usual); the list records its answers."""
    answers: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        address = first if not answers else later
        answers.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


# 127.0.0.2 stands in for a public address: the guard allows it, and nothing listens there
# (the test server is bound to 127.0.0.1 alone), so a connection to it is refused at once.
def _allowed(address) -> bool:
    return address == ipaddress.ip_address("127.0.0.2")


def test_a_name_that_rebinds_to_the_machine_is_never_reached(monkeypatch, counting_server):
    answers = _rebinding(monkeypatch, first="127.0.0.2", later="127.0.0.1")
    with pytest.raises(Refused):
        fetch.fetch(f"http://rebind.example:{counting_server}/nota.txt", guard=_allowed)
    assert _Counting.hits == []  # the loopback server saw no request
    assert answers == ["127.0.0.2"]  # resolved once: the connection used the checked answer


def test_a_redirect_hop_is_pinned_too(monkeypatch, counting_server):
    answers = _rebinding(monkeypatch, first="127.0.0.2", later="127.0.0.1")

    def guard(address) -> bool:
        return _allowed(address) or address == ipaddress.ip_address("127.0.0.1") and not answers

    with pytest.raises(Refused):
        fetch.fetch(f"http://127.0.0.1:{counting_server}/hop", guard=guard)
    assert _Counting.hits == ["/hop"]  # the first hop only; the rebound name never got through
    assert answers == ["127.0.0.2"]


def test_a_pinned_fetch_still_reads_the_document(monkeypatch, counting_server):
    _rebinding(monkeypatch, first="127.0.0.1", later="127.0.0.2")
    content = fetch.fetch(f"http://rebind.example:{counting_server}/nota.txt",
                          guard=_loopback_too)
    assert b"armoede" in content
    assert _Counting.hits == ["/nota.txt"]
