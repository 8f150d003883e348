"""Importing indicator tables as CBS StatLine, the Flemish monitors and a GGD monitor export
them: real CSV and .xlsx files, a mapping, all or nothing with an error per row."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from evidence.figures import services
from evidence.figures.codes import level_of, normal_code, parse_number, parse_period
from evidence.figures.importing import Role, guess_mapping
from evidence.figures.models import Figure, Indicator
from transfer.reading import UnreadableFile


@pytest.fixture(autouse=True)
def _english():
    # The messages are checked in English; Dutch, the default, has its own test.
    with translation.override("en"):
        yield

CBS_CSV = (
    '"Wijken en buurten";"Codering (code)";"Perioden";'
    '"Ervaren gezondheid goed/zeer goed (%)";"Overgewicht (%)"\r\n'
    '"Nederland";"NL01      ";"2022JJ00";"79,4";"50,1"\r\n'
    '"Amsterdam";"GM0363    ";"2022JJ00";"78,2";"43,0"\r\n'
    '"Burgwallen-Oude Zijde";"WK036300  ";"2022JJ00";"80,1";"."\r\n'
    '"Kop Zeedijk";"BU03630000";"2022JJ00";"81";"38,5"\r\n'
)

GGD_CSV = (
    "Indicator;Regio;Regiocode;Jaar;Percentage;Ondergrens;Bovengrens\n"
    "Roken;Nederland;NL01;2020;19,1;18,9;19,3\n"
    "Roken;GGD Amsterdam;GG3406;2020;18,0;17,2;18,8\n"
    "Roken;Amsterdam;GM0363;2020;17,5;16,8;18,2\n"
    "Roken;Centrum;WK036300;2020;22,0;19,9;24,1\n"
)


def _xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


FLEMISH_XLSX_ROWS = [
    ["Indicator", "Gemeente", "NIS-code", "Jaar", "Waarde", "Eenheid"],
    ["Levensverwachting bij geboorte", "Vlaams Gewest", "02000", 2021, 82.3, "jaar"],
    ["Levensverwachting bij geboorte", "Gent", 44021, 2021, 81.9, "jaar"],
    ["Levensverwachting bij geboorte", "België", 1000, 2021, 81.7, "jaar"],
    ["Levensverwachting bij geboorte", "Gent", 44021, 2020, 81.2, "jaar"],
]


def _run(project, user, content, filename="table.csv", **kwargs):
    batch, table = services.figure_import_upload(
        project=project, user=user, filename=filename, content=content,
        source="CBS StatLine", licence="CC BY 4.0, CBS",
    )
    roles = kwargs.pop("roles", None) or guess_mapping(table)
    return batch, services.figure_import_run(batch=batch, roles=roles, **kwargs)


def test_codes_and_periods_of_the_portals():
    assert level_of("GM0363") == "municipality"
    assert level_of("WK036301") == "district"
    assert level_of("BU03630000") == "neighbourhood"
    assert level_of("NL01") == "country"
    assert level_of("GG3406") == "region"
    assert level_of(normal_code(1000)) == "country"
    assert level_of("02000") == "region"
    assert level_of("44021") == "municipality"
    assert level_of("44021A00-") == "neighbourhood"
    assert level_of("XYZ") is None
    assert parse_period("2022JJ00") == ("2022", date(2022, 1, 1))
    assert parse_period("2022KW03") == ("2022 Q3", date(2022, 7, 1))
    assert parse_period("2022MM11") == ("2022-11", date(2022, 11, 1))
    assert parse_period(2021) == ("2021", date(2021, 1, 1))
    assert parse_period("2019-2022")[1] == date(2019, 1, 1)
    assert parse_period("2022MM13") is None and parse_period("soon") is None
    assert parse_number("12,5") == Decimal("12.5")
    assert parse_number("12.5") == Decimal("12.5")
    assert parse_number("1.234,5") == Decimal("1234.5")
    assert parse_number("1,234.5") == Decimal("1234.5")
    assert parse_number("-3") == Decimal("-3")
    assert parse_number("abc") is None and parse_number("1,2,3,4") is None


def test_a_statline_table_with_a_column_per_indicator(team):
    batch, plan = _run(team.project, team.owner, CBS_CSV.encode("utf-8"))
    assert plan.ok and plan.missing == 1
    health = Indicator.objects.get(project=team.project, name="Ervaren gezondheid goed/zeer goed")
    assert health.unit == "%" and health.source == "CBS StatLine"
    assert health.licence == "CC BY 4.0, CBS"
    amsterdam = Figure.objects.get(indicator=health, region_code="GM0363")
    assert amsterdam.value == Decimal("78.2") and amsterdam.region_level == "municipality"
    assert amsterdam.period == "2022" and amsterdam.period_start == date(2022, 1, 1)
    assert Figure.objects.filter(indicator__project=team.project).count() == 7
    batch.refresh_from_db()
    assert batch.applied_at and batch.figures_added == 7 and bytes(batch.content) == b""


def test_a_ggd_table_keeps_its_confidence_bounds_in_windows_1252(team):
    name = "Eén of meer dagen per week roken, ook e-sigaret (café)"
    content = GGD_CSV.replace("Roken", name).encode("cp1252")
    _batch, plan = _run(team.project, team.owner, content)
    assert plan.ok, (plan.problems, plan.errors)
    centre = Figure.objects.get(region_code="WK036300")
    assert centre.indicator.name.startswith("Eén of meer")
    assert (centre.lower, centre.value, centre.upper) == (
        Decimal("19.9"), Decimal("22.0"), Decimal("24.1")
    )
    assert Figure.objects.get(region_code="GG3406").region_level == "region"


def test_a_flemish_workbook_with_nis_codes(team):
    content = _xlsx(FLEMISH_XLSX_ROWS)
    _batch, plan = _run(team.project, team.owner, content, filename="monitor.xlsx")
    assert plan.ok, (plan.problems, plan.errors)
    indicator = Indicator.objects.get(project=team.project)
    assert indicator.unit == "jaar"
    levels = dict(Figure.objects.filter(period="2021").values_list("region_code", "region_level"))
    assert levels == {"02000": "region", "44021": "municipality", "01000": "country"}


def test_a_table_with_bad_rows_stores_nothing_and_names_each_row(team):
    content = (
        GGD_CSV
        + "Roken;Oost;WK036399;20xx;12,0;;\n"
        + "Roken;Zuid;QQ12;2020;12,0;;\n"
        + "Roken;West;WK036398;2020;veel;;\n"
        + "Roken;Noord;WK036397;2020;30,0;10;20\n"
    ).encode("utf-8")
    batch, plan = _run(team.project, team.owner, content)
    assert not plan.ok
    assert [row for row, _message in plan.errors] == [6, 7, 8, 9]
    assert "20xx" in plan.errors[0][1] and "QQ12" in plan.errors[1][1]
    assert "veel" in plan.errors[2][1] and "bounds" in plan.errors[3][1]
    assert not Figure.objects.exists() and not Indicator.objects.exists()
    batch.refresh_from_db()
    assert batch.applied_at is None


def test_the_errors_of_each_row_in_dutch(team):
    content = (GGD_CSV + "Roken;West;WK036398;2020;veel;;\n"
               + "Roken;Noord;WK036397;2020;30,0;35;40\n").encode("utf-8")
    with translation.override("nl"):
        _batch, plan = _run(team.project, team.owner, content)
    assert [message for _row, message in plan.errors] == [
        "de waarde “veel” is geen getal", "de waarde ligt buiten haar grenzen",
    ]


def test_repeated_cells_are_read_alike_and_each_row_keeps_its_own_values(team):
    # Periods, regions and values repeat in a StatLine export; each is read once.
    rows = [f"Roken;R{n};WK0363{n % 3:02d};{2020 + n % 2};{n % 4},5;;\n" for n in range(6)]
    content = ("Indicator;Regio;Regiocode;Jaar;Percentage;Ondergrens;Bovengrens\n"
               + "".join(rows)).encode("utf-8")
    _batch, plan = _run(team.project, team.owner, content)
    assert plan.ok, plan.errors
    got = sorted(Figure.objects.values_list("region_code", "period", "value", "period_start"))
    assert got == sorted(
        (f"WK0363{n % 3:02d}", str(2020 + n % 2), Decimal(f"{n % 4}.5"), date(2020 + n % 2, 1, 1))
        for n in range(6)
    )


def test_the_mapping_must_name_period_region_and_values(team):
    batch, table = services.figure_import_upload(
        project=team.project, user=team.owner, filename="t.csv", content=GGD_CSV.encode()
    )
    roles = [Role.IGNORE] * len(table.headers)
    plan = services.figure_import_run(batch=batch, roles=roles)
    assert len(plan.problems) == 3 and not Figure.objects.exists()


def test_a_long_table_without_an_indicator_column_needs_its_name(team):
    content = b"Gemeente;Jaar;Waarde\nGent;2021;12,5\n"
    batch, table = services.figure_import_upload(
        project=team.project, user=team.owner, filename="t.csv", content=content
    )
    roles = guess_mapping(table)
    assert roles == [Role.REGION_NAME, Role.PERIOD, Role.VALUE]
    assert not services.figure_import_run(batch=batch, roles=roles).ok
    plan = services.figure_import_run(batch=batch, roles=roles, indicator="Armoede", unit="%")
    assert plan.ok and Figure.objects.get().indicator.name == "Armoede"


def test_importing_the_same_table_again_replaces_its_values(team):
    _run(team.project, team.owner, CBS_CSV.encode())
    _run(team.project, team.owner, CBS_CSV.replace("78,2", "77,0").encode())
    assert Figure.objects.filter(indicator__project=team.project).count() == 7
    assert Figure.objects.get(region_code="GM0363", indicator__unit="%",
                              indicator__name__startswith="Ervaren").value == Decimal("77")


def test_a_file_with_a_nul_is_refused_and_nothing_kept(team):
    from evidence.figures.models import FigureImport

    with pytest.raises(UnreadableFile):
        services.figure_import_upload(
            project=team.project, user=team.owner, filename="t.csv",
            content=GGD_CSV.encode() + b"x\x00y;1\n",
        )
    assert not FigureImport.objects.exists()


def test_control_characters_in_names_are_stripped(team):
    # a few in a real table (more would mark the file as binary)
    plain = "".join(f"Armoede;Gent;{year};3\n" for year in range(1990, 2020))
    content = ("Indicator;Regio;Jaar;Waarde\nArm\x07oede;Gent\x1b;2021;3\n" + plain).encode()
    _batch, plan = _run(team.project, team.owner, content)
    assert plan.ok
    figure = Figure.objects.get(period="2021")
    assert figure.indicator.name == "Armoede" and figure.region_name == "Gent"
