"""The likely duplicates over the API: the pairs as the page lists them, and marking a pair as
not the same."""

from __future__ import annotations

import pytest

from parties.models import DuplicateDismissal
from tests.api.conftest import field_errors
from tests.factories import make_contact, make_party

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(team) -> str:
    return f"/projects/{team.project.pk}/parties/duplicates"


@pytest.fixture
def pair(team):
    first = make_party(team.project, name="CAW Oost")
    second = make_party(team.project, name="CAW Oost-Vlaanderen")
    make_contact(first, email="an@caw.be")
    make_contact(second, email="an@caw.be")
    return first, second


def test_a_viewer_lists_the_pairs_with_reasons_in_words(api, team, url, pair):
    make_party(team.project, name="Bibliotheek")
    response = api.get(url, team.viewer, language="en")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    item = data["items"][0]
    assert (item["first"]["id"], item["second"]["id"]) == (pair[0].pk, pair[1].pk)
    assert item["score"] == 100
    assert {reason["kind"] for reason in item["reasons"]} == {"email", "contained"}
    assert "same e-mail address on a contact person" in [r["text"] for r in item["reasons"]]


def test_the_list_is_paged(api, team, url):
    for n in range(4):
        make_party(team.project, name=f"Buurthuis {n}")
        make_party(team.project, name=f"buurthuis {n}.")
    data = api.get(url, team.viewer, limit=3, offset=3).json()
    assert data["count"] == 4
    assert len(data["items"]) == 1


def test_an_editor_marks_a_pair_as_not_the_same(api, team, url, pair):
    body = {"first": pair[1].pk, "second": pair[0].pk}
    response = api.post(url + "/dismiss", team.editor, body)
    assert response.status_code == 201, response.content
    assert (response.json()["first"], response.json()["second"]) == (pair[0].pk, pair[1].pk)
    assert response.json()["dismissed_by"] == "Bob"
    assert api.post(url + "/dismiss", team.owner, body).status_code == 201  # once is enough
    assert DuplicateDismissal.objects.count() == 1
    assert api.get(url, team.viewer).json()["count"] == 0


def test_marking_needs_an_editor_and_two_parties_of_the_project(api, team, url, pair):
    foreign = make_party(team.other_project, name="CAW Oost")
    assert (
        api.post(url + "/dismiss", team.contributor, {"first": pair[0].pk, "second": pair[1].pk})
    ).status_code == 403
    response = api.post(url + "/dismiss", team.editor, {"first": pair[0].pk, "second": foreign.pk})
    assert response.status_code == 404
    errors = field_errors(
        api.post(url + "/dismiss", team.editor, {"first": pair[0].pk, "second": pair[0].pk})
    )
    assert "second" in errors
    assert not DuplicateDismissal.objects.exists()


def test_the_official_code_is_read_and_written(api, team):
    url = f"/projects/{team.project.pk}/parties"
    response = api.post(url, team.editor, {"name": "Apotheek", "official_code": " 12345678 "})
    assert response.status_code == 201, response.content
    assert response.json()["official_code"] == "12345678"
    party_id = response.json()["id"]
    response = api.patch(
        f"{url}/{party_id}", team.editor, {"official_code": "BE 0123.456.789"}, if_match=1
    )
    assert response.json()["official_code"] == "BE 0123.456.789"
