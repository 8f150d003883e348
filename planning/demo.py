"""The demo's plan, participation, step ticks and successes for the Hoogveld oral-health project
(projects.demo). Invented like the rest of the demo; dates move with today."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accounts.models import User
from parties.models import Party
from planning import services
from planning.models import Audience, Phase, PlanAction
from projects.models import Project, Role

# An action, carried by a party (by name) and/or the member with a role; "days" are its start
# and end counted from today; "needs" its preconditions: (kind, amount, what, party name or
# None, from whom when not a party).
ACTIONS: list[dict[str, Any]] = [
    {
        "title": "Kerngroep mondzorg samenstellen",
        "phase": Phase.CORE_GROUP,
        "party": "Huis van het Kind Hoogveld",
        "member": Role.OWNER,
        "role": "Trekker: nodigt de partners uit en zit de kerngroep voor",
        "days": (-420, -385),
        "status": PlanAction.Status.DONE,
        "needs": [("hours", "24", "voorbereiding en verslag", "Huis van het Kind Hoogveld", "")],
    },
    {
        "title": "Twee visiesessies: een gezonde mond voor elk kind",
        "phase": Phase.VISION,
        "party": "Logo Kouterland",
        "member": None,
        "role": "Begeleidt de sessies en schrijft de visietekst uit",
        "days": (-380, -330),
        "status": PlanAction.Status.DONE,
        "needs": [("hours", "12", "begeleiding", "Logo Kouterland", "")],
    },
    {
        "title": "Cijfers over tandbederf bij kleuters bundelen",
        "phase": Phase.CONVINCE,
        "party": "Vrij CLB Kouterland",
        "member": None,
        "role": "Levert geanonimiseerde cijfers uit het medisch onderzoek per school",
        "days": (-330, -300),
        "status": PlanAction.Status.DONE,
        "needs": [("hours", "8", "gegevens opvragen en verwerken", "Vrij CLB Kouterland", "")],
    },
    {
        "title": "Voorstel voor een proefjaar in de Kouterwijk naar het college",
        "phase": Phase.CONVINCE,
        "party": "Dienst Welzijn en Gezondheid",
        "member": Role.OWNER,
        "role": "Schrijft de collegenota met cijfers en begroting",
        "days": (-130, -92),
        "status": PlanAction.Status.DONE,
        "needs": [
            ("money", "15000", "werkingsbudget proefjaar", "College van burgemeester en "
             "schepenen", ""),
        ],
    },
    {
        "title": "Gesprekken in de wachtkamer van het consultatiebureau",
        "phase": Phase.TARGET_GROUP,
        "party": "Kind en Gezin – consultatiebureau Hoogveld",
        "member": Role.CONTRIBUTOR,
        "role": "Stelt de wachtkamer open; een verpleegkundige helpt met vertalen",
        "days": (-300, -286),
        "status": PlanAction.Status.DONE,
        "needs": [("hours", "20", "gesprekken op vier consultdagen", None, "Vrijwilligers van "
                   "het Huis van het Kind")],
    },
    {
        "title": "Ouders opleiden tot mondzorgcoach",
        "phase": Phase.TARGET_GROUP,
        "party": "Wijkgezondheidscentrum De Vonk",
        "member": Role.CONTRIBUTOR,
        "role": "Geeft de opleiding samen met een tandarts van het centrum",
        "days": (-60, 90),
        "status": PlanAction.Status.RUNNING,
        "needs": [
            ("hours", "40", "opleiding en begeleiding", "Wijkgezondheidscentrum De Vonk", ""),
            ("money", "2400", "vergoeding voor zes coaches", "Mutualiteit Samen Gezond – regio "
             "Kouterland", ""),
            ("other", None, "lokaal voor de opleiding", "Buurtwerk Kouterwijk", ""),
        ],
    },
    {
        "title": "Tandartsen vragen om met de mondzorgcoaches samen te werken",
        "phase": Phase.PARTIES,
        "party": "Tandartsenkring Kouterland",
        "member": Role.EDITOR,
        "role": "Brengt het voorstel op de kringvergadering",
        "days": (-75, 30),
        "status": PlanAction.Status.RUNNING,
        "needs": [("hours", "6", "gesprekken en kringvergadering", None, "")],
    },
    {
        "title": "Gesprek met Supermarkt Kouterplein over snoep aan de kassa",
        "phase": Phase.FORCE_FIELD,
        "party": None,
        "member": Role.EDITOR,
        "role": "Gaat in gesprek met de zaakvoerder, samen met de schepen",
        "days": (20, 45),
        "status": PlanAction.Status.PLANNED,
        "needs": [],
    },
    {
        "title": "Dagelijks tandenpoetsen in de klas",
        "phase": Phase.PLAN,
        "party": "Basisschool De Regenboog",
        "member": None,
        "role": "Poetst elke dag na de middag met de kleuters",
        "days": (30, None),
        "status": PlanAction.Status.PLANNED,
        "needs": [
            ("money", "600", "tandenborstels, tandpasta en bekers", "Mutualiteit Samen Gezond – "
             "regio Kouterland", ""),
            ("hours", "10", "opstart met de leerkrachten", "Basisschool De Regenboog", ""),
        ],
    },
    {
        "title": "Mondzorgpakket in de sociale kruidenier",
        "phase": Phase.PLAN,
        "party": "Sociale kruidenier De Mand",
        "member": None,
        "role": "Geeft het pakket mee en legt de tandartsenlijst uit",
        "days": (45, 180),
        "status": PlanAction.Status.PLANNED,
        "needs": [("money", "900", "tweehonderd pakketten", None, "Serviceclub uit Hoogveld")],
    },
    {
        "title": "Affichecampagne aan de bushaltes",
        "phase": Phase.PLAN,
        "party": "Dienst Communicatie",
        "member": None,
        "role": "Ontwerp en plaatsing",
        "days": (-40, None),
        "status": PlanAction.Status.DROPPED,
        "description": "Geschrapt: de klankbordgroep van ouders gaf aan dat affiches de "
        "gezinnen niet bereiken; het geld gaat naar de mondzorgcoaches.",
        "needs": [],
    },
    {
        "title": "Tussentijdse evaluatie met alle partners",
        "phase": Phase.REVIEW,
        "party": None,
        "member": Role.OWNER,
        "role": "Bereidt de ronde voor en vraagt elke partner of de belangen nog gedeeld zijn",
        "days": (120, 120),
        "status": PlanAction.Status.PLANNED,
        "needs": [("hours", "16", "voorbereiding en gesprekken", "Huis van het Kind Hoogveld",
                   "")],
    },
]

CONTRIBUTIONS: list[tuple[str, str, str]] = [
    (
        "Huis van het Kind Hoogveld",
        "Coördinatie, een vergaderruimte en de band met de gezinnen die er al komen.",
        "Een concreet mondzorgaanbod voor de gezinnen die het Huis van het Kind al kent.",
    ),
    (
        "Kind en Gezin – consultatiebureau Hoogveld",
        "De wachtkamer voor gesprekken en verpleegkundigen die gezinnen doorverwijzen.",
        "Minder jonge kinderen met tandpijn op consultatie.",
    ),
    (
        "Wijkgezondheidscentrum De Vonk",
        "Een tandarts en een lokaal voor de opleiding van de mondzorgcoaches.",
        "Gezinnen uit de wijk die de weg naar de tandarts vinden en blijven komen.",
    ),
    (
        "Mutualiteit Samen Gezond – regio Kouterland",
        "Budget voor tandenborstels en een vergoeding voor de coaches.",
        "Zichtbaarheid bij jonge gezinnen en preventie die later zorgkosten spaart.",
    ),
    (
        "Tandartsenkring Kouterland",
        "Tandartsen die kinderen behandelen zonder dat ouders iets moeten voorschieten.",
        "Coaches die de eerste afspraak voorbereiden: minder gemiste afspraken.",
    ),
]

# kind, title, (start, end) days from today, segment name, people, expectations, follow-up
ACTIVITIES: list[tuple[str, str, tuple[int, int | None], str, int, str, str]] = [
    (
        "interviews",
        "Gesprekken in de wachtkamer van het consultatiebureau",
        (-300, -286),
        "Zwangere vrouwen in armoede",
        23,
        "Weten welke tandarts kinderen helpt zonder voorschot; uitleg in eenvoudige taal, ook "
        "in het Arabisch en het Roemeens; afspraken op woensdagnamiddag.",
        "Een lijst van tandartsen die de derdebetalersregeling toepassen, vertaald in drie "
        "talen. De vraag naar woensdagafspraken ging naar de tandartsenkring.",
    ),
    (
        "sounding_board",
        "Klankbordgroep van ouders in de Kouterwijk",
        (-200, None),
        "Gezinnen met jonge kinderen in de sociale huisvesting",
        9,
        "Geen folders, maar iemand die ze kennen en die mee naar de eerste afspraak gaat.",
        "Dit werd het vertrekpunt voor de mondzorgcoaches; de affichecampagne werd geschrapt.",
    ),
    (
        "focus_group",
        "Focusgroep met moeders in de ouderwerking van de OKAN-klas",
        (-150, None),
        "Nieuwkomersgezinnen die weinig Nederlands spreken",
        11,
        "Begrijpen hoe de terugbetaling werkt, en een tolk bij de eerste afspraak.",
        "Uitleg over de terugbetaling staat nu in het infopakket; de tandartsen kunnen een "
        "tolk via de dienst Samenleven en Integratie vragen.",
    ),
    (
        "coaches",
        "Ouders opgeleid tot mondzorgcoach",
        (-60, -20),
        "Alleenstaande ouders met een leefloon",
        6,
        "Een vergoeding voor hun tijd en een attest van de opleiding.",
        "De mutualiteit betaalt de vergoeding; het wijkgezondheidscentrum reikt het attest uit.",
    ),
]

# Items of the first steps that the demo team ticked: (item key, days ago, evidence).
TICKS: list[tuple[str, int, str]] = [
    ("core-partners", 410, "Vijf partners zegden toe op de startvergadering."),
    ("core-expertise", 405, ""),
    ("core-agreements", 400, "Maandelijkse kerngroep, het Huis van het Kind coördineert."),
    ("core-long-term", 390, ""),
    ("core-register", 385, ""),
    ("vision-everyone", 360, ""),
    ("vision-theme", 340, "Visietekst goedgekeurd door de kerngroep."),
    ("vision-reach", 335, ""),
    ("vision-recorded", 330, ""),
    ("convince-policy", 320, "Meerjarenplan, actie 'kansen voor elk kind'."),
    ("convince-figures", 300, "CLB-cijfers per school, naast het Vlaamse gemiddelde."),
    ("convince-brief", 120, "Collegenota proefjaar Kouterwijk."),
    ("convince-timing", 95, ""),
    ("target-segments", 310, ""),
    ("target-early", 286, "Gesprekken in de wachtkamer van het consultatiebureau."),
]

SUCCESSES: list[tuple[str, int, list[str], str, str]] = [
    (
        "Het college keurt een proefjaar in de Kouterwijk goed",
        92,
        ["College van burgemeester en schepenen",
         "Schepen van welzijn, gezondheid en gezin – Griet Moerman"],
        "Met een werkingsbudget voor een jaar en een evaluatie na zes maanden.",
        "Collegebesluit over het proefjaar mondzorg Kouterwijk.",
    ),
    (
        "Vijf tandartsen behandelen kinderen zonder voorschot",
        30,
        ["Tandartsenkring Kouterland", "Groepspraktijk Tandartsen aan de Kouter"],
        "Ze werken samen met de mondzorgcoaches, die de eerste afspraak mee voorbereiden.",
        "Afspraken van de kringvergadering, met de namen van de vijf tandartsen.",
    ),
]

COUNCIL_MESSAGE = """Geachte leden van de gemeenteraad,

