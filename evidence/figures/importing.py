"""Reading an indicator table: the user says what each column holds, every row is checked, and
the figures are stored only when no row is wrong (all or nothing, an error per row).

Two shapes are read: long (a column for the value, and one for the indicator or a name given
once) as the GGD and the Flemish monitors export, and wide (a column per indicator, its unit
in brackets in the header) as StatLine exports a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evidence.figures.codes import (
    is_missing,
    level_of,
    normal_code,
    parse_number,
    parse_period,
    split_unit,
)
from evidence.figures.models import Figure, FigureImport, Indicator, RegionLevel
from lib.text import strip_control_characters
from transfer.reading import Table

MAX_ERRORS = 50


class Role(models.TextChoices):
    IGNORE = "", gettext_lazy("(not imported)")
    INDICATOR = "indicator", gettext_lazy("indicator")
    VALUES = "values", gettext_lazy("values of the indicator in the header")
    REGION_CODE = "region_code", gettext_lazy("region code")
    REGION_NAME = "region_name", gettext_lazy("region name")
    LEVEL = "level", gettext_lazy("region level")
    PERIOD = "period", gettext_lazy("period")
    VALUE = "value", gettext_lazy("value")
    UNIT = "unit", gettext_lazy("unit")
    LOWER = "lower", gettext_lazy("lower bound")
    UPPER = "upper", gettext_lazy("upper bound")


_SINGLE = (
    Role.INDICATOR, Role.REGION_CODE, Role.REGION_NAME, Role.LEVEL, Role.PERIOD, Role.VALUE,
    Role.UNIT, Role.LOWER, Role.UPPER,
)
_HEADER_WORDS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    (Role.LOWER, ("ondergrens", "lower", "lower bound", "ci laag", "ci_low", "min ci")),
    (Role.UPPER, ("bovengrens", "upper", "upper bound", "ci hoog", "ci_high", "max ci")),
    (Role.REGION_CODE, (
        "regiocode", "code", "codering", "nis", "nis-code", "niscode", "nis code",
        "gemeentecode", "wijkcode", "regioaanduiding/codering", "region code", "gebiedscode",
    )),
    (Role.INDICATOR, ("indicator", "onderwerp", "onderwerpen", "kenmerk", "indicatornaam")),
    (Role.LEVEL, ("niveau", "regioniveau", "level", "soort regio", "gebiedsniveau")),
    (Role.REGION_NAME, (
        "regio", "regio's", "regios", "gemeente", "wijken en buurten", "gebied", "wijk",
        "regionaam", "gemeentenaam", "region", "naam", "geografie", "gebiedsnaam",
    )),
    (Role.PERIOD, ("perioden", "periode", "jaar", "year", "period", "peildatum")),
    (Role.VALUE, ("waarde", "value", "percentage", "aantal", "cijfer")),
    (Role.UNIT, ("eenheid", "unit", "maat")),
)
_LEVEL_WORDS = {
    "land": RegionLevel.COUNTRY, "country": RegionLevel.COUNTRY, "nederland": RegionLevel.COUNTRY,
    "gemeente": RegionLevel.MUNICIPALITY, "municipality": RegionLevel.MUNICIPALITY,
    "wijk": RegionLevel.DISTRICT, "district": RegionLevel.DISTRICT,
    "buurt": RegionLevel.NEIGHBOURHOOD, "neighbourhood": RegionLevel.NEIGHBOURHOOD,
    "sector": RegionLevel.NEIGHBOURHOOD, "statistische sector": RegionLevel.NEIGHBOURHOOD,
}


def _level_word(raw: object) -> str | None:
    text = str(raw or "").strip().lower()
    if not text:
        return None
    if text in _LEVEL_WORDS:
        return _LEVEL_WORDS[text]
    if text in RegionLevel.values:
        return text
    # provincie, GGD-regio, arrondissement, centrumregio, referentieregio …
    return RegionLevel.REGION


def _text(value: Any) -> str:
    if value is None:
        return ""
    return strip_control_characters(str(value)).strip()


def guess_mapping(table: Table) -> list[str]:
    """A role for each column from its header, else from what its first rows hold."""
    roles: list[str] = []
    taken: set[str] = set()
    for header in table.headers:
        word = header.strip().lower()
        word = word.removesuffix("(code)").strip()
        role = next(
            (r for r, words in _HEADER_WORDS if word in words and r not in taken), Role.IGNORE
        )
        roles.append(role)
        if role:
            taken.add(role)
    sample = [cells for _number, cells in table.rows[:20]]
    for index, role in enumerate(roles):
        if role:
            continue
        column = [cells[index] for cells in sample if index < len(cells)]
        filled = [c for c in column if not is_missing(c)]
        if not filled:
            continue
        if Role.PERIOD not in taken and all(parse_period(c) for c in filled):
            roles[index] = Role.PERIOD
        elif Role.REGION_CODE not in taken and all(level_of(normal_code(c)) for c in filled):
            roles[index] = Role.REGION_CODE
        elif Role.VALUE not in taken and all(parse_number(c) is not None for c in filled):
            roles[index] = Role.VALUES
        else:
            continue
        if roles[index] != Role.VALUES:
            taken.add(roles[index])
    return roles


class Row(NamedTuple):
    # A tuple rather than a dataclass: 50,000 of them are made in one import.
    indicator: str
    unit: str
    region_code: str
    region_name: str
    region_level: str
    period: str
    period_start: date
    value: Decimal
    lower: Decimal | None
    upper: Decimal | None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.indicator, self.unit, self.region_code or self.region_name, self.period)


@dataclass
class Plan:
    rows: list[Row] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)
    problems: list[str] = field(default_factory=list)  # about the mapping as a whole
    missing: int = 0  # cells the source left empty or kept secret (".", "x")
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.problems and bool(self.rows)

    @property
    def indicators(self) -> list[tuple[str, str]]:
        return sorted({(row.indicator, row.unit) for row in self.rows})


def _mapping_problems(roles: Sequence[str]) -> list[str]:
    problems = []
    for role in _SINGLE:
        if list(roles).count(role) > 1:
            problems.append(
                _("Only one column can hold the %(role)s.") % {"role": Role(role).label}
            )
    if Role.PERIOD not in roles:
        problems.append(_("Choose the column that holds the period."))
    if Role.REGION_CODE not in roles and Role.REGION_NAME not in roles:
        problems.append(_("Choose the column with the region's code or its name."))
    has_values = Role.VALUES in roles
    if Role.VALUE not in roles and not has_values:
        problems.append(
            _("Choose the column with the values, or the columns that each hold an indicator.")
        )
    if Role.VALUE in roles and has_values:
        problems.append(
            _(
                "Choose either one column of values or columns that each hold an indicator, "
                "not both."
            )
        )
    if has_values and Role.INDICATOR in roles:
        problems.append(
            _("A table with a column per indicator has no column that names the indicator.")
        )
    return problems


class _RowError(Exception):
    pass


_MISSING = object()  # a cell the source left empty or kept secret


class _Cells:
    """What a table's cells mean, each distinct cell read once: a StatLine export repeats its
    periods, regions and many values thousands of times."""

    def __init__(self) -> None:
        self.numbers: dict[object, Decimal | None] = {}
        self.periods: dict[object, tuple[str, date] | None] = {}
        self.regions: dict[tuple[object, object, object], tuple[str, str, str | None]] = {}

    def number(self, raw: object) -> Decimal | None:
        try:
            return self.numbers[raw]
        except KeyError:
            value = self.numbers[raw] = parse_number(raw)
            return value
        except TypeError:  # a cell that cannot be a key
            return parse_number(raw)

    def period(self, raw: object) -> tuple[str, date] | None:
        try:
            return self.periods[raw]
        except KeyError:
            value = self.periods[raw] = parse_period(raw)
            return value
        except TypeError:
            return parse_period(raw)

    def region(self, code_raw: object, name_raw: object, level_raw: object
               ) -> tuple[str, str, str | None]:
        key = (code_raw, name_raw, level_raw)
        try:
            return self.regions[key]
        except KeyError:
            pass
        except TypeError:
            return self._region(*key)
        found = self.regions[key] = self._region(*key)
        return found

    @staticmethod
    def _region(code_raw: object, name_raw: object, level_raw: object
                ) -> tuple[str, str, str | None]:
        code = normal_code(code_raw)[:20]
        name = _text(name_raw)[:200]
        return code, name, _level_word(level_raw) or level_of(code, name)


def _bound(cells: _Cells, raw: object, which: str) -> Decimal | None:
    if is_missing(raw):
        return None
    number = cells.number(raw)
    if number is None:
        label = _("lower bound") if which == Role.LOWER else _("upper bound")
        raise _RowError(_("the %(bound)s “%(value)s” is not a number") % {
            "bound": label, "value": _text(raw)[:40],
        })
    return number


def plan_import(
    table: Table, roles: Sequence[str], *, indicator: str = "", unit: str = ""
) -> Plan:
    """Every row of the table read with the roles chosen; nothing is written."""
    plan = Plan(problems=_mapping_problems(roles))
    indicator = _text(indicator)[:300]
    if not plan.problems and Role.VALUE in roles and Role.INDICATOR not in roles and not indicator:
        plan.problems.append(_("Name the indicator: the table has no column for it."))
    if plan.problems:
        return plan
    column = {role: index for index, role in enumerate(roles) if role and role != Role.VALUES}
    value_columns = [
        (index, *split_unit(table.headers[index]))
        for index, role in enumerate(roles)
        if role == Role.VALUES
    ]
    seen: dict[tuple, int] = {}
    cells_read = _Cells()
    long_shape = Role.VALUE in column
    # Each distinct value cell: _MISSING, its number, or None when it is no number.
    values: dict[object, object] = {}
    # tuple.__new__ skips the named tuple's own __new__, a Python call per figure.
    new_row, append = tuple.__new__, plan.rows.append

    def cell(cells: list[Any], role: str) -> Any:
        index = column.get(role)
        return cells[index] if index is not None and index < len(cells) else None

    for number, cells in table.rows:
        try:
            raw_period = cell(cells, Role.PERIOD)
            period = cells_read.period(raw_period)
            if period is None:
                raise _RowError(_("“%(value)s” is not a period (e.g. 2022 or 2022JJ00)") % {
                    "value": _text(raw_period)[:40]
                })
            code, name, level = cells_read.region(
                cell(cells, Role.REGION_CODE), cell(cells, Role.REGION_NAME),
                cell(cells, Role.LEVEL),
            )
            if not code and not name:
                raise _RowError(_("the region has neither a code nor a name"))
            if level is None:
                if code:
                    raise _RowError(
                        _("“%(code)s” is not a region code of CBS or a NIS code") % {"code": code}
                    )
                level = RegionLevel.MUNICIPALITY
            if long_shape:
                name_unit = _text(cell(cells, Role.INDICATOR))[:300] or indicator
                if not name_unit:
                    raise _RowError(_("the indicator has no name"))
                series = [(name_unit, _text(cell(cells, Role.UNIT))[:50] or unit,
                           cell(cells, Role.VALUE))]
            else:
                series = [(header, own or unit, cells[index] if index < len(cells) else None)
                          for index, header, own in value_columns]
            lower = _bound(cells_read, cell(cells, Role.LOWER), Role.LOWER)
            upper = _bound(cells_read, cell(cells, Role.UPPER), Role.UPPER)
            region, region_name = code or name, name or code
            period_text, period_start = period
            for name_of, unit_of, raw in series:
                try:
                    value = values[raw]
                except KeyError:
                    value = values[raw] = _MISSING if is_missing(raw) else cells_read.number(raw)
                except TypeError:  # a cell that cannot be a key
                    value = _MISSING if is_missing(raw) else cells_read.number(raw)
                if value is _MISSING:
                    plan.missing += 1
                    continue
                if value is None:
                    raise _RowError(_("the value “%(value)s” is not a number") % {
                        "value": _text(raw)[:40]
                    })
                if (lower is not None and lower > value) or (upper is not None and upper < value):
                    raise _RowError(_("the value lies outside its bounds"))
                key = (name_of, unit_of, region, period_text)
                if key in seen:
                    raise _RowError(_("the same figure as in row %(row)s") % {
                        "row": seen[key]
                    })
                seen[key] = number
                append(new_row(Row, (name_of, unit_of, code, region_name, level, period_text,
                                     period_start, value, lower, upper)))
        except _RowError as error:
            plan.error_count += 1
            if len(plan.errors) < MAX_ERRORS:
                plan.errors.append((number, str(error)))
    if not plan.rows and not plan.errors:
        plan.problems.append(_("The table holds no figures."))
    return plan


_COLUMNS = (
    "version", "indicator_id", "region_code", "region_name", "region_level", "period",
    "period_start", "value", "lower", "upper", "batch_id",
)


def _insert(rows: list[tuple]) -> None:
    """One executemany of plain tuples for all new figures: model objects and the ORM's
    bulk_create (its SQL built per batch of a few dozen rows on SQLite) were most of an
    import's time."""
    if not rows:
        return
    table = connection.ops.quote_name(Figure._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({', '.join(_COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(_COLUMNS))})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@transaction.atomic
def apply_import(*, batch: FigureImport, plan: Plan) -> int:
    """Store the figures of a plan without errors: a figure already there for the same
    indicator, region and period takes the new value (a newer export of the same table)."""
    if not plan.ok:
        raise ValueError("a plan with errors is never applied")
    project = batch.project
    indicators: dict[tuple[str, str], int] = {
        (i.name, i.unit): i.pk
        for i in Indicator.objects.filter(
            project=project, name__in={name for name, _unit in plan.indicators}
        ).only("id", "name", "unit")
    }
    for name, unit in plan.indicators:
        if (name, unit) not in indicators:
            indicators[(name, unit)] = Indicator.objects.create(
                project=project, name=name, unit=unit, source=batch.source, licence=batch.licence
            ).pk
    existing = {
        (f.indicator_id, f.region_code or f.region_name, f.period): f
        for f in Figure.objects.filter(
            indicator__in=list(indicators.values()),
            period__in={row.period for row in plan.rows},
        ).only("id", "indicator_id", "region_code", "region_name", "period", "version")
    }
    new: list[tuple] = []
    changed: list[Figure] = []
    batch_id = batch.pk
    starts: dict[date, str] = {}
    for name, unit, code, region_name, level, period, period_start, value, lower, upper in (
        plan.rows
    ):
        indicator_id = indicators[(name, unit)]
        if existing:
            old = existing.get((indicator_id, code or region_name, period))
            if old is not None:
                old.value, old.lower, old.upper, old.batch_id = value, lower, upper, batch_id
                old.version += 1
                changed.append(old)
                continue
        start = starts.get(period_start)
        if start is None:
            start = starts[period_start] = period_start.isoformat()
        new.append((
            1, indicator_id, code, region_name, level, period, start, str(value),
            None if lower is None else str(lower), None if upper is None else str(upper),
            batch_id,
        ))
    _insert(new)
    Figure.objects.bulk_update(
        changed, ["value", "lower", "upper", "batch", "version"], batch_size=2000
    )
    batch.applied_at = timezone.now()
    batch.figures_added = len(new) + len(changed)
    batch.content = b""  # the figures hold what mattered; the file is not kept
    batch.save(update_fields=["applied_at", "figures_added", "content"])
    return batch.figures_added
