"""What a connector hands back: plain data, the same for every source, stored as JSON between
the fetch and the page."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass
class Meeting:
    uid: str
    date: date
    title: str
    kind: str  # a DecisionMoment.Kind value


@dataclass
class Item:
    """A motion or a document that matches the project's theme."""

    uid: str
    kind: str  # "motion" or "document"
    title: str
    date: date | None
    url: str = ""
    result: str = ""  # the source's normalised result, e.g. "aangenomen"
    status: str = ""  # the council's own wording of it
    votes_for: int | None = None
    votes_against: int | None = None
    # (group, for, against) per political group, where the council publishes votes
    groups: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass
class Person:
    """A mayor or alderman as the source publishes them."""

    uid: str
    name: str
    role: str  # "mayor" or "alderman"
    domains: list[str] = field(default_factory=list)
    group: str = ""
    start: date | None = None
    end: date | None = None


@dataclass
class CouncilData:
    organisation: str = ""
    query: str = ""
    meetings: list[Meeting] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


def to_json(value) -> dict:
    """A record as JSON-ready data (dates as ISO text)."""
    data = asdict(value)
    for key, item in data.items():
        if isinstance(item, date):
            data[key] = item.isoformat()
    return data


def _day(value) -> date | None:
    return date.fromisoformat(value) if value else None


def item_from_json(data: dict) -> Item:
    return Item(**{**data, "date": _day(data.get("date")),
                   "groups": [tuple(g) for g in data.get("groups", [])]})


def person_from_json(data: dict) -> Person:
    return Person(**{**data, "start": _day(data.get("start")), "end": _day(data.get("end"))})
