from __future__ import annotations

import io
import zipfile

import docx
import pytest
from django.utils.translation import gettext

from evidence import services
from evidence.models import Passage, PolicyDocument, ScanStatus
from evidence.selectors import citations
from tests.evidence.factories import make_document
from tests.evidence.pdfs import make_pdf
from tests.factories import make_party, make_segment

pytestmark = pytest.mark.django_db


def _docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_a_pdf_is_scanned_page_by_page_with_passages_by_family(team):
    document = make_document(team.project, user=team.contributor)
    assert document.status == ScanStatus.DONE
    assert (document.pages_total, document.pages_done) == (3, 3)
    passage = Passage.objects.get(document=document)
    assert passage.page == 2
    assert "Gezondheidsverschillen" in passage.families
    assert "Thema" in passage.families  # oral health: mondzorg, tandarts
    assert "<mark>gezondheidsachterstanden</mark>" in passage.highlighted
    assert "<mark>kwetsbare groepjes</mark>" in passage.highlighted.lower()
    assert document.counts["Gezondheidsverschillen"] >= 1


def test_segments_and_parties_are_searched_too(team):
    make_segment(team.project, name="jonge ouders")
    make_party(team.project, name="Huis van het Kind")
    document = make_document(
        team.project, pages=["Het Huis van het Kind helpt jonge ouders. Dat werkt goed."]
    )
    families = Passage.objects.get(document=document).families
    # the family names are in the language the scan ran in
    assert gettext("Target segments") in families
    assert gettext("Parties") in families


def test_a_word_file_and_a_text_file_are_read(team):
    content = _docx(["Armoede en schulden raken gezondheid.", "Verder niets."])
    document = services.document_upload(
        project=team.project, data={"title": "Word"}, filename="a.docx", content=content
    )
    services.document_scan(document_id=document.pk)
    document.refresh_from_db()
    assert document.file_format == "docx" and document.status == ScanStatus.DONE
    assert "Armoede" in document.counts
    text = "Kansarmoede in Vlaanderen. Iets anders.".encode("cp1252")
    document = services.document_upload(
        project=team.project, data={"title": "Tekst"}, filename="a.txt", content=text
    )
    services.document_scan(document_id=document.pk)
    document.refresh_from_db()
    assert document.file_format == "text" and "Armoede" in document.counts


def test_html_is_read_as_text_only_without_its_scripts(team):
    content = (
        b"<!DOCTYPE html><html><head><title>t</title><script>alert('armoede')</script></head>"
        b"<body><p>Armoede <b>raakt</b> &lt;script&gt; gezondheid.</p>"
        b"<script>document.write('<img src=x onerror=alert(1)>')</script></body></html>"
    )
    document = services.document_upload(
        project=team.project, data={"title": "Web"}, filename="a.html", content=content
    )
    services.document_scan(document_id=document.pk)
    passage = Passage.objects.get(document=document)
    assert "alert" not in passage.text and "onerror" not in passage.text
    assert "&lt;script&gt;" in passage.highlighted  # the text's own markup shown, escaped
    assert "<script" not in passage.highlighted


def test_a_pdf_without_a_text_layer_says_so(team):
    content = make_pdf(["x", "y"], text_layer=False)
    document = services.document_upload(
        project=team.project, data={"title": "Scan"}, filename="scan.pdf", content=content
    )
    services.document_scan(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == ScanStatus.NO_TEXT


def test_marked_passages_are_citations_and_survive_a_new_scan(team):
    document = make_document(team.project)
    passage = Passage.objects.get(document=document)
    services.mark_create(passage=passage, data={"note": "Kern"}, user=team.contributor)
    services.document_match(document=document)  # e.g. after the vocabulary changed
    assert Passage.objects.filter(document=document).count() == 1
    [citation] = citations(team.project)
    assert (citation.document, citation.page, citation.note) == ("Gezondheidsnota 2026", 2, "Kern")
    assert "gezondheidsachterstanden" in citation.quote
    services.document_delete(document=document)
    assert citations(team.project) == []


def test_a_word_file_that_unpacks_to_a_bomb_is_refused(team):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (210 * 1024 * 1024))
    with pytest.raises(services.extract.Refused, match="200 MB"):
        services.document_upload(
            project=team.project, data={"title": "Bom"}, filename="a.docx",
            content=stream.getvalue(),
        )
    assert not PolicyDocument.everything.exists()


def _reader_threads() -> list:
    import threading

    return [t for t in threading.enumerate() if t.name == "pdf-pages" and t.is_alive()]


def test_pages_read_ahead_are_the_pages_in_order_and_the_reader_stops_with_the_scan():
    from evidence import extract

    content = make_pdf([f"Pagina {n} over armoede." for n in range(1, 20)])  # 2 bundles and 3
    assert list(extract.pages_read_ahead(content, "pdf")) == list(extract.pages(content, "pdf"))
    reading = extract.pages_read_ahead(content, "pdf")
    assert next(reading) == "Pagina 1 over armoede."
    reading.close()  # e.g. the scan took too long
    assert not _reader_threads()
    with pytest.raises(Exception, match="(?i)pdf|data format|file"):
        list(extract.pages_read_ahead(b"%PDF-1.7\n garbage", "pdf"))
    assert not _reader_threads()


def test_a_scan_stopped_for_time_stops_its_reader_and_says_so(team, monkeypatch):
    monkeypatch.setattr(services, "SCAN_SECONDS", -1)
    document = make_document(team.project, user=team.contributor)
    document.refresh_from_db()
    assert document.status == ScanStatus.FAILED
    assert document.failure == gettext("The scan took too long and was stopped.")
    assert not _reader_threads()


def test_terms_of_several_words_are_found_alike_on_every_page():
    from evidence.matching import Matcher

    matcher = Matcher({"Leefstijl": ["gezonde leefstijl"], "Armoede": ["armoede"]})
    text = ("Een gezonde wijk. Een gezonde leefstijl-aanpak, GEZONDE LEEFSTIJLEN en "
            "armoedebeleid; gezonde.")
    found = [(text[h.start:h.end], h.family) for h in matcher.find(text)]
    assert found == [("gezonde leefstijl-aanpak", "Leefstijl"),
                     ("GEZONDE LEEFSTIJLEN", "Leefstijl"), ("armoedebeleid", "Armoede")]
    assert matcher.find(text) == matcher.find(text)  # what was learnt on one page holds
