"""An import that added to the register can be undone as a whole from its page: one entry in
the history, refused with a clear message when what it added has been built on since."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from history.models import Version
from parties.models import Assessment, ContactPerson, Party
from projects.models import TargetSegment
from tests.factories import make_contact, make_party
from transfer.models import ImportBatch

from .files import xlsx

pytestmark = pytest.mark.django_db

ROWS = [
    [
        "Naam",
        "Deelgroepen",
        "Macht",
        "Belang",
        "Legitimiteit",
        "Urgentie",
        "Houding",
        "Huidige betrokkenheid",
        "Gewenste betrokkenheid",
        "Contactpersoon 1 naam",
    ],
    *[
        [f"Partij {n}", "Nieuw segment", 3, 2, 3, 2, 1, "Neutraal", "Trekkend", f"Persoon {n}"]
        for n in range(3)
    ],
]


def _import(client, team) -> str:
    client.force_login(team.editor)
    client.cookies["draagvlak_language"] = "en"
    url = reverse("transfer:upload_parties", args=[team.project.pk])
    page = client.post(url, {"file": SimpleUploadedFile("p.xlsx", xlsx(ROWS))})["Location"]
    client.post(page, {"action": "apply"})
    assert ImportBatch.objects.get().applied_at
    return page


def test_an_import_is_undone_as_a_whole_with_one_history_entry(client, team):
    before = Version.objects.count()
    page = _import(client, team)
    assert Party.objects.filter(project=team.project).count() == 3
    assert "Undo this import" in client.get(page).content.decode()
    added = Version.objects.count()

    response = client.post(page, {"action": "undo"}, follow=True)
    html = response.content.decode()
    assert "3 parties removed" in html and "This import has been undone" in html
    assert "Undo this import" not in html
    assert not Party.everything.filter(project=team.project).exists()
    assert not ContactPerson.objects.filter(party__project=team.project).exists()
    assert not Assessment.objects.filter(party__project=team.project).exists()
    assert not TargetSegment.objects.filter(project=team.project, name="Nieuw segment").exists()
    [entry] = Version.objects.all()[: Version.objects.count() - added]
    assert Version.objects.count() == added + 1 > before
    assert entry.content_type == ContentType.objects.get_for_model(ImportBatch)
    assert entry.action == Version.Action.REMOVE and entry.data["parties"] == 3
    # Twice does nothing more.
    client.post(page, {"action": "undo"})
    assert Version.objects.count() == added + 1


def test_undo_is_refused_when_an_added_party_was_edited_since(client, team):
    from parties.services import party_update

    page = _import(client, team)
    party = Party.objects.get(name="Partij 1")
    party_update(party=party, data={"goals": "Iets anders"}, user=team.editor)
    html = client.post(page, {"action": "undo"}, follow=True).content.decode()
    assert "cannot be undone" in html
    assert Party.objects.filter(project=team.project).count() == 3


def test_undo_is_refused_when_something_was_built_on_it(client, team):
    page = _import(client, team)
    make_contact(Party.objects.get(name="Partij 2"), name="Later toegevoegd")
    html = client.post(page, {"action": "undo"}, follow=True).content.decode()
    assert "cannot be undone" in html
    assert Party.objects.filter(project=team.project).count() == 3


def test_an_import_that_changed_existing_parties_offers_no_undo(client, team):
    make_party(team.project, name="Partij 0", goals="Oud")
    page = _import(client, team)
    assert "Undo this import" not in client.get(page).content.decode()
    html = client.post(page, {"action": "undo"}, follow=True).content.decode()
    assert "cannot be undone as a whole" in html
    assert Party.objects.filter(project=team.project).count() == 3


def test_a_viewer_cannot_undo(client, team):
    page = _import(client, team)
    client.force_login(team.viewer)
    assert client.post(page, {"action": "undo"}).status_code in (403, 404)
    assert Party.objects.filter(project=team.project).count() == 3
