"""The search terms shipped with the app: the words Dutch and Flemish policy texts use for
health inequality, grouped in families, and a short list per health theme. A project starts
with these and edits its own copy (evidence.models.TermFamily).

The terms are Dutch because the documents are; a term is written in its plain form, since the
matcher (evidence.matching) finds plurals, diminutives, inflections and compounds itself.
"""

from __future__ import annotations

# (family name, terms); both countries' usage side by side (Flemish: kansarmoede, kansengroepen).
INEQUALITY_FAMILIES: list[tuple[str, list[str]]] = [
    ("Gezondheidsverschillen", [
        "gezondheidsverschil", "gezondheidsachterstand", "gezondheidskloof",
        "gezondheidsongelijkheid", "sociale gezondheidsongelijkheid", "ongelijkheid in gezondheid",
        "levensverwachting in goede gezondheid",
    ]),
    ("Sociaaleconomische positie", [
        "sociaaleconomische status", "sociaaleconomische positie", "sociaal-economische status",
        "lage ses", "achterstand", "achterstandswijk", "kwetsbare wijk", "opleidingsniveau",
    ]),
    ("Kwetsbare groepen", [
        "kwetsbare groepen", "kwetsbaar", "kwetsbare", "maatschappelijk kwetsbaar", "kansengroep",
        "laaggeletterdheid", "laaggeletterd", "nieuwkomer", "statushouder",
    ]),
    ("Armoede", [
        "armoede", "kansarmoede", "schuld", "minima", "bestaansonzekerheid",
        "inkomensongelijkheid", "leefloon", "bestaansminimum",
    ]),
    ("Kansengelijkheid", [
        "kansengelijkheid", "gelijke kansen", "kansenongelijkheid", "proportioneel universalisme",
        "inclusie", "toegankelijkheid",
    ]),
    ("Gezondheid in alle beleid", [
        "gezondheid in alle beleid", "health in all policies", "integraal gezondheidsbeleid",
        "brede aanpak", "positieve gezondheid",
    ]),
]

# Per project theme (projects.models.Project.Theme values).
THEME_TERMS: dict[str, list[str]] = {
    "oral_health": ["mondzorg", "mondgezondheid", "tandarts", "tandzorg", "gebit", "cariës"],
    "family_planning": ["gezinsplanning", "anticonceptie", "kinderwens", "ongeplande zwangerschap"],
    "mental_wellbeing": ["mentaal welbevinden", "mentale gezondheid", "psychisch", "veerkracht",
                         "eenzaamheid", "stress"],
    "alcohol_drugs": ["alcohol", "drugs", "middelengebruik", "verslaving", "preventie"],
    "sexual_health": ["seksuele gezondheid", "soa", "relationele vorming"],
    "nutrition": [
        "gezonde voeding", "voeding", "ontbijt", "suikerhoudende dranken", "watertappunt",
    ],
    "physical_activity": [
        "bewegen", "beweegaanbod", "beweegvriendelijk", "sporten", "buitenspelen",
    ],
    "smoking": ["rookvrij", "roken", "tabak", "vapen", "rookvrije generatie"],
    "healthy_weight": ["gezond gewicht", "overgewicht", "obesitas", "jongeren op gezond gewicht"],
    "sport": ["sport", "sportvereniging", "sportdeelname", "sportakkoord"],
    "social_prescribing": ["welzijn op recept", "sociaal voorschrijven", "welzijnscoach"],
    "loneliness": ["eenzaamheid", "sociale verbinding", "ontmoeting", "sociaal isolement"],
    "healthy_ageing": ["gezond ouder worden", "ouderen", "valpreventie", "mantelzorg"],
    "first_1000_days": ["eerste 1000 dagen", "kansrijke start", "zwangerschap", "jonge gezinnen",
                        "kraamzorg"],
    "healthy_school": ["gezonde school", "schoolgezondheidsbeleid", "leerlingen"],
    "poverty_health": ["armoede", "schulden", "bestaanszekerheid", "minimaregeling"],
    "healthy_environment": ["gezonde leefomgeving", "groen", "luchtkwaliteit", "hittestress",
                            "speelruimte"],
}

THEME_FAMILY = "Thema"
