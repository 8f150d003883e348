from __future__ import annotations

import pytest
from django.urls import reverse

from parties.models import Assessment, ContactPerson, Party, Relation
from parties.services import relation_create
from tests.factories import assess, make_contact, make_party

pytestmark = pytest.mark.django_db


@pytest.fixture
def party_with_everything(team):
    party = make_party(team.project, name="OCMW")
    other = make_party(team.project, name="School")
    make_contact(party, name="An Claes")
    assess(party, attitude=1)
    relation_create(
        project=team.project, data={"source": party, "target": other, "kind": "works_with"}
    )
    return party


def test_delete_moves_to_the_bin_and_restore_brings_everything_back(
    client, team, party_with_everything
):
    party = party_with_everything
    client.force_login(team.editor)
    response = client.post(reverse("parties:delete", args=[team.project.pk, party.pk]))
    assert response.status_code == 302
    assert not Party.objects.filter(pk=party.pk).exists()
    names = [
        p.name
        for p in client.get(reverse("parties:list", args=[team.project.pk]))
        .context["page"]
        .object_list
    ]
    assert names == ["School"]
    assert (
        client.get(reverse("parties:detail", args=[team.project.pk, party.pk])).status_code == 404
    )
    bin_page = client.get(reverse("parties:bin", args=[team.project.pk]))
    assert "OCMW" in bin_page.content.decode()

    client.post(reverse("parties:bin_restore", args=[team.project.pk, "party", party.pk]))
    party = Party.objects.get(pk=party.pk)
    assert party.contacts.count() == 1
    assert party.assessments.count() == 1 and party.latest_assessment.attitude == 1
    assert Relation.objects.filter(source=party).count() == 1


def test_deleting_a_contact_person_and_restoring_it(client, team):
    party = make_party(team.project)
    contact = make_contact(party, name="Jan")
    client.force_login(team.contributor)
    client.post(reverse("parties:contact_delete", args=[team.project.pk, party.pk, contact.pk]))
    assert not party.contacts.exists()
    client.force_login(team.editor)
    client.post(reverse("parties:bin_restore", args=[team.project.pk, "contact", contact.pk]))
    assert party.contacts.get().name == "Jan"


def test_only_an_owner_empties_the_bin_and_only_after_confirming(
    client, team, party_with_everything
):
    party = party_with_everything
    client.force_login(team.editor)
    client.post(reverse("parties:delete", args=[team.project.pk, party.pk]))
    url = reverse("parties:bin_empty", args=[team.project.pk])
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    client.force_login(team.owner)
    assert client.get(url).status_code == 200
    client.post(url)  # not confirmed
    assert Party.everything.filter(pk=party.pk).exists()
    client.post(url, {"confirm": "yes"})
    assert not Party.everything.filter(pk=party.pk).exists()
    assert not ContactPerson.everything.filter(party_id=party.pk).exists()
    assert not Assessment.objects.filter(party_id=party.pk).exists()
    assert Party.objects.filter(name="School").exists()


def test_restore_of_an_item_of_another_project_is_refused(client, team):
    foreign = make_party(team.other_project, name="Geheim")
    from parties.services import party_delete

    party_delete(party=foreign)
    client.force_login(team.owner)
    url = reverse("parties:bin_restore", args=[team.project.pk, "party", foreign.pk])
    assert client.post(url).status_code == 404
    assert (
        client.post(reverse("parties:bin_restore", args=[team.project.pk, "bogus", 1])).status_code
        == 404
    )
    assert Party.everything.get(pk=foreign.pk).deleted_at is not None
