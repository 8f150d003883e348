from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from parties.models import Assessment, ContactPerson, Party
from projects.models import TargetSegment
from tests.factories import assess, make_contact, make_party, make_project, make_segment
from transfer.importer import ImportRefused, party_import_apply, party_import_preview

from .files import csv_file, xlsx

pytestmark = pytest.mark.django_db


def _apply(project, content, user=None):
    return party_import_apply(project=project, content=content, user=user)


def test_dutch_headers_in_a_semicolon_csv_with_bom(team):
    content = csv_file(
        [
            [
                "Naam",
                "Laag",
                "Sector",
                "Macht",
                "Belang",
                "Legitimiteit",
                "Urgentie",
                "Houding",
                "Huidige betrokkenheid",
                "Gewenste betrokkenheid",
                "Datum beoordeling",
            ],
            [
                "Café De Brug",
                "Bestuur",
                "Welzijn en sociale dienstverlening",
                "4,0",
                "3",
                "2",
                "1",
                "+1",
                "Neutraal",
                "Trekkend",
                "15-01-2026",
            ],
        ]
    )
    outcome = _apply(team.project, content, team.editor)

    assert outcome.created == 1 and outcome.ok
    party = Party.objects.get(project=team.project)
    assert (party.name, party.layer, party.sector) == ("Café De Brug", "board", "welfare")
    latest = party.latest_assessment
    assert (latest.power, latest.interest, latest.attitude) == (4, 3, 1)
    assert latest.assessed_on == date(2026, 1, 15)
    assert latest.assessed_by == team.editor


def test_english_headers_in_a_comma_csv_without_bom(team):
    content = csv_file(
        [["Name", "Layer", "Core group", "Email"], ["Town hall", "board", "yes", "a@b.be"]],
        delimiter=",",
        encoding="utf-8",
    )
    _apply(team.project, content)

    party = Party.objects.get(project=team.project)
    assert (party.name, party.layer, party.in_core_group) == ("Town hall", "board", True)
    assert (party.contacts.get().name, party.contacts.get().email) == ("a@b.be", "a@b.be")


def test_windows_1252_csv_keeps_its_accents(team):
    content = csv_file(
        [["Naam", "Doelen"], ["Café De Brug", "Gezonde tanden à volonté"]], encoding="cp1252"
    )
    _apply(team.project, content)
    party = Party.objects.get(project=team.project)
    assert (party.name, party.goals) == ("Café De Brug", "Gezonde tanden à volonté")


def test_empty_rows_and_columns_are_ignored_and_unknown_columns_reported(team):
    content = xlsx(
        [
            [None, None, None],
            ["Organisatie", None, "Lievelingskleur", "Laag"],
            [None, None, None, None],
            ["Huis van het Kind", None, "blauw", "staff"],
            [],
            ["  ", None, None, None],
            ["Logo", None, None, "management"],
        ]
    )
    outcome = party_import_preview(project=team.project, content=content)

    assert outcome.ok and outcome.created == 2
    assert outcome.warnings == ["The column “Lievelingskleur” is not known and has been left out."]


def test_a_name_matches_whatever_its_case_and_accents(team):
    party = make_party(team.project, name="Café De Brug", layer="staff")
    outcome = _apply(team.project, xlsx([["Naam", "Laag"], ["CAFE de brug", "bestuur"]]))

    assert (outcome.created, outcome.updated) == (0, 1)
    party.refresh_from_db()
    assert party.layer == "board" and party.name == "Café De Brug" and party.version == 2
    assert Party.objects.filter(project=team.project).count() == 1


def test_an_update_records_a_version_with_its_changes(team):
    party = make_party(team.project, name="Logo", layer="staff")
    _apply(team.project, xlsx([["Naam", "Laag"], ["Logo", "board"]]), team.editor)

    version = party.project.versions.filter(object_id=party.pk).first()
    assert version.action == "update" and version.user == team.editor
    assert version.changes == {"layer": ["staff", "board"]}


