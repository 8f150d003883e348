"""What an import found or did: counts of rows, and every problem by row and column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lib.text import strip_control_characters
from transfer.columns import Placed, Segments, Text, unescape_formula
from transfer.reading import Table

# Beyond this many, unknown columns are named in one short line instead of one line each.
NAMED_UNKNOWN = 5


@dataclass
class Problem:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        values = {"row": self.row, "column": self.column, "message": self.message}
        if self.row and self.column:
            return _("row %(row)s, column %(column)s: %(message)s") % values
        if self.row:
            return _("row %(row)s: %(message)s") % values
        if self.column:
            return _("column %(column)s: %(message)s") % values
        return self.message


@dataclass
class Outcome:
    """A preview (nothing written) or the result of applying an import."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str = ""  # what a CSV file was read as; empty for a workbook
    # What an applied import created, by kind, for undoing it as a whole; None when it also
    # changed what was there already (undone only by hand, through each object's history).
    # The ids as runs [first, last] (history.services.id_ranges): a few numbers per kind.
    created_ids: dict[str, list[list[int]]] | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    def as_json(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [[p.row, p.column, p.message] for p in self.errors],
            "warnings": self.warnings,
            "encoding": self.encoding,
            **({"created_ids": self.created_ids} if self.created_ids is not None else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Outcome:
        return cls(
            created=data.get("created", 0),
            updated=data.get("updated", 0),
            unchanged=data.get("unchanged", 0),
            errors=[Problem(*error) for error in data.get("errors", [])],
            warnings=list(data.get("warnings", [])),
            encoding=data.get("encoding", ""),
            created_ids=data.get("created_ids"),
        )


@dataclass
class Header:
    index: int  # position in the row
    title: str  # as written in the file
    placed: Placed


def place_columns(
    titles: Sequence[str], place: Callable[[str], Placed | None]
) -> tuple[list[Header], list[Problem], list[str]]:
    """The file's headers as understood; two headers meaning the same thing is an error, an
    unknown header a warning (its column is left out)."""
    headers: list[Header] = []
    errors: list[Problem] = []
    seen: dict[tuple, str] = {}
    unknown: list[str] = []
    for index, title in enumerate(titles):
        if not title:
            continue
        placed = place(title)
        if placed is None:
            unknown.append(title)
            continue
        if placed.identity in seen:
            errors.append(
                Problem(
                    None,
                    title,
                    _(
                        "“%(first)s” and “%(second)s” are read as the same column; "
                        "rename or remove one."
                    )
                    % {"first": seen[placed.identity], "second": title},
                )
            )
            continue
        seen[placed.identity] = title
        headers.append(Header(index, title, placed))
    return headers, errors, _unknown_columns(unknown)


def _unknown_columns(titles: list[str]) -> list[str]:
    """One line per unknown column, or for many of them one line that names the first few."""
    if len(titles) <= NAMED_UNKNOWN:
        return [
            _("The column “%(column)s” is not known and has been left out.") % {"column": title}
            for title in titles
        ]
    first = ", ".join(f"“{title[:40]}”" for title in titles[:NAMED_UNKNOWN])
    rest = len(titles) - NAMED_UNKNOWN
    return [
        ngettext(
            "%(count)s columns are not known and have been left out: %(first)s and %(rest)s more.",
            "%(count)s columns are not known and have been left out: %(first)s and %(rest)s more.",
            len(titles),
        )
        % {"count": _thousands(len(titles)), "first": first, "rest": _thousands(rest)}
    ]


def reading_problems(table: Table) -> list[Problem]:
    """Rows of a UTF-8 file with bytes that are not UTF-8: they cannot be imported as written."""
    return [
        Problem(
            number,
            None,
            _(
                "this row holds characters that could not be read (shown as �): the file is "
                "UTF-8 except here. Retype them, or save the file again as “CSV UTF-8”."
            ),
        )
        for number in table.damaged_rows
    ]


def multiline(placed: Placed) -> bool:
    """Long texts (goals, notes) keep their tabs and line breaks; segments are split on them."""
    codec = placed.column.codec
    return isinstance(codec, Segments) or (isinstance(codec, Text) and not codec.max_length)


def cell(cells: Sequence[Any], index: int, *, lines: bool = False) -> Any:
    """A cell's value with spaces around it, a formula guard and control characters removed
    (tab and newline kept when `lines`); blank is None."""
    value = cells[index] if index < len(cells) else None
    if isinstance(value, str):
        value = unescape_formula(value.strip())
        value = strip_control_characters(value, multiline=lines).strip()
        return value or None
    return value


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")
