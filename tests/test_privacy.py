from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from history.services import versions_of
from parties.models import ContactPerson, Party
from parties.services import contact_update
from tests.factories import make_contact, make_party

pytestmark = pytest.mark.django_db


def test_a_contact_person_can_be_exported_as_json(client, team):
    party = make_party(team.project, name="OCMW")
    contact = make_contact(party, name="An Claes", email="an@example.org", phone="0470")
    contact_update(contact=contact, data={"function": "coördinator"}, user=team.editor)
    client.force_login(team.editor)
    url = reverse("parties:contact_export", args=[team.project.pk, party.pk, contact.pk])
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["person"]["email"] == "an@example.org"
    assert data["person"]["function"] == "coördinator"
    assert data["party"] == "OCMW"
    assert [entry["action"] for entry in data["history"]] == ["create", "update"]


def test_erasing_anonymises_the_person_and_their_history(client, team):
    party = make_party(team.project, name="OCMW", goals="Armoede")
    contact = make_contact(party, name="An Claes", email="an@example.org", phone="0470")
    client.force_login(team.editor)
    url = reverse("parties:contact_erase", args=[team.project.pk, party.pk, contact.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    contact.refresh_from_db()
    assert "An Claes" not in contact.name
    assert (contact.email, contact.phone, contact.do_not_contact) == ("", "", True)
    assert contact.erased_at is not None
    for version in versions_of(contact):
        assert "An Claes" not in json.dumps(version.data) + version.object_repr
        assert "an@example.org" not in json.dumps([version.data, version.changes])
    assert versions_of(party).exists()  # the party's own history stays
    page = client.get(reverse("parties:detail", args=[team.project.pk, party.pk]))
    assert "An Claes" not in page.content.decode()


def test_viewer_and_contributor_cannot_export_or_erase(client, team):
    party = make_party(team.project)
    contact = make_contact(party, name="An")
    for user in (team.viewer, team.contributor):
        client.force_login(user)
        for name in ("parties:contact_export", "parties:contact_erase"):
            url = reverse(name, args=[team.project.pk, party.pk, contact.pk])
            assert client.get(url).status_code == 403
            assert client.post(url).status_code in (403, 405)
    contact.refresh_from_db()
    assert contact.name == "An"


def test_retention_anonymises_contacts_of_parties_no_longer_involved(team):
    team.project.retention_months = 12
    team.project.save()
    old = make_party(team.project, name="Vroeger")
    current = make_party(team.project, name="Nu")
    make_contact(old, name="Oud Contact", email="oud@example.org")
    make_contact(current, name="Actief Contact")
    Party.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=400))
    call_command("apply_retention", "--dry-run")
    assert ContactPerson.objects.filter(name="Oud Contact").exists()
    call_command("apply_retention")
    assert not ContactPerson.objects.filter(name="Oud Contact").exists()
    assert ContactPerson.objects.filter(name="Actief Contact").exists()
    assert ContactPerson.objects.filter(party=old, erased_at__isnull=False).count() == 1


def test_without_a_retention_period_nothing_is_anonymised(team):
    old = make_party(team.project, name="Vroeger")
    make_contact(old, name="Oud Contact")
    Party.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=4000))
    call_command("apply_retention")
    assert ContactPerson.objects.filter(name="Oud Contact").exists()
