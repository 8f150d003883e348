"""What an import found or did: counts of rows, and every problem by row and column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from transfer.columns import Placed, unescape_formula


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
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Outcome:
        return cls(
            created=data.get("created", 0),
            updated=data.get("updated", 0),
            unchanged=data.get("unchanged", 0),
            errors=[Problem(*error) for error in data.get("errors", [])],
            warnings=list(data.get("warnings", [])),
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
    warnings: list[str] = []
    seen: dict[tuple, str] = {}
    for index, title in enumerate(titles):
        if not title:
            continue
        placed = place(title)
        if placed is None:
            warnings.append(
                _("The column “%(column)s” is not known and has been left out.") % {"column": title}
            )
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
    return headers, errors, warnings


def cell(cells: Sequence[Any], index: int) -> Any:
    """A cell's value with spaces around it and a formula guard removed; blank is None."""
    value = cells[index] if index < len(cells) else None
    if isinstance(value, str):
        value = unescape_formula(value.strip())
        return value or None
    return value
