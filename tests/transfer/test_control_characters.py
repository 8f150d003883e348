"""Imported cells lose C0 and C1 control characters; multi-line fields keep tab and newline."""

from __future__ import annotations

import pytest

from parties.models import ContactPerson, Party
from tests.factories import make_party
from transfer.importer import party_import_apply
from transfer.relations import relation_import_apply

from .files import csv_file, excel_xlsx

pytestmark = pytest.mark.django_db

HEADERS = ["Naam\x07", "Doelen", "Contactpersoon 1 naam", "Deelgroepen"]
ROW = ["Logo\x1b Gent\x85", "Eén\tdoel\r\nen\x0b nog\x01 een", "An\x08 Claes", "Ouders\x0cen;Jeugd"]
# A few control characters among ordinary text, as in a real register (a file of mostly
# control characters is binary, not text).
OTHERS = [[f"Partij {n}", "Een gewoon doel", "", ""] for n in range(20)]


@pytest.mark.parametrize(
    "content",
    [excel_xlsx([HEADERS, ROW, *OTHERS]), csv_file([HEADERS, ROW, *OTHERS])],
    ids=["xlsx", "csv"],
)
def test_control_characters_are_stripped_from_imported_cells(team, content):
    outcome = party_import_apply(project=team.project, content=content)
    assert outcome.ok and outcome.created == 21
    party = Party.objects.get(name="Logo Gent")
    assert party.goals == "Eén\tdoel\nen nog een"
    assert ContactPerson.objects.get().name == "An Claes"
    assert sorted(party.segments.values_list("name", flat=True)) == ["Jeugd", "Oudersen"]


def test_relation_notes_keep_their_lines_and_lose_controls(team):
    make_party(team.project, name="Logo")
    make_party(team.project, name="Gemeente")
    content = excel_xlsx(
        [["Van", "Naar", "Notitie"], ["Gemeente\x00", "Logo", "Eerste\nregel\x1f"]]
    )
    relation_import_apply(project=team.project, content=content)
    assert team.project.relations.get().note == "Eerste\nregel"
