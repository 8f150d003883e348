"""The board part of the demo workspace: profiles of Hoogveld's board members and a decision
calendar around today (a budget round, council and committee meetings, one decision taken, one
waiting for its outcome). Everything is invented; the dates move with today."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from governance import services
from governance.models import DecisionMoment
from parties.models import Layer, Party
from projects.models import Project

Kind = DecisionMoment.Kind

COLLEGE = "College van burgemeester en schepenen"
SCHEPEN = "Schepen van welzijn, gezondheid en gezin – Griet Moerman"
BURGEMEESTER = "Burgemeester Jan Ceulemans"
FINANCIEN = "Schepen van financiën – Dirk Verstraete"
COMMISSIE = "Gemeenteraadscommissie Welzijn en Samenleving"

PROFILES: dict[str, dict[str, Any]] = {
    SCHEPEN: {
        "portfolios": "Welzijn, gezondheid, gezin en kinderopvang",
        "policy_areas": ["health", "care", "youth", "poverty"],
        "political_group": "Samen Hoogveld",
        "drivers": "Wil voor het einde van de legislatuur iets zichtbaars doen tegen "
        "kinderarmoede in de Kouterwijk; scoort graag met concrete verhalen van gezinnen.",
        "informed_by": ["conversation", "walk", "stories"],
        "informing_note": "Liefst een kort gesprek op haar kabinet, eens per maand.",
        "arguments_worked": "Kinderen die met tandpijn naar school komen; het Huis van het Kind "
        "als vertrouwde plek.",
        "arguments_failed": "Landelijke cijfers zonder link met Hoogveld.",
        "days_briefed": 24,
    },
    FINANCIEN: {
        "portfolios": "Financiën, patrimonium en personeel",
        "policy_areas": ["finance"],
        "political_group": "Liberaal Hoogveld",
        "drivers": "Een sluitend meerjarenplan; elke nieuwe uitgave moet een besparing of "
        "subsidie tegenover zich hebben.",
        "informed_by": ["note", "figures"],
        "informing_note": "Eén pagina met de kosten per jaar en wie meebetaalt.",
        "arguments_worked": "Preventie die latere zorgkosten van het OCMW vermijdt.",
        "arguments_failed": "Een project zonder einddatum of zonder cofinanciering.",
        "days_briefed": 75,
    },
    BURGEMEESTER: {
        "portfolios": "Veiligheid, communicatie en stadsontwikkeling",
        "policy_areas": ["safety", "spatial"],
        "political_group": "Samen Hoogveld",
        "drivers": "Een wijk waar bewoners zich thuis voelen; goede pers.",
        "informed_by": ["presentation"],
        "arguments_worked": "Een succesverhaal dat de stad naar buiten kan brengen.",
        "days_briefed": 140,
    },
    COLLEGE: {
        "portfolios": "Dagelijks bestuur van de gemeente",
        "policy_areas": ["health", "finance"],
        "informed_by": ["note"],
        "informing_note": "Nota via de schepen van welzijn, ten laatste de donderdag voor de "
        "zitting op maandag.",
        "days_briefed": 40,
    },
    COMMISSIE: {
        "portfolios": "Voorbereiding van de gemeenteraad voor welzijn, onderwijs en cultuur",
        "policy_areas": ["care", "education", "culture"],
        "informed_by": ["presentation", "figures"],
        "arguments_worked": "De kaart van de Kouterwijk met het tandartsbezoek per straat.",
        "days_briefed": 110,
    },
}

# days from today for the date and the paper deadline; status, outcome.
CALENDAR: list[dict[str, Any]] = [
    {
        "kind": Kind.COLLEGE, "title": "Collegezitting: startbudget mondzorgproject",
        "body": COLLEGE, "days": -40, "papers": -47,
        "ask": "Goedkeuring van het startbudget voor de screenings in de Kouterwijk.",
        "status": "decided", "outcome": "adopted",
        "outcome_note": "Goedgekeurd, met de vraag om na een jaar te rapporteren aan de "
        "commissie.",
    },
    {
        "kind": Kind.COMMITTEE, "title": "", "body": COMMISSIE, "days": -6, "papers": -20,
        "ask": "Toelichting bij de eerste resultaten van de screenings.",
        "status": "on_agenda",
    },
    {
        "kind": Kind.COLLEGE, "title": "", "body": COLLEGE, "days": 12, "papers": 5,
        "ask": "Akkoord om de samenwerking met de tandartsenkring vast te leggen.",
        "status": "planned",
    },
    {
        "kind": Kind.COMMITTEE, "title": "", "body": COMMISSIE, "days": 27, "papers": 13,
        "ask": "", "status": "planned",
    },
    {
        "kind": Kind.COUNCIL, "title": "", "body": None, "days": 41, "papers": 27,
        "ask": "", "status": "planned",
    },
    {
        "kind": Kind.PLAN_ADJUSTMENT, "title": "", "body": None, "days": 95, "papers": 45,
        "ask": "Een vaste actie ‘mondzorg voor kinderen in armoede’ in het meerjarenplan, met "
        "budget voor drie jaar.",
        "status": "planned",
    },
    {
        "kind": Kind.ANNUAL_ACCOUNTS, "title": "", "body": None, "days": 230, "papers": 188,
        "ask": "", "status": "planned",
    },
]


def governance_demo(project: Project, users: list) -> None:
    today = timezone.localdate()
    owner = users[0][0]
    parties = {
        party.name: party for party in Party.objects.filter(project=project, layer=Layer.BOARD)
    }
    for name, spec in PROFILES.items():
        party = parties.get(name)
        if party is None:
            continue
        data = {k: v for k, v in spec.items() if k != "days_briefed"}
        data["last_briefed_on"] = today - timedelta(days=spec["days_briefed"])
        services.profile_create(party=party, data=data, user=owner)
    for spec in CALENDAR:
        data = {
            "kind": spec["kind"], "title": spec["title"], "ask": spec["ask"],
            "body": parties.get(spec["body"]) if spec["body"] else None,
            "date": today + timedelta(days=spec["days"]),
            "papers_due": today + timedelta(days=spec["papers"]),
            "status": spec["status"], "outcome": spec.get("outcome", ""),
            "outcome_note": spec.get("outcome_note", ""),
        }
        services.decision_create(project=project, data=data, user=owner)
