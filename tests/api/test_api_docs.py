from __future__ import annotations

import re

import pytest
from django.utils.translation import gettext, override

from api.docs import markdown
from tests.factories import make_user

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


def test_docs_page_loads_swagger_ui_from_our_static_files(client):
    html = client.get("/api/v1/docs").content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in scripts
    assert "/static/js/api-docs.js" in scripts
    assert "/static/vendor/swagger-ui/swagger-ui.css" in styles
    assert "/static/css/api-docs.css" in styles
    assert all(url.startswith("/static/") for url in scripts + styles)
    # The viewer's only input comes from data- attributes; no inline script configures it.
    assert 'id="swagger-ui"' in html and 'data-openapi-url="/api/v1/openapi.json"' in html


def test_docs_page_speaks_the_page_language_with_a_token_link(client):
    client.cookies["draagvlak_language"] = "en"
    english = client.get("/api/v1/docs").content.decode()
    assert 'data-language="en"' in english
    assert "Every request carries a personal access token" in english
    assert 'href="/accounts/tokens/"' in english
    client.cookies["draagvlak_language"] = "nl"
    dutch = client.get("/api/v1/docs").content.decode()
    assert 'data-language="nl"' in dutch
    assert "Elk verzoek draagt een persoonlijk toegangstoken" in dutch
    assert "Je projecten opvragen" in dutch


def test_without_javascript_the_routes_are_folded_per_tag(client, document):
    html = client.get("/api/v1/docs").content.decode()
    plain = html[html.index('id="api-docs-plain"') :]
    tags = {
        tag
        for entries in document["paths"].values()
        for op in entries.values()
        for tag in op["tags"]
    }
    groups = re.findall(r'<details class="api-docs-tag"( open)?>', plain)
    assert len(groups) == len(tags) + 1  # one per tag, and the schemas
    assert not any(groups), "folded: no group is open"
    # Markdown in descriptions is HTML, not asterisks and backticks.
    assert "<code>If-Match</code>" in plain and "`If-Match`" not in plain
    assert "<strong>Aanmelden</strong>" in html and "**" not in html


def test_markdown_escapes_markup_of_its_own():
    html = markdown("Send `If-Match`. <script>alert(1)</script> [x](javascript:alert(1))")
    assert "<code>If-Match</code>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_document_follows_accept_language(client, language):
    response = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE=language)
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}
    document = response.json()
    with override(language):
        expected = {
            "summary": gettext("List your projects"),
            "description": gettext("The projects you are a member of, with your role in each."),
            "parties": gettext("The register of parties."),
            "404": gettext("Not found, or a project you are not a member of."),
        }
    operation = document["paths"]["/api/v1/projects"]["get"]
    assert operation["summary"] == expected["summary"]
    assert operation["description"] == expected["description"]
    assert operation["responses"]["401"]["description"] != "Unauthorized"
    tags = {tag["name"]: tag.get("description") for tag in document["tags"]}
    assert tags["parties"] == expected["parties"]
    party = document["paths"]["/api/v1/projects/{project_id}/parties/{party_id}"]["get"]
    assert party["responses"]["404"]["description"] == expected["404"]
    if language == "nl":
        assert operation["summary"] == "Je projecten opvragen"
        assert document["info"]["description"].startswith("De projecten, partijen")
    else:
        assert operation["summary"] == "List your projects"


def test_every_summary_and_description_is_translated(client):
    english = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en").json()
    dutch = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="nl").json()
    same = [
        f"{method.upper()} {path} {key}"
        for path, entries in english["paths"].items()
        for method, operation in entries.items()
        for key in ("summary", "description")
        if operation.get(key) and operation[key] == dutch["paths"][path][method][key]
    ]
    assert not same, same


def test_document_follows_the_signed_in_users_language(client):
    user = make_user("erik")
    user.language = "en"
    user.save(update_fields=["language"])
    client.force_login(user)
    document = client.get("/api/v1/openapi.json").json()
    assert document["paths"]["/api/v1/projects"]["get"]["summary"] == "List your projects"
    # An explicit Accept-Language wins, as it does for the API's answers.
    document = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="nl").json()
    assert document["paths"]["/api/v1/projects"]["get"]["summary"] == "Je projecten opvragen"
