"""The argument brief: written from the project's data, edited, issued as Word and PDF that
quote the marked passage with its document and page, and kept unchanged afterwards."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from evidence import brief
from evidence.models import IssuedBrief
from lib.concurrency import EditConflict
from tests.evidence.brief_data import QUOTE_START, brief_project


def _docx_text(body: bytes) -> str:
    document = Document(io.BytesIO(body))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(body: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def marked(team):
    return brief_project(team.project, user=team.owner)


def test_a_new_brief_is_written_from_the_projects_data(team, marked):
    draft = brief.brief_create(project=team.project, data={}, user=team.editor)
    assert "Gezinnen met weinig geld" in draft.problem
    assert "Meer gaatjes bij kinderen" in draft.consequences
    assert "Kinderen met cariës" in draft.figures and "GGD Gezondheidsmonitor" in draft.figures
    assert "Gezondheidsnota 2026, page 2" in draft.policy
    assert "Tandartsenkring" in draft.support and "Afdeling Financiën" in draft.support
    assert "Poetsles op school" in draft.direction
    assert list(draft.cited_marks.all()) == [marked]
    assert "alderman" in draft.title


def test_the_issued_files_quote_the_passage_with_document_and_page(team, marked):
    draft = brief.brief_create(project=team.project, data={"audience": "council"})
    brief.brief_update(brief=draft, data={"ask": "Geef ons 5000 euro."}, user=team.editor)
    draft.refresh_from_db()
    issued = brief.brief_issue(brief=draft, user=team.editor)
    quote = marked.passage.text
    for text in (_docx_text(bytes(issued.docx)), _pdf_text(bytes(issued.pdf))):
        assert QUOTE_START in text
        assert " ".join(quote.split())[:80] in " ".join(text.split())
        assert "Gezondheidsnota 2026, Gemeente Hoogveld, 2026, page 2" in text
        assert "Geef ons 5000 euro." in text
        assert "GGD Gezondheidsmonitor" in text and "31.5" in text
        assert "Tandartsenkring" in text
        assert "municipal council" in text
    assert issued.data["citations"][0]["page"] == 2


def test_an_issued_brief_stays_as_it_was_when_the_draft_changes(team, marked):
    draft = brief.brief_create(project=team.project, data={})
    issued = brief.brief_issue(brief=draft, user=team.owner)
    pdf, docx = bytes(issued.pdf), bytes(issued.docx)
    brief.brief_update(brief=draft, data={"problem": "Iets anders"}, user=team.owner)
    marked.passage.document.title = "Andere titel"
    marked.passage.document.save()
    second = brief.brief_issue(brief=draft, user=team.owner)
    issued.refresh_from_db()
    assert bytes(issued.pdf) == pdf and bytes(issued.docx) == docx
    assert "Iets anders" in _docx_text(bytes(second.docx))
    assert "Iets anders" not in _docx_text(docx)
    assert list(brief.issued_list(project=team.project)) == [second, issued]


def test_a_stale_version_is_a_conflict_and_changes_nothing(team, marked):
    draft = brief.brief_create(project=team.project, data={})
    brief.brief_update(brief=draft, data={"ask": "Eerst"}, expected_version=1)
    with pytest.raises(EditConflict):
        brief.brief_update(brief=draft, data={"ask": "Tweede"}, expected_version=1)
    with pytest.raises(EditConflict):
        brief.brief_issue(brief=draft, expected_version=1)
    draft.refresh_from_db()
    assert draft.ask == "Eerst"
    assert not IssuedBrief.objects.exists()


def test_a_passage_of_another_project_cannot_be_cited(team, marked):
    other = brief_project(team.other_project)
    draft = brief.brief_create(project=team.project, data={})
    with pytest.raises(ValidationError) as error:
        brief.brief_update(brief=draft, data={"cited_marks": [other.pk]})
    assert "cited_marks" in error.value.message_dict
    draft.refresh_from_db()
    assert list(draft.cited_marks.all()) == [marked]


def test_control_characters_never_reach_the_files(team, marked):
    draft = brief.brief_create(project=team.project, data={"ask": "Geld\x00 nu\x1b graag"})
    assert draft.ask == "Geld nu graag"
    issued = brief.brief_issue(brief=draft)
    assert "Geld nu graag" in _docx_text(bytes(issued.docx))


def test_withdrawn_to_the_bin_and_back(team, marked):
    draft = brief.brief_create(project=team.project, data={})
    issued = brief.brief_issue(brief=draft)
    brief.issued_delete(issued=issued, user=team.owner)
    assert brief.issued_of(project=team.project, issued_id=issued.pk) is None
    brief.issued_restore(issued=IssuedBrief.everything.get(pk=issued.pk), user=team.owner)
    assert brief.issued_of(project=team.project, issued_id=issued.pk) == issued
