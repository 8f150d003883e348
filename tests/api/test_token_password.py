"""API tokens end with a new password, unless the user keeps them on purpose."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.api.conftest import Api

pytestmark = pytest.mark.django_db

NEW = "een-heel-nieuw-wachtwoord-2026"


def _change_password(client, user, **extra):
    client.force_login(user)
    data = {"old_password": "password", "new_password1": NEW, "new_password2": NEW, **extra}
    return client.post("/accounts/password/", data, follow=True)


def test_a_password_change_ends_the_tokens(client, api: Api, team):
    plain = api.token_for(team.owner)
    response = _change_password(client, team.owner)
    assert "werkt niet meer" in response.content.decode()
    assert api.get("/projects", token=plain).status_code == 401


def test_tokens_kept_on_purpose_keep_working(client, api: Api, team):
    plain = api.token_for(team.owner)
    _change_password(client, team.owner, keep_api_tokens="on")
    assert api.get("/projects", token=plain).status_code == 200


def test_another_users_tokens_are_untouched(client, api: Api, team):
    plain = api.token_for(team.editor)
    _change_password(client, team.owner)
    assert api.get("/projects", token=plain).status_code == 200


def test_a_password_reset_ends_the_tokens(client, api: Api, team):
    plain = api.token_for(team.owner)
    client.post("/accounts/password/reset/", {"email": team.owner.email})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert api.get("/projects", token=plain).status_code == 401
