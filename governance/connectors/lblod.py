"""The Flemish local decisions and mandates as linked data (LBLOD), read from the Centrale
Vindplaats SPARQL endpoint: the mayor and the aldermen (schepenen) of a municipality with their
policy areas (beleidsdomeinen), and the sessions (zittingen) of its council and college.
Answers come as SPARQL JSON results (application/sparql-results+json)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from governance.connectors.http import Client, SourceError, malformed
from governance.connectors.records import CouncilData, Meeting, Person
from governance.models import DecisionMoment

SOURCE = "lblod"
LABEL = "LBLOD (Centrale Vindplaats)"
INTERVAL = 0.5
PAGE = 500
MAX_PAGES = 10
MEETINGS_PAST_DAYS = 90
MEETINGS_AHEAD_DAYS = 366
SPARQL_JSON = "application/sparql-results+json"
BELGIAN_TIME = ZoneInfo("Europe/Brussels")

NIS_CODE = re.compile(r"^\d{5}$")
ROLE = "http://data.vlaanderen.be/id/concept/BestuursfunctieCode/"
MAYOR = ROLE + "5ab0e9b8a3b2ca7c5e000013"
ALDERMAN = ROLE + "5ab0e9b8a3b2ca7c5e000014"

PREFIXES = """PREFIX mandaat: <http://data.vlaanderen.be/ns/mandaat#>
PREFIX besluit: <http://data.vlaanderen.be/ns/besluit#>
PREFIX persoon: <http://data.vlaanderen.be/ns/persoon#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX regorg: <https://www.w3.org/ns/regorg#>
PREFIX adms: <http://www.w3.org/ns/adms#>
PREFIX generiek: <https://data.vlaanderen.be/ns/generiek#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# The municipality is found by its NIS code, kept as the local identifier of its "NIS code"
# identifier; the code is checked to be five digits before it is written into a query.
MUNICIPALITY = """?eenheid adms:identifier ?identifier .
  ?identifier skos:notation "NIS code" ;
    generiek:gestructureerdeIdentificator/generiek:lokaleIdentificator "{nis}" ."""

PEOPLE = PREFIXES + """SELECT DISTINCT ?mandataris ?persoon ?voornaam ?achternaam ?rol ?start
  ?einde ?domein ?fractie WHERE {{
  """ + MUNICIPALITY + """
  ?orgaan besluit:bestuurt ?eenheid .
  ?orgaanInTijd mandaat:isTijdspecialisatieVan ?orgaan ; org:hasPost ?mandaat .
  ?mandaat org:role ?rol .
  VALUES ?rol {{ <""" + MAYOR + "> <" + ALDERMAN + """> }}
  ?mandataris org:holds ?mandaat ; mandaat:isBestuurlijkeAliasVan ?persoon ;
    mandaat:start ?start .
  ?persoon persoon:gebruikteVoornaam ?voornaam ; foaf:familyName ?achternaam .
  OPTIONAL {{ ?mandataris mandaat:einde ?einde }}
  OPTIONAL {{ ?mandataris mandaat:beleidsdomein/skos:prefLabel ?domein }}
  OPTIONAL {{ ?mandataris org:hasMembership/org:organisation/regorg:legalName ?fractie }}
}} ORDER BY ?mandataris ?domein LIMIT {limit} OFFSET {offset}"""

SESSIONS = PREFIXES + """SELECT DISTINCT ?zitting ?start ?orgaanNaam ?soort WHERE {{
  """ + MUNICIPALITY + """
  ?orgaan besluit:bestuurt ?eenheid .
  ?orgaanInTijd mandaat:isTijdspecialisatieVan ?orgaan .
  ?zitting a besluit:Zitting ; besluit:isGehoudenDoor ?orgaanInTijd ;
    besluit:geplandeStart ?start .
  OPTIONAL {{ ?orgaan skos:prefLabel ?orgaanNaam }}
  OPTIONAL {{ ?orgaan besluit:classificatie/skos:prefLabel ?soort }}
  FILTER (?start >= "{since}T00:00:00Z"^^xsd:dateTime && ?start < "{until}T00:00:00Z"^^xsd:dateTime)
}} ORDER BY ?start ?zitting LIMIT {limit} OFFSET {offset}"""


