"""The decision calendar in the words of the project's country, and the yearly cycle each
country's municipalities follow."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from governance.models import DecisionMoment
from projects.vocabulary import FLANDERS, NETHERLANDS, project_country, word

Kind = DecisionMoment.Kind


def kind_label(project, kind: str) -> str:
    if kind == Kind.COLLEGE:
        executive = word(project, "executive")
        return capfirst(_("meeting of the %(executive)s") % {"executive": executive})
    if kind == Kind.COUNCIL:
        return capfirst(_("meeting of the %(council)s") % {"council": word(project, "council")})
    return capfirst(str(Kind(kind).label))


# The usual year, as (kind, month, day, weeks the papers are due before). The dates are a
# starting point: every council sets its own, and the user edits them.
CYCLES: dict[str, list[tuple[str, int, int, int]]] = {
    # The Dutch cycle: framework in spring, budget in autumn, accounts before the summer.
    NETHERLANDS: [
        (Kind.SPRING_MEMO, 6, 26, 8),
        (Kind.ANNUAL_ACCOUNTS, 7, 3, 6),
        (Kind.BUDGET, 11, 6, 8),
    ],
    # Flanders: accounts by the end of June, the plan's adjustment with the December budget.
    FLANDERS: [
        (Kind.ANNUAL_ACCOUNTS, 6, 24, 6),
        (Kind.PLAN_ADJUSTMENT, 12, 16, 8),
    ],
}


def cycle_for(project) -> list[tuple[str, int, int, int]]:
    """The country's cycle; a project of unknown country gets the Flemish one only when its
    places say Flanders, else the Dutch one."""
    country = project_country(project)
    return CYCLES[FLANDERS if country == FLANDERS else NETHERLANDS]


def cycle_moments(project, year: int) -> list[dict]:
    """The year's budget cycle as data for new decision moments (dates editable afterwards)."""
    moments = []
    for kind, month, day, weeks in cycle_for(project):
        # A new Flemish multi-year plan is adopted in the year after the local elections
        # (2024, then every six years); the other years adjust it.
        if kind == Kind.PLAN_ADJUSTMENT and (year - 2025) % 6 == 0:
            kind = Kind.MULTI_YEAR_PLAN
        on = date(year, month, day)
        moments.append(
            {"kind": kind, "date": on, "papers_due": on - timedelta(weeks=weeks),
             "title": "", "ask": ""}
        )
    return moments
