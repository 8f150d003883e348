"""The method's step plan: eight steps, each with a short checklist. Shipped as code so every
project ticks the same items; a tick is stored per project under the item's key (StepTick).

Keys are stable: renaming one would orphan the ticks stored under it. The texts are the
product's own (English msgids, translated in the catalogues).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from planning.models import Phase


@dataclass(frozen=True)
class Item:
    key: str
    text: str | Promise
    # A page of the product where the work for this item is done: (URL name, needs project id).
    link: str = ""


@dataclass(frozen=True)
class Step:
    key: str  # the same as the plan's phase
    number: int
    title: str | Promise
    purpose: str | Promise
    items: tuple[Item, ...]


STEPS: tuple[Step, ...] = (
    Step(
        Phase.CORE_GROUP,
        1,
        _("Form the core group"),
        _("A few committed partners who carry the work from the start."),
        (
            Item("core-partners", _("Find one or a few partners who want to take an active part "
                                    "and can free up time for it.")),
            Item("core-expertise", _("Check that the core group knows the health theme or works "
                                     "with socially vulnerable groups, preferably both.")),
            Item("core-agreements", _("Agree who coordinates, how often you meet and how the "
                                      "core group decides.")),
            Item("core-long-term", _("Name the partners you can rely on for years, not only "
                                     "for the first months.")),
            Item("core-register", _("Mark the core-group partners in the register of parties."),
                 "parties:list"),
        ),
    ),
    Step(
        Phase.VISION,
        2,
        _("Write a shared vision"),
        _("The same direction for every partner, with room for what makes each one different."),
        (
            Item("vision-everyone", _("Agree together on prevention and health for everyone as "
                                      "the starting point.")),
            Item("vision-theme", _("Work it out for your theme: what you want to change, and "
                                   "for whom.")),
            Item("vision-reach", _("Describe how you will also reach the people with the fewest "
                                   "chances of a healthy life.")),
            Item("vision-own", _("Write down what each partner keeps of its own beside the "
                                 "shared vision.")),
            Item("vision-recorded", _("Put the vision on the project page, so every partner "
                                      "reads the same text."), "projects:about"),
        ),
    ),
    Step(
        Phase.CONVINCE,
        3,
        _("Convince management and local government"),
        _("Extra time and money to reach everyone, backed by local figures."),
        (
            Item("convince-policy", _("Find where health inequality and your theme already "
                                      "appear in the multi-year plan and other policy texts.")),
            Item("convince-figures", _("Collect local figures on the problem, from the municipal "
                                       "or health monitor, and set them beside the region.")),
            Item("convince-brief", _("Write a short argument: the problem, what it leads to, "
                                     "the figures and a workable way forward.")),
            Item("convince-gains", _("Talk about what partners can bring and gain, not only "
                                     "about the extra work you ask of them.")),
            Item("convince-timing", _("Bring the request in before the decision that counts, "
                                      "such as the budget debate.")),
            Item("convince-temporary", _("Ask first for a concrete commitment for a limited "
                                         "time; the long term can follow.")),
        ),
    ),
    Step(
        Phase.TARGET_GROUP,
        4,
        _("Involve the target group"),
        _("People from the end target group take part from the start, not only at the end."),
        (
            Item("target-segments", _("Split the end target group into segments and name the "
                                      "most vulnerable ones."), "projects:segments"),
            Item("target-early", _("Discuss your plans early with people from the group, in "
                                   "places where they already come.")),
            Item("target-participation", _("Plan how they take part throughout: interviews, a "
                                           "sounding-board group, coaches from the group."),
                 "planning:participation"),
            Item("target-expectations", _("Write down what they expect of the project, and what "
                                          "you did with it."), "planning:participation"),
            Item("target-ambassadors", _("Find people from the group who want to be "
                                         "ambassadors or coaches.")),
        ),
    ),
    Step(
        Phase.PARTIES,
        5,
        _("Map the parties"),
        _("Who matters, what each one wants, and how they relate to each other."),
        (
            Item("parties-register", _("List the parties inside and outside your organisation, "
                                       "citizens and their groups included."), "parties:list"),
            Item("parties-interests", _("Note each party's goals, interests and activities, and "
                                        "what it already does for health.")),
            Item("parties-assess", _("Score power, interest and attitude for each party."),
                 "analysis:grid"),
            Item("parties-coverage", _("Check that the partners together reach every segment of "
                                       "the target group."), "analysis:coverage"),
            Item("parties-critical", _("Invite at least one party that is critical of the "
                                       "plans.")),
            Item("parties-layers", _("Look for support in every layer: board, management, the "
                                     "staff who do the work, residents.")),
        ),
    ),
    Step(
        Phase.FORCE_FIELD,
        6,
        _("Analyse the force field"),
        _("What pushes the change forward, what holds it back, and what you do about both."),
        (
            Item("force-change", _("Describe in one or two sentences the change you want."),
                 "forcefield:page"),
            Item("force-forces", _("List the driving and the restraining forces, each with its "
                                   "strength."), "forcefield:page"),
            Item("force-actions", _("Plan actions that strengthen a driving force or weaken a "
                                    "restraining one.")),
            Item("force-energy", _("Find where there is already energy, and build on it.")),
        ),
    ),
    Step(
        Phase.PLAN,
        7,
        _("Make the plan together"),
        _("Who does what, where partners strengthen each other, and what it takes."),
        (
            Item("plan-roles", _("Agree who takes which role, and where partners can strengthen "
                                 "each other."), "planning:plan"),
            Item("plan-preconditions", _("Note for each action the hours, money or other means "
                                         "it needs, and who provides them."), "planning:plan"),
            Item("plan-win-win", _("Write down what each partner contributes and what it "
                                   "gains."), "planning:plan"),
            Item("plan-small", _("Start with a small group and a first action, then widen step "
                                 "by step.")),
            Item("plan-report", _("Set the moments when you show results to the board and the "
                                  "council.")),
        ),
    ),
    Step(
        Phase.REVIEW,
        8,
        _("Review and keep support alive"),
        _("Support needs care all along: come back to it after every step."),
        (
            Item("review-interests", _("After each step, ask party by party whether the "
                                       "interests are still shared.")),
            Item("review-assess", _("Record a new assessment for every party whose position "
                                    "changed.")),
            Item("review-successes", _("Log successes and share them with the partners and the "
                                        "council."), "planning:successes"),
            Item("review-widen", _("Widen the network where the plan needs new partners.")),
            Item("review-keep", _("Keep the partners you have closely involved, in a way that "
                                  "is pleasant, clear and feasible for them.")),
        ),
    ),
)

ITEMS: dict[str, Item] = {item.key: item for step in STEPS for item in step.items}
STEP_OF_ITEM: dict[str, Step] = {item.key: step for step in STEPS for item in step.items}
TOTAL_ITEMS = len(ITEMS)
