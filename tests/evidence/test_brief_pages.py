"""The brief's pages: a viewer reads, an editor writes a draft, saves it against the version
it started from, previews and issues it; the files download as issued."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document

from evidence import brief
from evidence.models import ArgumentBrief, IssuedBrief
from tests.evidence.brief_data import QUOTE_START, brief_project


@pytest.fixture
def marked(team):
    return brief_project(team.project, user=team.owner)


def _form(draft: ArgumentBrief, **changes) -> dict:
    data = {
        "title": draft.title,
        "audience": draft.audience,
        "expected_version": draft.version,
        "cited_marks": [m.pk for m in draft.cited_marks.all()],
        "cited_indicators": [i.pk for i in draft.cited_indicators.all()],
        **{
            key: getattr(draft, key)
            for key in (
                "problem",
                "consequences",
                "figures",
                "policy",
                "support",
                "direction",
                "ask",
            )
        },
    }
    data.update(changes)
    return data


def test_editor_writes_previews_and_issues_a_brief(client, team, marked):
    client.force_login(team.editor)
    url = reverse("evidence:brief_list", args=[team.project.pk])
    response = client.post(url, {"audience": "management", "title": ""})
    draft = ArgumentBrief.objects.get()
    assert response.url == reverse("evidence:brief_edit", args=[team.project.pk, draft.pk])
    edit = client.get(response.url)
    assert QUOTE_START[:30] in edit.content.decode()
    response = client.post(
        edit.wsgi_request.path, _form(draft, ask="Tienduizend euro", preview="1")
    )
    assert response.status_code == 302
    preview = client.get(response.url)
    assert "Tienduizend euro" in preview.content.decode()
    assert QUOTE_START in preview.content.decode()
    draft.refresh_from_db()
    client.post(
        reverse("evidence:brief_issue", args=[team.project.pk, draft.pk]),
        {"expected_version": draft.version},
    )
    issued = IssuedBrief.objects.get()
    docx = client.get(reverse("evidence:issued_docx", args=[team.project.pk, issued.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Tienduizend euro" in text and QUOTE_START in text
    pdf = client.get(reverse("evidence:issued_pdf", args=[team.project.pk, issued.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_save_from_a_stale_version_shows_both_and_changes_nothing(client, team, marked):
    draft = brief.brief_create(project=team.project, data={})
    stale = _form(draft, ask="Mijn versie")
    brief.brief_update(brief=draft, data={"ask": "Hun versie"}, user=team.owner)
    client.force_login(team.editor)
    response = client.post(reverse("evidence:brief_edit", args=[team.project.pk, draft.pk]), stale)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hun versie" in page and "Mijn versie" in page
    draft.refresh_from_db()
    assert draft.ask == "Hun versie"


def test_a_mark_of_another_project_is_refused(client, team, marked):
    other = brief_project(team.other_project)
    draft = brief.brief_create(project=team.project, data={})
    client.force_login(team.editor)
    response = client.post(
        reverse("evidence:brief_edit", args=[team.project.pk, draft.pk]),
        _form(draft, cited_marks=[other.pk]),
    )
    assert response.status_code == 400
    assert list(ArgumentBrief.objects.get().cited_marks.all()) == [marked]


def test_a_stale_issue_keeps_nothing(client, team, marked):
    draft = brief.brief_create(project=team.project, data={})
    brief.brief_update(brief=draft, data={"ask": "Nieuw"})
    client.force_login(team.editor)
    response = client.post(
        reverse("evidence:brief_issue", args=[team.project.pk, draft.pk]), {"expected_version": 1}
    )
    assert response.status_code == 302
    assert not IssuedBrief.objects.exists()


def test_viewer_reads_but_cannot_write(client, team, marked):
    draft = brief.brief_create(project=team.project, data={})
    client.force_login(team.viewer)
    assert (
        client.get(reverse("evidence:brief_preview", args=[team.project.pk, draft.pk])).status_code
        == 200
    )
    response = client.post(reverse("evidence:brief_issue", args=[team.project.pk, draft.pk]))
    assert response.status_code == 403
    assert not IssuedBrief.objects.exists()


def test_the_list_costs_a_fixed_number_of_queries(
    client, team, marked, django_assert_max_num_queries
):
    for _ in range(3):
        brief.brief_issue(brief=brief.brief_create(project=team.project, data={}))
    client.force_login(team.viewer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("evidence:brief_list", args=[team.project.pk]))
    assert response.content.decode().count("/docx/") == 3
