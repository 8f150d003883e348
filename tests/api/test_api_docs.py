from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

WRITES = {"post", "patch", "delete"}


@pytest.fixture
def document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_document_describes_the_api(document):
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Draagvlak API"
    assert "Bearer" in document["info"]["description"]
    [scheme] = document["components"]["securitySchemes"].values()
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert scheme["description"]


def test_every_operation_is_secured_summarised_and_documents_its_errors(document):
    for path, entries in document["paths"].items():
        for method, operation in entries.items():
            where = f"{method.upper()} {path}"
            assert operation["summary"], where
            assert operation["security"], where
            statuses = set(operation["responses"])
            assert "401" in statuses, where
            if "{project_id}" in path:
                assert {"404", "422"} <= statuses, where
            if method in WRITES and "{project_id}" in path:
                assert "403" in statuses, where
            if method == "patch":
                # Conditional writes: a stale If-Match and a missing one.
                assert {"412", "428"} <= statuses, where


def test_docs_page_lists_every_route_without_outside_assets(client, document):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    for path, entries in document["paths"].items():
        for method in entries:
            assert f"{method.upper()} {path}" in html, (method, path)
    assert "PartyOut" in html and "ValidationErrorOut" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<script>" not in html and "style=" not in html
