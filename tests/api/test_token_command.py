from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from api.models import ApiToken
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("token", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_create_prints_a_working_token_on_the_last_line(api, team):
    plain = run("create", "alice", "--name", "reporting").splitlines()[-1]
    assert plain.startswith("dv_")
    assert api.get("/projects", token=plain).status_code == 200
    token = ApiToken.objects.get(user=team.owner)
    assert token.name == "reporting" and plain not in token.hashed_key


def test_revoke_stops_the_token(api, team):
    plain = run("create", "alice", "--name", "reporting").splitlines()[-1]
    assert "Revoked" in run("revoke", "alice", "--name", "reporting")
    assert api.get("/projects", token=plain).status_code == 401


def test_list_shows_prefix_and_name_but_not_the_token(db):
    make_user("alice")
    plain = run("create", "alice", "--name", "reporting").splitlines()[-1]
    listing = run("list", "alice")
    assert "reporting" in listing and plain[:8] in listing
    assert plain not in listing


def test_mistakes_are_reported(db):
    make_user("alice")
    with pytest.raises(CommandError):
        run("create", "nobody", "--name", "x")
    run("create", "alice", "--name", "x")
    with pytest.raises(CommandError):
        run("create", "alice", "--name", "x")
    with pytest.raises(CommandError):
        run("revoke", "alice", "--name", "unknown")