def _rows(answer: object) -> list[dict[str, str]]:
    """The bindings of a SPARQL JSON result as {variable: value}."""
    if not isinstance(answer, dict):
        raise malformed(LABEL)
    results = answer.get("results")
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(bindings, list):
        raise malformed(LABEL)
    rows = []
    for binding in bindings:
        if not isinstance(binding, dict):
            raise malformed(LABEL)
        rows.append({
            name: " ".join(str(term.get("value", "")).split())
            for name, term in binding.items() if isinstance(term, dict)
        })
    return rows


def _day(value: str | None) -> date | None:
    """An xsd:date or xsd:dateTime as the Belgian day it falls on."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(BELGIAN_TIME)
    return moment.date()


def session_kind(label: str) -> str:
    lowered = label.lower()
    if "college" in lowered or "bureau" in lowered:
        return DecisionMoment.Kind.COLLEGE
    if "commissie" in lowered:
        return DecisionMoment.Kind.COMMITTEE
    return DecisionMoment.Kind.COUNCIL


def people_from(rows: list[dict[str, str]], today: date) -> list[Person]:
    """One person per mandate holder still in office: their policy areas gathered from the
    rows (one row per area), a mayor before the aldermen."""
    people: dict[str, Person] = {}
    for row in rows:
        uid, first, last = row.get("persoon"), row.get("voornaam"), row.get("achternaam")
        if not uid or not (first or last) or row.get("rol") not in (MAYOR, ALDERMAN):
            continue
        end = _day(row.get("einde"))
        if end is not None and end < today:
            continue
        person = people.get(uid)
        if person is None:
            person = people[uid] = Person(
                uid=f"{SOURCE}:{uid}"[:255], name=f"{first} {last}".strip()[:200],
                role="alderman", start=_day(row.get("start")), end=end,
            )
        if row["rol"] == MAYOR:
            person.role = "mayor"
        domain = row.get("domein", "")[:100]
        if domain and domain not in person.domains:
            person.domains.append(domain)
        if row.get("fractie") and not person.group:
            person.group = row["fractie"][:200]
    return sorted(people.values(), key=lambda p: (p.role != "mayor", p.name.lower()))


def meetings_from(rows: list[dict[str, str]]) -> list[Meeting]:
    meetings: dict[str, Meeting] = {}
    for row in rows:
        uid, day = row.get("zitting"), _day(row.get("start"))
        if not uid or day is None or uid in meetings:
            continue
        label = row.get("soort") or row.get("orgaanNaam") or ""
        meetings[uid] = Meeting(
            uid=f"{SOURCE}:{uid}"[:255], date=day,
            title=(row.get("orgaanNaam") or label or _("Session"))[:200],
            kind=session_kind(label),
        )
    return list(meetings.values())


def _select_all(client: Client, endpoint: str, query: str, **values) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for page in range(MAX_PAGES):
        text = query.format(limit=PAGE, offset=page * PAGE, **values)
        batch = _rows(client.get_json(endpoint, params={"query": text}, accept=SPARQL_JSON))
        rows.extend(batch)
        if len(batch) < PAGE:
            break
    return rows


def fetch(*, endpoint: str, nis_code: str, today: date, transport=None) -> CouncilData:
    """The municipality's mayor, aldermen and sessions, read before anything is written; raises
    SourceError (with the message for the page) when any step fails."""
    if not NIS_CODE.match(nis_code):
        raise SourceError(_("%(code)s is not a NIS municipality code (five digits).")
                          % {"code": nis_code})
    data = CouncilData()
    with Client(source=SOURCE, label=LABEL, base_url="", interval=INTERVAL,
                transport=transport) as client:
        data.people = people_from(_select_all(client, endpoint, PEOPLE, nis=nis_code), today)
        data.meetings = meetings_from(_select_all(
            client, endpoint, SESSIONS, nis=nis_code,
            since=(today - timedelta(days=MEETINGS_PAST_DAYS)).isoformat(),
            until=(today + timedelta(days=MEETINGS_AHEAD_DAYS)).isoformat(),
        ))
    if not data.people and not data.meetings:
        raise SourceError(
            _("%(source)s holds no mandates or sessions for the municipality with NIS code "
              "%(code)s.") % {"source": LABEL, "code": nis_code}
        )
    return data