def test_one_bad_row_shows_every_problem_by_cell_and_changes_nothing(team):
    existing = make_party(team.project, name="Logo", layer="staff")
    content = xlsx(
        [
            ["Naam", "Laag", "Macht", "Belang", "Kerngroep", "Datum beoordeling", "E-mail"],
            ["Huis van het Kind", "staff", None, None, "ja", None, "info@huisvanhetkind.be"],
            ["Logo", "kelder", 6, "veel", "misschien", "31-31-2026", "geen-adres"],
        ]
    )
    with translation.override("en"):
        outcome = party_import_preview(project=team.project, content=content)
        messages = [str(error) for error in outcome.errors]

    assert "row 3, column Macht: 6 is not on the scale 1–5" in messages
    assert "row 3, column Belang: veel is not a number" in messages
    assert any(m.startswith("row 3, column Laag: kelder is not one of") for m in messages)
    assert any(m.startswith("row 3, column Kerngroep: misschien") for m in messages)
    assert any(m.startswith("row 3, column Datum beoordeling:") for m in messages)
    assert any(m.startswith("row 3, column E-mail:") for m in messages)
    assert not outcome.ok and {e.row for e in outcome.errors} == {3}
    assert (outcome.created, outcome.updated) == (1, 0)  # the bad row counts as a problem

    with pytest.raises(ImportRefused):
        _apply(team.project, content)
    assert list(Party.objects.filter(project=team.project)) == [existing]
    existing.refresh_from_db()
    assert existing.layer == "staff" and existing.version == 1


def test_the_same_party_twice_in_a_file_is_an_error_on_the_second_row(team):
    content = xlsx([["Naam"], ["Logo Brussel"], ["Huis"], ["LOGO brussel"]])
    with translation.override("en"):
        outcome = party_import_preview(project=team.project, content=content)
        assert [str(e) for e in outcome.errors] == [
            "row 4, column Naam: “LOGO brussel” is already on row 2"
        ]


def test_a_row_without_a_name_is_an_error(team):
    outcome = party_import_preview(
        project=team.project, content=xlsx([["Naam", "Laag"], [None, "board"]])
    )
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "Naam")]


def test_a_file_without_a_name_column_is_refused_as_a_whole(team):
    outcome = party_import_preview(project=team.project, content=xlsx([["Laag"], ["board"]]))
    assert not outcome.ok and outcome.errors[0].row is None


def test_two_columns_meaning_the_same_is_an_error(team):
    outcome = party_import_preview(
        project=team.project, content=xlsx([["Naam", "Organisatie"], ["A", "B"]])
    )
    assert not outcome.ok and outcome.errors[0].column == "Organisatie"


def test_contacts_are_added_once_and_matched_by_name(team):
    party = make_party(team.project, name="Logo")
    make_contact(party, name="Anna Peeters", email="oud@logo.be")
    content = xlsx(
        [
            [
                "Naam",
                "Contactpersoon 1 naam",
                "Contactpersoon 1 e-mail",
                "Contactpersoon 2 naam",
                "Contactpersoon 2 niet contacteren",
            ],
            ["Logo", "anna peeters", "nieuw@logo.be", "Bart Claes", "x"],
        ]
    )
    _apply(team.project, content)
    _apply(team.project, content)

    contacts = {c.name: c for c in party.contacts.all()}
    assert set(contacts) == {"Anna Peeters", "Bart Claes"}
    assert contacts["Anna Peeters"].email == "nieuw@logo.be"
    assert contacts["Bart Claes"].do_not_contact is True
    assert contacts["Bart Claes"].legal_basis == "legitimate_interest"


def test_a_contact_without_a_name_is_an_error(team):
    content = xlsx(
        [
            ["Naam", "Contactpersoon 1 naam", "Contactpersoon 1 telefoon"],
            ["Logo", None, "0470 12 34 56"],
        ]
    )
    outcome = party_import_preview(project=team.project, content=content)
    assert [(e.row, e.column) for e in outcome.errors] == [(2, "Contactpersoon 1 naam")]


def test_an_assessment_is_recorded_only_when_it_differs_from_the_latest(team):
    party = make_party(team.project, name="Logo")
    assess(party, on=date(2026, 1, 1), power=3, interest=3)
    same = xlsx([["Naam", "Macht", "Belang"], ["Logo", 3, 3]])
    different = xlsx([["Naam", "Macht", "Belang"], ["Logo", "5", 3]])

    assert party_import_preview(project=team.project, content=same).unchanged == 1
    _apply(team.project, same)
    assert party.assessments.count() == 1

    _apply(team.project, different, team.owner)
    party.refresh_from_db()
    assert party.assessments.count() == 2
    latest = party.latest_assessment
    # the cells left out come from the previous assessment; the date is today
    assert (latest.power, latest.interest, latest.legitimacy) == (5, 3, 3)
    assert latest.assessed_on == timezone.localdate()


