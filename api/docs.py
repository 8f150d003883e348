"""The API documentation page: Swagger UI, served from our own static files, turns the OpenAPI
document into a folded, searchable reference; under it the same operations are listed on the
server, folded per tag, for browsers without JavaScript. Nothing comes from another host, so the
page works under the site's Content-Security-Policy."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

METHODS = ("get", "post", "put", "patch", "delete")


# CommonMark without raw HTML: a translation can add emphasis or a link, never markup of its own.
_markdown = MarkdownIt("commonmark", {"html": False})


def markdown(text: object) -> SafeString:
    """Markdown of the OpenAPI document as HTML; the text is ours (or its translation), and raw
    HTML in it is escaped rather than passed through."""
    return mark_safe(_markdown.render(str(text or "")))  # noqa: S308 - escaped by markdown-it


def inline_markdown(text: object) -> SafeString:
    """One line of Markdown (a status's description) as HTML without a paragraph around it."""
    return mark_safe(_markdown.renderInline(str(text or "")))  # noqa: S308 - escaped by markdown-it


def type_name(schema: dict[str, Any]) -> str:
    """A short readable type: a schema's name, `list[…]`, `a | b`, or the JSON type."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "enum" in schema:
        return " | ".join(repr(value) for value in schema["enum"])
    if "const" in schema:
        return repr(schema["const"])
    for combined in ("anyOf", "oneOf", "allOf"):
        if combined in schema:
            return " | ".join(type_name(part) for part in schema[combined])
    if schema.get("type") == "array":
        return f"list[{type_name(schema.get('items', {}))}]"
    name = schema.get("type", "any")
    return f"{name} ({schema['format']})" if "format" in schema else name


def _limits(schema: dict[str, Any]) -> str:
    words = {
        "minimum": "≥",
        "maximum": "≤",
        "minLength": "length ≥",
        "maxLength": "length ≤",
        "maxItems": "items ≤",
    }
    return ", ".join(f"{word} {schema[key]}" for key, word in words.items() if key in schema)


def _content_type(content: dict[str, Any] | None) -> str:
    if not content:
        return ""
    return type_name(next(iter(content.values())).get("schema", {}))


def operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for path, entries in document.get("paths", {}).items():
        for method in METHODS:
            if method not in entries:
                continue
            operation = entries[method]
            found.append(
                {
                    "id": operation.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": markdown(operation.get("description", "")),
                    "tags": operation.get("tags", []),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "in": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": type_name(parameter.get("schema", {})),
                            "limits": _limits(parameter.get("schema", {})),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "request": _content_type(operation.get("requestBody", {}).get("content")),
                    "responses": [
                        {
                            "status": status,
                            "description": inline_markdown(response.get("description", "")),
                            "type": _content_type(response.get("content")),
                        }
                        for status, response in sorted(operation.get("responses", {}).items())
                    ],
                    "secured": bool(operation.get("security")),
                }
            )
    return found


def by_tag(document: dict[str, Any], found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The operations grouped by their first tag, in the order of the document's tag list, so
    the page without JavaScript can fold each group as Swagger UI does."""
    described = {tag["name"]: tag.get("description", "") for tag in document.get("tags", [])}
    groups: dict[str, list[dict[str, Any]]] = {name: [] for name in described}
    for operation in found:
        groups.setdefault((operation["tags"] or [""])[0], []).append(operation)
    return [
        {"name": name, "description": described.get(name, ""), "operations": operations}
        for name, operations in groups.items()
        if operations
    ]


def schemas(document: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        required = set(schema.get("required", []))
        found.append(
            {
                "name": name,
                "fields": [
                    {
                        "name": field,
                        "type": type_name(spec),
                        "limits": _limits(spec),
                        "required": field in required,
                        "description": spec.get("description", ""),
                    }
                    for field, spec in schema.get("properties", {}).items()
                ],
            }
        )
    return found


class DocsPage(DocsBase):
    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        # A page of the site, in the site's language (the language cookie), although the API's
        # URLs otherwise answer in the language of Accept-Language.
        language = translation.get_language_from_request(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = render(request, "api/docs.html", self.context(request, api, kwargs))
        response["Content-Language"] = language
        return response

    def context(
        self, request: HttpRequest, api: NinjaAPI, kwargs: dict[str, Any]
    ) -> dict[str, Any]:
        # Built per request, in the active language: summaries and descriptions are lazy
        # translations.
        document = api.get_openapi_schema(path_params=kwargs)
        found = operations(document)
        return {
            "document": document,
            "description": markdown(document["info"].get("description", "")),
            "openapi_url": self.get_openapi_url(api, kwargs),
            "operations": found,
            "tags": by_tag(document, found),
            "schemas": schemas(document),
        }
