"""The cells of an upload are read once: what its preview parsed is kept with its table and is
what the import applies. The import still plans against the register as it then is, so a change
made between preview and confirmation refuses the whole import, as before."""

from __future__ import annotations

from datetime import date

import pytest

from parties.models import Party
from tests.factories import make_party
from transfer import importer, services
from transfer.models import ImportBatch
from transfer.progress import progress_clear
from transfer.reading import table_load

from .files import xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_progress_left():
    """batch_apply reports progress; batch_run, which the worker calls, clears it after."""
    yield
    for pk in ImportBatch.objects.values_list("pk", flat=True):
        progress_clear(pk)

ROWS = [
    [
        "Naam",
        "Laag",
        "Datum beoordeling",
        "Macht",
        "Belang",
        "Legitimiteit",
        "Urgentie",
        "Houding",
        "Huidige betrokkenheid",
        "Gewenste betrokkenheid",
        "Contactpersoon 1 naam",
        "Contactpersoon 1 e-mail",
        "Deelgroepen",
    ],
    [
        "Logo",
        "bestuur",
        date(2026, 1, 5),
        4,
        3,
        3,
        2,
        1,
        "neutraal",
        "steunend",
        "An",
        "an@example.org",
        "Jeugd",
    ],
    ["Café", "", None, None, None, None, None, None, None, None, "", "", ""],
]


def _upload(team, rows) -> ImportBatch:
    batch = services.batch_create(
        project=team.project,
        user=team.owner,
        kind=ImportBatch.Kind.PARTIES,
        filename="p.xlsx",
        content=xlsx(rows),
    )
    return ImportBatch.objects.get(pk=batch.pk)


def _counted_parse(monkeypatch) -> list[int]:
    parses = []
    original = importer.parse_rows

    def counted(*args, **kwargs):
        parses.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(importer, "parse_rows", counted)
    return parses


def test_the_import_applies_what_the_preview_parsed(team, monkeypatch):
    parses = _counted_parse(monkeypatch)
    batch = _upload(team, ROWS)
    assert table_load(bytes(batch.content)).parsed is None  # unless asked for
    assert table_load(bytes(batch.content), parsed=True).parsed is not None
    outcome = services.batch_apply(batch=batch, user=team.owner)
    assert parses == [1] and outcome.ok and outcome.created == 2
    logo = Party.objects.get(project=team.project, name="Logo")
    assert logo.layer == "board" and logo.latest_assessment.power == 4
    assert logo.latest_assessment.assessed_on == date(2026, 1, 5)
    assert [c.email for c in logo.contacts.all()] == ["an@example.org"]
    assert [s.name for s in logo.segments.all()] == ["Jeugd"]
    assert Party.objects.get(project=team.project, name="Café").contacts.count() == 0


def test_a_register_changed_since_the_preview_still_refuses_the_whole_import(team, monkeypatch):
    batch = _upload(team, ROWS)
    assert batch.preview["created"] == 2 and not batch.preview["errors"]
    # meanwhile, two parties of the register come to bear a name of the file
    make_party(team.project, name="Logo")
    make_party(team.project, name="LOGO")
    parses = _counted_parse(monkeypatch)
    outcome = services.batch_apply(batch=batch, user=team.owner)
    assert parses == [] and not outcome.ok
    assert "merge them first" in str(outcome.errors[0].message)
    assert not Party.objects.filter(project=team.project, name="Café").exists()


def test_a_preview_with_unreadable_cells_keeps_no_parse(team, monkeypatch):
    batch = _upload(team, [ROWS[0], ["Logo", "nergens", None, 9]])
    assert batch.preview["errors"]
    parses = _counted_parse(monkeypatch)
    outcome = services.batch_apply(batch=batch, user=team.owner)
    assert parses == [1] and not outcome.ok
    assert not Party.objects.filter(project=team.project).exists()


def test_a_parse_kept_by_another_version_is_read_again_from_the_cells(team, monkeypatch):
    batch = _upload(team, ROWS)
    table = table_load(bytes(batch.content))
    table.parsed = {"version": 0, "keys": [], "rows": []}
    parses = _counted_parse(monkeypatch)
    outcome = importer.party_import_apply(project=team.project, content=table, user=team.owner)
    assert parses == [1] and outcome.created == 2
