"""The policy section says no more than the passages the brief quotes: a text still as first
written follows the choice of passages, a rewritten one loses only the unchanged line of a
passage no longer quoted, and the member's own words always stay; the preview and both files
agree with the choice."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from evidence import brief, services
from evidence.models import ArgumentBrief
from tests.evidence.brief_data import brief_project
from tests.evidence.factories import make_document

OTHER_NOTE = "Over kwetsbare groepen"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def two_marks(team):
    first = brief_project(team.project, user=team.owner)
    document = make_document(team.project, title="Gezondheidsnota 2026", pages=[
        "Inleiding. De gemeente kiest voor een gezonde toekomst voor iedereen.",
        "Financien. Het budget blijft gelijk.",
        "Aanpak. We willen de gezondheidsachterstanden bij kwetsbare groepen verkleinen. "
        "Vooral kinderen in gezinnen met weinig geld hebben vaker gaatjes.",
    ])
    passage = document.passages.get(page=3)
    second = services.mark_create(passage=passage, data={"note": OTHER_NOTE})
    return first, second


def _lines(draft: ArgumentBrief) -> list[str]:
    return draft.policy.splitlines()


def test_unticking_a_passage_in_an_untouched_text_drops_its_line(team, two_marks):
    first, second = two_marks
    draft = brief.brief_create(project=team.project, data={})
    assert len(_lines(draft)) == 2 and OTHER_NOTE in draft.policy
    brief.brief_update(brief=draft, data={"cited_marks": [first], "policy": draft.policy})
    draft.refresh_from_db()
    assert draft.policy == "Gezondheidsnota 2026, page 2: De gemeente belooft dit"
    # ticking it again brings the line back, in the passages' order
    brief.brief_update(brief=draft, data={"cited_marks": [second, first]})
    draft.refresh_from_db()
    assert _lines(draft) == [
        "Gezondheidsnota 2026, page 2: De gemeente belooft dit",
        f"Gezondheidsnota 2026, page 3: {OTHER_NOTE}",
    ]


def test_a_rewritten_text_keeps_the_members_words(team, two_marks):
    first, _second = two_marks
    draft = brief.brief_create(project=team.project, data={})
    own = "Het college heeft dit zelf beloofd."
    rewritten = f"{own}\n{draft.policy}\nGezondheidsnota 2026, page 3: mijn eigen uitleg"
    brief.brief_update(brief=draft, data={"cited_marks": [first], "policy": rewritten})
    draft.refresh_from_db()
    assert _lines(draft) == [
        own,
        "Gezondheidsnota 2026, page 2: De gemeente belooft dit",
        "Gezondheidsnota 2026, page 3: mijn eigen uitleg",
    ]


def test_a_rewritten_text_gets_no_line_for_a_newly_ticked_passage(team, two_marks):
    first, second = two_marks
    draft = brief.brief_create(project=team.project, data={"cited_marks": [first]})
    brief.brief_update(brief=draft, data={"policy": "Mijn eigen tekst."})
    brief.brief_update(brief=draft, data={"cited_marks": [first, second]})
    draft.refresh_from_db()
    assert draft.policy == "Mijn eigen tekst."


def test_a_text_written_in_dutch_follows_the_choice_in_english(team, two_marks):
    first, _second = two_marks
    with translation.override("nl"):
        draft = brief.brief_create(project=team.project, data={})
    assert "pagina 3" in draft.policy
    brief.brief_update(brief=draft, data={"cited_marks": [first]})
    draft.refresh_from_db()
    assert "pagina 3" not in draft.policy and "pagina 2" in draft.policy


def _docx_text(body: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)


def _pdf_text(body: bytes) -> str:
    return " ".join(
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages).split())


def test_the_edit_page_preview_and_files_name_only_the_chosen_passage(client, team, two_marks):
    first, second = two_marks
    draft = brief.brief_create(project=team.project, data={})
    client.force_login(team.editor)
    form = {
        "title": draft.title, "audience": draft.audience, "expected_version": draft.version,
        "cited_marks": [first.pk],
        **{key: getattr(draft, key) for key in (
            "problem", "consequences", "figures", "policy", "support", "direction", "ask")},
        "preview": "1",
    }
    form["policy"] = form["policy"].replace("\n", "\r\n")  # as a browser sends a textarea
    response = client.post(reverse("evidence:brief_edit", args=[team.project.pk, draft.pk]), form)
    assert response.status_code == 302
    preview = client.get(response.url).content.decode()
    assert OTHER_NOTE not in preview and "De gemeente belooft dit" in preview
    edit = client.get(reverse("evidence:brief_edit", args=[team.project.pk, draft.pk]))
    textarea = edit.content.decode().split('name="policy"')[1].split("</textarea>")[0]
    assert OTHER_NOTE not in textarea
    draft.refresh_from_db()
    issued = brief.brief_issue(brief=draft)
    for text in (_docx_text(bytes(issued.docx)), _pdf_text(bytes(issued.pdf))):
        assert OTHER_NOTE not in text and "De gemeente belooft dit" in text
        assert "Aanpak." not in text


def test_a_draft_saved_out_of_step_shows_and_issues_no_line_of_an_unquoted_passage(
    team, two_marks
):
    first, _second = two_marks
    draft = brief.brief_create(project=team.project, data={})
    # as stored before the text followed the choice: the line of the unquoted passage stayed
    draft.cited_marks.set([first])
    data = brief.brief_data(brief=draft)
    assert OTHER_NOTE in draft.policy and OTHER_NOTE not in data["sections"]["policy"]
    assert "De gemeente belooft dit" in data["sections"]["policy"]


def _preview_queries(client, team, draft) -> int:
    url = reverse("evidence:brief_preview", args=[team.project.pk, draft.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_preview_costs_the_same_queries_however_many_passages_are_left_out(
    client, team, two_marks
):
    first, second = two_marks
    draft = brief.brief_create(project=team.project, data={"cited_marks": [first]})
    client.force_login(team.viewer)
    few = _preview_queries(client, team, draft)
    document = make_document(team.project, title="Coalitieakkoord")
    for passage in document.passages.all():
        services.mark_create(passage=passage, data={"note": "Nog een"})
    brief.brief_update(brief=draft, data={"cited_marks": [first, second]})
    assert _preview_queries(client, team, draft) == few
