"""Two app server processes on one PostgreSQL database, as behind a load balancer."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from parties.models import Party
from tests.factories import make_party, make_project, make_user

BIN = Path(sys.executable).parent

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several app servers share one PostgreSQL database; run with DATABASE_URL set",
    ),
]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def two_servers() -> Iterator[list[str]]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRAAGVLAK_")}
    env.update(
        DATABASE_URL=url, DRAAGVLAK_SECRET_KEY="s" * 50, DJANGO_SETTINGS_MODULE="draagvlak.settings"
    )
    subprocess.run([BIN / "draagvlak", "collectstatic", "--noinput", "-v0"], env=env, check=True)
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [BIN / "gunicorn", "draagvlak.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for base in bases:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/accounts/login/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.1)
        yield bases
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


class Browser:
    """A cookie-keeping HTTP client that fills in the CSRF token like a browser form would."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url: str) -> str:
        with self.opener.open(url, timeout=10) as response:
            return response.read().decode()

    def post(self, url: str, fields: dict[str, str]) -> tuple[int, str]:
        page = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **fields}).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def test_an_edit_through_one_server_is_seen_by_the_other_and_conflicts_are_refused(
    two_servers, settings
):
    first, second = two_servers
    user = make_user("alice", language="en")
    # the servers know only the production hashers, not the fast one the tests use
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user.set_password("password")
    user.save()
    project = make_project(user, title="Gedeeld")
    party = make_party(project, name="OCMW", goals="Begin")
    browser = Browser()
    status, _page = browser.post(
        first + "/accounts/login/", {"username": "alice", "password": "password"}
    )
    assert status == 200  # followed the redirect to the project list
    edit = f"/projects/{project.pk}/parties/{party.pk}/edit/"
    form = {
        "name": "OCMW",
        "kind": "organisation",
        "layer": "staff",
        "sector": "other",
        "role": "carries_out",
        "ring": "informed",
        "expected_version": str(party.version),
    }

    status, _page = browser.post(first + edit, {**form, "goals": "Via server 1"})
    assert status == 200
    detail = browser.get(second + f"/projects/{project.pk}/parties/{party.pk}/")
    assert "Via server 1" in detail

    status, page = browser.post(second + edit, {**form, "goals": "Via server 2, verouderd"})
    assert status == 400
    assert "Someone else saved this" in page
    assert Party.objects.get(pk=party.pk).goals == "Via server 1"
