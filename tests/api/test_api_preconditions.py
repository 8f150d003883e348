"""Conditional writes: reads answer with the version as ETag, a change or deletion names it in
If-Match; without it 428, with a stale one 412 and the stored object, and nothing changes."""

from __future__ import annotations

import pytest

from parties.models import Party
from planning.services import plan_action_create
from tests.factories import make_contact, make_party

pytestmark = pytest.mark.django_db


@pytest.fixture
def party(team) -> Party:
    return make_party(team.project, name="GGD")


def party_url(team, party) -> str:
    return f"/projects/{team.project.pk}/parties/{party.pk}"


def test_a_read_answers_with_the_version_as_etag(api, team, party):
    response = api.get(party_url(team, party), team.viewer)
    assert response["ETag"] == '"1"'


def test_a_patch_without_if_match_is_428_and_changes_nothing(api, team, party):
    response = api.patch(party_url(team, party), team.owner, {"goals": "Overschreven"})
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    party.refresh_from_db()
    assert (party.goals, party.version) == ("", 1)


def test_a_patch_with_the_etag_it_read_saves_and_answers_the_new_etag(api, team, party):
    etag = api.get(party_url(team, party), team.owner)["ETag"]
    response = api.patch(party_url(team, party), team.owner, {"goals": "Samen"}, if_match=etag)
    assert response.status_code == 200
    assert response["ETag"] == '"2"'
    assert response.json()["goals"] == "Samen"


def test_weak_and_listed_tags_are_understood(api, team, party):
    url = party_url(team, party)
    assert api.patch(url, team.owner, {"goals": "a"}, if_match='W/"1"').status_code == 200
    assert api.patch(url, team.owner, {"goals": "b"}, if_match='"7", "2"').status_code == 200


def test_a_stale_if_match_is_412_with_the_stored_object(api, team, party):
    url = party_url(team, party)
    assert api.patch(url, team.editor, {"goals": "Van Bob"}, if_match=1).status_code == 200
    response = api.patch(url, team.owner, {"goals": "Van Anna"}, if_match=1)
    assert response.status_code == 412
    assert response.json()["current"]["goals"] == "Van Bob"
    assert response["ETag"] == '"2"'
    party.refresh_from_db()
    assert party.goals == "Van Bob"


@pytest.mark.parametrize("if_match", ["*", "", "nonsense"])
def test_a_wildcard_or_a_tag_of_no_version_changes_nothing(api, team, party, if_match):
    response = api.patch(party_url(team, party), team.owner, {"goals": "x"}, if_match=if_match)
    assert response.status_code in (412, 428)
    party.refresh_from_db()
    assert party.version == 1


def test_a_delete_needs_the_current_version(api, team, party):
    url = party_url(team, party)
    assert api.delete(url, team.owner).status_code == 428
    assert api.delete(url, team.owner, if_match=9).status_code == 412
    assert Party.objects.filter(pk=party.pk).exists()
    assert api.delete(url, team.owner, if_match=1).status_code == 204
    assert not Party.objects.filter(pk=party.pk).exists()


def test_the_older_version_field_still_counts_as_the_precondition(api, team, party):
    response = api.patch(party_url(team, party), team.owner, {"goals": "x", "version": 1})
    assert response.status_code == 200


def test_every_declared_resource_asks_for_if_match(api, team, party):
    contact = make_contact(party)
    action = plan_action_create(project=team.project, data={"title": "Folder"})
    base = f"/projects/{team.project.pk}"
    for url, body in [
        (f"{base}/contacts/{contact.pk}", {"function": "x"}),
        (f"{base}/plan/actions/{action.pk}", {"title": "y"}),
        (base, {"vision": "z"}),
    ]:
        assert api.patch(url, team.owner, body).status_code == 428, url
        assert api.get(url, team.owner)["ETag"] == '"1"', url
        assert api.patch(url, team.owner, body, if_match=1).status_code == 200, url


def test_the_openapi_document_shows_the_headers(api):
    document = api.client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/projects/{project_id}/parties/{party_id}"]
    assert "ETag" in operation["get"]["responses"]["200"]["headers"]
    names = {parameter["name"] for parameter in operation["patch"]["parameters"]}
    assert "If-Match" in names
    assert {"412", "428"} <= set(operation["patch"]["responses"])
    assert {"412", "428"} <= set(operation["delete"]["responses"])
