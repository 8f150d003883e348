"""The party register as plain data for an export: three queries, whatever its size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from parties.models import ContactPerson, Party
from projects.models import Project
from transfer.columns import ASSESSMENT_COLUMNS, CONTACT_COLUMNS, PARTY_COLUMNS

PARTY_FIELDS = [c.key for c in PARTY_COLUMNS if c.key != "segments"]
ASSESSMENT_FIELDS = [c.key for c in ASSESSMENT_COLUMNS]
CONTACT_FIELDS = [c.key for c in CONTACT_COLUMNS]


@dataclass
class RegisterRow:
    party: dict[str, Any]
    segments: list[str] = field(default_factory=list)
    assessment: dict[str, Any] | None = None  # the latest one
    contacts: list[dict[str, Any]] = field(default_factory=list)


def register_rows(*, project: Project) -> list[RegisterRow]:
    """Every party of the register (the bin left out) in name order, with its segments, latest
    assessment and contact persons (erased ones left out)."""
    latest = [f"latest_assessment__{name}" for name in ASSESSMENT_FIELDS]
    parties = (
        Party.objects.filter(project=project)
        .order_by("sort_name", "pk")
        .values("pk", *PARTY_FIELDS, *latest)
    )
    segments: dict[int, list[str]] = defaultdict(list)
    through = Party.segments.through.objects.filter(party__project=project)
    for party_id, name in through.order_by("targetsegment__name").values_list(
        "party_id", "targetsegment__name"
    ):
        segments[party_id].append(name)
    contacts: dict[int, list[dict[str, Any]]] = defaultdict(list)
    people = ContactPerson.objects.filter(party__project=project, erased_at__isnull=True)
    for contact in people.order_by("name", "pk").values("party_id", *CONTACT_FIELDS):
        contacts[contact.pop("party_id")].append(contact)
    rows = []
    for values in parties:
        pk = values.pop("pk")
        assessment = {name: values.pop(f"latest_assessment__{name}") for name in ASSESSMENT_FIELDS}
        rows.append(
            RegisterRow(
                party=values,
                segments=segments.get(pk, []),
                assessment=assessment if assessment["assessed_on"] is not None else None,
                contacts=contacts.get(pk, []),
            )
        )
    return rows
