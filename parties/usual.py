"""The usual local parties of a health project, shipped as data (parties/data/usual_parties.json):
per country of the project's places and per health theme, so a new project adds its first parties
with one click each instead of typing them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lib.collation import sort_key
from parties.models import Party
from projects.models import Place, Project
from projects.vocabulary import project_country

DATA = Path(__file__).resolve().parent / "data" / "usual_parties.json"
PARTY_FIELDS = ("kind", "sector", "layer", "role", "ring")


@dataclass(frozen=True)
class UsualParty:
    key: str
    name: str
    country: str
    themes: tuple[str, ...]  # empty: every theme
    fields: tuple[tuple[str, str], ...]

    def data(self) -> dict[str, str]:
        """What party_create needs."""
        return {"name": self.name, **dict(self.fields)}


@cache
def catalogue() -> dict[str, UsualParty]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    entries = {}
    for country in Place.Country.values:
        for entry in raw.get(country, []):
            entries[entry["key"]] = UsualParty(
                key=entry["key"],
                name=entry["name"],
                country=country,
                themes=tuple(entry.get("themes", [])),
                fields=tuple((name, entry[name]) for name in PARTY_FIELDS if name in entry),
            )
    return entries


def for_place(*, countries: set[str], theme: str) -> list[UsualParty]:
    """The entries for these countries (both when none is known) and this theme: the ones made
    for the theme first, then the general ones."""
    wanted = countries or set(Place.Country.values)
    chosen = [
        entry
        for entry in catalogue().values()
        if entry.country in wanted and (not entry.themes or theme in entry.themes)
    ]
    return sorted(chosen, key=lambda entry: (not entry.themes, entry.country))


def usual_parties(*, project: Project) -> list[UsualParty]:
    """What the project can still add: entries whose name is not in the register yet. Two
    queries (the places, the names)."""
    # The country set on the project, else the places' countries (both when they differ).
    country = project_country(project)
    countries = {country} if country else {place.country for place in project.places.all()}
    present = set(Party.objects.filter(project=project).values_list("sort_name", flat=True))
    return [
        entry
        for entry in for_place(countries=countries, theme=project.theme)
        if sort_key(entry.name) not in present
    ]
