"""The people of the load scenario: each signs in once, then works without pause through the
mix dashboard 25 %, party list 30 %, party page 25 %, an analysis page 10 %, an edit 10 % (form
and save).

Started by `bench.bench_load`, which writes the plan (addresses, accounts, parties) to the JSON file
named in DRAAGVLAK_LOAD_PLAN. A save that meets another person's newer save is answered with the
conflict form; it is reported under its own name so it is counted apart from errors.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from html.parser import HTMLParser

from locust import HttpUser, constant, task

with open(os.environ["DRAAGVLAK_LOAD_PLAN"], encoding="utf-8") as _plan_file:
    PLAN = json.load(_plan_file)

_sessions = itertools.cycle(PLAN["sessions"])
CONFLICT_MARKER = 'class="conflict"'


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


class Member(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        # signed in once, before the run: the bench made a session for each person
        self.client.cookies.set(PLAN["session_cookie"], next(_sessions))

    @task(25)
    def dashboard(self) -> None:
        self.client.get(PLAN["dashboard"], name="dashboard")

    @task(30)
    def party_list(self) -> None:
        self.client.get(PLAN["party_list"], name="party list")

    @task(25)
    def party_page(self) -> None:
        party = random.choice(PLAN["parties"])
        self.client.get(PLAN["party_page"].format(party=party), name="party page")

    @task(10)
    def analysis(self) -> None:
        self.client.get(random.choice(PLAN["analyses"]), name="analysis page")

    @task(10)
    def edit(self) -> None:
        # Edits go to a few parties, so two people now and then save the same one at once.
        url = PLAN["party_edit"].format(party=random.choice(PLAN["edited_parties"]))
        form = self.client.get(url, name="edit: form")
        if form.status_code != 200:
            return
        fields = [(k, v) for k, v in form_fields(form.text) if k != "goals"]
        fields.append(("goals", f"Doel {random.randrange(10**6)}"))
        with self.client.post(
            url,
            data=fields,
            headers={"Referer": self.host + url},
            name="edit: save",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                response.success()
            elif response.status_code in {400, 409, 412} and (
                response.status_code != 400 or CONFLICT_MARKER in response.text
            ):
                response.request_meta["name"] = "edit: conflict"
                response.success()
            else:
                response.failure(f"save answered {response.status_code}")
