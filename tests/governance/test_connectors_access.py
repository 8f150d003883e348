"""The council-data pages under the same rules as every project page (the walk of
tests/test_access.py covers them too): outsiders 404, viewers read, contributors act."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.test_access import POST_ONLY, READ_ONLY, _project_routes

pytestmark = pytest.mark.django_db

NAMES = ["governance:council_data", "governance:council_fetch", "governance:council_adopt",
         "governance:council_people"]


def test_the_walk_knows_every_council_data_page():
    routes = _project_routes()
    assert all(name in routes for name in NAMES)
    assert {"governance:council_fetch", "governance:council_adopt"} <= POST_ONLY
    assert "governance:council_data" in READ_ONLY


@pytest.mark.parametrize("name", NAMES)
def test_outsider_gets_404_and_viewer_cannot_write(client, team, name):
    url = reverse(name, args=[team.project.pk])
    client.force_login(team.outsider)
    assert client.get(url).status_code in (404, 405)
    assert client.post(url, {"source": "lblod"}).status_code == (
        405 if name in READ_ONLY else 404)
    client.force_login(team.viewer)
    if name not in POST_ONLY:
        assert client.get(url).status_code == 200
    assert client.post(url, {"source": "lblod", "person": ["x"]}).status_code == (
        405 if name in READ_ONLY else 403)
    client.logout()
    response = client.get(url)
    assert response.status_code == 405 or "/accounts/login/" in response["Location"]
