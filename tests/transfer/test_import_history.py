"""An import's history is compact (one version for all it created, changed fields only for what
it changed), and each party's history page still shows, and can revert to, how the import left
it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from history.models import Version
from history.services import id_ranges, in_ranges, versions_of
from parties.models import Assessment, ContactPerson, Party
from parties.services import party_update
from projects.backup import backup_data, backup_restore
from tests.factories import make_party
from transfer.importer import fresh, party_import_apply
from transfer.models import ImportBatch

from .files import csv_file, xlsx

pytestmark = pytest.mark.django_db

HEADER = ["Naam", "Doelen", "Deelgroepen", "Contactpersoon 1 naam"]


def _rows(count: int, goals: str = "Eerst") -> bytes:
    return xlsx(
        [HEADER, *[[f"Partij {n}", goals, "Nieuw", f"Persoon {n}"] for n in range(count)]]
    )


def _upload(client, team, content: bytes, name: str = "partijen.xlsx") -> ImportBatch:
    client.force_login(team.editor)
    url = reverse("transfer:upload_parties", args=[team.project.pk])
    page = client.post(url, {"file": SimpleUploadedFile(name, content)})["Location"]
    client.post(page, {"action": "apply"})
    return ImportBatch.objects.get(project=team.project, filename=name)


def test_runs_of_ids():
    assert id_ranges([5, 3, 4, 9, 10, 1]) == [[1, 1], [3, 5], [9, 10]]
    runs = id_ranges(range(100, 10_100))
    assert runs == [[100, 10_099]]
    assert in_ranges(runs, 100) and in_ranges(runs, 10_099) and not in_ranges(runs, 10_100)
    assert not in_ranges([], 1) and not in_ranges([[3, 5]], 2)


def test_an_import_writes_one_version_and_drops_the_file(client, team):
    before = Version.objects.count()
    batch = _upload(client, team, _rows(20))

    assert Party.objects.filter(project=team.project).count() == 20
    assert Version.objects.count() == before + 1
    record = Version.objects.get(action=Version.Action.IMPORT)
    assert record.object_repr == "partijen.xlsx" and record.user == team.editor
    assert len(record.data["created"]["parties.party"]) == 1  # one run of ids
    assert bytes(batch.content) == b""
    assert batch.preview["created_ids"]["parties"] == record.data["created"]["parties.party"]


def test_the_party_history_page_shows_the_import_and_reverts_to_it(
    client, team, django_assert_max_num_queries
):
    _upload(client, team, _rows(3))
    party = Party.objects.get(project=team.project, name="Partij 1")
    layer = party.layer
    party_update(party=party, data={"goals": "Later", "layer": "board"}, user=team.owner)
    url = reverse("parties:history", args=[team.project.pk, party.pk])

    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    assert "created by the import of partijen.xlsx" in html
    assert "Eerst" in html and "Later" in html
    [changed, imported] = versions_of(party)
    assert changed.action == Version.Action.UPDATE and imported.action == Version.Action.IMPORT

    revert = reverse("parties:revert", args=[team.project.pk, party.pk, imported.pk])
    assert client.post(revert).status_code == 302
    party.refresh_from_db()
    assert (party.goals, party.layer) == ("Eerst", layer) != ("Eerst", "board")
    assert [s.name for s in party.segments.all()] == ["Nieuw"]


def test_the_import_is_no_version_of_parties_it_did_not_create(client, team):
    earlier = make_party(team.project, name="Er al")
    _upload(client, team, _rows(2))
    [own] = versions_of(earlier)
    assert own.action == Version.Action.CREATE
    record = Version.objects.get(action=Version.Action.IMPORT)
    revert = reverse("parties:revert", args=[team.project.pk, earlier.pk, record.pk])
    assert client.post(revert).status_code == 404


def test_a_change_by_an_import_keeps_the_changed_fields_only(team):
    party_import_apply(project=team.project, content=_rows(3), user=team.owner)
    party = Party.objects.get(project=team.project, name="Partij 2")
    party_import_apply(project=team.project, content=_rows(3, goals="Nieuw doel"), user=team.owner)

    stored = Version.objects.filter(object_id=party.pk, content_type__model="party").get()
    assert stored.action == Version.Action.UPDATE and stored.data == {}
    assert stored.changes == {"goals": ["Eerst", "Nieuw doel"]}
    party.refresh_from_db()
    changed, created = versions_of(party)
    assert changed.data["goals"] == "Nieuw doel" and created.data["goals"] == "Eerst"
    assert changed.data["name"] == "Partij 2"


def test_a_contact_changed_by_an_import_too(team):
    party_import_apply(project=team.project, content=_rows(1), user=team.owner)
    header = [*HEADER, "Contactpersoon 1 functie"]
    again = xlsx([header, ["Partij 0", "Eerst", "Nieuw", "Persoon 0", "Voorzitter"]])
    party_import_apply(project=team.project, content=again, user=team.owner)

    contact = ContactPerson.objects.get(party__project=team.project)
    changed, created = versions_of(contact)
    assert changed.changes == {"function": ["", "Voorzitter"]}
    assert created.data["function"] == "" and created.data["name"] == "Persoon 0"


def test_the_import_survives_backup_and_restore(client, team):
    make_party(team.project, name="Er al")
    _upload(client, team, _rows(3))
    data = backup_data(team.project)
    team.project.delete()

    restored = backup_restore(data).project
    assert backup_data(restored) == data
    for party in Party.objects.filter(project=restored):
        actions = [v.action for v in versions_of(party)]
        expected = "create" if party.name == "Er al" else "import"
        assert actions == [expected], party.name
    imported = Party.objects.get(project=restored, name="Partij 0")
    assert versions_of(imported)[0].data["name"] == "Partij 0"


def test_a_csv_import_from_the_command_line_names_the_project(team):
    content = csv_file([["Naam"], ["Alleen"]])
    party_import_apply(project=team.project, content=content, user=team.owner)
    [version] = versions_of(Party.objects.get(name="Alleen"))
    assert version.source == team.project.title


def test_an_upload_keeps_its_content_until_imported_or_discarded(client, team):
    client.force_login(team.editor)
    url = reverse("transfer:upload_parties", args=[team.project.pk])
    page = client.post(url, {"file": SimpleUploadedFile("goed.xlsx", _rows(2))})["Location"]
    batch = ImportBatch.objects.get(filename="goed.xlsx")
    assert bytes(batch.content) != b""
    client.post(page, {"action": "apply"})
    batch.refresh_from_db()
    assert batch.applied_at and bytes(batch.content) == b""

    page = client.post(url, {"file": SimpleUploadedFile("weg.xlsx", _rows(2))})["Location"]
    client.post(page, {"action": "discard"})
    assert not ImportBatch.objects.filter(filename="weg.xlsx").exists()


def _history_queries(client, team, party) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("parties:history", args=[team.project.pk, party.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_history_page_costs_as_many_queries_after_many_imports_and_edits(client, team):
    _upload(client, team, _rows(3), name="een.xlsx")
    party = Party.objects.get(project=team.project, name="Partij 0")
    party_update(party=party, data={"goals": "Later"}, user=team.owner)
    few = _history_queries(client, team, party)

    for number in range(4):
        _upload(client, team, _rows(3, goals=f"Ronde {number}"), name=f"ronde{number}.xlsx")
        party.refresh_from_db()
        party_update(party=party, data={"layer": "board" if number % 2 else "staff"})
    party.refresh_from_db()
    assert len(versions_of(party)) == 1 + 1 + 4 * 2
    assert _history_queries(client, team, party) == few


def test_a_persons_data_export_names_the_import_that_added_them(team):
    from parties.privacy import contact_personal_data

    party_import_apply(project=team.project, content=_rows(2), user=team.owner)
    contact = ContactPerson.objects.get(name="Persoon 1")
    [entry] = contact_personal_data(contact=contact)["history"]
    assert entry["action"] == "import" and entry["by"] == team.owner.username
    assert entry["changes"]["name"] == [None, "Persoon 1"]


def test_a_later_import_is_no_version_of_a_party_it_did_not_touch(client, team):
    earlier = make_party(team.project, name="Er al", goals="Eigen")
    _upload(client, team, _rows(2))  # newer than the party's own version

    assert versions_of(earlier).first().action == Version.Action.CREATE
    assert versions_of(earlier).count() == 1 and versions_of(earlier).exists()
    html = client.get(reverse("parties:history", args=[team.project.pk, earlier.pk]))
    assert "partijen.xlsx" not in html.content.decode()


def test_a_planned_object_is_made_as_its_model_would():
    made = fresh(ContactPerson, name="An", email="an@example.org")
    usual = ContactPerson(name="An", email="an@example.org")
    fields = ContactPerson._meta.concrete_fields
    assert {f.attname: getattr(made, f.attname) for f in fields} == {
        f.attname: getattr(usual, f.attname) for f in fields
    }
    party = Party(name="P", pk=7)
    assessment = fresh(Assessment, party=party, assessed_on=date(2026, 1, 1), power=3)
    assert assessment.party_id == 7 and assessment.party is party and assessment.power == 3
    assert assessment._state.adding
