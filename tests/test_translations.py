"""The translation catalogues: Dutch complete and compiled, placeholders intact, pages in Dutch."""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import make_user

LOCALE = Path(settings.BASE_DIR) / "locale"
NL_PO = LOCALE / "nl" / "LC_MESSAGES" / "django.po"
NL_MO = LOCALE / "nl" / "LC_MESSAGES" / "django.mo"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
EN_MO = LOCALE / "en" / "LC_MESSAGES" / "django.mo"

# %(name)s and %s style, {{ name }} (template) and {name} (str.format) style; not "%%".
PLACEHOLDER = re.compile(r"(?<!%)%(?:\(\w+\))?[sdif]|\{\{\s*[\w.|]+\s*\}\}|\{\w*\}")
KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"

    def __str__(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def _unquote(literal: str) -> str:
    # A .po string literal uses C escapes, which a Python string literal reads the same way.
    return ast.literal_eval(literal)


def parse_po(path: Path) -> list[Entry]:
    """Read a .po file into its entries (obsolete "#~" entries are skipped)."""
    entries: list[Entry] = []
    entry: Entry | None = None
    current: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry is not None and entry.msgstr:
                entries.append(entry)
                entry = None
            entry = entry or Entry(line=number)
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        match = KEYWORD.match(line)
        if match:
            keyword, literal = match.groups()
            if keyword in ("msgctxt", "msgid") and entry is not None and entry.msgstr:
                entries.append(entry)
                entry = None
            entry = entry or Entry(line=number)
            current = keyword
            _set(entry, keyword, _unquote(literal))
        elif line.startswith('"') and entry is not None and current is not None:
            _set(entry, current, _get(entry, current) + _unquote(line))
        else:
            raise ValueError(f"{path}:{number}: cannot read {raw!r}")
    if entry is not None:
        entries.append(entry)
    return entries


def _index(keyword: str) -> int:
    return int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0


def _set(entry: Entry, keyword: str, value: str) -> None:
    if keyword.startswith("msgstr"):
        entry.msgstr[_index(keyword)] = value
    else:
        setattr(entry, keyword, value)


def _get(entry: Entry, keyword: str) -> str:
    if keyword.startswith("msgstr"):
        return entry.msgstr[_index(keyword)]
    return getattr(entry, keyword)


def messages(path: Path) -> list[Entry]:
    """The translatable entries, without the header."""
    return [entry for entry in parse_po(path) if entry.msgid]


def placeholders(text: str) -> set[str]:
    return {re.sub(r"\s+", "", found) for found in PLACEHOLDER.findall(text)}


@pytest.fixture(scope="module")
def nl_entries() -> list[Entry]:
    return messages(NL_PO)


def test_the_dutch_catalogue_has_messages(nl_entries):
    assert len(nl_entries) > 100
    assert len({entry.key for entry in nl_entries}) == len(nl_entries), "duplicate msgid"


def test_every_dutch_message_is_translated_and_not_fuzzy(nl_entries):
    untranslated = [
        str(entry)
        for entry in nl_entries
        if not entry.msgstr
        or not all(text.strip() for text in entry.msgstr.values())
        or (entry.msgid_plural is not None and sorted(entry.msgstr) != [0, 1])
    ]
    fuzzy = [str(entry) for entry in parse_po(NL_PO) if "fuzzy" in entry.flags]
    assert not untranslated, "untranslated:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy (ignored at runtime):\n" + "\n".join(fuzzy)


def test_the_compiled_dutch_catalogue_matches_the_po(nl_entries):
    """The .mo was compiled from the current .po: run compilemessages after every change."""
    assert NL_MO.exists(), "run: manage.py compilemessages --ignore .venv"
    with NL_MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected: dict[object, str] = {}
    for entry in nl_entries:
        if entry.msgid_plural is None:
            expected[entry.key] = entry.msgstr[0]
        else:
            for index, text in entry.msgstr.items():
                expected[(entry.key, index)] = text
    compiled = {key: text for key, text in compiled.items() if key != ""}
    stale = sorted(str(key) for key in expected.keys() ^ compiled.keys())
    assert not stale, "the .mo is out of date for:\n" + "\n".join(stale[:20])
    changed = sorted(str(key) for key in expected if expected[key] != compiled[key])
    assert not changed, "the .mo is out of date for:\n" + "\n".join(changed[:20])


def test_placeholders_survive_translation(nl_entries):
    wrong = []
    for entry in nl_entries:
        for index, text in entry.msgstr.items():
            source = entry.msgid_plural if index > 0 and entry.msgid_plural else entry.msgid
            if placeholders(source) != placeholders(text):
                wrong.append(f"{entry} [{index}]: {sorted(placeholders(text))}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_the_english_catalogue_exists_with_the_same_messages(nl_entries):
    assert EN_MO.exists()
    assert {entry.key for entry in messages(EN_PO)} == {entry.key for entry in nl_entries}


@pytest.mark.django_db
def test_pages_are_dutch_by_default_and_english_on_request(client):
    client.force_login(make_user("anna"))

    dutch = client.get("/").content.decode()
    assert "Mijn projecten" in dutch
    assert "My projects" not in dutch
    assert '<html lang="nl">' in dutch

    response = client.post("/accounts/language/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    english = client.get("/").content.decode()
    assert "My projects" in english
    assert "Mijn projecten" not in english
    assert '<html lang="en">' in english

    client.post("/accounts/language/", {"language": "nl", "next": "/"})
    assert "Mijn projecten" in client.get("/").content.decode()
