"""The engagement part of the demo workspace: a year of contacts with the parties of Hoogveld,
the commitments they made (in every state, some overdue), follow-ups (some due soon) and two
support reviews built on the assessments the demo already has. Everything is invented; the
dates move with today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from accounts.models import User
from engagement import selectors, services
from engagement.models import ContactMoment, Review, ReviewStep
from parties.models import Assessment, ContactPerson, Party
from projects.models import Project

Kind = ContactMoment.Kind

# Who took part, by their place in the demo's list of users.
MEMBERS = {"lotte": 0, "bram": 1, "amina": 2, "koen": 3}

CORE = [
    "Dienst Welzijn en Gezondheid",
    "Sociale dienst OCMW Hoogveld",
    "Huis van het Kind Hoogveld",
    "Wijkgezondheidscentrum De Vonk",
    "Logo Kouterland",
]
SCHEPEN = "Schepen van welzijn, gezondheid en gezin – Griet Moerman"
COLLEGE = "College van burgemeester en schepenen"
BURGEMEESTER = "Burgemeester Jan Ceulemans"
FINANCIEN = "Schepen van financiën – Dirk Verstraete"
FIN_DIRECTEUR = "Financieel directeur – Marc Van Acker"
KRING = "Tandartsenkring Kouterland"

# days: how long ago; follow_up: days from today (negative: already passed), with done;
# commitment: (what, status, days until its end from today, days ago it was delivered).
MOMENTS: list[dict[str, Any]] = [
    {
        "days": 360, "kind": Kind.WORKING_GROUP, "parties": CORE, "members": ["lotte", "bram"],
        "people": ["Jonas Maes", "Femke Janssens", "Sarah Van den Broeck", "Bart Willems"],
        "discussed": "Startvergadering van de kerngroep: welk thema kiezen we, welke gezinnen "
        "willen we bereiken en wie trekt welk deel.",
        "arguments_for": "Alle partners zien kinderen met pijn aan hun tanden die nooit bij een "
        "tandarts geweest zijn.",
        "win_win": "Het Huis van het Kind krijgt een concreet aanbod voor zijn gezinnen; De Vonk "
        "bereikt gezinnen die nu wegblijven.",
        "agreed": "Tegen de volgende keer brengt elke partner cijfers mee over tandbederf en "
        "tandartsbezoek bij de gezinnen die hij kent.",
        "follow_up": (-330, True),
    },
    {
        "days": 345, "kind": Kind.ONE_TO_ONE, "parties": [SCHEPEN], "members": ["lotte"],
        "people": ["Griet Moerman"],
        "discussed": "Verkennend gesprek met de schepen over mondgezondheid bij kinderen die in "
        "armoede opgroeien.",
        "arguments_for": "Kinderarmoede staat in het bestuursakkoord en ze wil voor het einde van "
        "de legislatuur iets zichtbaars in de Kouterwijk.",
        "arguments_against": "Ze vreest een nieuwe budgetpost naast de werking van het Huis van "
        "het Kind.",
        "win_win": "De schepen krijgt een concreet verhaal voor de gemeenteraad; wij krijgen "
        "bestuurlijke rugdekking om partners aan te spreken.",
        "agreed": "We bezorgen een nota van twee bladzijden met de cijfers van het CLB en de "
        "gemeentemonitor.",
        "follow_up": (-335, True),
    },
    {
        "days": 334, "kind": Kind.EMAIL, "parties": [SCHEPEN], "members": ["lotte"],
        "people": ["Hilde Vermeulen"],
        "discussed": "De nota met cijfers over tandbederf per wijk doorgestuurd naar het kabinet.",
        "agreed": "Het kabinet plant na de zomer een vervolggesprek.",
    },
    {
        "days": 320, "kind": Kind.MEETING, "parties": [KRING], "members": ["bram"],
        "people": ["Dr. Wim Jacobs"],
        "discussed": "Overleg met het bestuur van de tandartsenkring over de drempels voor "
        "gezinnen met een laag inkomen.",
        "arguments_for": "Tandartsen zien te veel kinderen pas als er pijn is; voorkomen spaart "
        "hen zware behandelingen onder narcose.",
        "arguments_against": "Schrik voor onbetaalde rekeningen en voor extra papierwerk rond "
        "de derdebetalersregeling.",
        "win_win": "Een vaste doorverwijsroute via de brugfiguren: minder gemiste afspraken.",
        "agreed": "De kring bevraagt zijn leden wie zonder voorschot wil werken.",
    },
    {
        "days": 300, "kind": Kind.PHONE,
        "parties": ["Kind en Gezin – consultatiebureau Hoogveld"], "members": ["amina"],
        "people": ["Els Wouters"],
        "discussed": "Afgestemd hoe het consultatiebureau ouders kan wijzen op een eerste "
        "tandartsbezoek rond de eerste verjaardag.",
        "agreed": "Een folder gaat mee in het pakket van het consult op twaalf maanden.",
    },
    {
        "days": 290, "kind": Kind.ONE_TO_ONE, "parties": [FIN_DIRECTEUR],
        "members": ["lotte", "bram"], "people": ["Marc Van Acker"],
        "discussed": "De kostprijs van mondzorgcoaches en de ruimte in het meerjarenplan.",
        "arguments_for": "Hij ziet dat voorkomen goedkoper uitvalt dan de dringende zorg die "
        "het OCMW nu betaalt.",
        "arguments_against": "Geen extra personeel zonder besparing elders; eerst een raming.",
        "agreed": "Wij maken een raming per jaar; hij bekijkt de ruimte bij de volgende "
        "budgetwijziging.",
    },
    {
        "days": 280, "kind": Kind.PRESENTATION,
        "parties": [COLLEGE, BURGEMEESTER, SCHEPEN, FINANCIEN], "members": ["lotte"],
        "people": ["Ann Peeters", "Jan Ceulemans", "Dirk Verstraete"],
        "discussed": "Het project voorgesteld op het college: de cijfers per wijk, de aanpak in "
        "de Kouterwijk en de Stationsbuurt, en wat we van de partners vragen.",
        "arguments_for": "De burgemeester wil de Kouterwijk eens met goed nieuws in de krant.",
        "arguments_against": "De schepen van financiën vraagt waarom dit niet binnen de "
        "bestaande werking kan.",
        "win_win": "Het college toont resultaat op kinderarmoede zonder een nieuwe dienst op te "
        "richten.",
        "agreed": "Het college wil een uitgewerkt voorstel tegen de begrotingsbespreking.",
        "follow_up": (-200, True),
    },
    {
        "days": 270, "kind": Kind.WORKING_GROUP,
        "parties": [*CORE[2:], "Vrij CLB Kouterland"], "members": ["bram", "amina"],
        "people": ["Femke Janssens", "Ines Mertens", "An Lemmens"],
        "discussed": "Taakverdeling voor het eerste schooljaar: poetsmomenten, controles via het "
        "CLB en de opleiding van mondzorgcoaches.",
        "agreed": "De Vonk en het CLB werken een poetsmoment uit voor twee scholen in de "
        "Kouterwijk.",
    },
    {
        "days": 255, "kind": Kind.ONE_TO_ONE, "parties": ["Tandarts Pieter Lambrecht"],
        "members": ["bram"], "people": ["Pieter Lambrecht"],
        "discussed": "Gesprek met een tandarts die kritisch staat tegenover het project.",
        "arguments_for": "Hij erkent dat kinderen uit de Stationsbuurt zelden op controle komen.",
        "arguments_against": "Ouders zijn volgens hem zelf verantwoordelijk; hij wil geen "
        "'sociale praktijk' worden.",
        "agreed": "We houden hem op de hoogte; geen verdere vraag voorlopig.",
    },
    {
        "days": 240, "kind": Kind.MEETING, "parties": ["Basisschool De Regenboog"],
        "members": ["amina"], "people": ["Veerle Hendrickx", "Sam De Backer"],
        "discussed": "Een poetsmoment na de middag in het eerste en tweede leerjaar.",
        "arguments_for": "De zorgcoördinator ziet kinderen die met pijn in de klas zitten.",
        "arguments_against": "Leerkrachten vrezen tijdverlies en gedoe met bekertjes.",
        "win_win": "De school krijgt materiaal en begeleiding; wij bereiken elk kind van die "
        "leerjaren.",
        "agreed": "Een proef van één trimester, met materiaal van De Vonk.",
        "commitment": ("Dagelijks poetsmoment in het eerste en tweede leerjaar, proef van één "
                       "trimester", "delivered", -150, 150),
    },
    {
        "days": 225, "kind": Kind.EMAIL, "parties": ["Apotheek Van Hove"], "members": ["amina"],
        "people": ["Geert Van Hove"],
        "discussed": "Gevraagd of de apotheek tandenborstelpakketten goedkoper kan aanbieden.",
        "agreed": "Pakketten aan halve prijs voor gezinnen die een bon van het Huis van het Kind "
        "meebrengen.",
        "commitment": ("Tandenborstelpakketten aan halve prijs voor gezinnen met een bon",
                       "delivered", -100, 160),
    },
    {
        "days": 210, "kind": Kind.WORKING_GROUP,
        "parties": [
            "Klankbordgroep ouders Kouterwijk",
            "De Brug – vereniging waar armen het woord nemen",
            "Nadia Belkacem – ervaringsdeskundige in armoede",
        ],
        "members": ["lotte", "amina"],
        "people": ["Sandra Pieters", "Marleen Coppens", "Nadia Belkacem"],
        "discussed": "Klankbordgroep: wat houdt ouders tegen om met hun kinderen naar de "
        "tandarts te gaan?",
        "arguments_for": "Ouders willen dat hun kinderen het beter krijgen dan zijzelf.",
        "arguments_against": "Schaamte over de eigen tanden en slechte ervaringen met een "
        "tandarts die oordeelde.",
        "win_win": "Ouders worden gehoord en twee moeders krijgen een opleiding als "
        "mondzorgcoach.",
        "agreed": "Twee moeders stappen in de opleiding; de klankbordgroep leest de folder na.",
    },
    {
        "days": 195, "kind": Kind.PHONE, "parties": ["Huis van het Kind Hoogveld"],
        "members": ["bram"], "people": ["Femke Janssens"],
        "discussed": "De praktische kant van de opleiding van de mondzorgcoaches.",
        "agreed": "Het Huis van het Kind zorgt voor het lokaal en de kinderopvang tijdens de "
        "lessen.",
        "commitment": ("Lokaal en kinderopvang voor de opleiding van vier mondzorgcoaches",
                       "delivered", -140, 140),
    },
    {
        "days": 185, "kind": Kind.ONE_TO_ONE, "parties": ["Supermarkt Kouterplein"],
        "members": ["bram"], "people": ["Filip Dhondt"],
        "discussed": "Gevraagd om aan één kassa geen snoep meer uit te stallen.",
        "arguments_against": "Hij vreest omzetverlies en ziet er geen voordeel in.",
        "agreed": "Hij wil het drie maanden proberen aan de kassa bij de ingang.",
        "commitment": ("Snoepvrije kassa bij de ingang, proef van drie maanden", "lapsed",
                       -95, None),
    },
    {
        "days": 170, "kind": Kind.MEETING, "parties": ["Woonpunt Kouterland – sociale huisvesting"],
        "members": ["amina"], "people": ["Nathalie Segers"],
        "discussed": "Hoe bereiken we de gezinnen in de sociale woningen van de Kouterwijk?",
        "win_win": "Woonpunt toont zijn huurders een dienst die niets kost.",
        "agreed": "Affiches en flyers in de inkomhallen van de drie woonblokken.",
        "commitment": ("Affiches en flyers in de inkomhallen van de drie woonblokken", "lapsed",
                       -120, None),
    },
    {
        "days": 150, "kind": Kind.PRESENTATION,
        "parties": ["Gemeenteraadscommissie Welzijn en Samenleving"], "members": ["lotte"],
        "people": ["Evelien Martens"],
        "discussed": "Tussentijdse resultaten voorgesteld in de raadscommissie: 140 kinderen "
        "gezien bij het poetsmoment, 38 voor het eerst bij een tandarts.",
        "arguments_for": "Over de partijgrenzen heen steun voor een aanpak in de wijk.",
        "arguments_against": "Een raadslid vraagt of de tandartsen wel meewerken.",
        "agreed": "De commissie krijgt na een jaar een evaluatie.",
    },
    {
        "days": 130, "kind": Kind.WORKING_GROUP,
        "parties": ["Logo Kouterland", "Wijkgezondheidscentrum De Vonk",
                    "Huis van het Kind Hoogveld"],
        "members": ["bram"], "people": ["Bart Willems", "Mira Dewulf"],
        "discussed": "Vorming over mondgezondheid voor brugfiguren en kinderbegeleiders.",
        "agreed": "Het Logo geeft de vorming twee keer, met materiaal op maat van nieuwkomers.",
        "commitment": ("Vorming mondgezondheid voor brugfiguren en kinderbegeleiders",
                       "delivered", -60, 62),
    },
    {
        "days": 115, "kind": Kind.ONE_TO_ONE,
        "parties": ["Mutualiteit Samen Gezond – regio Kouterland"], "members": ["amina"],
        "people": ["Joris Peeters"],
        "discussed": "De terugbetaling van preventieve mondzorg en waarom gezinnen ze niet "
        "kennen.",
        "win_win": "De mutualiteit bereikt leden die haar voordelen niet gebruiken.",
        "agreed": "Een oproep in de ledennieuwsbrief van het voorjaar.",
        "commitment": ("Oproep over terugbetaalde mondzorg in de ledennieuwsbrief", "promised",
                       45, None),
    },
    {
        "days": 100, "kind": Kind.ONE_TO_ONE, "parties": [SCHEPEN], "members": ["lotte"],
        "people": ["Griet Moerman"],
        "discussed": "Voorbereiding van de begrotingsbespreking: wat kan de schepen verdedigen "
        "in het college?",
        "arguments_for": "De resultaten in de commissie gaven haar vertrouwen.",
        "arguments_against": "De schepen van financiën blijft twijfelen.",
        "agreed": "Wij leveren een fiche met kosten en resultaten; zij brengt het punt op het "
        "college.",
    },
    {
        "days": 95, "kind": Kind.PHONE, "parties": [FIN_DIRECTEUR], "members": ["lotte"],
        "people": ["Marc Van Acker"],
        "discussed": "Vraag om de raming voor drie jaar na te kijken voor de budgetwijziging.",
        "agreed": "Hij kijkt de raming na en vult de personeelskosten aan.",
        "commitment": ("De raming voor drie jaar nakijken en de personeelskosten aanvullen",
                       "asked", -5, None),
    },
    {
        "days": 85, "kind": Kind.ONE_TO_ONE, "parties": [KRING], "members": ["bram", "lotte"],
        "people": ["Dr. Wim Jacobs"],
        "discussed": "Tweede gesprek met de voorzitter: de bevraging van de leden loopt traag.",
        "arguments_for": "Enkele jonge tandartsen willen graag meedoen.",
        "arguments_against": "Oudere leden blijven wantrouwig tegenover de derdebetalersregeling.",
        "agreed": "De kring bezorgt de lijst van tandartsen die zonder voorschot werken.",
        "follow_up": (-3, False),
        "commitment": ("Lijst van tandartsen die zonder voorschot werken", "promised", -12,
                       None),
    },
    {
        "days": 70, "kind": Kind.MEETING, "parties": ["Vrij CLB Kouterland"],
        "members": ["amina"], "people": ["An Lemmens", "Dr. Lien Claes"],
        "discussed": "Hoe de tandcontrole tijdens het medisch consult terugkomt naar de scholen.",
        "agreed": "Het CLB geeft per school door hoeveel kinderen een verwijzing kregen.",
        "commitment": ("Per school doorgeven hoeveel kinderen een verwijzing naar de tandarts "
                       "kregen", "promised", 6, None),
    },
    {
        "days": 60, "kind": Kind.PRESENTATION, "parties": [COLLEGE, BURGEMEESTER, FINANCIEN],
        "members": ["lotte", "bram"], "people": ["Ann Peeters", "Dirk Verstraete"],
        "discussed": "Voorstel op het college vóór de begrotingsbespreking, met de resultaten "
        "van het eerste jaar.",
        "arguments_for": "De cijfers van het CLB tonen minder kinderen met onbehandeld bederf.",
        "arguments_against": "Financiën wil een evaluatie voor er structureel geld komt.",
        "win_win": "Het college kan in de gemeenteraad een resultaat tonen.",
        "agreed": "Budget voor twee jaar mondzorgcoaches in de budgetwijziging; evaluatie na "
        "een jaar.",
        "follow_up": (20, False),
    },
    {
        "days": 50, "kind": Kind.WORKING_GROUP,
        "parties": ["Huis van het Kind Hoogveld", "Kind en Gezin – consultatiebureau Hoogveld",
                    "Vroedvrouwenpraktijk De Wieg"],
        "members": ["amina", "lotte"], "people": ["Femke Janssens", "Lore Van Hecke"],
        "discussed": "Mondzorg tijdens de zwangerschap: tandvleesproblemen worden zelden "
        "behandeld.",
        "win_win": "Vroedvrouwen krijgen een adres om naar door te verwijzen.",
        "agreed": "Een korte boodschap over tandvlees in het prenatale consult.",
        "follow_up": (9, False),
    },
    {
        "days": 45, "kind": Kind.ONE_TO_ONE,
        "parties": ["Opleiding Tandheelkunde – stageproject Mondzorg in de wijk"],
        "members": ["bram"], "people": ["Prof. dr. Hélène Dubois"],
        "discussed": "Stageplaatsen voor studenten tandheelkunde in de wijk.",
        "win_win": "Studenten leren werken met gezinnen in armoede; De Vonk krijgt extra handen.",
        "agreed": "De docent vraagt het aan de stagecommissie.",
        "commitment": ("Twee stagiairs tandheelkunde in De Vonk tijdens het najaar", "asked",
                       60, None),
    },
    {
        "days": 40, "kind": Kind.EMAIL, "parties": ["Dienst Communicatie"], "members": ["amina"],
        "people": ["Pieterjan Raes"],
        "discussed": "Een artikel over de mondzorgcoaches voor het stedelijke infoblad.",
        "agreed": "Het artikel verschijnt in het volgende nummer, met foto van de coaches.",
    },
    {
        "days": 35, "kind": Kind.ONE_TO_ONE, "parties": ["Huisartsenkring Kouterland"],
        "members": ["lotte"], "people": ["Dr. Erik Verlinden"],
        "discussed": "Wat de huisarts kan doen bij een kind met zichtbaar tandbederf.",
        "arguments_against": "Huisartsen hebben al te weinig tijd per consult.",
        "agreed": "We sturen een korte verwijskaart die op de balie kan liggen.",
        "follow_up": (-10, False),
    },
    {
        "days": 30, "kind": Kind.MEETING,
        "parties": ["Buurtwerk Kouterwijk", "Moeders zonder Grenzen – zelforganisatie"],
        "members": ["amina"], "people": ["Leila Haddouchi", "Amal Yusuf"],
        "discussed": "Een vaste plek in de wijk waar de mondzorgcoaches ouders ontmoeten.",
        "win_win": "Het buurthuis krijgt een nieuw publiek; de coaches een vertrouwde plek.",
        "agreed": "Buurtwerk vraagt intern of het lokaal twee voormiddagen per maand vrij is.",
        "commitment": ("Lokaal in het buurthuis voor de mondzorgcoaches, twee voormiddagen "
                       "per maand", "asked", 25, None),
    },
    {
        "days": 25, "kind": Kind.PHONE, "parties": ["OKAN-klas Sint-Jozefscollege"],
        "members": ["amina"], "people": ["Hanne Michiels"],
        "discussed": "Een infosessie over mondzorg voor ouders van nieuwkomers, met tolk.",
        "agreed": "De leerkracht stelt twee data voor.",
        "follow_up": (5, False),
    },
    {
        "days": 20, "kind": Kind.ONE_TO_ONE, "parties": [SCHEPEN], "members": ["lotte"],
        "people": ["Griet Moerman"],
        "discussed": "Hoe het project na de proefperiode verder kan.",
        "arguments_for": "Ze wil de aanpak uitbreiden naar de Stationsbuurt.",
        "agreed": "De schepen zet de verlenging op de agenda van het college.",
        "follow_up": (2, False),
        "commitment": ("Agendapunt op het college over de verlenging van het project",
                       "promised", 12, None),
    },
    {
        "days": 14, "kind": Kind.WORKING_GROUP, "parties": CORE,
        "members": ["lotte", "bram", "amina", "koen"],
        "people": ["Jonas Maes", "Katrien De Wilde", "Femke Janssens"],
        "discussed": "Evaluatie van het eerste jaar en planning van het najaar.",
        "agreed": "Elke partner levert zijn cijfers voor de evaluatie aan de raadscommissie.",
        "follow_up": (14, False),
    },
    {
        "days": 10, "kind": Kind.EMAIL,
        "parties": ["Departement Zorg – regionale afdeling preventie"], "members": ["bram"],
        "people": ["Wouter Geerts"],
        "discussed": "Vraag naar de nieuwe subsidieoproep voor preventie in kwetsbare wijken.",
        "agreed": "Hij stuurt de oproep zodra ze gepubliceerd is.",
        "follow_up": (4, False),
    },
    {
        "days": 7, "kind": Kind.MEETING,
        "parties": ["Sociale dienst OCMW Hoogveld", "Bijzonder Comité voor de Sociale Dienst"],
        "members": ["lotte"], "people": ["Katrien De Wilde", "Rudi Goossens"],
        "discussed": "Tussenkomst van de sociale dienst in tandzorg die niet terugbetaald wordt.",
        "arguments_for": "Het comité wil vermijden dat gezinnen zorg uitstellen.",
        "agreed": "Het comité bespreekt een vast bedrag per gezin in zijn volgende zitting.",
    },
    {
        "days": 3, "kind": Kind.PHONE, "parties": ["Kinderopvang De Speelboom"],
        "members": ["amina"], "people": ["Joke Willaert"],
        "discussed": "Een poetsmoment na het middagmaal in de opvang.",
        "agreed": "De verantwoordelijke bespreekt het met haar team.",
        "follow_up": (7, False),
    },
]

REVIEW_1_STARTED_DAYS_AGO = 276
REVIEW_1_FINISHED_DAYS_AGO = 182
REVIEW_2_STARTED_DAYS_AGO = 93
REVIEW_2_FINISHED_DAYS_AGO = 60


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _log_moments(project: Project, users: list[User], today: date) -> None:
    parties = {party.name: party for party in Party.objects.filter(project=project)}
    people = {
        (person.party_id, person.name): person
        for person in ContactPerson.objects.filter(party__project=project)
    }
    for spec in MOMENTS:
        moment_parties = [parties[name] for name in spec["parties"]]
        members = [users[MEMBERS[key]] for key in spec["members"]]
        persons = [
            people[(party.pk, name)]
            for name in spec.get("people", [])
            for party in moment_parties
            if (party.pk, name) in people
        ]
        day = today - timedelta(days=spec["days"])
        follow_up, done = spec.get("follow_up") or (None, False)
        data = {
            "kind": spec["kind"],
            "date": day,
            "discussed": spec["discussed"],
            "arguments_for": spec.get("arguments_for", ""),
            "arguments_against": spec.get("arguments_against", ""),
            "win_win": spec.get("win_win", ""),
            "agreed": spec.get("agreed", ""),
            "follow_up_on": None if follow_up is None else today + timedelta(days=follow_up),
            "follow_up_done": done,
        }
        commitment = None
        if "commitment" in spec:
            what, status, ends_in, delivered_ago = spec["commitment"]
            commitment = {
                "what": what,
                "status": status,
                "starts_on": day,
                "ends_on": today + timedelta(days=ends_in),
                "delivered_on": None
                if delivered_ago is None
                else today - timedelta(days=delivered_ago),
            }
        services.moment_create(
            project=project,
            data=data,
            parties=moment_parties,
            contact_persons=persons,
            members=members,
            commitment=commitment,
            user=members[0],
        )


def _review(
    project: Project,
    user: User,
    order: list[int],
    started: datetime,
    finished: datetime,
    steps: list[tuple[int, str, Assessment | None, datetime]],
) -> Review:
    review = Review.objects.create(
        project=project, started_by=user, started_at=started, finished_at=finished,
        party_order=order,
    )
    ReviewStep.objects.bulk_create(
        ReviewStep(review=review, party_id=party_id, outcome=outcome, assessment=assessment,
                   by=user, at=at)
        for party_id, outcome, assessment, at in steps
    )
    return review


def _review_rounds(project: Project, user: User, today: date) -> None:
    """Two finished rounds that point at the assessments the demo recorded in its two rounds:
    the first found most parties for the first time, the second recorded the changes."""
    order = selectors.review_order(project=project)
    history: dict[int, list[Assessment]] = {}
    for assessment in Assessment.objects.filter(party__project=project).order_by(
        "assessed_on", "pk"
    ):
        history.setdefault(assessment.party_id, []).append(assessment)
    first_end = today - timedelta(days=REVIEW_1_FINISHED_DAYS_AGO)
    second_start = today - timedelta(days=REVIEW_2_STARTED_DAYS_AGO)
    second_end = today - timedelta(days=REVIEW_2_FINISHED_DAYS_AGO)

    first, second = [], []
    for position, party_id in enumerate(order):
        assessments = history.get(party_id, [])
        before = [a for a in assessments if a.assessed_on < second_start]
        after = [a for a in assessments if a.assessed_on >= second_start]
        if not before:
            first.append((party_id, ReviewStep.Outcome.SKIPPED, None, _at(first_end, 9)))
        elif position < len(order) * 2 // 3:
            first.append(
                (party_id, ReviewStep.Outcome.ASSESSED, before[0], _at(before[0].assessed_on))
            )
        else:  # the last ones were checked after the summer, with no change
            first.append((party_id, ReviewStep.Outcome.UNCHANGED, None, _at(first_end, 9)))
        if after:
            second.append(
                (party_id, ReviewStep.Outcome.ASSESSED, after[-1], _at(after[-1].assessed_on))
            )
        elif before:
            second.append((party_id, ReviewStep.Outcome.UNCHANGED, None, _at(second_end, 9)))
        else:
            second.append((party_id, ReviewStep.Outcome.SKIPPED, None, _at(second_end, 9)))
    _review(
        project, user, order,
        _at(today - timedelta(days=REVIEW_1_STARTED_DAYS_AGO), 9), _at(first_end, 16), first,
    )
    _review(project, user, order, _at(second_start, 9), _at(second_end, 16), second)


def engagement_demo(project: Project, users: list[tuple[User, str]]) -> None:
    """Add contacts, commitments, follow-ups and two review rounds to the demo project.
    `users` are the demo's (user, role) pairs: owner, editor, contributor, viewer."""
    today = timezone.localdate()
    people = [user for user, _role in users]
    _log_moments(project, people, today)
    _review_rounds(project, people[0], today)
