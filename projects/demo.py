"""The demo workspace: a fictional Flemish town that builds support for better oral health
among families in poverty, and beside it a smaller Dutch project (projects.demo_netherlands).
Everything here is invented; the dates move with today so the demo always shows two recent
rounds of assessments."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_create
from engagement.demo import engagement_demo
from evidence.brief_demo import brief_demo
from evidence.demo import evidence_demo
from evidence.figures.demo import figures_demo
from governance.demo import governance_demo
from parties.models import Party
from parties.services import assessment_record, contact_create, party_create
from planning.demo import planning_demo
from projects.demo_analysis import analysis_demo
from projects.demo_netherlands import dutch_demo_load
from projects.models import Membership, Organisation, Place, Project, Role, TargetSegment
from projects.services import place_get_or_create, project_create
from reports.demo import reports_demo

DEMO_TITLE = "Gezonde tanden voor elk kind in Hoogveld"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "draagvlak-demo"
DEMO_ORGANISATION = "Gemeente Hoogveld"

# Days before today.
START_DAYS_AGO = 426  # about fourteen months
ROUND_1_DAYS_AGO = 274  # about nine months
ROUND_2_DAYS_AGO = 92  # about three months

USERS: list[dict[str, str]] = [
    {
        "username": DEMO_USERNAME,
        "email": "demo@example.org",
        "first_name": "Lotte",
        "last_name": "Verhaegen",
        "role": Role.OWNER,
    },
    {
        "username": "bram.desmedt",
        "email": "bram.desmedt@example.org",
        "first_name": "Bram",
        "last_name": "De Smedt",
        "role": Role.EDITOR,
    },
    {
        "username": "amina.elkaddouri",
        "email": "amina.elkaddouri@example.org",
        "first_name": "Amina",
        "last_name": "El Kaddouri",
        "role": Role.CONTRIBUTOR,
    },
    {
        "username": "koen.baeten",
        "email": "koen.baeten@example.org",
        "first_name": "Koen",
        "last_name": "Baeten",
        "role": Role.VIEWER,
    },
]

TOWN = {"name": "Hoogveld", "code": "46029", "kind": Place.Kind.MUNICIPALITY}
DISTRICTS = [
    {"name": "Kouterwijk", "code": "46029A", "kind": Place.Kind.DISTRICT},
    {"name": "Stationsbuurt", "code": "46029B", "kind": Place.Kind.DISTRICT},
]

PROJECT = {
    "title": DEMO_TITLE,
    "theme": Project.Theme.ORAL_HEALTH,
    "country": Project.Country.FLANDERS,
    "target_group": (
        "Gezinnen met kinderen tot twaalf jaar die in armoede leven in Hoogveld, met extra "
        "aandacht voor de Kouterwijk en de Stationsbuurt."
    ),
    "vision": (
        "Elk kind in Hoogveld groeit op met een gezonde mond, wat zijn ouders ook verdienen "
        "en welke taal ze thuis ook spreken. Gezinnen in armoede vinden vanzelfsprekend en "
        "zonder voorschot de weg naar de tandarts, van de zwangerschap tot het einde van de "
        "lagere school. We brengen mondzorg naar de plekken waar gezinnen al komen: het "
        "consultatiebureau, de school, de sociale kruidenier en het buurthuis. Elke partner "
        "werkt vanuit de eigen opdracht, maar we brengen dezelfde boodschap en verwijzen warm "
        "naar elkaar door. Ouders met ervaring in armoede denken bij elke stap mee."
    ),
    "quadrant_threshold": 4,
}

SEGMENTS: dict[str, dict[str, str]] = {
    "pregnant": {
        "name": "Zwangere vrouwen in armoede",
        "description": "Aanstaande moeders met een laag inkomen; tandvleesproblemen worden "
        "tijdens de zwangerschap vaak niet behandeld.",
    },
    "newcomers": {
        "name": "Nieuwkomersgezinnen die weinig Nederlands spreken",
        "description": "Gezinnen die kort in België zijn en het Belgische zorgsysteem en de "
        "terugbetaling nog niet kennen.",
    },
    "social_housing": {
        "name": "Gezinnen met jonge kinderen in de sociale huisvesting",
        "description": "Vooral in de Kouterwijk, waar het CLB het meeste tandbederf vaststelt.",
    },
    "single_parents": {
        "name": "Alleenstaande ouders met een leefloon",
        "description": "Stellen hun eigen tandzorg en die van de kinderen uit tot er pijn is.",
    },
    "travellers": {
        "name": "Woonwagenbewoners met jonge kinderen",
        "description": "Een kleine groep op het residentieel woonwagenterrein; geen enkele "
        "partner heeft er vandaag een vaste ingang.",
    },
}

# An assessment: (power, interest, legitimacy, urgency, attitude, current engagement,
# desired engagement, note). Power, interest, legitimacy and urgency on 1–5, attitude on −2…+2.
Scores = tuple[int, int, int, int, int, str, str, str]

# A contact: (name, function, legal basis, do not contact, with e-mail address).
Contact = tuple[str, str, str, bool, bool]

PARTIES: list[dict[str, Any]] = [
    {
        "name": "College van burgemeester en schepenen",
        "kind": "governing_body",
        "is_internal": True,
        "layer": "board",
        "sector": "local_government",
        "role": "decides",
        "ring": "co_decides",
        "goals": "Een bestuur dat zichtbaar werk maakt van kansen voor elk kind en binnen "
        "het meerjarenplan blijft.",
        "interests": "Wil voor het einde van de legislatuur concrete resultaten tonen zonder "
        "nieuwe belastingen.",
        "activities": "Keurt wekelijks dossiers goed en bereidt het budget voor de "
        "gemeenteraad voor.",
        "position": "Positief over het doel, maar wacht op een becijferd voorstel voor de "
        "budgetronde.",
        "working_methods": "Beslist op basis van een korte nota van de administratie.",
        "health_contribution": "Financiert de werking van het Huis van het Kind en de "
        "sociale dienst.",
        "contacts": [("Ann Peeters", "Secretariaat van het college", "public_task", False, True)],
        "r1": (
            5,
            3,
            5,
            2,
            0,
            "neutral",
            "supportive",
            "Nog geen agendapunt; eerst het gesprek met de schepen afwachten.",
        ),
        "r2": (
            5,
            4,
            5,
            3,
            1,
            "supportive",
            "supportive",
            "Principieel akkoord met een proefjaar in de Kouterwijk.",
        ),
    },
    {
        "name": "Schepen van welzijn, gezondheid en gezin – Griet Moerman",
        "kind": "person",
        "is_internal": True,
        "layer": "board",
        "sector": "local_government",
        "role": "decides",
        "ring": "co_decides",
        "goals": "Wil dat Hoogveld bekendstaat als een gemeente waar geen kind uit de boot valt.",
        "interests": "Zoekt een project dat ze in de gemeenteraad en in de lokale pers kan "
        "verdedigen.",
        "activities": "Zit het lokaal overleg kinderarmoede voor en bezoekt geregeld de partners.",
        "position": "Trekker binnen het college; brengt het dossier zelf op tafel.",
        "working_methods": "Houdt van korte gesprekken met cijfers en een verhaal uit de praktijk.",
        "health_contribution": "Nam gezondheid voor het eerst als aparte doelstelling op in "
        "het meerjarenplan.",
        "contacts": [
            ("Griet Moerman", "Schepen van welzijn", "public_task", False, True),
            ("Hilde Vermeulen", "Kabinetsmedewerker", "public_task", False, True),
        ],
        "r1": (
            5,
            4,
            5,
            4,
            1,
            "supportive",
            "leading",
            "Enthousiast na het eerste gesprek; vraagt cijfers over tandbederf bij kleuters.",
        ),
        "r2": (
            5,
            5,
            5,
            4,
            2,
            "leading",
            "leading",
            "Verdedigde het proefjaar zelf op het college.",
        ),
    },
    {
        "name": "Burgemeester Jan Ceulemans",
        "kind": "person",
        "is_internal": True,
        "layer": "board",
        "sector": "local_government",
        "role": "decides",
        "ring": "thinks_along",
        "goals": "Bewaakt de samenhang en de financiële gezondheid van het hele bestuur.",
        "interests": "Vooral bezig met mobiliteit en de heraanleg van het centrum.",
        "position": "Volgt de schepen zolang de kosten beperkt blijven.",
        "working_methods": "Laat zich briefen door de algemeen directeur.",
        "contacts": [("Jan Ceulemans", "Burgemeester", "public_task", False, True)],
        "r1": (5, 2, 5, 1, 0, "unaware", "neutral", ""),
        "r2": (
            5,
            2,
            5,
            2,
            1,
            "neutral",
            "supportive",
            "Reageerde positief op het voorbeeld van de poetsmomenten in de klas.",
        ),
    },
    {
        "name": "Schepen van financiën – Dirk Verstraete",
        "kind": "person",
        "is_internal": True,
        "layer": "board",
        "sector": "local_government",
        "role": "decides",
        "ring": "informed",
        "goals": "Houdt de schuldgraad laag en wil elke nieuwe uitgave gecompenseerd zien.",
        "interests": "Vreest dat een proefproject een vaste kost wordt die niemand nog durft "
        "te schrappen.",
        "position": "Sceptisch; vraagt bij elk project wie het na de subsidie betaalt.",
        "working_methods": "Leest de cijfers grondig en wil een kostenraming op papier.",
        "contacts": [("Dirk Verstraete", "Schepen van financiën", "public_task", False, True)],
        "r1": (
            4,
            2,
            5,
            1,
            -1,
            "resistant",
            "neutral",
            "Vraagt of de mutualiteit niet een deel kan dragen.",
        ),
        "r2": (
            4,
            2,
            5,
            2,
            -1,
            "resistant",
            "neutral",
            "Twijfelt nog; voorstel om de kosten over twee begrotingsjaren te spreiden.",
        ),
    },
    {
        "name": "Gemeenteraadscommissie Welzijn en Samenleving",
        "kind": "governing_body",
        "is_internal": True,
        "layer": "board",
        "sector": "local_government",
        "role": "decides",
        "ring": "informed",
        "goals": "Bereidt de besluiten van de gemeenteraad over welzijn, onderwijs en "
        "gezondheid voor.",
        "interests": "De leden willen weten wat de bewoners in hun wijk ervan merken.",
        "activities": "Vergadert maandelijks, een week voor de gemeenteraad.",
        "position": "Meerderheid en oppositie verschillen van mening over de rol van de "
        "gemeente in tandzorg.",
        "working_methods": "Hoort graag externe sprekers en vraagt vooraf een schriftelijke "
        "toelichting.",
        "contacts": [
            ("Evelien Martens", "Voorzitter van de commissie", "public_task", False, True)
        ],
        "r1": (4, 2, 5, 2, 0, "unaware", "supportive", ""),
        "r2": (
            4,
            3,
            5,
            2,
            1,
            "neutral",
            "supportive",
            "Toelichting in de commissie goed onthaald, ook door de oppositie.",
        ),
    },
    {
        "name": "Bijzonder Comité voor de Sociale Dienst",
        "kind": "governing_body",
        "is_internal": True,
        "layer": "board",
        "sector": "welfare",
        "role": "decides",
        "ring": "thinks_along",
        "goals": "Beslist over de individuele steun van het OCMW, ook voor medische kosten.",
        "interests": "Wil dat dringende tandzorg minder vaak als aanvullende steun binnenkomt.",
        "activities": "Behandelt om de twee weken de aanvragen voor financiële hulp.",
        "position": "Ziet preventie als een manier om dure herstelzorg te vermijden.",
        "working_methods": "Beslist dossier per dossier op voorstel van de maatschappelijk "
        "werkers.",
        "health_contribution": "Betaalt in uitzonderlijke gevallen tandzorg terug voor cliënten.",
        "contacts": [("Rudi Goossens", "Voorzitter", "public_task", False, True)],
        "r1": (4, 4, 5, 3, 1, "supportive", "supportive", ""),
        "r2": (
            4,
            4,
            5,
            4,
            1,
            "supportive",
            "leading",
            "Stelt voor om een vast budget voor mondzorg te reserveren.",
        ),
    },
    {
        "name": "Algemeen directeur – Sofie Claeys",
        "kind": "person",
        "is_internal": True,
        "layer": "management",
        "sector": "local_government",
        "role": "decides",
        "ring": "informed",
        "goals": "Stuurt de administratie aan en bewaakt de uitvoering van het meerjarenplan.",
        "interests": "Wil geen nieuwe taken voor de diensten zonder extra personeelsinzet.",
        "position": "Neutraal; vraagt een duidelijke taakverdeling tussen de diensten.",
        "working_methods": "Werkt met een managementteam dat om de twee weken samenkomt.",
        "contacts": [("Sofie Claeys", "Algemeen directeur", "public_task", False, True)],
        "r1": (4, 3, 4, 2, 0, "neutral", "supportive", ""),
        "r2": (
            4,
            3,
            4,
            2,
            0,
            "neutral",
            "supportive",
            "Wacht op het standpunt van de financieel directeur.",
        ),
    },
    {
        "name": "Financieel directeur – Marc Van Acker",
        "kind": "person",
        "is_internal": True,
        "layer": "management",
        "sector": "local_government",
        "role": "supplies",
        "ring": "informed",
        "goals": "Zorgt dat elke uitgave in het budget past en de beleids- en beheerscyclus volgt.",
        "interests": "Heeft dit jaar weinig ruimte in het exploitatiebudget.",
        "position": "Terughoudend, maar opent de deur voor de volgende budgetwijziging.",
        "contacts": [("Marc Van Acker", "Financieel directeur", "public_task", False, True)],
        "r1": (4, 2, 4, 2, -1, "resistant", "neutral", ""),
        "r2": (
            4,
            2,
            4,
            3,
            0,
            "neutral",
            "neutral",
            "Ziet ruimte via de Vlaamse middelen voor lokale armoedebestrijding.",
        ),
    },
    {
        "name": "Dienst Welzijn en Gezondheid",
        "kind": "department",
        "is_internal": True,
        "layer": "management",
        "sector": "prevention",
        "role": "supplies",
        "ring": "co_decides",
        "goals": "Vertaalt het lokale gezondheidsbeleid naar acties met partners in de wijken.",
        "interests": "Wil aantonen dat een gericht gezondheidsbeleid het verschil maakt voor "
        "kwetsbare gezinnen.",
        "activities": "Coördineert het lokaal gezondheidsoverleg en de preventiecampagnes.",
        "position": "Trekt het project en zit het overleg van de kerngroep voor.",
        "working_methods": "Werkt met een jaarplan, een kerngroep en een halfjaarlijkse "
        "evaluatie met het college.",
        "health_contribution": "Organiseert al jaren de gezondheidsmarkt en de campagnes rond "
        "voeding en beweging.",
        "theme_expertise": "Kent de cijfers over mondgezondheid uit de gezondheidsmonitor en "
        "de Vlaamse preventiedoelen.",
        "works_with_vulnerable_groups": True,
        "in_core_group": True,
        "own_identity": "Blijft de brede gezondheidsdienst van de gemeente, ook voor thema's "
        "buiten mondzorg.",
        "contacts": [("Jonas Maes", "Diensthoofd welzijn", "public_task", False, True)],
        "r1": (4, 5, 5, 4, 2, "leading", "leading", ""),
        "r2": (4, 5, 5, 5, 2, "leading", "leading", ""),
    },
    {
        "name": "Sociale dienst OCMW Hoogveld",
        "kind": "department",
        "is_internal": True,
        "layer": "staff",
        "sector": "welfare",
        "role": "carries_out",
        "ring": "takes_part",
        "goals": "Zorgt dat elke inwoner menswaardig kan leven, ook wie van een leefloon rondkomt.",
        "interests": "Wil minder crisisdossiers voor tandpijn die te laat behandeld wordt.",
        "activities": "Begeleidt gezinnen met een leefloon, schuldhulp en aanvullende steun.",
        "position": "Gelooft in het project, al hebben de maatschappelijk werkers weinig tijd.",
        "working_methods": "Werkt met huisbezoeken, zitdagen en een vast aanspreekpunt per gezin.",
        "health_contribution": "Verwijst door naar de huisarts en schiet soms medische kosten "
        "voor.",
        "theme_expertise": "Ziet dagelijks hoe uitgestelde tandzorg gezinnen dieper in de "
        "schulden duwt.",
        "works_with_vulnerable_groups": True,
        "in_core_group": True,
        "own_identity": "Voert de wettelijke opdracht van het OCMW uit en beslist zelf over "
        "individuele steun.",
        "segments": ["pregnant", "social_housing", "single_parents"],
        "contacts": [
            (
                "Katrien De Wilde",
                "Teamverantwoordelijke sociale dienst",
                "public_task",
                False,
                True,
            ),
            ("Youssef Amrani", "Maatschappelijk werker", "public_task", False, True),
        ],
        "r1": (
            4,
            4,
            5,
            4,
            1,
            "supportive",
            "leading",
            "Team wil meedoen als er een vaste doorverwijsroute komt.",
        ),
        "r2": (
            4,
            5,
            5,
            4,
            2,
            "leading",
            "leading",
            "Twee maatschappelijk werkers volgden de vorming mondzorg.",
        ),
    },
    {
        "name": "Huis van het Kind Hoogveld",
        "kind": "organisation",
        "is_internal": False,
        "layer": "management",
        "sector": "welfare",
        "role": "carries_out",
        "ring": "co_decides",
        "goals": "Ondersteunt alle gezinnen met kinderen, met voorrang voor wie het moeilijker "
        "heeft.",
        "interests": "Zoekt een concreet thema dat de partners van het samenwerkingsverband "
        "samenbrengt.",
        "activities": "Organiseert inloopmomenten, een spelotheek en opvoedingsondersteuning.",
        "position": "Mee-trekker van het project en gastheer voor de mondzorgmomenten.",
        "working_methods": "Werkt laagdrempelig, met vrijwilligers en brugfiguren die de taal "
        "van de gezinnen spreken.",
        "health_contribution": "Deelt al tandenborstels uit op het inloopmoment voor baby's.",
        "theme_expertise": "Werkte eerder mee aan een campagne over de eerste tandjes.",
        "works_with_vulnerable_groups": True,
        "in_core_group": True,
        "own_identity": "Blijft een open huis voor elk gezin; mondzorg wordt geen "
        "voorwaarde om binnen te komen.",
        "segments": ["pregnant", "newcomers", "social_housing", "single_parents"],
        "contacts": [
            ("Femke Janssens", "Coördinator Huis van het Kind", "contract", False, True),
            ("Mira Dewulf", "Brugfiguur", "contract", False, True),
        ],
        "r1": (4, 5, 4, 4, 2, "leading", "leading", ""),
        "r2": (4, 5, 4, 5, 2, "leading", "leading", ""),
    },
    {
        "name": "Kind en Gezin – consultatiebureau Hoogveld",
        "kind": "organisation",
        "is_internal": False,
        "layer": "staff",
        "sector": "prevention",
        "role": "carries_out",
        "ring": "takes_part",
        "goals": "Volgt de groei en ontwikkeling van elk jong kind op.",
        "interests": "Wil het advies over het eerste tandje beter laten aankomen bij ouders "
        "die weinig Nederlands spreken.",
        "activities": "Consulten voor kinderen tot drie jaar en huisbezoeken na de geboorte.",
        "position": "Gelooft in de aanpak en stelt de consultatieruimte open.",
        "working_methods": "Werkt met artsen, verpleegkundigen en een vast consultschema.",
        "health_contribution": "Geeft bij elk consult advies over voeding, fluoride en poetsen.",
        "theme_expertise": "Heeft een vaste module mondgezondheid voor jonge kinderen.",
        "works_with_vulnerable_groups": True,
        "segments": ["pregnant", "newcomers", "social_housing", "single_parents"],
        "contacts": [
            ("Els Wouters", "Regioverpleegkundige", "legitimate_interest", False, True),
            ("Dr. Tom Hermans", "Consultatiebureau-arts", "legitimate_interest", False, True),
        ],
        "r1": (3, 4, 5, 3, 1, "supportive", "supportive", ""),
        "r2": (
            3,
            5,
            5,
            3,
            2,
            "supportive",
            "leading",
            "Geeft een tandenborstelpakket mee bij het consult van negen maanden.",
        ),
    },
    {
        "name": "Wijkgezondheidscentrum De Vonk",
        "kind": "organisation",
        "is_internal": False,
        "layer": "staff",
        "sector": "health_care",
        "role": "carries_out",
        "ring": "co_decides",
        "goals": "Biedt toegankelijke eerstelijnszorg aan iedereen in de Kouterwijk.",
        "interests": "Heeft een tandarts in dienst en wil de wachtlijst voor kinderen wegwerken.",
        "activities": "Huisartsenzorg, verpleging, kinesitherapie en sinds kort een eigen "
        "tandartsstoel.",
        "position": "Kernpartner; maakt tijd van de tandarts vrij voor doorverwezen gezinnen.",
        "working_methods": "Werkt met een forfaitair abonnement: patiënten betalen niets aan "
        "het loket.",
        "health_contribution": "Verzorgt een groot deel van de wijkbewoners met een verhoogde "
        "tegemoetkoming.",
        "theme_expertise": "De tandarts en de mondhygiënist kennen de drempels voor gezinnen "
        "in armoede van dichtbij.",
        "works_with_vulnerable_groups": True,
        "in_core_group": True,
        "own_identity": "Blijft een onafhankelijk centrum met een eigen patiëntenlijst en "
        "financiering.",
        "segments": ["newcomers", "social_housing", "single_parents"],
        "contacts": [
            ("Sarah Van den Broeck", "Coördinator", "contract", False, True),
            ("Dr. Lucas Pauwels", "Tandarts", "contract", False, True),
            ("Ines Mertens", "Mondhygiënist", "contract", False, True),
        ],
        "r1": (3, 5, 4, 4, 2, "leading", "leading", ""),
        "r2": (
            3,
            5,
            4,
            5,
            2,
            "leading",
            "leading",
            "Twee voormiddagen per maand voorbehouden voor doorverwezen kinderen.",
        ),
    },
    {
        "name": "Logo Kouterland",
        "kind": "organisation",
        "is_internal": False,
        "layer": "management",
        "sector": "prevention",
        "role": "supplies",
        "ring": "takes_part",
        "goals": "Ondersteunt lokale besturen bij een preventief gezondheidsbeleid.",
        "interests": "Wil de aanpak rond gezondheidsongelijkheid hier uittesten en in de regio "
        "delen.",
        "activities": "Begeleidt lokale gezondheidsoverleggen en geeft vorming aan professionals.",
        "position": "Brengt expertise en materiaal, maar beslist niet mee over het budget.",
        "working_methods": "Werkt met stappenplannen, vorming en intervisie.",
        "health_contribution": "Verdeelt het materiaal van de Vlaamse mondzorgcampagnes in de "
        "regio.",
        "theme_expertise": "Heeft een regionale medewerker met mondgezondheid als aandachtsthema.",
        "works_with_vulnerable_groups": False,
        "in_core_group": True,
        "own_identity": "Blijft de partner van alle gemeenten in de regio en bewaakt de "
        "Vlaamse methodiek.",
        "contacts": [
            ("Bart Willems", "Stafmedewerker mondgezondheid", "legitimate_interest", False, True),
            ("Charlotte Aerts", "Coördinator", "legitimate_interest", False, True),
        ],
        "r1": (3, 4, 4, 3, 2, "supportive", "supportive", ""),
        "r2": (3, 4, 4, 3, 2, "supportive", "supportive", ""),
    },
    {
        "name": "Groepspraktijk Tandartsen aan de Kouter",
        "kind": "organisation",
        "is_internal": False,
        "layer": "staff",
        "sector": "health_care",
        "role": "carries_out",
        "ring": "thinks_along",
        "goals": "Goede tandzorg voor een vaste patiëntengroep en een gezonde praktijk.",
        "interests": "Wil geen lege plekken in de agenda door afspraken die niet worden nagekomen.",
        "activities": "Vier tandartsen en een mondhygiënist; controles en orthodontie.",
        "position": "Afwachtend, maar bereid tot een proef als de doorverwijzing begeleid wordt.",
        "working_methods": "Werkt op afspraak met een online agenda; geconventioneerd.",
        "health_contribution": "Past de derdebetalersregeling toe voor kinderen met een "
        "verhoogde tegemoetkoming.",
        "theme_expertise": "Een van de tandartsen is gespecialiseerd in kindertandheelkunde.",
        "segments": ["social_housing"],
        "contacts": [
            ("Dr. Annelies Cools", "Tandarts", "legitimate_interest", False, True),
            ("Kelly Smets", "Praktijkassistente", "legitimate_interest", False, True),
        ],
        "r1": (
            3,
            3,
            4,
            2,
            0,
            "neutral",
            "supportive",
            "Vreest gemiste afspraken; het Huis van het Kind kan een herinnering sturen.",
        ),
        "r2": (
            3,
            4,
            4,
            3,
            1,
            "supportive",
            "supportive",
            "Akkoord om tien kinderen per maand via het project te zien.",
        ),
    },
    {
        "name": "Tandarts Pieter Lambrecht",
        "kind": "person",
        "is_internal": False,
        "layer": "staff",
        "sector": "health_care",
        "role": "carries_out",
        "ring": "informed",
        "goals": "Een rendabele solopraktijk in het centrum.",
        "interests": "Vindt dat preventie de taak van de ouders is, niet van de tandarts.",
        "position": "Kritisch over de rol van de gemeente; niet geconventioneerd.",
        "working_methods": "Werkt alleen, met lange wachttijden voor nieuwe patiënten.",
        "theme_expertise": "Ruime klinische ervaring in algemene tandheelkunde.",
        "contacts": [("Pieter Lambrecht", "Tandarts", "legitimate_interest", True, True)],
        "r1": (3, 2, 3, 1, -1, "resistant", "neutral", ""),
        "r2": (
            3,
            2,
            3,
            1,
            -2,
            "resistant",
            "neutral",
            "Schreef een lezersbrief tegen tandzorg op kosten van de gemeente.",
        ),
    },
    {
        "name": "Tandartsenkring Kouterland",
        "kind": "organisation",
        "is_internal": False,
        "layer": "management",
        "sector": "health_care",
        "role": "supplies",
        "ring": "thinks_along",
        "goals": "Behartigt de belangen van de tandartsen in de regio.",
        "interests": "Wil niet dat de gemeente een aanbod uitbouwt dat met de praktijken "
        "concurreert.",
        "activities": "Organiseert nascholing en de wachtdienst in het weekend.",
        "position": "Eerst welwillend, nu voorzichtig na onrust bij een deel van de leden.",
        "working_methods": "Een bestuur van tandartsen dat vier keer per jaar vergadert.",
        "health_contribution": "Doet jaarlijks mee aan de week van de mondgezondheid.",
        "theme_expertise": "Spreekt namens de vakkennis van alle tandartsen in de regio.",
        "contacts": [("Dr. Wim Jacobs", "Voorzitter", "legitimate_interest", False, True)],
        "r1": (4, 3, 4, 2, 0, "neutral", "supportive", ""),
        "r2": (
            4,
            3,
            4,
            3,
            -1,
            "resistant",
            "supportive",
            "Onrust over de tandartsstoel in het wijkgezondheidscentrum; nieuw gesprek plannen.",
        ),
    },
    {
        "name": "Basisschool De Regenboog",
        "kind": "organisation",
        "is_internal": False,
        "layer": "staff",
        "sector": "education",
        "role": "carries_out",
        "ring": "takes_part",
        "goals": "Elk kind alle kansen geven om te leren, in een school met veel anderstalige "
        "leerlingen.",
        "interests": "Merkt dat kinderen met tandpijn vaker afwezig zijn en slecht opletten.",
        "activities": "Kleuter- en lager onderwijs voor ruim driehonderd leerlingen.",
        "position": "Voorstander; wil een poetsmoment in de kleuterklassen.",
        "working_methods": "Werkt met een zorgcoördinator en koffiemomenten voor ouders.",
        "health_contribution": "Heeft een waterbeleid en een wekelijkse fruitdag.",
        "works_with_vulnerable_groups": True,
        "segments": ["newcomers", "social_housing"],
        "contacts": [
            ("Veerle Hendrickx", "Directeur", "legitimate_interest", False, True),
            ("Sam De Backer", "Zorgcoördinator", "legitimate_interest", False, True),
        ],
        "r1": (2, 4, 4, 3, 1, "supportive", "leading", ""),
        "r2": (
            2,
            5,
            4,
            4,
            2,
            "leading",
            "leading",
            "Poetsmoment na de middag gestart in alle kleuterklassen.",
        ),
    },
    {
        "name": "Gemeentelijke basisschool 't Klavertje",
        "kind": "department",
        "is_internal": True,
        "layer": "staff",
        "sector": "education",
        "role": "carries_out",
        "ring": "thinks_along",
        "goals": "Onderwijs voor kinderen uit alle buurten van Hoogveld.",
        "interests": "Wil hetzelfde aanbod als De Regenboog, maar heeft minder zorguren.",
        "activities": "Kleuter- en lager onderwijs in de Stationsbuurt.",
        "position": "Welwillend, maar de directie heeft het druk met een bouwdossier.",
        "health_contribution": "Doet mee aan een project rond gezonde tussendoortjes.",
        "segments": ["social_housing"],
        "contacts": [("Nele Vandamme", "Directeur", "public_task", False, True)],
        "r1": (2, 3, 3, 2, 1, "neutral", "supportive", ""),
        "r2": None,
    },
    {
        "name": "Vrij CLB Kouterland",
        "kind": "organisation",
        "is_internal": False,
        "layer": "staff",
        "sector": "education",
        "role": "carries_out",
        "ring": "thinks_along",
        "goals": "Begeleidt leerlingen op het vlak van leren, welbevinden en preventieve "
        "gezondheid.",
        "interests": "Wil de vaststellingen van het medisch onderzoek beter opvolgen bij "
        "moeilijk bereikbare gezinnen.",
        "activities": "Systematische contacten met een mondonderzoek bij de jongste leerlingen.",
        "position": "Positief; vraagt een vast doorverwijsadres voor gezinnen zonder tandarts.",
        "working_methods": "Een team van arts, verpleegkundige en maatschappelijk werker per "
        "school.",
        "health_contribution": "Signaleert tandbederf en brieft de ouders.",
        "theme_expertise": "Heeft per school cijfers over tandbederf uit de medische onderzoeken.",
        "works_with_vulnerable_groups": True,
        "segments": ["newcomers", "social_housing"],
        "contacts": [
            ("An Lemmens", "CLB-verpleegkundige", "legitimate_interest", False, True),
            ("Dr. Lien Claes", "Schoolarts", "legitimate_interest", False, True),
        ],
        "r1": (3, 4, 5, 3, 1, "supportive", "supportive", ""),
        "r2": (3, 4, 5, 3, 1, "supportive", "leading", ""),
    },
    {
        "name": "OKAN-klas Sint-Jozefscollege",
        "kind": "organisation",
        "is_internal": False,
        "layer": "staff",
        "sector": "education",
        "role": "benefits",
        "ring": "informed",
        "goals": "Laat anderstalige nieuwkomers snel Nederlands leren en doorstromen.",
        "interests": "Zoekt concrete thema's voor de lessen over gezondheid en zorg in België.",
        "activities": "Onthaalonderwijs voor jongeren van twaalf tot achttien jaar.",
        "position": "Geïnteresseerd in een les over tandzorg en de weg naar de tandarts.",
        "works_with_vulnerable_groups": True,
        "segments": ["newcomers"],
        "contacts": [("Hanne Michiels", "Leerkracht OKAN", "legitimate_interest", False, True)],
        "r1": (1, 3, 3, 2, 1, "neutral", "supportive", ""),
        "r2": (
            1,
            3,
            3,
            2,
            1,
            "supportive",
            "supportive",
            "Klasbezoek gepland in het wijkgezondheidscentrum.",
        ),
    },
    {
        "name": "Kinderopvang De Speelboom",
        "kind": "organisation",
        "is_internal": False,
        "layer": "staff",
        "sector": "education",
        "role": "carries_out",
        "ring": "thinks_along",
        "goals": "Kwaliteitsvolle opvang voor baby's en peuters, ook aan een "
        "inkomensgerelateerd tarief.",
        "interests": "Wil ouders niet belasten met extra regels over snoep en flesjes.",
        "activities": "Opvang voor tweeënveertig kinderen, een derde aan een sociaal tarief.",
        "position": "Eerst terughoudend, na een vorming over het eerste tandje mee aan boord.",
        "working_methods": "Vaste begeleiders per leefgroep en een babbel bij het ophalen.",
        "segments": ["single_parents", "social_housing"],
        "contacts": [("Joke Willaert", "Verantwoordelijke", "legitimate_interest", False, True)],
        "r1": (2, 3, 3, 2, 0, "neutral", "supportive", ""),
        "r2": (2, 4, 3, 3, 1, "supportive", "supportive", ""),
    },
    {
        "name": "Buurtwerk Kouterwijk",
        "kind": "organisation",
        "is_internal": False,
        "layer": "staff",
        "sector": "welfare",
        "role": "carries_out",
        "ring": "takes_part",
        "goals": "Versterkt buurtbewoners om samen hun leefomgeving te verbeteren.",
        "interests": "Wil dat bewoners zelf de boodschap brengen, niet alleen hulpverleners.",
        "activities": "Buurtrestaurant, huiswerkklas en een wekelijkse ontmoetingsnamiddag.",
        "position": "Enthousiast, op voorwaarde dat bewoners een echte stem krijgen.",
        "working_methods": "Werkt outreachend, aan de voordeur en op het pleintje.",
        "health_contribution": "Organiseert een wandelgroep en kookworkshops.",
        "works_with_vulnerable_groups": True,
        "segments": ["social_housing", "single_parents"],
        "contacts": [
            ("Thomas Desmet", "Buurtwerker", "legitimate_interest", False, True),
            ("Leila Haddouchi", "Opbouwwerker", "legitimate_interest", False, True),
        ],
        "r1": (2, 4, 4, 3, 1, "supportive", "supportive", ""),
        "r2": (
            2,
            4,
            4,
            4,
            2,
            "leading",
            "leading",
            "Bewoners maakten zelf een poetslied voor het buurtfeest.",
        ),
    },
    {
        "name": "De Brug – vereniging waar armen het woord nemen",
        "kind": "citizen_group",
        "speaks_for_target_group": True,
        "is_internal": False,
        "layer": "residents",
        "sector": "civil_society",
        "role": "supplies",
        "ring": "takes_part",
        "goals": "Geeft mensen in armoede een stem in het beleid en bestrijdt uitsluiting.",
        "interests": "Wil dat de gemeente de kosten van tandzorg echt wegneemt en niet enkel "
        "informeert.",
        "activities": "Dialoogmomenten, vorming en een jaarlijkse armoedetoets van het "
        "gemeentebeleid.",
        "position": "Kritische vriend: steunt het doel en waakt over betutteling.",
        "working_methods": "Groepsgesprekken waarin de leden zelf de agenda bepalen.",
        "works_with_vulnerable_groups": True,
        "segments": ["single_parents", "social_housing"],
        "contacts": [
            ("Marleen Coppens", "Coördinator", "legitimate_interest", False, True),
            ("Eddy Baert", "Woordvoerder namens de leden", "consent", False, False),
        ],
        "r1": (
            2,
            5,
            5,
            4,
            1,
            "supportive",
            "leading",
            "Vraagt dat ouders mee beslissen over de folder.",
        ),
        "r2": (2, 5, 5, 5, 2, "leading", "leading", ""),
    },
    {
        "name": "Sociale kruidenier De Mand",
        "kind": "organisation",
        "is_internal": False,
        "layer": "staff",
        "sector": "civil_society",
        "role": "carries_out",
        "ring": "thinks_along",
        "goals": "Verkoopt basisproducten tegen een lage prijs aan gezinnen met een "
        "doorverwijzing.",
        "interests": "Zoekt manieren om klanten ook op andere vlakken verder te helpen.",
        "activities": "Een winkel met vrijwilligers, drie dagen per week open.",
        "position": "Bereid om tandpasta en tandenborstels aan kostprijs aan te bieden.",
        "working_methods": "Werkt met vrijwilligers en klanten die het OCMW doorverwijst.",
        "works_with_vulnerable_groups": True,
        "segments": ["single_parents", "social_housing"],
        "contacts": [("Greta Van Roy", "Verantwoordelijke vrijwilligers", "consent", False, True)],
        "r1": (1, 3, 3, 2, 1, "supportive", "supportive", ""),
        "r2": None,
    },
    {
        "name": "Apotheek Van Hove",
        "kind": "organisation",
        "is_internal": False,
        "layer": "staff",
        "sector": "business",
        "role": "supplies",
        "ring": "informed",
        "goals": "Farmaceutische zorg en advies voor de buurt.",
        "interests": "Wil klanten binden met een zichtbare rol in preventie.",
        "position": "Neutraal, wel bereid om folders aan de toonbank te leggen.",
        "health_contribution": "Geeft advies over fluoridetandpasta en pijnstilling bij tandpijn.",
        "contacts": [("Geert Van Hove", "Apotheker-titularis", "legitimate_interest", False, True)],
        "r1": (2, 2, 3, 1, 0, "unaware", "neutral", ""),
        "r2": (2, 2, 3, 1, 1, "neutral", "supportive", ""),
    },
    {
        "name": "Mutualiteit Samen Gezond – regio Kouterland",
        "kind": "organisation",
        "is_internal": False,
        "layer": "management",
        "sector": "health_insurance",
        "role": "supplies",
        "ring": "thinks_along",
        "goals": "Terugbetaling van zorg en voordelen voor de leden, met aandacht voor preventie.",
        "interests": "Wil dat meer kwetsbare leden hun recht op terugbetaling van tandzorg "
        "gebruiken.",
        "activities": "Een sociale dienst, terugbetalingen en een voordeel voor beugels.",
        "position": "Steunt het project en denkt aan een bijdrage in materiaal.",
        "working_methods": "Werkt met regionale preventiewerkers en een ledenblad.",
        "health_contribution": "Betaalt een extra tussenkomst voor orthodontie en mondhygiëne.",
        "segments": ["single_parents"],
        "contacts": [
            ("Joris Peeters", "Preventiewerker", "legitimate_interest", False, True),
            ("Stefanie Bogaert", "Sociaal werker (uit dienst)", "legitimate_interest", True, True),
        ],
        "r1": (3, 3, 4, 2, 1, "supportive", "supportive", ""),
        "r2": (
            3,
            3,
            4,
            2,
            1,
            "supportive",
            "supportive",
            "Levert vijfhonderd tandenborstels voor de kleuterklassen.",
        ),
    },
    {
        "name": "Opleiding Tandheelkunde – stageproject Mondzorg in de wijk",
        "kind": "organisation",
        "is_internal": False,
        "layer": "management",
        "sector": "health_care",
        "role": "supplies",
        "ring": "thinks_along",
        "goals": "Leidt tandartsen op en zoekt stageplaatsen bij kwetsbare gezinnen.",
        "interests": "Wil de stage in de wijk een vast onderdeel van de opleiding maken.",
        "activities": "Laatstejaarsstudenten doen onder begeleiding screenings en "
        "poetsdemonstraties.",
        "position": "Positief, maar gebonden aan de kalender van het academiejaar.",
        "theme_expertise": "Onderzoek naar mondzorg bij jonge kinderen in armoede.",
        "contacts": [
            (
                "Prof. dr. Hélène Dubois",
                "Docent kindertandheelkunde",
                "legitimate_interest",
                False,
                True,
            )
        ],
        "r1": None,
        "r2": (
            3,
            4,
            4,
            2,
            2,
            "supportive",
            "leading",
            "Eerste contact via het Logo; studenten starten in het najaar.",
        ),
    },
    {
        "name": "Woonpunt Kouterland – sociale huisvesting",
        "kind": "organisation",
        "is_internal": False,
        "layer": "management",
        "sector": "housing",
        "role": "supplies",
        "ring": "informed",
        "goals": "Verhuurt betaalbare woningen en zorgt voor leefbare wijken.",
        "interests": "Heeft een huurdersbegeleider die de gezinnen goed kent.",
        "activities": "Beheert een zeshonderdtal sociale woningen, vooral in de Kouterwijk.",
        "position": "Open voor een bericht in de huurdersnieuwsbrief, maar midden in een fusie.",
        "working_methods": "Huisbezoeken, een nieuwsbrief en het huurdersoverleg.",
        "works_with_vulnerable_groups": True,
        "segments": ["social_housing"],
        "contacts": [
            (
                "Kristof Van Damme",
                "Huurdersbegeleider (vertrokken)",
                "legitimate_interest",
                True,
                True,
            ),
            ("Nathalie Segers", "Directeur sociale huur", "legitimate_interest", False, True),
        ],
        "r1": (3, 2, 3, 1, 1, "neutral", "supportive", ""),
        "r2": (
            3,
            2,
            3,
            1,
            1,
            "neutral",
            "supportive",
            "Vaste contactpersoon vertrokken door de fusie; nieuwe ingang zoeken.",
        ),
    },
    {
        "name": "Lokale politie – wijkteam Kouterwijk",
        "kind": "organisation",
        "is_internal": False,
        "layer": "staff",
        "sector": "police_justice",
        "role": "carries_out",
        "ring": "informed",
        "goals": "Zorgt voor veiligheid en is aanspreekbaar in de wijk.",
        "interests": "Komt bij huisbezoeken in gezinnen waar hulpverleners moeilijk binnenraken.",
        "activities": "Wijkagenten en doorverwijzing naar de sociale dienst.",
        "position": "Neutraal; gezondheid zien ze niet als hun opdracht.",
        "contacts": [("Bert Lauwers", "Wijkinspecteur", "public_task", False, True)],
        "r1": (2, 1, 2, 1, 0, "unaware", "neutral", ""),
        "r2": None,
    },
    {
        "name": "Dienst Samenleven en Integratie",
        "kind": "department",
        "is_internal": True,
        "layer": "staff",
        "sector": "welfare",
        "role": "carries_out",
        "ring": "thinks_along",
        "goals": "Helpt nieuwkomers hun weg te vinden in Hoogveld.",
        "interests": "Wil gezondheid opnemen in het onthaaltraject voor nieuwkomers.",
        "activities": "Onthaalgesprekken, sociaal tolken en oefenkansen Nederlands.",
        "position": "Steunt het project en vraagt vertaald materiaal en beeldtaal.",
        "working_methods": "Werkt met sociaal tolken en brugfiguren uit de gemeenschappen.",
        "works_with_vulnerable_groups": True,
        "segments": ["newcomers"],
        "contacts": [("Samira Ouali", "Onthaalmedewerker nieuwkomers", "public_task", False, True)],
        "r1": (2, 3, 3, 2, 1, "supportive", "supportive", ""),
        "r2": (2, 4, 3, 3, 1, "supportive", "leading", ""),
    },
    {
        "name": "Dienst Communicatie",
        "kind": "department",
        "is_internal": True,
        "layer": "staff",
        "sector": "local_government",
        "role": "supplies",
        "ring": "informed",
        "goals": "Heldere communicatie van het bestuur naar alle inwoners.",
        "interests": "Wil een campagne die past in de huisstijl en de planning van het infoblad.",
        "activities": "Infoblad, website, sociale media en het scherm aan het onthaal.",
        "position": "Neutraal; volgt de prioriteiten van het college.",
        "contacts": [("Pieterjan Raes", "Communicatiemedewerker", "public_task", False, True)],
        "r1": (2, 2, 3, 1, 0, "neutral", "supportive", ""),
        "r2": (
            2,
            3,
            3,
            2,
            1,
            "supportive",
            "supportive",
            "Zet de campagne in het infoblad van september.",
        ),
    },
    {
        "name": "Klankbordgroep ouders Kouterwijk",
        "kind": "citizen_group",
        "speaks_for_target_group": True,
        "is_internal": False,
        "layer": "residents",
        "sector": "civil_society",
        "role": "benefits",
        "ring": "thinks_along",
        "goals": "Ouders uit de wijk die samen meedenken over wat hun kinderen nodig hebben.",
        "interests": "Willen een tandarts die geduld heeft met angstige kinderen en geen "
        "voorschot vraagt.",
        "activities": "Komt maandelijks samen in het buurthuis, met opvang voor de kinderen.",
        "position": "Positief, maar wantrouwig tegenover beloftes die niet worden nagekomen.",
        "works_with_vulnerable_groups": True,
        "segments": ["social_housing", "single_parents"],
        "contacts": [("Sandra Pieters", "Aanspreekpunt van de ouders", "consent", False, True)],
        "r1": (1, 4, 4, 3, 1, "supportive", "supportive", ""),
        "r2": (
            1,
            5,
            4,
            4,
            1,
            "supportive",
            "leading",
            "Twee moeders willen zich laten opleiden tot mondzorgcoach.",
        ),
    },
    {
        "name": "Moeders zonder Grenzen – zelforganisatie",
        "kind": "citizen_group",
        "speaks_for_target_group": True,
        "is_internal": False,
        "layer": "residents",
        "sector": "civil_society",
        "role": "benefits",
        "ring": "takes_part",
        "goals": "Brengt moeders met een migratieachtergrond samen rond opvoeding, taal en "
        "gezondheid.",
        "interests": "Willen uitleg in hun eigen taal en een vertrouwd gezicht bij de eerste "
        "afspraak.",
        "activities": "Praatgroepen, een kookclub en begeleiding naar diensten.",
        "working_methods": "Werkt met sleutelfiguren die zelf hun weg hebben gevonden.",
        "works_with_vulnerable_groups": True,
        "segments": ["newcomers", "pregnant"],
        "contacts": [
            ("Amal Yusuf", "Voorzitter", "consent", False, True),
            ("Olena Kovalenko", "Sleutelfiguur", "consent", False, False),
        ],
        "r1": None,
        "r2": (1, 4, 3, 4, 2, "supportive", "leading", ""),
    },
    {
        "name": "Nadia Belkacem – ervaringsdeskundige in armoede",
        "kind": "person",
        "is_internal": False,
        "layer": "residents",
        "sector": "civil_society",
        "role": "supplies",
        "ring": "thinks_along",
        "goals": "Wil dat andere ouders niet meemaken wat zij met de tandzorg van haar "
        "kinderen meemaakte.",
        "interests": "Zoekt een vergoede rol als ervaringsdeskundige.",
        "position": "Kritische stem in de vergaderingen van de kerngroep.",
        "segments": ["single_parents"],
        "contacts": [("Nadia Belkacem", "Ervaringsdeskundige", "consent", False, False)],
        "r1": (
            1,
            4,
            4,
            3,
            1,
            "supportive",
            "supportive",
            "Vraagt dat de folder eerst getest wordt bij ouders zonder diploma.",
        ),
        "r2": None,
    },
    {
        "name": "Supermarkt Kouterplein",
        "kind": "organisation",
        "is_internal": False,
        "layer": "management",
        "sector": "business",
        "role": "supplies",
        "ring": "informed",
        "goals": "Dagelijkse boodschappen in de wijk; sponsort het buurtfeest met drank en snoep.",
        "interests": "Vreest minder omzet als scholen en buurtwerk suikervrije feesten vragen.",
        "position": "Verzet zich tegen de vraag om het snoep bij de kassa weg te halen.",
        "contacts": [("Filip Dhondt", "Zaakvoerder", "legitimate_interest", False, True)],
        "r1": (2, 4, 2, 2, -2, "resistant", "neutral", ""),
        "r2": (
            2,
            4,
            2,
            3,
            -2,
            "resistant",
            "neutral",
            "Dreigt de sponsoring van het buurtfeest stop te zetten.",
        ),
    },
    {
        "name": "Vroedvrouwenpraktijk De Wieg",
        "kind": "organisation",
        "is_internal": False,
        "layer": "staff",
        "sector": "health_care",
        "role": "carries_out",
        "ring": "thinks_along",
        "goals": "Begeleidt zwangere vrouwen en jonge moeders voor en na de bevalling.",
        "interests": "Wil mondzorg tijdens de zwangerschap opnemen in de prenatale gesprekken.",
        "activities": "Prenatale consulten, huisbezoeken en een groepsaanbod voor kwetsbare "
        "zwangeren.",
        "position": "Sterke bondgenoot voor de eerste levensfase.",
        "health_contribution": "Bespreekt al voeding en roken tijdens de zwangerschap.",
        "theme_expertise": "Kent het verband tussen tandvleesontsteking en vroeggeboorte.",
        "works_with_vulnerable_groups": True,
        "segments": ["pregnant"],
        "contacts": [("Lore Van Hecke", "Vroedvrouw", "legitimate_interest", False, True)],
        "r1": (2, 4, 4, 3, 1, "supportive", "supportive", ""),
        "r2": (2, 4, 4, 3, 2, "leading", "leading", ""),
    },
    {
        "name": "Huisartsenkring Kouterland",
        "kind": "organisation",
        "is_internal": False,
        "layer": "management",
        "sector": "health_care",
        "role": "supplies",
        "ring": "informed",
        "goals": "Organiseert de samenwerking en de wachtdienst van de huisartsen.",
        "interests": "Heeft weinig tijd voor thema's buiten de huisartsgeneeskunde.",
        "position": "Vond tandzorg eerst niet hun zaak; plaatst nu een oproep in de nieuwsbrief.",
        "contacts": [("Dr. Erik Verlinden", "Voorzitter", "legitimate_interest", False, True)],
        "r1": (
            3,
            2,
            4,
            1,
            -1,
            "resistant",
            "neutral",
            "Vindt dat er al te veel projecten in de regio lopen.",
        ),
        "r2": (3, 2, 4, 1, 0, "neutral", "neutral", ""),
    },
    {
        "name": "Departement Zorg – regionale afdeling preventie",
        "kind": "governing_body",
        "is_internal": False,
        "layer": "board",
        "sector": "prevention",
        "role": "supplies",
        "ring": "informed",
        "goals": "Stuurt het Vlaamse preventiebeleid en subsidieert lokale partners.",
        "interests": "Zoekt goede praktijken rond gezondheidsongelijkheid die andere "
        "gemeenten kunnen overnemen.",
        "position": "Volgt op afstand; een mogelijk subsidiekanaal om het project uit te breiden.",
        "contacts": [
            ("Wouter Geerts", "Regioverantwoordelijke preventie", "public_task", False, True)
        ],
        "r1": (4, 2, 5, 1, 1, "neutral", "supportive", ""),
        "r2": (4, 2, 5, 1, 1, "neutral", "supportive", ""),
    },
    {
        "name": "Bibliotheek Hoogveld",
        "kind": "department",
        "is_internal": True,
        "layer": "staff",
        "sector": "other",
        "role": "carries_out",
        "ring": "informed",
        "goals": "Maakt lezen en informatie toegankelijk voor alle inwoners.",
        "interests": "Zoekt thema's voor de voorleesuurtjes voor peuters.",
        "activities": "Voorleesuurtjes, boekenpakketten voor baby's en een taalcafé.",
        "position": "Nog niet aangesproken; kansen voor voorleesboekjes over tandenpoetsen.",
        "contacts": [("Ilse Dierickx", "Bibliothecaris jeugd", "public_task", False, True)],
        "r1": None,
        "r2": None,
    },
]

_NOT_PARTY_FIELDS = {"segments", "contacts", "r1", "r2"}
_TITLES = ("prof. dr. ", "dr. ")


def _email(name: str) -> str:
    """A fictional address from a person's name: "Dr. Lien Claes" -> lien.claes@example.org."""
    lowered = name.lower()
    for title in _TITLES:
        if lowered.startswith(title):
            lowered = lowered[len(title) :]
    plain = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    parts = plain.replace("'", "").split()
    return f"{parts[0]}.{''.join(parts[1:])}@example.org"


