"""A brief of a project that has no assessed party and no local figures yet: the support
section says once, plainly, that no party has been assessed; the edit page and the preview say
where figures are added instead of showing an empty box, and the Word file and PDF leave the
empty figures section out."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from docx import Document
from pypdf import PdfReader

from evidence import brief, brief_documents, services
from tests.evidence.brief_data import brief_project
from tests.evidence.factories import make_document
from tests.factories import assess, make_party

NO_PARTY = "No party has been assessed yet, so there is no support index."


def _dutch(message: str) -> str:
    """As the pages say it: the team signs in in Dutch."""
    with translation.override("nl"):
        return gettext(message)


def _issue(draft):
    with translation.override("en"):  # a page request before leaves Dutch switched on
        return brief.brief_issue(brief=draft)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def bare(team):
    """A project with one marked passage and nothing else."""
    document = make_document(team.project, user=team.owner)
    passage = document.passages.filter(page=2).first()
    return services.mark_create(passage=passage, data={"note": "De gemeente belooft dit"})


def _docx_text(body: bytes) -> str:
    document = Document(io.BytesIO(body))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(body: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return " ".join(text.split())


def test_with_no_party_assessed_the_support_is_said_once_and_plainly(client, team, bare):
    draft = brief.brief_create(project=team.project, data={})
    assert draft.support == ""
    client.force_login(team.viewer)
    page = client.get(reverse("evidence:brief_preview", args=[team.project.pk, draft.pk]))
    html = page.content.decode()
    assert html.count(_dutch(NO_PARTY)) == 1
    assert "(0 partijen" not in html and "0 parties" not in html
    issued = _issue(draft)
    for text in (_docx_text(bytes(issued.docx)), _pdf_text(bytes(issued.pdf))):
        assert text.count(NO_PARTY) == 1
        assert "0 parties" not in text and "Support index" not in text


def test_with_parties_assessed_the_index_is_stated_once(client, team, bare):
    assess(make_party(team.project, name="Tandartsenkring"), attitude=2, power=4)
    draft = brief.brief_create(project=team.project, data={})
    assert "Tandartsenkring" in draft.support and "index" not in draft.support
    client.force_login(team.viewer)
    html = client.get(
        reverse("evidence:brief_preview", args=[team.project.pk, draft.pk])).content.decode()
    with translation.override("nl"):
        line = brief_documents.support_line({"index": 2, "parties": 1})
    assert line.startswith("Draagvlakindex +2")
    assert html.count(line) == 1 and "staat op" not in html and _dutch(NO_PARTY) not in html


def test_the_edit_page_says_where_figures_are_added_instead_of_an_empty_box(
    client, team, bare
):
    draft = brief.brief_create(project=team.project, data={})
    client.force_login(team.editor)
    html = client.get(
        reverse("evidence:brief_edit", args=[team.project.pk, draft.pk])).content.decode()
    figures = reverse("evidence:figures", args=[team.project.pk])
    note = html.split('id="no-indicators"')[1].split("</div>")[0]
    assert f'href="{figures}"' in note
    assert 'type="checkbox" name="cited_indicators"' not in html
    # the form still saves as before
    response = client.post(reverse("evidence:brief_edit", args=[team.project.pk, draft.pk]), {
        "title": draft.title, "audience": draft.audience, "expected_version": draft.version,
        "cited_marks": [bare.pk], "problem": "Nieuw probleem", "policy": draft.policy,
        "ask": draft.ask,
    })
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.problem == "Nieuw probleem" and list(draft.cited_marks.all()) == [bare]


def test_the_edit_page_offers_the_indicators_when_there_are_some(client, team):
    brief_project(team.project, user=team.owner)
    draft = brief.brief_create(project=team.project, data={})
    client.force_login(team.editor)
    html = client.get(
        reverse("evidence:brief_edit", args=[team.project.pk, draft.pk])).content.decode()
    assert 'type="checkbox" name="cited_indicators"' in html
    assert 'id="no-indicators"' not in html


def test_an_empty_figures_section_is_explained_in_the_preview_and_left_out_of_the_files(
    client, team, bare
):
    draft = brief.brief_create(project=team.project, data={})
    assert draft.figures == ""
    client.force_login(team.viewer)
    html = client.get(
        reverse("evidence:brief_preview", args=[team.project.pk, draft.pk])).content.decode()
    section = html.split('id="brief-figures"')[1].split("</section>")[0]
    assert "brief-left-out" in html.split('id="brief-figures"')[0][-80:]
    assert f'href="{reverse("evidence:figures", args=[team.project.pk])}"' in section
    issued = _issue(draft)
    for text in (_docx_text(bytes(issued.docx)), _pdf_text(bytes(issued.pdf))):
        assert "Local figures" not in text and "There are no local figures" not in text
        assert "Where policy already commits" in text


def test_a_figures_section_with_the_members_own_text_stays_in_the_files(team, bare):
    draft = brief.brief_create(project=team.project, data={"figures": "Een op drie kinderen."})
    issued = _issue(draft)
    for text in (_docx_text(bytes(issued.docx)), _pdf_text(bytes(issued.pdf))):
        assert "Local figures" in text and "Een op drie kinderen." in text


def test_with_figures_but_none_chosen_the_preview_points_to_the_draft(client, team):
    brief_project(team.project, user=team.owner)
    draft = brief.brief_create(project=team.project, data={"cited_indicators": []})
    brief.brief_update(brief=draft, data={"figures": ""})
    client.force_login(team.viewer)
    html = client.get(
        reverse("evidence:brief_preview", args=[team.project.pk, draft.pk])).content.decode()
    section = html.split('id="brief-figures"')[1].split("</section>")[0]
    assert f'href="{reverse("evidence:brief_edit", args=[team.project.pk, draft.pk])}"' in section
    assert reverse("evidence:figures", args=[team.project.pk]) not in section