Sinds vorig jaar werken het Huis van het Kind, het consultatiebureau, het wijkgezondheidscentrum, \
de scholen en de tandartsen samen aan één doel: een gezonde mond voor elk kind in Hoogveld, ook \
in de gezinnen die het moeilijk hebben. Graag brengen we u op de hoogte van twee resultaten.

- {date_1}: het college keurde een proefjaar in de Kouterwijk goed, met een werkingsbudget en \
een evaluatie na zes maanden.
- {date_2}: vijf tandartsen behandelen kinderen zonder dat de ouders iets moeten voorschieten. \
Zij werken samen met de mondzorgcoaches: ouders uit de wijk die we daarvoor hebben opgeleid.

Ouders vertelden ons in de wachtkamer van het consultatiebureau en in de klankbordgroep wat hen \
tegenhoudt. Daar bouwen we op verder. We lichten de resultaten graag toe in de commissie Welzijn \
en Samenleving.

Met vriendelijke groeten,
Lotte Verhaegen
Huis van het Kind Hoogveld
"""


def _parties(project: Project) -> dict[str, Party]:
    return {party.name: party for party in Party.objects.filter(project=project)}


def planning_demo(project: Project, users: list[tuple[User, str]]) -> None:
    """Add the plan, participation, step ticks, successes and a message to the demo project."""
    today = timezone.localdate()
    by_role = {role: user for user, role in users}
    owner = by_role[Role.OWNER]
    parties = _parties(project)
    segments = {segment.name: segment for segment in project.segments.all()}

    def day(offset: int | None):
        return None if offset is None else today + timedelta(days=offset)

    for spec in ACTIONS:
        start, end = spec["days"]
        action = services.plan_action_create(
            project=project,
            data={
                "title": spec["title"],
                "phase": spec["phase"],
                "party": parties.get(spec["party"]) if spec["party"] else None,
                "member": by_role.get(spec["member"]) if spec["member"] else None,
                "role": spec["role"],
                "starts_on": day(start),
                "ends_on": day(end),
                "status": spec["status"],
                "description": spec.get("description", ""),
            },
            user=owner,
        )
        for kind, amount, what, party_name, from_text in spec["needs"]:
            services.precondition_create(
                action=action,
                data={
                    "kind": kind,
                    "amount": Decimal(amount) if amount is not None else None,
                    "description": what,
                    "from_party": parties.get(party_name) if party_name else None,
                    "from_text": from_text,
                },
                user=owner,
            )
    for party_name, contributes, gains in CONTRIBUTIONS:
        services.contribution_create(
            project=project,
            data={"party": parties[party_name], "contributes": contributes, "gains": gains},
            user=owner,
        )
    contributor = by_role.get(Role.CONTRIBUTOR, owner)
    for kind, title, (start, end), segment, people, expectations, follow_up in ACTIVITIES:
        services.participation_create(
            project=project,
            data={
                "kind": kind,
                "title": title,
                "starts_on": day(start),
                "ends_on": day(end),
                "segment": segments.get(segment),
                "people_reached": people,
                "expectations": expectations,
                "follow_up": follow_up,
            },
            user=contributor,
        )
    tickers = [user for user, role in users if role != Role.VIEWER]
    for index, (key, days_ago, evidence) in enumerate(TICKS):
        services.step_tick(
            project=project, item_key=key, user=tickers[index % len(tickers)],
            evidence_text=evidence, ticked_on=today - timedelta(days=days_ago),
        )
    successes = [
        services.success_create(
            project=project,
            data={"title": title, "achieved_on": today - timedelta(days=days_ago),
                  "description": description, "evidence_text": evidence},
            parties=[parties[name] for name in names if name in parties],
            user=owner,
        )
        for title, days_ago, names, description, evidence in SUCCESSES
    ]
    services.success_message_create(
        project=project,
        data={
            "title": "Mondzorg in Hoogveld: twee resultaten voor de gemeenteraad",
            "audience": Audience.COUNCIL,
            "text": COUNCIL_MESSAGE.format(
                date_1=_dutch_date(successes[0].achieved_on),
                date_2=_dutch_date(successes[1].achieved_on),
            ),
        },
        successes=successes,
        user=owner,
    )


_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")


def _dutch_date(value) -> str:
    # The demo's texts are Dutch whatever language the command runs in.
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
