"""A project with what a brief argues from: a segment, a marked passage, figures, assessed
parties and a plan action with its costs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from evidence import services
from evidence.models import Figure, Indicator
from planning.services import plan_action_create, precondition_create
from tests.evidence.factories import make_document
from tests.factories import assess, make_party, make_segment

QUOTE_START = "Ambitie. We willen de gezondheidsachterstanden"


def brief_project(project, user=None):
    """Returns the marked passage's mark."""
    make_segment(project, name="Gezinnen met weinig geld", description="Meer gaatjes bij kinderen")
    document = make_document(project, user=user, organisation="Gemeente Hoogveld", year=2026)
    passage = document.passages.filter(page=2).first()
    mark = services.mark_create(passage=passage, data={"note": "De gemeente belooft dit"})
    indicator = Indicator.objects.create(
        project=project, name="Kinderen met cariës", unit="%", source="GGD Gezondheidsmonitor",
        licence="CC BY 4.0, GGD",
    )
    for name, level, value in (("Hoogveld", "municipality", "31.5"), ("Regio", "region", "24"),
                               ("Nederland", "country", "22")):
        Figure.objects.create(
            indicator=indicator, region_name=name, region_level=level, period="2024",
            period_start=date(2024, 1, 1), value=Decimal(value),
        )
    fan = make_party(project, name="Tandartsenkring")
    assess(fan, attitude=2, power=4)
    doubter = make_party(project, name="Afdeling Financiën")
    assess(doubter, attitude=-1, power=3)
    action = plan_action_create(project=project, data={"title": "Poetsles op school"}, user=user)
    precondition_create(action=action, data={"kind": "money", "amount": Decimal("5000"),
                                             "description": "lesmateriaal"}, user=user)
    return mark
