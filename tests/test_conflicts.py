"""Two people open the same record and both save: the second gets a conflict, not a loss."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_contact, make_party

pytestmark = pytest.mark.django_db


def _party_form(party, **changes) -> dict:
    data = {
        "name": party.name,
        "kind": party.kind,
        "layer": party.layer,
        "sector": party.sector,
        "role": party.role,
        "ring": party.ring,
        "expected_version": party.version,
    }
    data.update(changes)
    return data


def test_second_save_of_a_party_conflicts_and_shows_both_versions(client, team):
    party = make_party(team.project, name="OCMW", goals="")
    opened = _party_form(party)  # both open the form at version 1
    url = reverse("parties:edit", args=[team.project.pk, party.pk])
    client.force_login(team.editor)
    assert client.post(url, {**opened, "goals": "Versie van Bob"}).status_code == 302
    client.force_login(team.owner)
    response = client.post(url, {**opened, "goals": "Versie van Alice"})
    assert response.status_code == 400
    form = response.context["form"]
    goals = str(form.fields["goals"].label)
    assert (goals, "Versie van Bob", "Versie van Alice") in form.conflict
    party.refresh_from_db()
    assert party.goals == "Versie van Bob"
    # saving again from the conflict page is a deliberate overwrite
    again = {
        **opened,
        "goals": "Versie van Alice",
        "expected_version": form["expected_version"].value(),
    }
    assert client.post(url, again).status_code == 302
    party.refresh_from_db()
    assert party.goals == "Versie van Alice"


def test_in_place_edit_conflicts_too(client, team):
    party = make_party(team.project, name="OCMW", ring="informed")
    url = reverse("parties:row", args=[team.project.pk, party.pk])
    data = {
        f"row{party.pk}-{k}": v
        for k, v in {
            "layer": "staff",
            "sector": "welfare",
            "role": "supplies",
            "ring": "takes_part",
            "expected_version": party.version,
        }.items()
    }
    client.force_login(team.editor)
    assert client.post(url, data, headers={"HX-Request": "true"}).status_code == 200
    response = client.post(
        url, {**data, f"row{party.pk}-ring": "co_decides"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    party.refresh_from_db()
    assert party.ring == "takes_part"


def test_contact_person_edits_conflict(client, team):
    party = make_party(team.project)
    contact = make_contact(party, name="An", phone="1")
    url = reverse("parties:contact_edit", args=[team.project.pk, party.pk, contact.pk])
    data = {"name": "An", "legal_basis": "consent", "expected_version": contact.version}
    client.force_login(team.editor)
    assert client.post(url, {**data, "phone": "2"}).status_code == 302
    assert client.post(url, {**data, "phone": "3"}).status_code == 400
    contact.refresh_from_db()
    assert contact.phone == "2"
