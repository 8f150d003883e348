from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from api.models import ApiToken
from api.services import token_create, token_revoke
from tests.api.conftest import Api

pytestmark = pytest.mark.django_db


def test_without_token_gets_401(api, team):
    response = api.get("/projects")
    assert response.status_code == 401
    assert response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_unknown_token_gets_401(api, team):
    assert api.get("/projects", token="dv_not-a-real-token").status_code == 401


def test_other_scheme_gets_401(api, team):
    plain = api.token_for(team.owner)
    response = api.client.get("/api/v1/projects", headers={"Authorization": f"Token {plain}"})
    assert response.status_code == 401


def test_revoked_token_gets_401(api, team):
    token, plain = token_create(user=team.owner, name="script")
    assert api.get("/projects", token=plain).status_code == 200
    token_revoke(token=token)
    assert api.get("/projects", token=plain).status_code == 401


def test_token_of_deactivated_user_gets_401(api, team):
    plain = api.token_for(team.owner)
    team.owner.is_active = False
    team.owner.save()
    assert api.get("/projects", token=plain).status_code == 401


def test_session_cookie_is_not_enough(api, team):
    api.client.force_login(team.owner)
    assert api.get("/projects").status_code == 401
    project = f"/projects/{team.project.pk}"
    assert api.patch(project, body={"title": "Via cookie"}).status_code == 401


def test_only_a_hash_of_the_token_is_stored(team):
    token, plain = token_create(user=team.owner, name="script")
    assert plain.startswith("dv_") and len(plain) > 40
    assert token.prefix == plain[:8]
    assert token.hashed_key == hashlib.sha256(plain.encode()).hexdigest()
    stored = ApiToken.objects.values_list("name", "prefix", "hashed_key").get()
    assert plain not in stored


def test_use_is_noted(api, team):
    token, plain = token_create(user=team.owner, name="script")
    assert token.last_used_at is None
    api.get("/projects", token=plain)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_active_token_names_are_unique_per_user(team):
    token, _plain = token_create(user=team.owner, name="script")
    with pytest.raises(ValidationError) as error:
        token_create(user=team.owner, name="script")
    assert "name" in error.value.message_dict
    token_create(user=team.editor, name="script")
    token_revoke(token=token)
    token_create(user=team.owner, name="script")


def test_token_requests_need_no_csrf_token(team):
    strict = Api(Client(enforce_csrf_checks=True))
    response = strict.post(f"/projects/{team.project.pk}/segments", team.owner, {"name": "Jong"})
    assert response.status_code == 201
