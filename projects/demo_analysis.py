"""The demo's relations between parties and its force field, so the network and force-field
pages have something true to show. Written fresh for the fictional town of Hoogveld."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from forcefield.services import action_create, force_create, forcefield_update
from parties.models import Party
from parties.services import relation_create
from projects.models import Project

# (from, to, kind, strength, months ago it started); names as in projects.demo.PARTIES
RELATIONS = [
    ("Dienst Welzijn en Gezondheid", "Huis van het Kind Hoogveld", "works_with", 5, 30),
    ("Dienst Welzijn en Gezondheid", "Logo Kouterland", "works_with", 4, 40),
    ("Dienst Welzijn en Gezondheid", "Sociale dienst OCMW Hoogveld", "works_with", 4, 60),
    (
        "Dienst Welzijn en Gezondheid",
        "Schepen van welzijn, gezondheid en gezin – Griet Moerman",
        "reports_to",
        5,
        24,
    ),
    (
        "Schepen van welzijn, gezondheid en gezin – Griet Moerman",
        "College van burgemeester en schepenen",
        "reports_to",
        5,
        24,
    ),
    (
        "Schepen van financiën – Dirk Verstraete",
        "College van burgemeester en schepenen",
        "reports_to",
        5,
        24,
    ),
    (
        "Financieel directeur – Marc Van Acker",
        "Schepen van financiën – Dirk Verstraete",
        "reports_to",
        4,
        36,
    ),
    (
        "Algemeen directeur – Sofie Claeys",
        "College van burgemeester en schepenen",
        "reports_to",
        4,
        36,
    ),
    ("Dienst Welzijn en Gezondheid", "Algemeen directeur – Sofie Claeys", "reports_to", 3, 36),
    (
        "Sociale dienst OCMW Hoogveld",
        "Bijzonder Comité voor de Sociale Dienst",
        "reports_to",
        4,
        48,
    ),
    (
        "Gemeenteraadscommissie Welzijn en Samenleving",
        "College van burgemeester en schepenen",
        "informal",
        2,
        24,
    ),
    (
        "Huis van het Kind Hoogveld",
        "Kind en Gezin – consultatiebureau Hoogveld",
        "works_with",
        5,
        50,
    ),
    ("Huis van het Kind Hoogveld", "Kinderopvang De Speelboom", "works_with", 3, 20),
    ("Huis van het Kind Hoogveld", "Vroedvrouwenpraktijk De Wieg", "works_with", 3, 18),
    ("Huis van het Kind Hoogveld", "Moeders zonder Grenzen – zelforganisatie", "informal", 3, 12),
    (
        "Kind en Gezin – consultatiebureau Hoogveld",
        "Wijkgezondheidscentrum De Vonk",
        "works_with",
        3,
        26,
    ),
    (
        "Wijkgezondheidscentrum De Vonk",
        "Groepspraktijk Tandartsen aan de Kouter",
        "works_with",
        4,
        15,
    ),
    ("Groepspraktijk Tandartsen aan de Kouter", "Tandartsenkring Kouterland", "works_with", 3, 60),
    ("Tandarts Pieter Lambrecht", "Tandartsenkring Kouterland", "works_with", 2, 80),
    ("Tandartsenkring Kouterland", "Sociale dienst OCMW Hoogveld", "conflicts_with", 3, 10),
    (
        "Opleiding Tandheelkunde – stageproject Mondzorg in de wijk",
        "Wijkgezondheidscentrum De Vonk",
        "works_with",
        4,
        8,
    ),
    ("Departement Zorg – regionale afdeling preventie", "Logo Kouterland", "funds", 5, 70),
    ("Logo Kouterland", "Vrij CLB Kouterland", "works_with", 3, 30),
    ("Vrij CLB Kouterland", "Basisschool De Regenboog", "works_with", 4, 40),
    ("Vrij CLB Kouterland", "Gemeentelijke basisschool 't Klavertje", "works_with", 4, 40),
    ("Vrij CLB Kouterland", "OKAN-klas Sint-Jozefscollege", "works_with", 3, 22),
    ("Dienst Samenleven en Integratie", "OKAN-klas Sint-Jozefscollege", "works_with", 3, 16),
    ("Dienst Samenleven en Integratie", "Moeders zonder Grenzen – zelforganisatie", "funds", 2, 14),
    ("Buurtwerk Kouterwijk", "Klankbordgroep ouders Kouterwijk", "works_with", 4, 9),
    (
        "Buurtwerk Kouterwijk",
        "De Brug – vereniging waar armen het woord nemen",
        "works_with",
        4,
        28,
    ),
    (
        "De Brug – vereniging waar armen het woord nemen",
        "Nadia Belkacem – ervaringsdeskundige in armoede",
        "informal",
        5,
        36,
    ),
    ("Sociale dienst OCMW Hoogveld", "Sociale kruidenier De Mand", "funds", 3, 34),
    ("Woonpunt Kouterland – sociale huisvesting", "Buurtwerk Kouterwijk", "works_with", 2, 20),
    ("Mutualiteit Samen Gezond – regio Kouterland", "Logo Kouterland", "works_with", 3, 25),
    ("Apotheek Van Hove", "Huisartsenkring Kouterland", "informal", 2, 60),
    ("Huisartsenkring Kouterland", "Wijkgezondheidscentrum De Vonk", "works_with", 2, 30),
    ("Dienst Communicatie", "Dienst Welzijn en Gezondheid", "works_with", 2, 24),
    ("Lokale politie – wijkteam Kouterwijk", "Buurtwerk Kouterwijk", "informal", 2, 18),
]

CHANGE = (
    "Elk kind uit een gezin in armoede in Hoogveld gaat tegen 2028 minstens één keer per jaar "
    "naar de tandarts, en ouders weten hoe ze thuis voor gezonde tanden zorgen."
)

# (direction, description, strength, party or None, actions)
FORCES = [
    (
        "driving",
        "De schepen van welzijn wil mondgezondheid in het meerjarenplan",
        4,
        "Schepen van welzijn, gezondheid en gezin – Griet Moerman",
        ["Cijfers van het consultatiebureau bundelen in een nota voor het college"],
    ),
    (
        "driving",
        "Het Huis van het Kind bereikt de gezinnen al via zijn spreekuren",
        5,
        "Huis van het Kind Hoogveld",
        ["Mondzorgcoach mee laten draaien op het inloopmoment"],
    ),
    (
        "driving",
        "De tandheelkundige opleiding zoekt stageplaatsen in de wijk",
        3,
        "Opleiding Tandheelkunde – stageproject Mondzorg in de wijk",
        [],
    ),
    (
        "driving",
        "Ervaringsdeskundigen willen meedenken over de drempels",
        3,
        "De Brug – vereniging waar armen het woord nemen",
        ["Een gesprek in De Brug over wat ouders tegenhoudt"],
    ),
    (
        "restraining",
        "De kostprijs van een tandartsbezoek en het voorschieten van het remgeld",
        5,
        None,
        ["Afspraken met de sociale dienst over derdebetalersregeling"],
    ),
    (
        "restraining",
        "De tandartsenkring vreest extra werkdruk zonder vergoeding",
        3,
        "Tandartsenkring Kouterland",
        ["Eén-op-één gesprek met de voorzitter van de kring"],
    ),
    (
        "restraining",
        "Geen ruimte in de begroting van volgend jaar",
        4,
        "Schepen van financiën – Dirk Verstraete",
        ["Een klein proefproject voorstellen dat weinig kost"],
    ),
    ("restraining", "Taalbarrière bij nieuwkomersgezinnen", 2, None, []),
]


def analysis_demo(project: Project, owner) -> None:
    parties = {party.name: party for party in Party.objects.filter(project=project)}
    today = timezone.localdate()
    for source, target, kind, strength, months in RELATIONS:
        if source in parties and target in parties:
            relation_create(
                project=project,
                data={
                    "source": parties[source],
                    "target": parties[target],
                    "kind": kind,
                    "strength": strength,
                    "started_on": today - timedelta(days=30 * months),
                },
                user=owner,
            )
    forcefield_update(project=project, data={"change": CHANGE}, user=owner)
    for order, (direction, description, strength, party, actions) in enumerate(FORCES):
        force = force_create(
            project=project,
            data={
                "direction": direction,
                "description": description,
                "strength": strength,
                "party": parties.get(party) if party else None,
                "order": order,
            },
            user=owner,
        )
        for text in actions:
            action_create(force=force, data={"description": text}, user=owner)
