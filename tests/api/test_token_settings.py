from __future__ import annotations

import pytest
from django.urls import reverse

from api.models import ApiToken
from api.services import token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def url() -> str:
    return reverse("api:tokens")


def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_settings_page_links_to_the_tokens(client, team, url):
    client.force_login(team.owner)
    assert url in client.get(reverse("accounts:settings")).content.decode()


def test_list_shows_own_tokens_only(client, team, url):
    token_create(user=team.owner, name="Excel link")
    token_create(user=team.editor, name="Bob's script")
    client.force_login(team.owner)
    html = client.get(url).content.decode()
    assert "Excel link" in html
    assert "Bob&#x27;s script" not in html and "Bob's script" not in html
    assert '<label for="id_name"' in html


def test_created_token_is_shown_once(client, team, url):
    client.force_login(team.owner)
    response = client.post(url, {"name": "Excel link"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=team.owner)
    html = response.content.decode()
    plain = html.split('id="new-token" value="')[1].split('"')[0]
    assert plain.startswith(token.prefix)
    assert plain not in client.get(url).content.decode()


def test_created_token_works_in_the_api(client, api, team, url):
    client.force_login(team.owner)
    html = client.post(url, {"name": "Excel link"}).content.decode()
    plain = html.split('id="new-token" value="')[1].split('"')[0]
    assert api.get("/projects", token=plain).status_code == 200


def test_name_is_required_and_unique(client, team, url):
    client.force_login(team.owner)
    assert client.post(url, {"name": ""}).status_code == 400
    client.post(url, {"name": "Excel link"})
    response = client.post(url, {"name": "Excel link"})
    assert response.status_code == 400
    assert ApiToken.objects.filter(user=team.owner).count() == 1


def test_revoke(client, api, team):
    token, plain = token_create(user=team.owner, name="Excel link")
    client.force_login(team.owner)
    revoke = reverse("api:token_revoke", args=[token.pk])
    assert client.get(revoke).status_code == 405
    response = client.post(revoke)
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api.get("/projects", token=plain).status_code == 401


def test_cannot_revoke_another_users_token(client, team):
    token, _plain = token_create(user=team.editor, name="Bob's script")
    client.force_login(team.owner)
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
