"""Walks every route of the live OpenAPI document: an outsider finds nothing, a viewer changes
nothing, and without a token nothing answers at all."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from parties.models import Party
from tests.api.conftest import Multipart
from tests.walkers import project_object_ids

pytestmark = pytest.mark.django_db

READ_METHODS = {"get"}


def _example(schema: dict[str, Any], components: dict[str, Any]) -> Any:
    """A small value that satisfies `schema`, so requests get past input validation."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[-1]], components)
    if "anyOf" in schema:
        return _example(schema["anyOf"][0], components)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {
            name: _example(schema["properties"][name], components)
            for name in schema.get("required", [])
        }
    if kind == "array":
        return [_example(schema.get("items", {}), components)] * schema.get("minItems", 0)
    if kind == "integer":
        return max(schema.get("minimum", 1), 1)
    if kind == "number":
        return max(schema.get("minimum", 1), 1)
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return "2026-01-01"
    return "x"


def _form(schema: dict[str, Any], components: dict[str, Any]) -> Multipart:
    """A filled-in upload form: every field its example, every file a small text file."""
    form = Multipart()
    for name, spec in schema.get("properties", {}).items():
        if spec.get("format") == "binary":
            form[name] = SimpleUploadedFile(f"{name}.txt", b"Gezondheid in alle beleid.\n")
        else:
            form[name] = _example(spec, components)
    return form


def _operations(document: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(method, path template, valid body or None) for every operation on a project."""
    components = document["components"]["schemas"]
    found = []
    for path, entries in document["paths"].items():
        for method, operation in entries.items():
            if "{project_id}" not in path:
                continue
            content = operation.get("requestBody", {}).get("content", {})
            body = None
            if "application/json" in content:
                body = _example(content["application/json"]["schema"], components)
            elif "multipart/form-data" in content:
                body = _form(content["multipart/form-data"]["schema"], components)
            found.append((method, path, body))
    return found


@pytest.fixture
def routes(api, team) -> list[tuple[str, str, Any]]:
    """Every project route with its parameters filled in from the team's project."""
    ids = project_object_ids(team)
    document = api.client.get("/api/v1/openapi.json").json()
    filled = []
    for method, template, body in _operations(document):
        path = re.sub(r"\{(\w+)\}", lambda match: str(ids[match.group(1)]), template)
        filled.append((method, path, body))
    return filled


def test_every_route_is_walked(routes):
    assert len(routes) >= 25
    assert {method for method, _path, _body in routes} == {"get", "post", "patch", "delete"}


def test_outsider_gets_404_on_every_route(api, team, routes):
    for method, path, body in routes:
        response = api.call(method, path, team.outsider, body)
        assert response.status_code == 404, (method, path, response.content)


def test_without_token_every_route_is_401(api, team, routes):
    for method, path, body in routes:
        assert api.call(method, path, None, body).status_code == 401, (method, path)


def test_viewer_cannot_write_anywhere(api, team, routes):
    before = list(Party.everything.order_by("pk").values())
    for method, path, body in routes:
        if method in READ_METHODS:
            continue
        response = api.call(method, path, team.viewer, body)
        assert response.status_code == 403, (method, path, response.content)
    assert list(Party.everything.order_by("pk").values()) == before


def test_viewer_reads_every_route(api, team, routes):
    for method, path, _body in routes:
        if method in READ_METHODS:
            assert api.get(path, team.viewer).status_code == 200, path
