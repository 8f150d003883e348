"""The demo's argument brief: one draft for the alderman, written from the demo's data, that
quotes the coalition agreement's marked passage and shows the children's tooth decay figures,
issued once so the list offers its Word file and PDF."""

from __future__ import annotations

from django.utils import translation

from accounts.models import User
from evidence import brief, selectors
from evidence.models import IssuedBrief
from projects.models import Project

QUOTED_DOCUMENT = "Coalitieakkoord 2026-2030"
SHOWN_INDICATOR = "Kinderen van 5 jaar met tandbederf"
ASK = (
    "We vragen het college om de aanpak in de Kouterwijk te steunen zoals het coalitieakkoord "
    "belooft, en om het budget voor poetsles op school voor vier jaar vast te leggen."
)


def brief_demo(project: Project, users: list[tuple[User, str]]) -> IssuedBrief | None:
    """Write and issue the brief; None if the demo has no marked passage to quote."""
    owner = users[0][0]
    marks = list(selectors.marks(project=project).filter(
        passage__document__title=QUOTED_DOCUMENT))
    if not marks:
        return None
    # The demo speaks Dutch, as the alderman it is written for does.
    with translation.override("nl"):
        draft = brief.brief_create(
            project=project, user=owner,
            data={
                "audience": "alderman", "ask": ASK, "cited_marks": marks[:1],
                "cited_indicators": list(
                    brief.indicators(project=project).filter(name=SHOWN_INDICATOR)),
            },
        )
        return brief.brief_issue(brief=draft, user=owner)
