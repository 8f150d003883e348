"""The council-data connectors against recorded answers in the sources' published formats:
OpenBesluitvorming's JSON (status, search, entities) and LBLOD's SPARQL JSON results. Errors,
empty answers, paging and a 429 each give a clear message and change nothing."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
import respx
from django.urls import reverse
from django.utils import translation

from governance.connectors import http, lblod
from governance.connectors.models import CouncilFetch
from governance.models import BoardProfile, DecisionMoment
from history.services import versions_of
from parties.models import Party
from projects.models import Place
from tests.factories import make_party

pytestmark = pytest.mark.django_db

OBV = "https://obv.test"
SPARQL = "https://lblod.test/sparql"

STATUS = {
    "generatedAt": "2026-11-30T09:00:00.000Z",
    "sources": [
        {"sourceKey": "weesp", "label": "Weesp", "state": "discontinued", "cbsId": "GM0457",
         "succeededBy": {"cbsId": "GM0363", "label": "Amsterdam", "sourceKey": "amsterdam"}},
        {"sourceKey": "soest", "sourceRef": "ibabs:gemeente:soest", "label": "Soest",
         "supplier": "ibabs", "organizationType": "gemeente", "cbsId": "GM0342", "state": "ok"},
    ],
}


def meeting(number: int, when: str, title: str = "Raadsvergadering") -> dict:
    return {
        "entityId": f"meeting:ibabs:gemeente:soest:{number}", "entityType": "Meeting",
        "entityTypeLabel": "Vergadering", "organization": "Soest", "sortDate": when,
        "title": title,
    }


PAGE_ONE = {"results": [meeting(1, "2026-12-10 19:30:00"),
                        meeting(2, "2026-12-15 18:00:00", "Commissie Samenleving")],
            "totalCount": 3, "totalIsApproximate": True, "hasMore": True}
PAGE_TWO = {"results": [meeting(3, "2027-01-28 23:30:00", "Raadsvergadering januari")],
            "totalCount": 3, "totalIsApproximate": True, "hasMore": False}
MOTION_ID = "motion:ibabs:gemeente:soest:abc-1"
MOTIONS = {"results": [{"entityId": MOTION_ID, "entityType": "Motion", "organization": "Soest",
                        "sortDate": "2026-06-26 19:30:00", "title": "M3 Mondzorg voor iedereen"}],
           "totalCount": 1, "hasMore": False}
MOTION = {
    "entityId": MOTION_ID, "entityType": "Motion", "entityTypeLabel": "Motie",
    "motion": {
        "name": "M3 Mondzorg voor iedereen", "motion_type": "Moties",
        "status": "Motie aangenomen", "result": "aangenomen",
        "tally": {"in_favour": 2, "against": 1},
        "votes": [
            {"option": "voor", "voter_name": "Jansen, A.", "group_name": "GroenLinks"},
            {"option": "voor", "voter_name": "Smit, B.", "group_name": "GroenLinks"},
            {"option": "tegen", "voter_name": "Bakker, C.", "group_name": "VVD"},
        ],
    },
    "meetingId": "meeting:ibabs:gemeente:soest:0",
}
DOCUMENTS = {"results": [{"entityId": "document:ibabs:gemeente:soest:77",
                          "entityType": "Document", "sortDate": "2026-05-01 00:00:00",
                          "title": "Raadsinformatiebrief mondzorg",
                          "downloadUrl": "https://soest.example/77.pdf"}],
             "totalCount": 1, "hasMore": False}


@pytest.fixture(autouse=True)
def english(client):
    """The messages are checked in English; one test reads the page in Dutch."""
    client.cookies["draagvlak_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def waits(monkeypatch) -> list[float]:
    """The waits a connector asks for, recorded instead of spent, on a clock that only the
    waits move."""
    seen: list[float] = []
    clock = [1000.0]

    def sleep(seconds: float) -> None:
        seen.append(round(seconds, 3))
        clock[0] += seconds

    monkeypatch.setattr(http, "_sleep", sleep)
    monkeypatch.setattr(http, "_monotonic", lambda: clock[0])
    monkeypatch.setattr(http, "_paces", {})
    return seen


@pytest.fixture
def dutch(team, settings, waits):
    settings.OPENBESLUITVORMING_URL = OBV
    project = team.project
    project.country = "NL"
    project.save()
    project.places.add(Place.objects.create(name="Soest", country="NL", code="GM0342"))
    return project


def search_answer(request: httpx.Request) -> httpx.Response:
    params = request.url.params
    kind = params.get("entityType")
    if kind == "Meeting":
        return httpx.Response(200, json=PAGE_TWO if params.get("offset") == "100" else PAGE_ONE)
    return httpx.Response(200, json=MOTIONS if kind == "Motion" else DOCUMENTS)


def record_obv(mock: respx.MockRouter, search=search_answer, status=None) -> None:
    mock.get(f"{OBV}/api/status").mock(return_value=status or httpx.Response(200, json=STATUS))
    mock.get(f"{OBV}/api/search").mock(side_effect=search)
    mock.get(f"{OBV}/api/entities/motion%3Aibabs%3Agemeente%3Asoest%3Aabc-1").mock(
        return_value=httpx.Response(200, json=MOTION))


def fetch(client, user, project, source="openbesluitvorming"):
    client.force_login(user)
    return client.post(reverse("governance:council_fetch", args=[project.pk]),
                       {"source": source}, follow=True)


def last(project, source="openbesluitvorming") -> CouncilFetch:
    return CouncilFetch.objects.get(project=project, source=source)


# OpenBesluitvorming --------------------------------------------------------------------------


def test_meetings_enter_the_calendar_once_over_two_pages(client, team, dutch):
    with respx.mock(assert_all_called=False) as mock:
        record_obv(mock)
        response = fetch(client, team.contributor, dutch)
        assert response.status_code == 200
        offsets = [c.request.url.params.get("offset") for c in mock.calls
                   if c.request.url.params.get("entityType") == "Meeting"]
        assert offsets == ["0", "100"]
        fetch(client, team.contributor, dutch)  # the same answers again add nothing
    moments = list(DecisionMoment.objects.filter(project=dutch))
    assert [(m.date, m.kind) for m in moments] == [
        (date(2026, 12, 10), "council"), (date(2026, 12, 15), "committee"),
        # 23:30 UTC on the 28th is past midnight in Dutch time
        (date(2027, 1, 29), "council"),
    ]
    assert moments[0].source_uid == "openbesluitvorming:meeting:ibabs:gemeente:soest:1"
    assert versions_of(moments[0]).count() == 1
    state = last(dutch)
    assert (state.state, state.meetings_added, state.organisation) == ("done", 0, "Soest")


def test_a_meeting_moved_at_the_source_moves_in_the_calendar(client, team, dutch):
    with respx.mock(assert_all_called=False) as mock:
        record_obv(mock)
        fetch(client, team.contributor, dutch)
    moved = {**PAGE_ONE, "results": [meeting(1, "2026-12-17 19:30:00"), PAGE_ONE["results"][1]]}

    def search(request):
        params = request.url.params
        if params.get("entityType") == "Meeting" and params["offset"] == "0":
            return httpx.Response(200, json=moved)
        return search_answer(request)

    with respx.mock(assert_all_called=False) as mock:
        record_obv(mock, search=search)
        fetch(client, team.contributor, dutch)
    assert last(dutch).meetings_moved == 1
    uid = "openbesluitvorming:meeting:ibabs:gemeente:soest:1"
    assert DecisionMoment.objects.get(source_uid=uid).date == date(2026, 12, 17)
    assert DecisionMoment.objects.filter(project=dutch).count() == 3


def test_motions_show_with_result_and_votes_and_are_adopted_once(client, team, dutch):
    with respx.mock(assert_all_called=False) as mock:
        record_obv(mock)
        fetch(client, team.contributor, dutch)
        search_words = {c.request.url.params.get("query") for c in mock.calls}
    assert "mondzorg" in search_words  # the theme's words
    page = client.get(reverse("governance:council_data", args=[dutch.pk])).content.decode()
    assert "M3 Mondzorg voor iedereen" in page and "Motie aangenomen" in page
    assert "GroenLinks: 2 – 0" in page and "Raadsinformatiebrief mondzorg" in page
    uid = "openbesluitvorming:" + MOTION_ID
    url = reverse("governance:council_adopt", args=[dutch.pk])
    client.post(url, {"item": [uid]})
    client.post(url, {"item": [uid]})
    adopted = DecisionMoment.objects.get(source_uid=uid)
    assert (adopted.status, adopted.outcome, adopted.date) == (
        "decided", "adopted", date(2026, 6, 26))
    assert "VVD: 0 – 1" in adopted.outcome_note
    assert DecisionMoment.objects.filter(source_uid=uid).count() == 1


def test_a_429_is_waited_out_as_retry_after_says(client, team, dutch, waits):
    answers = [httpx.Response(429, headers={"Retry-After": "3"},
                              json={"code": "rate_limited", "retry_after_seconds": 3}),
               httpx.Response(200, json=STATUS)]
    with respx.mock(assert_all_called=False) as mock:
        record_obv(mock)
        mock.get(f"{OBV}/api/status").mock(side_effect=answers)
        fetch(client, team.contributor, dutch)
    assert 3 in waits
    assert last(dutch).state == "done"


def test_requests_keep_a_pace_of_one_a_second(client, team, dutch, waits):
    with respx.mock(assert_all_called=False) as mock:
        record_obv(mock)
        fetch(client, team.contributor, dutch)
        calls = len(mock.calls)
    assert calls == 6  # status, two meeting pages, motions, one motion, documents
    # no time passes but the waits, so each request after the first waits a full second
    assert waits == [1.0] * (calls - 1)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (httpx.Response(429, headers={"Retry-After": "3600"}), "asks to wait"),
        (httpx.Response(503, text="<html>down</html>"), "fault of its own (HTTP 503)"),
        (httpx.ConnectTimeout("slow"), "did not answer in time"),
        (httpx.ConnectError("refused"), "could not be reached"),
        (httpx.Response(200, text="<html>not json</html>"), "not JSON"),
        (httpx.Response(200, json={"sources": "none"}), "cannot read"),
        (httpx.Response(200, json={"sources": []}), "does not hold the council data"),
    ],
)
def test_a_failing_source_says_why_and_changes_nothing(client, team, dutch, status, expected):
    with respx.mock(assert_all_called=False) as mock:
        record_obv(mock)
        fetch(client, team.contributor, dutch)  # a good fetch first
    before = DecisionMoment.objects.count(), last(dutch).items
    moved = {**PAGE_ONE, "results": [meeting(1, "2026-12-24 19:30:00")]}
    with respx.mock(assert_all_called=False) as mock:
        record_obv(mock, search=lambda r: httpx.Response(200, json=moved))
        route = mock.get(f"{OBV}/api/status")
        if isinstance(status, Exception):
            route.mock(side_effect=status)
        else:
            route.mock(return_value=status)
        response = fetch(client, team.contributor, dutch)
    state = last(dutch)
    assert state.state == "failed" and expected in state.message
    assert expected in response.content.decode()
    assert (DecisionMoment.objects.count(), state.items) == before
    assert DecisionMoment.objects.get(
        source_uid="openbesluitvorming:meeting:ibabs:gemeente:soest:1").date == date(2026, 12, 10)


def test_malformed_search_after_good_pages_changes_nothing(client, team, dutch):
    def search(request):
        if request.url.params.get("offset") == "100":
            return httpx.Response(200, json={"results": "broken"})
        return search_answer(request)

    with respx.mock(assert_all_called=False) as mock:
        record_obv(mock, search=search)
        fetch(client, team.contributor, dutch)
    assert last(dutch).state == "failed"
    assert not DecisionMoment.objects.exists()


def test_empty_answers_are_fine(client, team, dutch):
    empty = {"results": [], "totalCount": 0, "hasMore": False}
    with respx.mock(assert_all_called=False) as mock:
        record_obv(mock, search=lambda r: httpx.Response(200, json=empty))
        fetch(client, team.contributor, dutch)
    state = last(dutch)
    assert (state.state, state.meetings_added, state.items) == ("done", 0, [])
    page = client.get(reverse("governance:council_data", args=[dutch.pk])).content.decode()
    assert "No motions or documents matched" in page


def test_a_merged_municipality_leads_to_its_successor(client, team, dutch):
    dutch.places.all().delete()
    dutch.places.add(Place.objects.create(name="Weesp", country="NL", code="GM0457"))
    with respx.mock(assert_all_called=False) as mock:
        record_obv(mock)
        fetch(client, team.contributor, dutch)
        keys = {c.request.url.params.get("organization") for c in mock.calls} - {None}
    assert keys == {"amsterdam"}


def test_when_off_the_page_says_how_to_turn_it_on(client, team, dutch, settings):
    settings.OPENBESLUITVORMING_URL = ""
    client.force_login(team.viewer)
    page = client.get(reverse("governance:council_data", args=[dutch.pk])).content.decode()
    assert "DRAAGVLAK_OPENBESLUITVORMING_URL=https://openbesluitvorming.nl" in page
    with respx.mock() as mock:
        response = fetch(client, team.contributor, dutch)
        assert not mock.calls
    assert "This connector is off" in response.content.decode()
    assert not CouncilFetch.objects.exists()


def test_without_a_municipality_code_nothing_is_asked(client, team, dutch):
    dutch.places.all().delete()
    with respx.mock() as mock:
        response = fetch(client, team.contributor, dutch)
        assert not mock.calls
    assert "CBS code" in response.content.decode() or "official code" in response.content.decode()


def test_a_viewer_reads_but_neither_fetches_nor_adopts(client, team, dutch):
    client.force_login(team.viewer)
    assert client.get(reverse("governance:council_data", args=[dutch.pk])).status_code == 200
    with respx.mock() as mock:
        assert client.post(reverse("governance:council_fetch", args=[dutch.pk]),
                           {"source": "openbesluitvorming"}).status_code == 403
        assert not mock.calls
    assert client.post(reverse("governance:council_adopt", args=[dutch.pk]),
                       {"item": ["x"]}).status_code == 403
    client.force_login(team.outsider)
    assert client.get(reverse("governance:council_data", args=[dutch.pk])).status_code == 404


# LBLOD --------------------------------------------------------------------------------------


def uri(value: str) -> dict:
    return {"type": "uri", "value": value}


def literal(value: str, datatype: str | None = None) -> dict:
    term = {"type": "literal", "value": value}
    if datatype:
        term["datatype"] = datatype
    return term


def person_row(person: str, first: str, last: str, role: str, domain: str | None,
               group: str = "", start: str = "2025-01-02T00:00:00Z", end: str | None = None
               ) -> dict:
    row = {"mandataris": uri(f"http://data.lblod.info/id/mandatarissen/{person}-{role[-2:]}"),
           "persoon": uri(f"http://data.lblod.info/id/personen/{person}"),
           "voornaam": literal(first), "achternaam": literal(last), "rol": uri(role),
           "start": literal(start, "http://www.w3.org/2001/XMLSchema#dateTime")}
    if domain:
        row["domein"] = literal(domain)
    if group:
        row["fractie"] = literal(group)
    if end:
        row["einde"] = literal(end, "http://www.w3.org/2001/XMLSchema#dateTime")
    return row


PEOPLE_ROWS = [
    person_row("p1", "Els", "Peeters", lblod.MAYOR, "Veiligheid", "Lijst Burgemeester"),
    person_row("p2", "Jan", "Claes", lblod.ALDERMAN, "Welzijn", "Samen"),
    person_row("p2", "Jan", "Claes", lblod.ALDERMAN, "Gezondheid", "Samen"),
    person_row("p3", "Oud", "Schepen", lblod.ALDERMAN, "Sport", end="2025-06-30T00:00:00Z"),
]
SESSION_ROWS = [
    {"zitting": uri("http://data.lblod.info/id/zittingen/z1"),
     "start": literal("2026-12-14T19:00:00+01:00"), "orgaanNaam": literal("Gemeenteraad Hoogveld"),
     "soort": literal("Gemeenteraad")},
    {"zitting": uri("http://data.lblod.info/id/zittingen/z2"),
     "start": literal("2026-12-08T09:00:00Z"),
     "orgaanNaam": literal("College van burgemeester en schepenen Hoogveld"),
     "soort": literal("College van Burgemeester en Schepenen")},
]


def sparql(rows: list[dict], variables: list[str]) -> httpx.Response:
    return httpx.Response(
        200, headers={"Content-Type": "application/sparql-results+json"},
        json={"head": {"vars": variables}, "results": {"bindings": rows}},
    )


def sparql_answer(request: httpx.Request) -> httpx.Response:
    query = request.url.params["query"]
    assert request.headers["Accept"] == "application/sparql-results+json"
    assert '"44021"' in query
    offset = int(query.rsplit("OFFSET", 1)[1])
    if "besluit:Zitting" in query:
        return sparql(SESSION_ROWS[offset:offset + lblod.PAGE], ["zitting", "start"])
    return sparql(PEOPLE_ROWS[offset:offset + lblod.PAGE], ["mandataris", "persoon"])


@pytest.fixture
def flemish(team, settings, waits, monkeypatch):
    settings.LBLOD_SPARQL_URL = SPARQL
    monkeypatch.setattr(lblod, "PAGE", 2)  # so the recorded answers page
    project = team.project
    project.country = "BE"
    project.save()
    project.places.add(Place.objects.create(name="Hoogveld", country="BE", code="44021"))
    return project


def test_sessions_of_council_and_college_enter_the_calendar(client, team, flemish):
    with respx.mock() as mock:
        mock.get(SPARQL).mock(side_effect=sparql_answer)
        fetch(client, team.contributor, flemish, "lblod")
        fetch(client, team.contributor, flemish, "lblod")
        offsets = [c.request.url.params["query"].rsplit("OFFSET", 1)[1].strip()
                   for c in mock.calls[:3]]
    assert offsets == ["0", "2", "4"]  # four people rows: pages of two, then an empty one
    moments = list(DecisionMoment.objects.filter(project=flemish))
    assert [(m.date, m.kind) for m in moments] == [
        (date(2026, 12, 8), "college"), (date(2026, 12, 14), "council")]


def test_people_are_offered_and_taken_over_as_confirmed(client, team, flemish):
    claes = make_party(flemish, name="Jan Claes", layer="board")
    with respx.mock() as mock:
        mock.get(SPARQL).mock(side_effect=sparql_answer)
        fetch(client, team.contributor, flemish, "lblod")
    url = reverse("governance:council_people", args=[flemish.pk])
    page = client.get(url).content.decode()
    assert "Els Peeters" in page and "Welzijn, Gezondheid" in page
    assert "Oud Schepen" not in page  # no longer in office
    assert "schepenen" in page  # the Flemish word
    # only Jan Claes is confirmed: Els Peeters stays out
    client.post(url, {"person": ["lblod:http://data.lblod.info/id/personen/p2"]})
    profile = BoardProfile.objects.get(party=claes)
    assert profile.portfolios == "alderman (schepen): Welzijn, Gezondheid"
    assert (profile.political_group, profile.term_start) == ("Samen", date(2025, 1, 2))
    assert not Party.objects.filter(name="Els Peeters").exists()
    client.post(url, {"person": ["lblod:http://data.lblod.info/id/personen/p1"]})
    peeters = Party.objects.get(project=flemish, name="Els Peeters")
    assert peeters.layer == "board"
    assert versions_of(peeters.board_profile).count() == 1
    # taken over, the rows say so and offer nothing more
    assert "up to date" in client.get(url).content.decode()


def test_a_profile_is_updated_not_replaced(client, team, flemish):
    claes = make_party(flemish, name="Jan Claes", layer="board")
    BoardProfile.objects.create(party=claes, portfolios="Zorg", drivers="Wil scoren op zorg")
    with respx.mock() as mock:
        mock.get(SPARQL).mock(side_effect=sparql_answer)
        fetch(client, team.contributor, flemish, "lblod")
    client.post(reverse("governance:council_people", args=[flemish.pk]),
                {"person": ["lblod:http://data.lblod.info/id/personen/p2"]})
    profile = BoardProfile.objects.get(party=claes)
    assert profile.drivers == "Wil scoren op zorg"
    assert profile.portfolios.endswith("Welzijn, Gezondheid") and profile.version == 2


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (httpx.Response(200, text="<html>Virtuoso error</html>"), "not JSON"),
        (httpx.Response(200, json={"head": {}, "boolean": True}), "cannot read"),
        (httpx.Response(502), "fault of its own (HTTP 502)"),
        (httpx.ReadTimeout("slow"), "did not answer in time"),
    ],
)
def test_lblod_failures_change_nothing(client, team, flemish, answer, expected):
    with respx.mock() as mock:
        route = mock.get(SPARQL)
        if isinstance(answer, Exception):
            route.mock(side_effect=answer)
        else:
            route.mock(return_value=answer)
        fetch(client, team.contributor, flemish, "lblod")
    state = last(flemish, "lblod")
    assert state.state == "failed" and expected in state.message
    assert not DecisionMoment.objects.exists() and not BoardProfile.objects.exists()


def test_lblod_with_nothing_for_the_code_says_so(client, team, flemish):
    with respx.mock() as mock:
        mock.get(SPARQL).mock(return_value=sparql([], ["mandataris"]))
        fetch(client, team.contributor, flemish, "lblod")
    assert "holds no mandates or sessions" in last(flemish, "lblod").message


def test_retry_after_as_a_date_is_read():
    assert http.retry_after_seconds("120") == 120
    assert http.retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert http.retry_after_seconds("soon") is None


def test_a_second_fetch_waits_for_the_first(team, dutch):
    from governance.connectors import services

    first = services.fetch_request(project=dutch, source="openbesluitvorming", user=team.owner)
    assert isinstance(first, CouncilFetch) and first.state == "queued"
    again = services.fetch_request(project=dutch, source="openbesluitvorming", user=team.owner)
    assert isinstance(again, services.Refusal) and "already under way" in again.message


def test_an_unknown_source_is_refused_and_the_page_never_calls_out(client, team, dutch):
    client.force_login(team.contributor)
    with respx.mock() as mock:
        response = client.post(reverse("governance:council_fetch", args=[dutch.pk]),
                               {"source": "elsewhere"}, follow=True)
        client.get(reverse("governance:council_data", args=[dutch.pk]))
        client.get(reverse("governance:council_people", args=[dutch.pk]))
        assert not mock.calls
    assert "Choose one of the sources" in response.content.decode()
    assert not CouncilFetch.objects.exists()


def test_the_page_speaks_dutch(client, team, dutch):
    with respx.mock(assert_all_called=False) as mock:
        record_obv(mock)
        fetch(client, team.contributor, dutch)
    client.cookies["draagvlak_language"] = "nl"
    page = client.get(reverse("governance:council_data", args=[dutch.pk])).content.decode()
    assert "Raadsinformatie" in page and "Opnieuw ophalen" in page
