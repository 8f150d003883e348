from __future__ import annotations

import pytest
from django.urls import reverse

from parties.models import ContactPerson, Party
from tests.factories import make_party, make_segment

pytestmark = pytest.mark.django_db


def _data(**overrides) -> dict:
    data = {
        "name": "Huis van het Kind Hoogveld",
        "kind": "organisation",
        "layer": "staff",
        "sector": "welfare",
        "role": "carries_out",
        "ring": "takes_part",
        "goals": "Elk gezin een goede start",
        "works_with_vulnerable_groups": "on",
    }
    data.update(overrides)
    return data


def test_editor_adds_a_party_with_segments(client, team):
    segment = make_segment(team.project, name="Zwangere vrouwen in armoede")
    client.force_login(team.editor)
    url = reverse("parties:create", args=[team.project.pk])
    response = client.post(url, _data(segments=[segment.pk], in_core_group="on"))
    party = Party.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("parties:detail", args=[team.project.pk, party.pk])
    assert party.in_core_group and party.works_with_vulnerable_groups
    assert list(party.segments.all()) == [segment]


def test_a_segment_of_another_project_cannot_be_attached(client, team):
    foreign = make_segment(team.other_project)
    client.force_login(team.editor)
    url = reverse("parties:create", args=[team.project.pk])
    response = client.post(url, _data(segments=[foreign.pk]))
    assert response.status_code == 400
    assert not Party.objects.exists()


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_empty_or_overlong_name_is_refused_and_input_kept(client, team, name):
    client.force_login(team.editor)
    url = reverse("parties:create", args=[team.project.pk])
    response = client.post(url, _data(name=name, goals="Mijn getypte tekst"))
    assert response.status_code == 400
    assert "name" in response.context["form"].errors
    assert "Mijn getypte tekst" in response.content.decode()
    assert not Party.objects.exists()


def test_error_message_is_in_the_users_language(client, team):
    client.force_login(team.editor)
    url = reverse("parties:create", args=[team.project.pk])
    client.cookies["draagvlak_language"] = "en"
    english = client.post(url, _data(name="")).context["form"].errors["name"][0]
    client.cookies["draagvlak_language"] = "nl"
    dutch = client.post(url, _data(name="")).context["form"].errors["name"][0]
    assert english == "This field is required."
    assert dutch != english


def test_edit_keeps_what_is_not_in_the_form(client, team):
    party = make_party(team.project, name="OCMW")
    client.force_login(team.editor)
    url = reverse("parties:edit", args=[team.project.pk, party.pk])
    response = client.post(url, _data(name="OCMW Hoogveld", layer="management"))
    assert response.status_code == 302
    party.refresh_from_db()
    assert (party.name, party.layer) == ("OCMW Hoogveld", "management")


def test_contributor_adds_and_edits_a_contact_person(client, team):
    party = make_party(team.project)
    client.force_login(team.contributor)
    url = reverse("parties:contact_create", args=[team.project.pk, party.pk])
    data = {
        "name": "An Claes",
        "function": "coördinator",
        "email": "an@example.org",
        "phone": "+32 50 12 34 56",
        "legal_basis": "consent",
        "do_not_contact": "on",
    }
    assert client.post(url, data).status_code == 302
    contact = ContactPerson.objects.get()
    assert contact.do_not_contact and contact.legal_basis == "consent"
    edit = reverse("parties:contact_edit", args=[team.project.pk, party.pk, contact.pk])
    assert client.post(edit, {**data, "email": "not-an-address"}).status_code == 400
    contact.refresh_from_db()
    assert contact.email == "an@example.org"


def test_contributor_cannot_change_the_register(client, team):
    party = make_party(team.project, name="OCMW")
    client.force_login(team.contributor)
    assert (
        client.post(reverse("parties:create", args=[team.project.pk]), _data()).status_code == 403
    )
    edit = reverse("parties:edit", args=[team.project.pk, party.pk])
    assert client.post(edit, _data(name="Anders")).status_code == 403
    party.refresh_from_db()
    assert party.name == "OCMW"
