from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from parties.models import Party, Relation
from tests.factories import make_party, make_project

from .files import read_xlsx, xlsx

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_export_writes_the_register(team, register, tmp_path):
    target = tmp_path / "register.xlsx"
    output = _run("export", str(team.project.pk), "--output", str(target))
    assert "3 parties" in output
    assert read_xlsx(target.read_bytes())[1][0] == "Café De Brug"


def test_export_names_the_file_like_the_download(team, register, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _run("export", str(team.project.pk), "--format", "csv", "--language", "en")
    today = timezone.localdate().isoformat()
    assert (tmp_path / f"draagvlak-mondzorg-hoogveld-parties-{today}.csv").exists()


def test_export_then_import_into_another_project(team, register, tmp_path):
    target = tmp_path / "register.xlsx"
    _run("export", str(team.project.pk), "--output", str(target))
    empty = make_project(team.owner)

    output = _run("import", str(empty.pk), str(target), "--user", "alice")
    assert "new: 3  updated: 0  unchanged: 0  problems: 0" in output
    assert Party.objects.filter(project=empty).count() == 3


def test_dry_run_changes_nothing(team, tmp_path):
    source = tmp_path / "partijen.xlsx"
    source.write_bytes(xlsx([["Naam"], ["Logo"]]))
    output = _run("import", str(team.project.pk), str(source), "--dry-run")
    assert "new: 1" in output and "nothing was imported" in output
    assert not Party.objects.exists()


def test_problems_are_printed_and_exit_with_code_1(team, tmp_path):
    source = tmp_path / "partijen.csv"
    source.write_text("Naam;Macht\nLogo;6\n", encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import", str(team.project.pk), str(source), "--language", "en", stdout=out)
    assert failed.value.returncode == 1
    assert "row 2, column Macht: 6 is not on the scale 1–5" in out.getvalue()
    assert not Party.objects.exists()


def test_relations_are_imported_with_the_flag(team, tmp_path):
    make_party(team.project, name="Logo")
    make_party(team.project, name="Gemeente")
    source = tmp_path / "relaties.csv"
    source.write_text("From,To,Type\nGemeente,Logo,funding\n", encoding="utf-8")
    _run("import", str(team.project.pk), str(source), "--relations")
    assert Relation.objects.get().kind == "funds"


def test_an_unreadable_file_is_a_clear_error(team, tmp_path):
    source = tmp_path / "virus.xlsx"
    source.write_bytes(b"MZ" + bytes(range(256)) * 4)
    with pytest.raises(CommandError, match="not a spreadsheet"):
        _run("import", str(team.project.pk), str(source), "--language", "en")
