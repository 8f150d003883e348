from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from parties.models import ContactPerson, Party
from tests.factories import make_party, make_project
from transfer.export import (
    download_name,
    register_csv,
    register_xlsx,
    template_csv,
    template_xlsx,
)
from transfer.selectors import register_rows

from .files import read_csv, read_xlsx

pytestmark = pytest.mark.django_db


def test_xlsx_has_a_bold_frozen_header_in_the_users_language(team, register):
    content = register_xlsx(register_rows(project=team.project), "nl")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]

    assert sheet.title == "Partijen"
    assert sheet["A1"].value == "Naam" and sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 32
    headers = [cell.value for cell in sheet[1]]
    assert "Contactpersoon 2 e-mail" in headers and "Contactpersoon 3 naam" not in headers


def test_rows_are_in_name_order_with_labels_and_numbers(team, register):
    rows = read_xlsx(register_xlsx(register_rows(project=team.project), "en"))
    headers = rows[0]
    brug = dict(zip(headers, rows[1], strict=True))

    # "'s-Hertogenbosch" sorts under s, as on the list page
    assert [row[0] for row in rows[1:]] == [
        "Café De Brug",
        "'s-Hertogenbosch scholengroep",
        "Zorgcentrum Zuid",
    ]
    assert brug["Layer"] == "residents"
    assert brug["Works with vulnerable groups"] == "yes"
    assert brug["Target-group segments"] == "Nieuwkomers; Zwangere vrouwen in armoede"
    assert brug["Power"] == 4 and brug["Attitude"] == -1
    assert brug["Assessment date"].date().isoformat() == "2026-02-01"
    assert brug["Contact 1 name"] == "Anna Peeters"
    assert brug["Contact 2 do not contact"] == "yes"


@pytest.mark.parametrize("write, read", [(register_xlsx, read_xlsx), (register_csv, read_csv)])
def test_text_that_could_run_as_a_formula_is_escaped(team, register, write, read):
    rows = read(write(register_rows(project=team.project), "nl"))
    brug = dict(zip(rows[0], rows[1], strict=True))

    assert brug["Belangen"] == "'=SOM(A1:A9)"
    assert brug["Activiteiten"] == "'-"
    assert brug["Positie"] == "'@voorzitter"
    assert brug["Contactpersoon 1 telefoon"] == "'+32 470 12 34 56"
    assert rows[2][0] == "'s-Hertogenbosch scholengroep"  # an apostrophe of the name itself
    assert str(brug["Houding"]) == "-1"  # a number, not text: left as it is


def test_csv_is_utf8_with_bom_and_semicolons(team, register):
    content = register_csv(register_rows(project=team.project), "nl")

    assert content.startswith("\ufeff".encode())
    assert content.decode("utf-8-sig").splitlines()[0].startswith("Naam;Soort;")
    assert "Café De Brug" in content.decode("utf-8-sig")


def test_a_party_in_the_bin_is_not_exported(team, register):
    from parties.services import party_delete

    party_delete(party=register[2])
    names = [row[0] for row in read_csv(register_csv(register_rows(project=team.project), "nl"))]
    assert "Zorgcentrum Zuid" not in names


def _fill(project, count: int) -> None:
    parties = Party.objects.bulk_create(
        Party(project=project, name=f"Partij {n}", sort_name=f"partij {n}") for n in range(count)
    )
    ContactPerson.objects.bulk_create(
        ContactPerson(party=party, name=f"Contact {n}") for n, party in enumerate(parties)
    )


def _queries(project) -> int:
    with CaptureQueriesContext(connection) as captured:
        register_xlsx(register_rows(project=project), "nl")
    return len(captured)


def test_export_query_count_does_not_grow_with_the_register(team):
    small, large = make_project(team.owner), make_project(team.owner)
    _fill(small, 5)
    _fill(large, 200)
    assert _queries(small) == _queries(large) <= 4


def test_template_has_headers_only_and_the_allowed_values(team):
    rows = read_xlsx(template_xlsx("nl"))
    assert rows[0][:3] == ["Naam", "Soort", "Binnen de eigen organisatie"]
    assert len(rows) == 1

    allowed = read_xlsx(template_xlsx("nl"), sheet=1)
    columns = {
        header: [row[i] for row in allowed[1:] if i < len(row) and row[i] is not None]
        for i, header in enumerate(allowed[0])
    }
    assert "bestuur" in columns["Laag"]
    assert "ja" in columns["Kerngroep"]
    assert "1" in columns["Macht"] and "5" in columns["Macht"]

    assert read_csv(template_csv("en"))[0][:2] == ["Name", "Kind"]


def test_download_name_has_the_project_and_the_date(team):
    today = timezone.localdate().isoformat()
    assert download_name(team.project, "xlsx", "nl") == (
        f"draagvlak-mondzorg-hoogveld-partijen-{today}.xlsx"
    )
    assert download_name(team.project, "csv", "en", template=True) == (
        "draagvlak-mondzorg-hoogveld-parties-template.csv"
    )


def test_an_empty_register_still_exports_its_headers(team):
    make_party(team.other_project)
    rows = read_xlsx(register_xlsx(register_rows(project=team.project), "nl"))
    assert len(rows) == 1 and rows[0][0] == "Naam"


def test_full_width_formula_signs_are_escaped_in_both_formats(team):
    make_party(team.project, name='\uff1dHYPERLINK("http://x")', goals="\uff20SUM(A1)")
    rows = register_rows(project=team.project)
    for table in (read_xlsx(register_xlsx(rows, "nl")), read_csv(register_csv(rows, "nl"))):
        assert table[1][0] == '\'\uff1dHYPERLINK("http://x")'
        assert "'\uff20SUM(A1)" in table[1]
