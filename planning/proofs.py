"""What the project's own data already shows about the step plan.

Some checklist items can be read from the register: a vision on the project page, segments of the
target group, parties assessed, forces listed. Those are ticked by the data, with a link to where it
shows; the rest stay for the user to tick. The rules are pure functions of a few counts
(`Facts`), read in one query by `planning.selectors`, so they are tested without a database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parties.models import Layer

# The register needs a few parties before it counts as listed: one is a start, not a map.
PARTIES_LISTED = 3


@dataclass(frozen=True)
class Facts:
    """Counts over the project's live data (objects in the bin do not count)."""

    parties: int = 0
    assessed: int = 0
    with_interests: int = 0  # goals or interests noted
    core_group: int = 0
    critical: int = 0  # latest attitude opposition or strong opposition
    layers: int = 0  # distinct layers with at least one party
    segments: int = 0
    gaps: int = 0  # segments no live party reaches
    activities: int = 0
    with_expectations: int = 0
    has_vision: bool = False
    has_change: bool = False
    driving: int = 0
    restraining: int = 0
    force_actions: int = 0
    carried_actions: int = 0  # plan actions someone carries
    preconditions: int = 0
    contributions: int = 0
    successes: int = 0

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


@dataclass(frozen=True)
class Proof:
    """What the data shows for one item: `done` ticks it; otherwise `text` shows how far it is."""

    done: bool
    text: str
    url: str


def _url(name: str, project_id: int, query: str = "") -> str:
    return reverse(name, args=[project_id]) + (f"?{query}" if query else "")


def _core_register(f: Facts, pid: int) -> Proof | None:
    if not f.core_group:
        return None
    text = ngettext(
        "%(n)s party is marked as core group.", "%(n)s parties are marked as core group.",
        f.core_group,
    ) % {"n": f.core_group}
    return Proof(True, text, _url("parties:list", pid, "core=yes"))


def _vision(f: Facts, pid: int) -> Proof | None:
    if not f.has_vision:
        return None
    return Proof(True, _("The vision is on the project page."), _url("projects:about", pid))


def _segments(f: Facts, pid: int) -> Proof | None:
    if not f.segments:
        return None
    text = ngettext(
        "%(n)s segment of the target group.", "%(n)s segments of the target group.", f.segments
    ) % {"n": f.segments}
    return Proof(True, text, _url("projects:segments", pid))


def _participation(f: Facts, pid: int) -> Proof | None:
    if not f.activities:
        return None
    text = ngettext(
        "%(n)s participation activity recorded.", "%(n)s participation activities recorded.",
        f.activities,
    ) % {"n": f.activities}
    return Proof(True, text, _url("planning:participation", pid))


def _expectations(f: Facts, pid: int) -> Proof | None:
    if not f.with_expectations:
        return None
    text = ngettext(
        "Expectations noted for %(n)s activity.", "Expectations noted for %(n)s activities.",
        f.with_expectations,
    ) % {"n": f.with_expectations}
    return Proof(True, text, _url("planning:participation", pid))


def _register(f: Facts, pid: int) -> Proof | None:
    if not f.parties:
        return None
    text = ngettext(
        "%(n)s party in the register.", "%(n)s parties in the register.", f.parties
    ) % {"n": f.parties}
    return Proof(f.parties >= PARTIES_LISTED, text, _url("parties:list", pid))


def _interests(f: Facts, pid: int) -> Proof | None:
    if not f.parties:
        return None
    text = ngettext(
        "Goals or interests noted for %(n)s of %(total)s party.",
        "Goals or interests noted for %(n)s of %(total)s parties.", f.parties,
    ) % {"n": f.with_interests, "total": f.parties}
    return Proof(f.with_interests == f.parties, text, _url("parties:list", pid))


def _assessed(f: Facts, pid: int) -> Proof | None:
    if not f.parties:
        return None
    text = ngettext(
        "%(n)s of %(total)s party assessed.", "%(n)s of %(total)s parties assessed.", f.parties
    ) % {"n": f.assessed, "total": f.parties}
    if f.assessed == f.parties:
        return Proof(True, text, _url("analysis:grid", pid))
    return Proof(False, text, _url("parties:assess_bulk", pid))


