from __future__ import annotations

import pytest

from history.services import versions_of
from parties.models import ContactPerson, Party
from parties.services import party_update, relation_create, relation_update
from tests.api.conftest import field_errors
from tests.factories import assess, make_contact, make_party, make_segment

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(team) -> str:
    return f"/projects/{team.project.pk}/parties/merge"


def _body(survivor: Party, *others: Party, **choices: int) -> dict:
    parties = [survivor, *others]
    return {
        "survivor": survivor.pk,
        "others": [o.pk for o in others],
        "choices": choices,
        "versions": [{"id": p.pk, "version": Party.everything.get(pk=p.pk).version}
                     for p in parties],
    }


def test_merge_answers_the_survivor_and_undo_brings_the_other_back(api, team, url):
    segment = make_segment(team.project)
    caw = make_party(team.project, name="CAW Oost")
    twin = make_party(team.project, name="CAW Oost-Vlaanderen", goals="Armoede",
                      segments=[segment])
    make_contact(twin, email="info@caw.be")
    assess(twin, power=4)
    response = api.post(url, team.editor, _body(caw, twin, goals=twin.pk))
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["id"], data["name"], data["goals"]) == (caw.pk, "CAW Oost", "Armoede")
    assert data["segments"] == [segment.pk]
    assert data["latest_assessment"]["power"] == 4
    assert Party.everything.get(pk=twin.pk).deleted_at is not None
    assert ContactPerson.objects.get().party_id == caw.pk

    undo = f"/projects/{team.project.pk}/parties/merges/{data['merge_id']}/undo"
    response = api.post(undo, team.editor)
    assert response.status_code == 200, response.content
    assert response.json()["goals"] == "" and response.json()["latest_assessment"] is None
    assert Party.objects.get(pk=twin.pk).contacts.count() == 1
    again = api.post(undo, team.editor, language="en")
    assert again.status_code == 409
    assert "already been undone" in again.json()["detail"]


def test_a_stale_version_is_412_with_the_stored_party(api, team, url):
    a, b = make_party(team.project, name="A"), make_party(team.project, name="B")
    body = _body(a, b)
    party_update(party=b, data={"goals": "Intussen"})
    response = api.post(url, team.editor, body)
    assert response.status_code == 412
    assert response.json()["current"]["id"] == b.pk
    assert Party.objects.count() == 2


def test_every_partys_version_is_asked_for(api, team, url):
    a, b = make_party(team.project, name="A"), make_party(team.project, name="B")
    body = _body(a, b)
    body["versions"] = body["versions"][:1]
    assert "versions" in field_errors(api.post(url, team.editor, body))


def test_parties_of_another_project_are_refused(api, team, url):
    a = make_party(team.project, name="A")
    foreign = make_party(team.other_project, name="A")
    assert "others" in field_errors(api.post(url, team.editor, _body(a, foreign)))
    assert Party.objects.filter(deleted_at__isnull=True).count() == 2


def test_a_choice_of_a_party_not_merged_is_422(api, team, url):
    a, b, c = (make_party(team.project, name=n) for n in "ABC")
    assert "goals" in field_errors(api.post(url, team.editor, _body(a, b, goals=c.pk)))


def test_merging_a_party_into_itself_is_422(api, team, url):
    a = make_party(team.project, name="A")
    body = _body(a, a)
    body["versions"] = body["versions"][:1]
    assert api.post(url, team.editor, body).status_code == 422


def test_viewer_gets_403_and_outsider_404(api, team, url):
    a, b = make_party(team.project, name="A"), make_party(team.project, name="B")
    assert api.post(url, team.viewer, _body(a, b)).status_code == 403
    assert api.post(url, team.outsider, _body(a, b)).status_code == 404
    assert Party.objects.count() == 2


def test_undo_refused_when_unsafe_says_why(api, team, url):
    a, b, c = (make_party(team.project, name=n) for n in ("A", "B", "C"))
    relation = relation_create(project=team.project, data={"source": b, "target": c})
    merge_id = api.post(url, team.editor, _body(a, b)).json()["merge_id"]
    elsewhere = make_party(team.project, name="D")
    relation_update(relation=relation, data={"source": elsewhere})
    undo = f"/projects/{team.project.pk}/parties/merges/{merge_id}/undo"
    response = api.post(undo, team.owner, language="en")
    assert response.status_code == 409
    assert "D → C" in response.json()["detail"]


def test_undo_of_something_that_is_no_merge_is_404(api, team):
    created = versions_of(make_party(team.project, name="A")).get()
    url = f"/projects/{team.project.pk}/parties/merges/{created.pk}/undo"
    assert api.post(url, team.owner).status_code == 404
    assert api.post(url, team.viewer).status_code == 403
