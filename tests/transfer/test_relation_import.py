from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from history.models import Version
from history.services import ids_in, versions_of
from parties.models import Relation
from tests.factories import make_party
from transfer.importer import ImportRefused
from transfer.relations import relation_import_apply, relation_import_preview

from .files import csv_file, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties(team) -> dict:
    return {
        name: make_party(team.project, name=name)
        for name in ("Gemeente Hoogveld", "Café De Brug", "Logo", "Huis van het Kind")
    }


def test_from_to_rows_in_english_become_relations(team, parties):
    content = xlsx(
        [
            ["From", "To", "Type", "Strength"],
            ["Gemeente Hoogveld", "Logo", "funds", 4],
            ["cafe de brug", "LOGO", "samenwerking", "2,0"],
            ["Logo", "Huis van het Kind", None, None],
        ]
    )
    outcome = relation_import_apply(project=team.project, content=content, user=team.editor)

    assert (outcome.created, outcome.updated, outcome.unchanged) == (3, 0, 0)
    ties = {
        (r.source.name, r.target.name): (r.kind, r.strength)
        for r in Relation.objects.filter(project=team.project)
    }
    assert ties == {
        ("Gemeente Hoogveld", "Logo"): ("funds", 4),
        ("Café De Brug", "Logo"): ("works_with", 2),
        ("Logo", "Huis van het Kind"): ("works_with", 3),
    }
    # One history version for the import, naming the relations it created.
    [record] = Version.objects.filter(project=team.project, action=Version.Action.IMPORT)
    assert record.user == team.editor
    assert len(ids_in(record.data["created"]["parties.relation"])) == 3
    relation = Relation.objects.filter(project=team.project).first()
    [created] = versions_of(relation)
    assert created.pk == record.pk and created.data["kind"] == relation.kind


def test_dutch_headers_dates_and_reimport(team, parties):
    content = csv_file(
        [
            ["Van", "Naar", "Soort", "Sterkte", "Sinds", "Notitie"],
            ["Gemeente Hoogveld", "Logo", "Financiering", "5", "01-01-2025", "Subsidie"],
        ]
    )
    relation_import_apply(project=team.project, content=content)
    relation = Relation.objects.get(project=team.project)
    assert (relation.kind, relation.started_on, relation.note) == (
        "funds",
        date(2025, 1, 1),
        "Subsidie",
    )

    again = relation_import_apply(project=team.project, content=content)
    assert (again.created, again.unchanged) == (0, 1)
    stronger = csv_file(
        [["Van", "Naar", "Soort", "Sterkte"], ["Gemeente Hoogveld", "Logo", "funds", "2"]]
    )
    assert relation_import_apply(project=team.project, content=stronger).updated == 1
    relation.refresh_from_db()
    assert (relation.strength, relation.version) == (2, 2)
    assert Relation.objects.filter(project=team.project).count() == 1
    # The change keeps only what changed; its history shows the whole relation either side.
    changed, created = versions_of(relation)
    stored = Version.objects.get(pk=changed.pk)
    assert stored.data == {} and stored.changes == {"strength": [5, 2]}
    assert (changed.data["strength"], created.data["strength"]) == (2, 5)


def test_working_together_matches_either_way_round(team, parties):
    content = xlsx([["From", "To"], ["Logo", "Café De Brug"]])
    relation_import_apply(project=team.project, content=content)
    reverse = xlsx([["From", "To"], ["Café De Brug", "Logo"]])
    assert relation_import_preview(project=team.project, content=reverse).unchanged == 1


def test_unknown_parties_and_bad_cells_are_row_errors_and_nothing_is_written(team, parties):
    content = xlsx(
        [
            ["From", "To", "Type", "Strength"],
            ["Logo", "Gemeente Hoogveld", "funds", 3],
            ["Logo", "Onbekende vzw", "works with", 3],
            ["Logo", "Logo", "works with", 3],
            ["Logo", "Café De Brug", "vijandschap", 9],
        ]
    )
    with translation.override("en"):
        outcome = relation_import_preview(project=team.project, content=content)
        messages = [str(error) for error in outcome.errors]
    assert "row 3, column To: no party in the register is called “Onbekende vzw”" in messages
    assert "row 4, column To: a party cannot have a relation with itself" in messages
    assert "row 5, column Strength: 9 is not on the scale 1–5" in messages
    assert any(m.startswith("row 5, column Type: vijandschap is not one of") for m in messages)

    with pytest.raises(ImportRefused):
        relation_import_apply(project=team.project, content=content)
    assert not Relation.objects.exists()


def test_the_same_relation_twice_is_an_error(team, parties):
    content = xlsx(
        [
            ["From", "To", "Type"],
            ["Logo", "Café De Brug", "works with"],
            ["Café De Brug", "logo", "samenwerking"],
        ]
    )
    outcome = relation_import_preview(project=team.project, content=content)
    assert [e.row for e in outcome.errors] == [3]


def test_a_file_without_from_and_to_is_refused(team, parties):
    outcome = relation_import_preview(project=team.project, content=xlsx([["Naam"], ["Logo"]]))
    assert not outcome.ok
