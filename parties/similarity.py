"""Names that are probably the same party: "GGD Hollands Noorden", "ggd hollands-noorden",
"GGD Holands Noorden". Compared on the case- and accent-free key (lib.collation.sort_key) with
RapidFuzz, so the warning on the party form and, later, the merging of duplicates agree on what
counts as close.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from lib.collation import sort_key
from parties.models import Party
from projects.models import Project

# A score out of 100; 88 catches a typo or a missing hyphen in a name of ten letters or more,
# and leaves apart names that only share a word ("GGD West" and "GGD Oost" score below it).
THRESHOLD = 88


@dataclass(frozen=True)
class SimilarName:
    party_id: int
    name: str
    score: int  # 100 for the same name once case and accents are ignored


def _key(name: str) -> str:
    # default_process drops punctuation and repeated spaces, so "Huis-van-het-Kind" meets
    # "Huis van het Kind".
    return utils.default_process(sort_key(name))


def similar_names(
    *, project: Project, name: str, exclude_id: int | None = None, limit: int = 5
) -> list[SimilarName]:
    """The project's parties whose name is close to `name`, closest first. One query."""
    key = _key(name)
    if not key:
        return []
    parties = Party.objects.filter(project=project)
    if exclude_id is not None:
        parties = parties.exclude(pk=exclude_id)
    rows = list(parties.values_list("pk", "name"))
    choices = {pk: _key(other) for pk, other in rows}
    names = dict(rows)
    found = process.extract(
        key,
        choices,
        scorer=fuzz.ratio,
        score_cutoff=THRESHOLD,
        limit=limit,
        processor=None,
    )
    return [
        SimilarName(pk, names[pk], round(score))
        for _choice, score, pk in sorted(found, key=lambda hit: (-hit[1], names[hit[2]]))
    ]
