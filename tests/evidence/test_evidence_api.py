"""Policy documents, passages, marks and search terms in the API: contributors upload, change,
mark and delete to the bin; viewers read and download; outsiders get 404; refused files store
nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from evidence.models import EvidenceMark, PolicyDocument, ScanStatus, TermFamily
from tests.api.conftest import API, Api, field_errors
from tests.evidence.factories import POLICY_PAGES, make_document
from tests.evidence.pdfs import make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(db) -> Api:
    return Api(Client())


def _base(team) -> str:
    return f"/projects/{team.project.pk}/evidence"


def _upload(api: Api, team, user, content: bytes, name: str = "nota.pdf", **fields):
    fields.setdefault("title", "Gezondheidsnota")
    headers = {"Authorization": f"Bearer {api.token_for(user)}"}
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {**fields, "file": SimpleUploadedFile(name, content)}
    return api.client.post(f"{API}{_base(team)}/uploads", data, headers=headers)


def test_contributor_uploads_and_the_scan_runs(api, team):
    content = make_pdf(POLICY_PAGES)
    assert _upload(api, team, team.viewer, content).status_code == 403
    assert _upload(api, team, team.outsider, content).status_code == 404
    created = _upload(api, team, team.contributor, content, kind="health_memorandum", year="2026")
    assert created.status_code == 201, created.content
    assert created["ETag"] == '"1"'
    document = created.json()
    assert document["kind"] == "health_memorandum" and document["file_format"] == "pdf"
    url = f"{_base(team)}/documents/{document['id']}"
    scan = api.get(f"{url}/scan", team.viewer).json()
    # tasks run at once in the tests: the scan is done when the upload answers
    assert scan["status"] == ScanStatus.DONE and scan["pages_done"] == scan["pages_total"] == 3
    assert scan["counts"]
    listed = api.get(f"{_base(team)}/documents", team.viewer).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == document["id"]
    download = api.get(f"{url}/file", team.viewer)
    assert download.status_code == 200 and b"".join(download.streaming_content) == content
    assert api.get(url, team.outsider).status_code == 404
    assert api.get(f"{url}/file", team.outsider).status_code == 404


def test_a_refused_file_is_a_422_naming_the_file_and_nothing_is_stored(api, team):
    response = _upload(api, team, team.contributor, b"MZ\x90\x00 program", name="nota.pdf")
    assert "file" in field_errors(response)
    assert not PolicyDocument.everything.exists()


def test_a_web_address_on_the_machine_itself_is_refused_by_the_scan(api, team):
    body = {"title": "Nota", "url": "ftp://example.org/nota.pdf"}
    response = api.post(f"{_base(team)}/documents", team.contributor, body)
    assert "url" in field_errors(response)
    body["url"] = "http://127.0.0.1/nota.pdf"
    created = api.post(f"{_base(team)}/documents", team.contributor, body)
    assert created.status_code == 201, created.content
    document = PolicyDocument.objects.get()
    assert document.status == ScanStatus.FAILED and not document.stored_name


def test_passages_filter_by_family_and_term(api, team):
    document = make_document(team.project)
    url = f"{_base(team)}/documents/{document.pk}/passages"
    everything = api.get(url, team.viewer).json()
    assert everything["count"] >= 1
    family = everything["items"][0]["families"][0]
    by_family = api.get(url, team.viewer, family=family).json()
    assert by_family["count"] >= 1
    assert all(family in item["families"] for item in by_family["items"])
    by_term = api.get(url, team.viewer, term="achterstand").json()
    assert by_term["count"] == 1
    assert "gezondheidsachterstanden" in by_term["items"][0]["terms"]
    assert api.get(url, team.viewer, term="nergens").json()["count"] == 0
    assert api.get(url, team.outsider).status_code == 404


def test_change_needs_the_version(api, team):
    document = make_document(team.project)
    url = f"{_base(team)}/documents/{document.pk}"
    assert api.patch(url, team.contributor, {"year": 2025}).status_code == 428
    assert api.patch(url, team.viewer, {"year": 2025}, if_match=1).status_code == 403
    changed = api.patch(url, team.contributor, {"year": 2025, "title": "Nota"}, if_match=1)
    assert changed.status_code == 200, changed.content
    assert changed.json()["year"] == 2025 and changed["ETag"] == '"2"'
    stale = api.patch(url, team.contributor, {"year": 2024}, if_match=1)
    assert stale.status_code == 412 and stale.json()["current"]["year"] == 2025
    assert "place" in field_errors(api.patch(url, team.contributor, {"place": 99}, if_match=2))


def test_marks_are_made_changed_and_binned(api, team):
    document = make_document(team.project)
    passage = document.passages.first()
    url = f"{_base(team)}/marks"
    body = {"passage": passage.pk, "note": "Het college belooft het."}
    assert api.post(url, team.viewer, body).status_code == 403
    created = api.post(url, team.contributor, body)
    assert created.status_code == 201, created.content
    mark = created.json()
    assert mark["quote"] == passage.text and mark["page"] == passage.page
    assert api.post(url, team.contributor, body).status_code == 422  # marked already
    passages = api.get(f"{_base(team)}/documents/{document.pk}/passages", team.viewer).json()
    assert any(item["mark"] == mark["id"] for item in passages["items"])
    item = f"{url}/{mark['id']}"
    changed = api.patch(item, team.contributor, {"note": "Nieuw"}, if_match=1)
    assert changed.status_code == 200 and changed.json()["note"] == "Nieuw"
    assert api.delete(item, team.contributor).status_code == 428
    assert api.delete(item, team.contributor, if_match=2).status_code == 204
    assert EvidenceMark.everything.get().deleted_at is not None
    assert api.get(url, team.viewer).json()["count"] == 0
    other = make_document(team.other_project)
    foreign = {"passage": other.passages.first().pk}
    assert "passage" in field_errors(api.post(url, team.contributor, foreign))


def test_a_document_in_the_bin_leaves_the_list(api, team):
    document = make_document(team.project)
    url = f"{_base(team)}/documents/{document.pk}"
    assert api.delete(url, team.viewer, if_match=1).status_code == 403
    assert api.delete(url, team.contributor, if_match=1).status_code == 204
    assert api.get(f"{_base(team)}/documents", team.viewer).json()["count"] == 0
    assert PolicyDocument.everything.get().deleted_at is not None


def test_term_families_are_the_projects_own(api, team):
    url = f"{_base(team)}/term-families"
    shipped = api.get(url, team.viewer).json()
    assert shipped["count"] >= 5
    body = {"name": "Mondzorg", "terms": ["tandarts", "gaatje", "gaatje"]}
    assert api.post(url, team.viewer, body).status_code == 403
    created = api.post(url, team.contributor, body)
    assert created.status_code == 201, created.content
    family = created.json()
    assert family["terms"] == ["tandarts", "gaatje"] and family["source"] == "own"
    assert api.post(url, team.contributor, body).status_code == 422  # the name is taken
    assert "terms" in field_errors(api.post(url, team.contributor, {"name": "Leeg", "terms": []}))
    item = f"{url}/{family['id']}"
    changed = api.patch(item, team.contributor, {"terms": ["tandarts"]}, if_match=1)
    assert changed.status_code == 200 and changed.json()["terms"] == ["tandarts"]
    assert api.delete(item, team.contributor, if_match=2).status_code == 204
    assert not TermFamily.objects.filter(pk=family["id"]).exists()
    assert api.get(url, team.outsider).status_code == 404


def test_the_evidence_routes_are_in_the_openapi_document(api, team):
    paths = api.get("/openapi.json", team.viewer).json()["paths"]
    for path in (
        "/api/v1/projects/{project_id}/evidence/documents",
        "/api/v1/projects/{project_id}/evidence/uploads",
        "/api/v1/projects/{project_id}/evidence/documents/{document_id}/scan",
        "/api/v1/projects/{project_id}/evidence/documents/{document_id}/passages",
        "/api/v1/projects/{project_id}/evidence/marks/{mark_id}",
        "/api/v1/projects/{project_id}/evidence/term-families",
    ):
        assert path in paths, path