def test_an_older_assessment_is_kept_but_does_not_become_the_latest(team):
    party = make_party(team.project, name="Logo")
    newest = assess(party, on=date(2026, 3, 1), power=3)
    _apply(team.project, xlsx([["Naam", "Macht", "Datum"], ["Logo", 1, "01-01-2025"]]))

    party.refresh_from_db()
    assert party.assessments.count() == 2 and party.latest_assessment == newest


def test_a_new_party_needs_every_score_for_an_assessment(team):
    outcome = party_import_preview(
        project=team.project, content=xlsx([["Naam", "Macht"], ["Logo", 3]])
    )
    assert [(e.row, e.column) for e in outcome.errors] == [(2, None)]
    assert "Interest, Legitimacy, Urgency, Attitude" in outcome.errors[0].message


def test_segments_are_matched_by_name_and_unknown_ones_added(team):
    known = make_segment(team.project, name="Nieuwkomers")
    content = xlsx([["Naam", "Deelgroepen"], ["Logo", "nieuwkomers; Ouderen"]])

    outcome = party_import_preview(project=team.project, content=content)
    assert any("Ouderen" in warning for warning in outcome.warnings)
    _apply(team.project, content)

    party = Party.objects.get(project=team.project)
    assert {s.name for s in party.segments.all()} == {"Nieuwkomers", "Ouderen"}
    assert TargetSegment.objects.filter(project=team.project).count() == 2
    assert known in party.segments.all()


def test_an_empty_text_cell_empties_the_field_an_empty_choice_keeps_it(team):
    party = make_party(team.project, name="Logo", goals="Oud doel", layer="board")
    _apply(team.project, xlsx([["Naam", "Doelen", "Laag"], ["Logo", None, None]]))
    party.refresh_from_db()
    assert (party.goals, party.layer) == ("", "board")


def test_a_formula_guard_is_removed_on_import(team):
    _apply(team.project, csv_file([["Naam", "Belangen"], ["Logo", "'=1+1"]]))
    assert Party.objects.get(project=team.project).interests == "=1+1"


def test_parties_in_other_projects_are_never_touched(team):
    foreign = make_party(team.other_project, name="Logo", layer="staff")
    _apply(team.project, xlsx([["Naam", "Laag"], ["Logo", "board"]]))
    foreign.refresh_from_db()
    assert foreign.layer == "staff"
    assert Party.objects.filter(project=team.project, name="Logo").exists()


def _rows(count: int, desired: str = "supportive") -> bytes:
    header = [
        "Naam",
        "Laag",
        "Macht",
        "Belang",
        "Legitimiteit",
        "Urgentie",
        "Houding",
        "Huidige betrokkenheid",
        "Gewenste betrokkenheid",
        "Deelgroepen",
        "Contactpersoon 1 naam",
    ]
    return xlsx(
        [header]
        + [
            [f"Partij {n}", "staff", 3, 3, 3, 3, 0, "neutral", desired, "A; B", f"Persoon {n}"]
            for n in range(count)
        ]
    )


def _queries(project, content: bytes) -> tuple[int, int]:
    """(SELECTs, all queries) of an import."""
    with CaptureQueriesContext(connection) as captured:
        party_import_apply(project=project, content=content)
    sql = [q["sql"].lstrip().upper() for q in captured.captured_queries]
    return sum(s.startswith("SELECT") for s in sql), len(sql)


def test_import_reads_the_register_in_a_fixed_number_of_queries(team):
    small, large = make_project(team.owner), make_project(team.owner)
    small_selects, _small_total = _queries(small, _rows(5))
    large_selects, large_total = _queries(large, _rows(240))

    assert small_selects == large_selects
    assert large_total < 240 / 5  # writes go in batches, never one per row
    assert Assessment.objects.filter(party__project=large).count() == 240
    assert ContactPerson.objects.filter(party__project=large).count() == 240
    # and updating every party (a new assessment each) too
    assert _queries(small, _rows(5, "leading"))[0] == _queries(large, _rows(240, "leading"))[0]
    assert Assessment.objects.filter(party__project=large).count() == 480
