"""The first hour of a project: instead of a dashboard of zeros, the next step of the method,
each with one sentence of why. Done-ness is read from the project's data (planning.proofs.Facts),
never ticked by hand, so the list moves on by itself as the user works."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from planning.proofs import PARTIES_LISTED, Facts


@dataclass(frozen=True)
class FirstStep:
    key: str
    title: str | Promise
    why: str | Promise
    action: str | Promise  # the link's text
    url: str
    done: bool
    needs_edit: bool = True  # the work needs an editor; viewers and contributors just see it


@dataclass(frozen=True)
class FirstHour:
    steps: list[FirstStep]
    is_new: bool  # nothing in the register yet: the dashboard has nothing else to show

    @property
    def next(self) -> FirstStep | None:
        return next((step for step in self.steps if not step.done), None)

    @property
    def is_done(self) -> bool:
        return self.next is None

    def get(self, key: str) -> FirstStep:
        return next(step for step in self.steps if step.key == key)

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)


def first_hour(facts: Facts, project_id: int) -> FirstHour:
    def url(name: str, suffix: str = "") -> str:
        return reverse(name, args=[project_id]) + suffix

    steps = [
        FirstStep(
            "core", _("Name the core group"),
            _("One or a few committed partners who know the theme or the vulnerable groups "
              "carry the work from the start; everything else builds on them."),
            _("Add a core-group partner"), url("parties:create", "?core=1"),
            facts.core_group > 0,
        ),
        FirstStep(
            "vision", _("Write the shared vision"),
            _("A vision the partners agree on gives everyone the same direction, while each "
              "keeps what makes it different."),
            _("Write the vision"), url("projects:edit", "#id_vision"), facts.has_vision,
        ),
        FirstStep(
            "parties", _("Add the first parties"),
            _("Support is built party by party: list who matters, inside and outside your own "
              "organisation, residents included."),
            _("Add a party"), url("parties:create"), facts.parties >= PARTIES_LISTED,
        ),
        FirstStep(
            "assess", _("Assess them"),
            _("Scoring power, interest and attitude shows whom to approach first and where "
              "resistance sits."),
            _("Assess several parties at once"), url("parties:assess_bulk"),
            facts.parties > 0 and facts.assessed == facts.parties,
        ),
        FirstStep(
            "segments", _("Name the segments of the target group"),
            _("Naming the most vulnerable groups keeps them in view when partners are chosen, "
              "not only at the end."),
            _("Add the segments"), url("projects:segments"), facts.segments > 0,
            needs_edit=False,
        ),
        FirstStep(
            "coverage", _("Check who reaches each segment"),
            _("A segment that no partner reaches is a gap: look for a partner who can reach "
              "it."),
            _("See the coverage"), url("analysis:coverage"),
            facts.segments > 0 and facts.gaps == 0, needs_edit=False,
        ),
        FirstStep(
            "force-field", _("Analyse the force field"),
            _("Knowing what pushes the change forward and what holds it back tells you where "
              "to act."),
            _("Open the force field"), url("forcefield:page"),
            facts.driving > 0 and facts.restraining > 0, needs_edit=False,
        ),
        FirstStep(
            "plan", _("Make the plan together"),
            _("Agreeing who does what, and what each partner gains, turns support into "
              "shared work."),
            _("Open the shared plan"), url("planning:plan"), facts.carried_actions > 0,
            needs_edit=False,
        ),
    ]
    return FirstHour(steps, is_new=facts.parties == 0)
