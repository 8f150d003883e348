"""The fields of a page's form as a browser would send them: read by the load scenario's people
and by the bench's one-at-a-time measurement."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    """The fields of each form with method post, as a browser would send them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._select: str | None = None
        self._multiple = False
        self._first: str | None = None
        self._chosen = False
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._in_form, self.fields = True, []
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._multiple = name, "multiple" in a
            self._first, self._chosen = None, False
        elif tag == "option" and self._select is not None:
            if self._first is None:
                self._first = a.get("value", "")
            if "selected" in a:
                self.fields.append((self._select, a.get("value", "")))
                self._chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            # a single choice with nothing marked sends its first option, as a browser does
            if not self._chosen and not self._multiple and self._first is not None:
                self.fields.append((self._select, self._first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form = False
            self.forms.append(self.fields)

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data


def form_fields(html: str) -> list[tuple[str, str]]:
    """The fields of the page's versioned form (the one that carries expected_version)."""
    parser = _FormFields()
    parser.feed(html)
    for fields in parser.forms:
        if any(name.endswith("expected_version") for name, _ in fields):
            return fields
    return []
