from __future__ import annotations

import pytest
from django.urls import reverse

from parties.models import Relation
from parties.services import party_delete, relation_create, relation_delete
from tests.factories import make_party

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties(team):
    return make_party(team.project, name="Huis van het Kind"), make_party(
        team.project, name="École De Brug"
    )


def _data(**overrides) -> dict:
    data = {
        "other": "ecole de brug",
        "kind": "works_with",
        "strength": "4",
        "started_on": "2025-09-01",
        "ended_on": "",
        "note": "",
    }
    data.update(overrides)
    return data


def test_editor_adds_a_relation_by_naming_the_other_party(client, team, parties):
    house, school = parties
    client.force_login(team.editor)
    url = reverse("parties:relation_create", args=[team.project.pk, house.pk])
    assert client.post(url, _data()).status_code == 302
    relation = Relation.objects.get()
    assert (relation.source, relation.target, relation.strength) == (house, school, 4)
    page = client.get(reverse("parties:detail", args=[team.project.pk, school.pk]))
    assert "Huis van het Kind" in page.content.decode()  # seen from the other side too


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"other": "Onbekend"}, "other"),
        ({"other": "huis van het kind"}, "other"),
        ({"strength": "9"}, "strength"),
        ({"ended_on": "2025-01-01"}, "ended_on"),
    ],
)
def test_bad_relations_are_refused(client, team, parties, overrides, field):
    house, _school = parties
    client.force_login(team.editor)
    url = reverse("parties:relation_create", args=[team.project.pk, house.pk])
    response = client.post(url, _data(**overrides))
    assert response.status_code == 400 and field in response.context["form"].errors
    assert not Relation.objects.exists()


def test_a_party_of_another_project_cannot_be_named(client, team, parties):
    house, _school = parties
    make_party(team.other_project, name="Geheime partner")
    client.force_login(team.editor)
    url = reverse("parties:relation_create", args=[team.project.pk, house.pk])
    assert client.post(url, _data(other="Geheime partner")).status_code == 400


def test_edit_conflict_and_delete(client, team, parties):
    house, school = parties
    relation = relation_create(project=team.project, data={"source": house, "target": school})
    client.force_login(team.editor)
    url = reverse("parties:relation_edit", args=[team.project.pk, school.pk, relation.pk])
    opened = _data(other="Huis van het Kind", expected_version=relation.version)
    assert client.post(url, {**opened, "strength": "5"}).status_code == 302
    assert client.post(url, {**opened, "strength": "1"}).status_code == 400
    relation.refresh_from_db()
    assert (relation.source, relation.target, relation.strength) == (house, school, 5)
    delete = reverse("parties:relation_delete", args=[team.project.pk, house.pk, relation.pk])
    client.post(delete)
    assert not Relation.objects.exists() and Relation.everything.count() == 1


def test_relations_to_a_party_in_the_bin_are_hidden(client, team, parties):
    house, school = parties
    relation_create(project=team.project, data={"source": house, "target": school})
    party_delete(party=school)
    client.force_login(team.viewer)
    page = client.get(reverse("parties:detail", args=[team.project.pk, house.pk]))
    assert list(page.context["relations"]) == []


def test_name_suggestions(client, team, parties):
    client.force_login(team.viewer)
    url = reverse("parties:names", args=[team.project.pk])
    html = client.get(url, {"other": "ECOLE"}).content.decode()
    assert '<option value="École De Brug">' in html and "Huis" not in html
    assert client.get(url).content.decode().strip() == ""


def test_viewer_cannot_add_relations(client, team, parties):
    house, _school = parties
    client.force_login(team.viewer)
    url = reverse("parties:relation_create", args=[team.project.pk, house.pk])
    assert client.post(url, _data()).status_code == 403


def test_a_relation_in_the_bin_is_hidden_on_both_parties_pages(client, team, parties):
    house, school = parties
    kept = relation_create(project=team.project, data={"source": house, "target": school})
    binned = relation_create(
        project=team.project, data={"source": school, "target": house, "kind": "works_with"}
    )
    relation_delete(relation=binned)
    client.force_login(team.viewer)
    for party in (house, school):
        page = client.get(reverse("parties:detail", args=[team.project.pk, party.pk]))
        assert list(page.context["relations"]) == [kept]
