"""What the analyses read of the register, in one place.

Every analysis page, the overview, the network and their downloads read these fields of a
party, and nothing else of it (see `analysis.selectors._parties`, `_dated_scores`, `_segments`
and `analysis.network.network`; a test checks the queries against this list). A change to any
other field, such as the free-text goals or interests, leaves every analysis as it was: it
neither changes the inputs version (`analysis.cache.inputs_version`) nor replaces the change
token, so no page is computed again and no refresh is queued.

No analysis reads anything of a contact person.

Names only, no models: `parties.models` imports this module.
"""

from __future__ import annotations

from collections.abc import Collection

# The party's own fields: what the analyses show (name, layer, role, ring, the target-group
# voice), how they order (sort_name), which latest assessment counts, and which parties count
# at all (project, the bin). `kind` is read into every analysis's facts as well.
PARTY_FIELDS = frozenset(
    {
        "project",
        "name",
        "sort_name",
        "kind",
        "layer",
        "role",
        "ring",
        "speaks_for_target_group",
        "latest_assessment",
        "deleted_at",
    }
)
# The party's many-to-many fields the analyses read (coverage), as its history names them.
PARTY_LINKS = frozenset({"segments"})

# Kinds of record (app_label.model_name) whose changes no analysis reads.
NOT_READ = frozenset({"parties.contactperson"})


def change_is_read(model_key: str, changed: Collection[str] | None) -> bool:
    """Whether a recorded change of a `model_key` object may alter an analysis. `changed`: the
    names of the fields that changed, None when unknown or the whole object (it was created,
    binned or restored)."""
    if model_key in NOT_READ:
        return False
    if model_key != "parties.party" or changed is None:
        return True
    return not (PARTY_FIELDS | PARTY_LINKS).isdisjoint(changed)