def _phone(number: int) -> str:
    return f"03 555 {10 + number // 100:02d} {number % 100:02d}"


def _scores(scores: Scores, on: date) -> dict[str, Any]:
    power, interest, legitimacy, urgency, attitude, current, desired, note = scores
    return {
        "assessed_on": on,
        "power": power,
        "interest": interest,
        "legitimacy": legitimacy,
        "urgency": urgency,
        "attitude": attitude,
        "engagement_current": current,
        "engagement_desired": desired,
        "note": note,
    }


def _user_get_or_create(spec: dict[str, str]) -> User:
    found = User.objects.filter(username__iexact=spec["username"]).first()
    if found is not None:
        return found
    return user_create(
        username=spec["username"],
        email=spec["email"],
        password=DEMO_PASSWORD,
        first_name=spec["first_name"],
        last_name=spec["last_name"],
        language="nl",
    )


def demo_project() -> Project | None:
    return Project.objects.filter(title=DEMO_TITLE).order_by("pk").first()


@transaction.atomic
def demo_load() -> tuple[Project, bool]:
    """Build the demo workspace; returns the project and whether it was created now.

    When a project with the demo title exists, it is returned unchanged."""
    users = [(_user_get_or_create(spec), spec["role"]) for spec in USERS]
    # The Dutch project sits beside the Flemish one, so each country's words can be seen; a
    # workspace loaded before it existed gets it on the next run.
    dutch_demo_load(users)
    existing = demo_project()
    if existing is not None:
        return existing, False

    today = timezone.localdate()
    owner = users[0][0]
    assessors = [user for user, role in users if role != Role.VIEWER]

    organisation = Organisation.objects.filter(name=DEMO_ORGANISATION).first()
    if organisation is None:
        organisation = Organisation.objects.create(
            name=DEMO_ORGANISATION, kind=Organisation.Kind.MUNICIPALITY
        )
    organisation.members.add(*(user for user, _role in users))

    places = [place_get_or_create(**TOWN)] + [place_get_or_create(**d) for d in DISTRICTS]
    project = project_create(
        user=owner,
        organisation=organisation,
        places=places,
        data={**PROJECT, "start_date": today - timedelta(days=START_DAYS_AGO)},
    )
    for user, role in users[1:]:
        Membership.objects.get_or_create(project=project, user=user, defaults={"role": role})

    segments = {
        key: TargetSegment.objects.create(project=project, **spec) for key, spec in SEGMENTS.items()
    }

    round_1 = today - timedelta(days=ROUND_1_DAYS_AGO)
    round_2 = today - timedelta(days=ROUND_2_DAYS_AGO)
    phone_number = 0
    for index, spec in enumerate(PARTIES):
        data = {k: v for k, v in spec.items() if k not in _NOT_PARTY_FIELDS}
        party: Party = party_create(
            project=project,
            data=data,
            segments=[segments[key] for key in spec.get("segments", [])],
        )
        for name, function, legal_basis, do_not_contact, with_email in spec["contacts"]:
            phone_number += 1
            contact_create(
                party=party,
                data={
                    "name": name,
                    "function": function,
                    "legal_basis": legal_basis,
                    "do_not_contact": do_not_contact,
                    "phone": _phone(phone_number),
                    "email": _email(name) if with_email else "",
                },
            )
        # Conversations take a few days, so the assessments of a round spread over a week.
        if spec["r1"] is not None:
            assessment_record(
                party=party,
                assessed_by=assessors[index % 2],
                data=_scores(spec["r1"], round_1 + timedelta(days=index % 5)),
            )
        if spec["r2"] is not None:
            assessment_record(
                party=party,
                assessed_by=assessors[index % len(assessors)],
                data=_scores(spec["r2"], round_2 + timedelta(days=index % 5)),
            )
    analysis_demo(project, owner)
    planning_demo(project, users)
    engagement_demo(project, users)
    evidence_demo(project, users)
    governance_demo(project, users)
    reports_demo(project, users)
    figures_demo(project, owner)
    brief_demo(project, users)  # quotes the passages and figures above
    return project, True
