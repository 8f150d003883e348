from __future__ import annotations

import pytest
from django.urls import reverse

from history.models import Version
from history.services import versions_of
from parties.services import party_update
from tests.factories import make_party, make_segment

pytestmark = pytest.mark.django_db


def test_every_change_records_who_when_and_what(client, team):
    segment = make_segment(team.project, name="Nieuwkomers")
    party = make_party(team.project, name="OCMW", layer="staff")
    party_update(
        party=party,
        data={"layer": "board", "goals": "Armoede bestrijden"},
        segments=[segment],
        user=team.editor,
    )
    latest = versions_of(party).first()
    assert latest.action == Version.Action.UPDATE and latest.user == team.editor
    assert latest.changes == {
        "layer": ["staff", "board"],
        "goals": ["", "Armoede bestrijden"],
        "segments": [[], [segment.pk]],
    }
    client.force_login(team.viewer)
    page = client.get(reverse("parties:history", args=[team.project.pk, party.pk]))
    html = page.content.decode()
    assert "Nieuwkomers" in html and "Armoede bestrijden" in html
    assert "Bob" in html


def test_revert_brings_back_an_earlier_version_as_a_new_change(client, team):
    party = make_party(team.project, name="OCMW", goals="Eerst")
    first = versions_of(party).first()
    party_update(party=party, data={"name": "OCMW Hoogveld", "goals": "Later"}, user=team.editor)
    client.force_login(team.editor)
    url = reverse("parties:revert", args=[team.project.pk, party.pk, first.pk])
    assert client.post(url).status_code == 302
    party.refresh_from_db()
    assert (party.name, party.goals) == ("OCMW", "Eerst")
    assert versions_of(party).first().action == Version.Action.REVERT
    assert versions_of(party).count() == 3


def test_a_version_of_another_party_cannot_be_used_to_revert(client, team):
    party = make_party(team.project, name="OCMW")
    other = make_party(team.project, name="School")
    client.force_login(team.editor)
    url = reverse("parties:revert", args=[team.project.pk, party.pk, versions_of(other).first().pk])
    assert client.post(url).status_code == 404
    party.refresh_from_db()
    assert party.name == "OCMW"


def test_viewer_sees_history_but_cannot_revert(client, team):
    party = make_party(team.project, name="OCMW")
    client.force_login(team.viewer)
    assert (
        client.get(reverse("parties:history", args=[team.project.pk, party.pk])).status_code == 200
    )
    url = reverse("parties:revert", args=[team.project.pk, party.pk, versions_of(party).first().pk])
    assert client.post(url).status_code == 403
