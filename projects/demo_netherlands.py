"""The demo's Dutch project: a fictional municipality in the Netherlands that builds support for a
healthy weight among children in one neighbourhood, so the demo shows the Dutch words (wethouder,
college van B&W, GGD) beside the Flemish project's. Everything here is invented; the dates move
with today like the Flemish project's."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from parties.services import assessment_record, contact_create, party_create
from projects.models import Membership, Organisation, Project, Role, TargetSegment
from projects.services import place_get_or_create, project_create

DUTCH_TITLE = "Gezond gewicht voor kinderen in Zuiderhaven-Noord"
DUTCH_ORGANISATION = "Gemeente Zuiderhaven"

# Invented codes in the CBS pattern, so the places are recognised as Dutch.
TOWN = {"name": "Zuiderhaven", "code": "GM9001"}
DISTRICTS = [{"name": "Zuiderhaven-Noord", "code": "WK900101"}]

PROJECT = {
    "title": DUTCH_TITLE,
    "theme": Project.Theme.HEALTHY_WEIGHT,
    "country": Project.Country.NETHERLANDS,
    "target_group": "Kinderen van vier tot twaalf jaar en hun ouders in Zuiderhaven-Noord, waar "
    "een op de vier kinderen overgewicht heeft.",
    "vision": "Elk kind in Zuiderhaven-Noord kan gezond opgroeien: water op school, een "
    "sportvereniging die past bij de portemonnee van de ouders, een speelplek om de hoek en een "
    "huisarts die kan doorverwijzen naar welzijn op recept. Gemeente, GGD, scholen, sport en "
    "welzijn werken vanuit één aanpak, en ouders uit de wijk denken mee.",
    "quadrant_threshold": 4,
}

SEGMENTS = {
    "low_income": ("Gezinnen met een laag inkomen", "Ouders die rondkomen van een uitkering "
                   "of een klein inkomen; sport en gezond eten schieten er vaak bij in."),
    "newcomers": ("Statushouders met jonge kinderen", "Gezinnen die de Nederlandse "
                  "voorzieningen nog niet kennen."),
    "teenagers": ("Tieners die stoppen met sporten", "Vooral meisjes vanaf twaalf jaar."),
}

# (name, kind, layer, sector, role, ring, internal, core, target-group voice, segments,
#  contact (name, function), first round, second round)
# A round: (power, interest, legitimacy, urgency, attitude, engagement now, engagement wanted).
PARTIES: list[tuple] = [
    ("College van burgemeester en wethouders", "governing_body", "board", "local_government",
     "decides", "co_decides", True, False, False, [],
     ("Marieke Janssen", "Bestuurssecretaris"),
     (5, 3, 5, 2, 0, "neutral", "supportive"), (5, 4, 5, 3, 1, "supportive", "supportive")),
    ("Wethouder zorg, jeugd en sport – Ilse de Boer", "person", "board", "local_government",
     "decides", "co_decides", True, False, False, [],
     ("Ilse de Boer", "Wethouder"),
     (5, 4, 5, 3, 1, "supportive", "leading"), (5, 5, 5, 4, 2, "leading", "leading")),
    ("Wethouder financiën – Ruud Bakker", "person", "board", "local_government",
     "decides", "thinks_along", True, False, False, [],
     ("Ruud Bakker", "Wethouder"),
     (5, 2, 5, 1, -1, "resistant", "neutral"), (5, 2, 5, 2, -1, "resistant", "neutral")),
    ("Gemeenteraad – commissie Sociaal Domein", "governing_body", "board", "local_government",
     "decides", "informed", True, False, False, [],
     ("Griffie Zuiderhaven", "Griffier"),
     (4, 2, 5, 2, 0, "unaware", "supportive"), (4, 3, 5, 2, 0, "neutral", "supportive")),
    ("Team Werk en Inkomen", "department", "management", "work_income",
     "supplies", "thinks_along", True, False, False, ["low_income"],
     ("Sandra Visser", "Teamleider"),
     (3, 2, 4, 2, 0, "unaware", "supportive"), (3, 3, 4, 3, 1, "supportive", "supportive")),
    ("Afdeling Openbare Ruimte", "department", "management", "public_space",
     "carries_out", "thinks_along", True, False, False, [],
     ("Johan Smit", "Beleidsadviseur spelen en bewegen"),
     (3, 2, 4, 1, -1, "resistant", "supportive"), (3, 3, 4, 2, 0, "neutral", "supportive")),
    ("GGD Zuiderland – gezondheidsbevordering", "organisation", "staff", "prevention",
     "supplies", "co_decides", False, True, False, [],
     ("Fatima Amrani", "Adviseur gezondheidsbevordering"),
     (3, 5, 5, 4, 2, "leading", "leading"), (3, 5, 5, 5, 2, "leading", "leading")),
    ("Centrum voor Jeugd en Gezin Zuiderhaven", "organisation", "staff", "welfare",
     "carries_out", "takes_part", False, True, False, ["low_income", "newcomers"],
     ("Linda Mulder", "Jeugdverpleegkundige"),
     (2, 5, 4, 4, 2, "supportive", "leading"), (2, 5, 4, 4, 2, "leading", "leading")),
    ("Sportservice Zuiderhaven – buurtsportcoaches", "organisation", "staff", "sport",
     "carries_out", "co_decides", False, True, False, ["teenagers", "low_income"],
     ("Dennis de Groot", "Buurtsportcoach"),
     (3, 5, 4, 4, 2, "supportive", "leading"), (3, 5, 4, 5, 2, "leading", "leading")),
    ("Voetbalvereniging ZHV '28", "organisation", "staff", "sport",
     "carries_out", "takes_part", False, False, False, ["teenagers"],
     ("Peter Vos", "Voorzitter jeugdafdeling"),
     (2, 3, 3, 2, 0, "neutral", "supportive"), (2, 4, 3, 3, 1, "supportive", "supportive")),
    ("Jongerenwerk Zuiderhaven-Noord", "organisation", "staff", "youth_work",
     "carries_out", "takes_part", False, False, False, ["teenagers"],
     ("Yusuf Demir", "Jongerenwerker"),
     (2, 4, 3, 4, 1, "supportive", "supportive"), (2, 4, 3, 4, 1, "supportive", "leading")),
    ("Welzijnsorganisatie Het Anker – welzijn op recept", "organisation", "staff", "welfare",
     "carries_out", "takes_part", False, True, False, ["low_income"],
     ("Anouk Meijer", "Welzijnscoach"),
     (2, 4, 4, 3, 2, "supportive", "leading"), (2, 5, 4, 4, 2, "leading", "leading")),
    ("Huisartsenpraktijk De Haven", "organisation", "staff", "health_care",
     "benefits", "thinks_along", False, False, False, [],
     ("Dr. Karin Hendriks", "Huisarts"),
     (3, 3, 5, 2, 0, "neutral", "supportive"), (3, 4, 5, 3, 1, "supportive", "supportive")),
    ("Zorgverzekeraar Zuidwest", "organisation", "management", "health_insurance",
     "supplies", "informed", False, False, False, [],
     ("Erik van Dijk", "Manager preventie"),
     (4, 2, 4, 1, 0, "unaware", "supportive"), (4, 3, 4, 2, 0, "neutral", "supportive")),
    ("Basisschool De Vuurtoren", "organisation", "staff", "education",
     "carries_out", "takes_part", False, False, False, ["low_income", "newcomers"],
     ("Mirjam Kok", "Directeur"),
     (2, 4, 4, 3, 1, "supportive", "supportive"), (2, 4, 4, 4, 2, "supportive", "leading")),
    ("Bibliotheek Zuiderhaven", "organisation", "staff", "culture_leisure",
     "carries_out", "informed", False, False, False, ["newcomers"],
     ("Thijs Koster", "Programmamaker jeugd"),
     None, (1, 2, 3, 1, 1, "supportive", "supportive")),
    ("Hogeschool Zuiderland – lectoraat Gezonde Leefstijl", "organisation", "staff", "research",
     "supplies", "thinks_along", False, False, False, [],
     ("Prof. dr. Hanneke Bos", "Lector"),
     (2, 3, 4, 2, 1, "supportive", "supportive"), (2, 3, 4, 2, 1, "supportive", "supportive")),
    ("Ondernemers Havenplein – snackbars en supermarkt", "organisation", "staff", "business",
     "benefits", "informed", False, False, False, [],
     ("Kees Brouwer", "Voorzitter ondernemersvereniging"),
     (3, 2, 2, 1, -2, "resistant", "neutral"), (3, 3, 2, 2, -1, "resistant", "neutral")),
    ("Bewonersplatform Zuiderhaven-Noord", "citizen_group", "residents", "civil_society",
     "benefits", "takes_part", False, False, True, ["low_income", "newcomers", "teenagers"],
     ("Samira El Idrissi", "Woordvoerder"),
     (2, 4, 5, 4, 1, "supportive", "leading"), (2, 5, 5, 4, 2, "leading", "leading")),
    ("Woningcorporatie Havenwoningen", "organisation", "management", "housing",
     "supplies", "informed", False, False, False, [],
     ("Bas Willems", "Wijkconsulent"),
     None, None),
]

FIRST_ROUND_DAYS_AGO = 200
SECOND_ROUND_DAYS_AGO = 45


def _email(name: str) -> str:
    words = [w for w in name.lower().replace("prof.", "").replace("dr.", "").split() if w]
    return f"{words[0]}.{''.join(words[1:])}@example.org"


def _round(scores: tuple, on) -> dict:
    power, interest, legitimacy, urgency, attitude, current, desired = scores
    return {
        "assessed_on": on, "power": power, "interest": interest, "legitimacy": legitimacy,
        "urgency": urgency, "attitude": attitude, "engagement_current": current,
        "engagement_desired": desired, "note": "",
    }


def dutch_demo_project() -> Project | None:
    return Project.objects.filter(title=DUTCH_TITLE).order_by("pk").first()


def dutch_demo_load(users: list[tuple[User, str]]) -> Project:
    """Build the Dutch project for the demo users (the first one owns it); call inside the
    demo's transaction. Returns the project that is there already, unchanged."""
    existing = dutch_demo_project()
    if existing is not None:
        return existing
    today = timezone.localdate()
    owner = users[0][0]
    organisation, _created = Organisation.objects.get_or_create(
        name=DUTCH_ORGANISATION, defaults={"kind": Organisation.Kind.MUNICIPALITY}
    )
    organisation.members.add(*(user for user, _role in users))
    places = [place_get_or_create(**TOWN)] + [place_get_or_create(**d) for d in DISTRICTS]
    project = project_create(
        user=owner,
        organisation=organisation,
        places=places,
        data={**PROJECT, "start_date": today - timedelta(days=240)},
    )
    for user, role in users[1:]:
        Membership.objects.get_or_create(project=project, user=user, defaults={"role": role})
    segments = {
        key: TargetSegment.objects.create(project=project, name=name, description=description)
        for key, (name, description) in SEGMENTS.items()
    }
    assessors = [user for user, role in users if role != Role.VIEWER]
    rounds = (FIRST_ROUND_DAYS_AGO, SECOND_ROUND_DAYS_AGO)
    for index, spec in enumerate(PARTIES):
        (name, kind, layer, sector, role, ring, internal, core, voice, segment_keys,
         (contact_name, function), *scores) = spec
        party = party_create(
            project=project,
            data={
                "name": name, "kind": kind, "layer": layer, "sector": sector, "role": role,
                "ring": ring, "is_internal": internal, "in_core_group": core,
                "speaks_for_target_group": voice,
            },
            segments=[segments[key] for key in segment_keys],
        )
        contact_create(
            party=party,
            data={
                "name": contact_name, "function": function, "legal_basis": "public_task"
                if internal else "legitimate_interest", "email": _email(contact_name),
                "phone": f"010 555 {20 + index:02d} 00",
            },
        )
        for days_ago, round_scores in zip(rounds, scores, strict=True):
            if round_scores is not None:
                assessment_record(
                    party=party,
                    assessed_by=assessors[index % len(assessors)],
                    data=_round(round_scores, today - timedelta(days=days_ago - index % 5)),
                )
    return project
