from __future__ import annotations

import pytest

from parties.models import ContactPerson
from parties.services import party_delete
from tests.api.conftest import field_errors
from tests.factories import make_contact, make_party

pytestmark = pytest.mark.django_db


@pytest.fixture
def party(team):
    return make_party(team.project, name="GGD")


def contacts_url(team, party) -> str:
    return f"/projects/{team.project.pk}/parties/{party.pk}/contacts"


def contact_url(team, contact) -> str:
    return f"/projects/{team.project.pk}/contacts/{contact.pk}"


def test_viewer_lists_and_reads_contacts(api, team, party):
    contact = make_contact(party, name="Ann Peeters", email="ann@example.org")
    make_contact(party, name="Bert")
    response = api.get(contacts_url(team, party), team.viewer)
    assert [item["name"] for item in response.json()] == ["Ann Peeters", "Bert"]
    response = api.get(contact_url(team, contact), team.viewer)
    assert response.json()["email"] == "ann@example.org"
    assert response.json()["party_id"] == party.pk


@pytest.mark.parametrize("member", ["owner", "editor", "contributor"])
def test_contributor_and_up_add_a_contact(api, team, party, member):
    body = {"name": "Ann Peeters", "email": "ann@example.org", "legal_basis": "consent"}
    response = api.post(contacts_url(team, party), getattr(team, member), body)
    assert response.status_code == 201, response.content
    contact = ContactPerson.objects.get(pk=response.json()["id"])
    assert (contact.party, contact.legal_basis) == (party, "consent")


def test_viewer_cannot_add_change_or_delete(api, team, party):
    contact = make_contact(party, name="Ann")
    assert api.post(contacts_url(team, party), team.viewer, {"name": "X"}).status_code == 403
    assert api.patch(contact_url(team, contact), team.viewer, {"name": "X"}).status_code == 403
    assert api.delete(contact_url(team, contact), team.viewer).status_code == 403
    contact.refresh_from_db()
    assert contact.name == "Ann" and contact.deleted_at is None


def test_outsider_gets_404(api, team, party):
    contact = make_contact(party)
    assert api.get(contacts_url(team, party), team.outsider).status_code == 404
    assert api.post(contacts_url(team, party), team.outsider, {"name": "X"}).status_code == 404
    assert api.get(contact_url(team, contact), team.outsider).status_code == 404
    assert api.delete(contact_url(team, contact), team.outsider).status_code == 404


def test_unauthenticated_gets_401(api, team, party):
    assert api.get(contacts_url(team, party)).status_code == 401


def test_contact_of_another_project_is_404(api, team):
    foreign = make_contact(make_party(team.other_project))
    assert api.get(contact_url(team, foreign), team.owner).status_code == 404


def test_contact_of_a_party_in_the_bin_is_404(api, team, party):
    contact = make_contact(party)
    party_delete(party=party)
    assert api.get(contact_url(team, contact), team.owner).status_code == 404
    assert api.get(contacts_url(team, party), team.owner).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "a@example.org"}, "name"),
        ({"name": "Ann", "email": "not an address"}, "email"),
        ({"name": "Ann", "legal_basis": "whim"}, "legal_basis"),
        ({"name": "Ann", "phone": "0" * 41}, "phone"),
    ],
)
def test_invalid_contact_gets_422_naming_the_field(api, team, party, body, field):
    assert field in field_errors(api.post(contacts_url(team, party), team.owner, body))


def test_change_and_conflict(api, team, party):
    contact = make_contact(party, name="Ann")
    response = api.patch(
        contact_url(team, contact), team.contributor, {"function": "director", "version": 1}
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    response = api.patch(contact_url(team, contact), team.editor, {"function": "x", "version": 1})
    assert response.status_code == 412
    assert response.json()["current"]["function"] == "director"
    contact.refresh_from_db()
    assert contact.function == "director"


def test_delete_moves_the_contact_to_the_bin(api, team, party):
    contact = make_contact(party)
    assert api.delete(contact_url(team, contact), team.contributor).status_code == 428
    assert api.delete(contact_url(team, contact), team.contributor, if_match=1).status_code == 204
    assert ContactPerson.everything.get(pk=contact.pk).deleted_at is not None
    assert api.get(contacts_url(team, party), team.owner).json() == []
