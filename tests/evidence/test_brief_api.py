"""Argument briefs in the API: a draft written, changed with If-Match, issued, downloaded as
issued, and the same access rules as the pages."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from docx import Document

from evidence.models import IssuedBrief
from tests.api.conftest import Api
from tests.evidence.brief_data import QUOTE_START, brief_project


@pytest.fixture
def api(db) -> Api:
    return Api(Client())


def test_write_change_issue_and_download(api, team):
    mark = brief_project(team.project, user=team.owner)
    base = f"/projects/{team.project.pk}/briefs"
    created = api.post(base, team.editor, {"audience": "council", "ask": "Steun ons"})
    assert created.status_code == 201, created.content
    draft = created.json()
    assert draft["cited_marks"] == [mark.pk] and draft["ask"] == "Steun ons"
    url = f"{base}/{draft['id']}"
    assert api.patch(url, team.editor, {"ask": "Zonder versie"}).status_code == 428
    changed = api.patch(url, team.editor, {"ask": "Geef 5000 euro"}, if_match=draft["version"])
    assert changed.status_code == 200 and changed["ETag"] == f'"{draft["version"] + 1}"'
    stale = api.post(f"{url}/issue", team.editor, if_match=draft["version"])
    assert stale.status_code == 412 and not IssuedBrief.objects.exists()
    issued = api.post(f"{url}/issue", team.editor, if_match=changed.json()["version"])
    assert issued.status_code == 201, issued.content
    docx = api.get(f"/projects/{team.project.pk}/issued-briefs/{issued.json()['id']}/docx",
                   team.viewer)
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert QUOTE_START in text and "Geef 5000 euro" in text


def test_a_foreign_mark_is_named_in_the_error(api, team):
    brief_project(team.project)
    other = brief_project(team.other_project)
    response = api.post(f"/projects/{team.project.pk}/briefs", team.editor,
                        {"cited_marks": [other.pk]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "cited_marks"


def test_roles_as_on_the_pages(api, team):
    base = f"/projects/{team.project.pk}/briefs"
    assert api.post(base, team.viewer, {}).status_code == 403
    assert api.get(base, team.outsider).status_code == 404
    assert api.get(base, team.viewer).json()["count"] == 0


def test_null_or_out_of_range_input_is_a_422_not_a_500(api, team):
    brief_project(team.project, user=team.owner)
    base = f"/projects/{team.project.pk}/briefs"
    draft = api.post(base, team.editor, {"audience": "council"}).json()
    url = f"{base}/{draft['id']}"
    for body in ({"figures": None}, {"cited_marks": [2**70]}, {"cited_marks": [-1]}):
        answer = api.patch(url, team.editor, body, if_match=draft["version"])
        assert answer.status_code == 422, (body, answer.content)
