from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from parties.models import Party
from tests.factories import assess, make_contact, make_party, make_segment


def fill_register(project, user) -> list[Party]:
    """A small register that uses every column: choices, yes/no, long texts, segments,
    several contacts, and parties with two assessments."""
    pregnant = make_segment(project, name="Zwangere vrouwen in armoede")
    newcomers = make_segment(project, name="Nieuwkomers")
    brug = make_party(
        project,
        name="Café De Brug",
        kind="citizen_group",
        is_internal=False,
        layer="residents",
        sector="civil_society",
        role="benefits",
        ring="thinks_along",
        goals="Een buurt waar iedereen\nmeetelt",
        interests="=SOM(A1:A9)",
        activities="-",
        position="@voorzitter",
        working_methods="Wekelijks overleg",
        health_contribution="",
        theme_expertise="Mondzorg",
        works_with_vulnerable_groups=True,
        in_core_group=True,
        own_identity="Eigen koers",
        segments=[pregnant, newcomers],
    )
    make_contact(
        brug,
        name="Anna Peeters",
        function="Voorzitter",
        email="anna@brug.be",
        phone="+32 470 12 34 56",
        legal_basis="consent",
        do_not_contact=False,
    )
    make_contact(
        brug,
        name="Émile Dubois",
        function="",
        email="",
        phone="",
        legal_basis="public_task",
        do_not_contact=True,
    )
    assess(brug, on=date(2025, 6, 1), by=user, power=2, interest=2, attitude=0)
    assess(
        brug,
        on=date(2026, 2, 1),
        by=user,
        power=4,
        interest=5,
        legitimacy=3,
        urgency=2,
        attitude=-1,
        engagement_current="resistant",
        engagement_desired="leading",
        note="Na het gesprek in februari",
    )
    school = make_party(
        project,
        name="'s-Hertogenbosch scholengroep",
        kind="organisation",
        is_internal=True,
        layer="board",
        sector="education",
        role="decides",
        ring="co_decides",
        segments=[newcomers],
    )
    make_contact(school, name="Jan de Vries", email="jan@school.nl", legal_basis="contract")
    assess(
        school,
        on=date(2026, 1, 10),
        by=user,
        power=5,
        interest=1,
        legitimacy=5,
        urgency=1,
        attitude=2,
        engagement_current="leading",
        engagement_desired="leading",
    )
    quiet = make_party(project, name="Zorgcentrum Zuid", sector="health_care")
    return [brug, school, quiet]


@pytest.fixture
def register(team) -> list[Party]:
    return fill_register(team.project, team.owner)


@pytest.fixture(autouse=True)
def _english(settings):
    """These tests read messages; they read them in English, whatever the default language."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