def _coverage(f: Facts, pid: int) -> Proof | None:
    if not f.segments or not f.parties:
        return None
    if f.gaps:
        text = ngettext(
            "%(n)s segment is not reached by any party yet.",
            "%(n)s segments are not reached by any party yet.", f.gaps,
        ) % {"n": f.gaps}
        return Proof(False, text, _url("analysis:coverage", pid))
    return Proof(True, _("Every segment is reached by at least one party."),
                 _url("analysis:coverage", pid))


def _critical(f: Facts, pid: int) -> Proof | None:
    if not f.critical:
        return None
    text = ngettext(
        "%(n)s party is critical of the plans.", "%(n)s parties are critical of the plans.",
        f.critical,
    ) % {"n": f.critical}
    return Proof(True, text, _url("parties:list", pid, "sort=attitude"))


def _layers(f: Facts, pid: int) -> Proof | None:
    if not f.parties:
        return None
    total = len(Layer.choices)
    text = _("Parties in %(n)s of the %(total)s layers.") % {"n": f.layers, "total": total}
    return Proof(f.layers == total, text, _url("analysis:coverage", pid))


def _change(f: Facts, pid: int) -> Proof | None:
    if not f.has_change:
        return None
    return Proof(True, _("The change is described."), _url("forcefield:page", pid))


def _forces(f: Facts, pid: int) -> Proof | None:
    if not (f.driving or f.restraining):
        return None
    text = _("%(driving)s driving and %(restraining)s restraining forces.") % {
        "driving": f.driving, "restraining": f.restraining}
    return Proof(bool(f.driving and f.restraining), text, _url("forcefield:page", pid))


def _force_actions(f: Facts, pid: int) -> Proof | None:
    if not f.force_actions:
        return None
    text = ngettext("%(n)s action planned on the forces.", "%(n)s actions planned on the forces.",
                    f.force_actions) % {"n": f.force_actions}
    return Proof(True, text, _url("forcefield:page", pid))


def _roles(f: Facts, pid: int) -> Proof | None:
    if not f.carried_actions:
        return None
    text = ngettext("%(n)s action in the plan has someone who carries it.",
                    "%(n)s actions in the plan have someone who carries them.",
                    f.carried_actions) % {"n": f.carried_actions}
    return Proof(True, text, _url("planning:plan", pid))


def _preconditions(f: Facts, pid: int) -> Proof | None:
    if not f.preconditions:
        return None
    text = ngettext("%(n)s precondition noted.", "%(n)s preconditions noted.",
                    f.preconditions) % {"n": f.preconditions}
    return Proof(True, text, _url("planning:plan", pid))


def _win_win(f: Facts, pid: int) -> Proof | None:
    if not f.contributions:
        return None
    text = ngettext("%(n)s contribution of a partner noted.",
                    "%(n)s contributions of partners noted.",
                    f.contributions) % {"n": f.contributions}
    return Proof(True, text, _url("planning:plan", pid))


def _successes(f: Facts, pid: int) -> Proof | None:
    if not f.successes:
        return None
    text = ngettext("%(n)s success logged.", "%(n)s successes logged.",
                    f.successes) % {"n": f.successes}
    return Proof(True, text, _url("planning:successes", pid))


RULES: dict[str, Callable[[Facts, int], Proof | None]] = {
    "core-register": _core_register,
    "vision-recorded": _vision,
    "target-segments": _segments,
    "target-participation": _participation,
    "target-expectations": _expectations,
    "parties-register": _register,
    "parties-interests": _interests,
    "parties-assess": _assessed,
    "parties-coverage": _coverage,
    "parties-critical": _critical,
    "parties-layers": _layers,
    "force-change": _change,
    "force-forces": _forces,
    "force-actions": _force_actions,
    "plan-roles": _roles,
    "plan-preconditions": _preconditions,
    "plan-win-win": _win_win,
    "review-successes": _successes,
}
PROVABLE = frozenset(RULES)


def proofs(facts: Facts, project_id: int) -> dict[str, Proof]:
    """Per item key, what the data shows; items the data says nothing about are left out."""
    found = {}
    for key, rule in RULES.items():
        proof = rule(facts, project_id)
        if proof is not None:
            found[key] = proof
    return found


def proven(facts: Facts) -> set[str]:
    """The item keys the data ticks, without building links (for counts)."""
    return {key for key, proof in proofs(facts, 0).items() if proof.done}
