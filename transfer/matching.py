"""For an import's preview: the rows that would add a party the register probably already has
under another spelling ("CAW Oost" for "CAW Oost-Vlaanderen"), with the party they probably
are. The same matcher as the duplicates page (parties.duplicates), so both agree on what counts
as the same party.

Read from the upload as the check stored it; the import itself still matches by exact name
only, so the preview says which rows to correct before importing.
"""

from __future__ import annotations

from dataclasses import dataclass

from parties.duplicates import CODE_SCORE, Found, NameIndex, Reason, code_key
from parties.models import Party
from transfer.columns import name_key, place_header
from transfer.models import ImportBatch
from transfer.outcome import cell, place_columns
from transfer.reading import table_load

# The preview names at most this many rows; the count says how many there are in all.
SHOWN = 200
NAME = ("party", "name", 0)
CODE = ("party", "official_code", 0)


@dataclass(frozen=True)
class ProposedMatch:
    row: int
    name: str  # as written in the file
    party_id: int
    party_name: str
    reason: Found


def proposed_matches(*, batch: ImportBatch) -> list[ProposedMatch]:
    """Rows of a checked party upload that would add a new party while the register has one
    that is probably the same (the same official code, or a name alike); in file order. Two
    queries: the stored file, the register."""
    if batch.kind != ImportBatch.Kind.PARTIES:
        return []
    # The register first: into an empty one nothing can match, and the stored file is not
    # unpacked at all.
    parties = list(
        Party.objects.filter(project_id=batch.project_id).values_list(
            "pk", "name", "official_code"
        )
    )
    if not parties:
        return []
    stored = ImportBatch.objects.filter(pk=batch.pk).values_list("content", flat=True).first()
    table = table_load(bytes(stored)) if stored else None
    if table is None:
        return []
    headers, _errors, _warnings = place_columns(table.headers, place_header)
    places = {h.placed.identity: h.index for h in headers}
    column = places.get(NAME)
    if column is None:
        return []
    names, codes = {}, {}
    for pk, name, code in parties:
        names[pk] = name
        if code_key(code):
            codes.setdefault(code_key(code), pk)
    existing = {name_key(name) for name in names.values()}
    index = NameIndex(names)
    matches, seen = [], set()
    for number, cells in table.rows:
        name = cell(cells, column)
        if not isinstance(name, str):
            continue
        key = name_key(name)
        if key in existing or key in seen:
            continue  # updates a party, or is a repeat the preview already reports
        seen.add(key)
        code = cell(cells, places[CODE]) if CODE in places else None
        if code is not None and code_key(str(code)) in codes:
            found = codes[code_key(str(code))], Found(Reason.CODE, CODE_SCORE)
        else:
            found = index.closest(name)
        if found is not None:
            party_id, reason = found
            matches.append(ProposedMatch(number, name, party_id, names[party_id], reason))
    return matches
