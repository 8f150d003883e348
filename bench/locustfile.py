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
import sys
from http.cookiejar import Cookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from locust import FastHttpUser, constant, task

# Locust puts this file's folder on the path; the form reader lives in the bench package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.load_forms import form_fields  # noqa: E402

with open(os.environ["DRAAGVLAK_LOAD_PLAN"], encoding="utf-8") as _plan_file:
    PLAN = json.load(_plan_file)

_sessions = itertools.cycle(PLAN["sessions"])
CONFLICT_MARKER = 'class="conflict"'


def _session_cookie(value: str, host: str) -> Cookie:
    return Cookie(
        version=0, name=PLAN["session_cookie"], value=value, port=None, port_specified=False,
        domain=host, domain_specified=False, domain_initial_dot=False, path="/",
        path_specified=True, secure=False, expires=None, discard=True, comment=None,
        comment_url=None, rest={}, rfc2109=False,
    )


class Member(FastHttpUser):
    # The lighter of Locust's two clients: on a machine of two cores the load generator shares
    # the processor with the server, and its own work should take as little of it as it can.
    wait_time = constant(0)

    def on_start(self) -> None:
        # signed in once, before the run: the bench made a session for each person
        host = urlsplit(self.host).hostname or "127.0.0.1"
        self.client.cookiejar.set_cookie(_session_cookie(next(_sessions), host))

    def _page(self, url: str, name: str) -> None:
        # A page answered with the sign-in form (a lost session) is an error, not a fast page.
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{name} answered {response.status_code}")

    @task(25)
    def dashboard(self) -> None:
        self._page(PLAN["dashboard"], "dashboard")

    @task(30)
    def party_list(self) -> None:
        self._page(PLAN["party_list"], "party list")

    @task(25)
    def party_page(self) -> None:
        party = random.choice(PLAN["parties"])
        self._page(PLAN["party_page"].format(party=party), "party page")

    @task(10)
    def analysis(self) -> None:
        self._page(random.choice(PLAN["analyses"]), "analysis page")

    @task(10)
    def edit(self) -> None:
        # Edits go to a few parties, so two people now and then save the same one at once.
        url = PLAN["party_edit"].format(party=random.choice(PLAN["edited_parties"]))
        with self.client.get(
            url, name="edit: form", allow_redirects=False, catch_response=True
        ) as form:
            if form.status_code != 200:
                form.failure(f"edit form answered {form.status_code}")
                return
        fields = [(k, v) for k, v in form_fields(form.text) if k != "goals"]
        fields.append(("goals", f"Doel {random.randrange(10**6)}"))
        with self.client.post(
            url,
            data=urlencode(fields),
            headers={
                "Referer": self.host + url,
                "Content-Type": "application/x-www-form-urlencoded",
            },
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
