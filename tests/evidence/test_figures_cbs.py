"""The CBS open-data connector against recorded answers in StatLine's OData form
(`DataProperties`, a dimension's categories, `TypedDataSet`, `odata.nextLink` paging, region
keys padded with spaces), served by a real HTTP server on 127.0.0.1 so that cbsodata and
requests do their whole part: figures stored through the import's checks, an error, an empty
answer, a 429 with Retry-After, a time-out and an unreachable feed; nothing leaves the machine."""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.utils import translation

from evidence.figures import cbs
from evidence.figures.models import Figure, Indicator
from governance.connectors import http

# Stands for the recording server's own address in recorded links; the server puts its own in.
RECORDED = "http://statline.invalid"
FEED = "/ODataFeed/odata/"
PROPERTIES = {"value": [
    {"Key": "WijkenEnBuurten", "Type": "GeoDimension", "Title": "Wijken en buurten"},
    {"Key": "Perioden", "Type": "TimeDimension", "Title": "Perioden"},
    {"Key": "ErvarenGezondheid_1", "Type": "Topic", "Title": "Ervaren gezondheid goed/zeer goed",
     "Unit": "%"},
    {"Key": "Overgewicht_4", "Type": "Topic", "Title": "Overgewicht", "Unit": "%"},
]}
PAGE_1 = {
    "value": [
        {"ID": 0, "WijkenEnBuurten": "GM0363    ", "Perioden": "2022JJ00",
         "ErvarenGezondheid_1": 78.2, "Overgewicht_4": 43.0},
        {"ID": 1, "WijkenEnBuurten": "WK036300  ", "Perioden": "2022JJ00",
         "ErvarenGezondheid_1": 80.1, "Overgewicht_4": None},
    ],
    "odata.nextLink": f"{RECORDED}{FEED}85012NED/TypedDataSet?$skip=2",
}
PAGE_2 = {"value": [
    {"ID": 2, "WijkenEnBuurten": "NL01      ", "Perioden": "2022JJ00",
     "ErvarenGezondheid_1": 79.4, "Overgewicht_4": 50.1},
]}


@dataclass
class Answer:
    status: int = 200
    body: object = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering


def ok(body: object) -> Answer:
    return Answer(body=body)


@dataclass
class Request:
    route: str  # the part after the feed, with `?$skip=…` when a next page is asked
    params: dict[str, str]


class RecordedStatLine:
    """StatLine's feed on 127.0.0.1: each route answers its recorded answers in turn, the last
    one again and again; an unknown route is a 404. `seen` keeps every request in order."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Answer]] = {}
        self.seen: list[Request] = []
        self._server: ThreadingHTTPServer | None = None

    def answer(self, route: str, *answers: Answer) -> None:
        self.routes[route] = list(answers)

    def record_health_table(self) -> None:
        """The health table 85012NED in two pages."""
        self.answer("85012NED/DataProperties", ok(PROPERTIES))
        self.answer("85012NED/TypedDataSet", ok(PAGE_1))
        self.answer("85012NED/TypedDataSet?$skip=2", ok(PAGE_2))

    @property
    def root(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def url(self) -> str:
        """What the server's setting names."""
        return f"{self.root}/ODataApi/odata"

    def _next(self, route: str) -> Answer:
        answers = self.routes.get(route)
        if not answers:
            return Answer(404, {"odata.error": {"message": {"value": "Not found"}}})
        return answers.pop(0) if len(answers) > 1 else answers[0]

    def __enter__(self) -> RecordedStatLine:
        recording = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                parts = urlsplit(self.path)
                params = dict(parse_qsl(parts.query))
                route = parts.path.removeprefix(FEED)
                if "$skip" in params:
                    route += f"?$skip={params['$skip']}"
                recording.seen.append(Request(route, params))
                answer = recording._next(route)
                time.sleep(answer.delay)
                body = json.dumps(answer.body).replace(RECORDED, recording.root).encode()
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the time-out test)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()


def unreachable_url() -> str:
    """A feed's address on 127.0.0.1 where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/ODataApi/odata"


@pytest.fixture
def statline(settings):
    with RecordedStatLine() as server:
        settings.CBS_ODATA_URL = server.url
        yield server


@pytest.fixture(autouse=True)
def _setup(monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr(http, "_sleep", waits.append)
    with translation.override("en"):
        yield waits


@pytest.mark.django_db
def test_a_table_is_fetched_page_by_page_and_imported(team, statline, _setup):
    statline.record_health_table()
    statline.answer("85012NED/TypedDataSet", Answer(429, headers={"Retry-After": "2"}),
                    ok(PAGE_1))
    plan, _batch = cbs.cbs_import(project=team.project, user=team.owner, table_id="85012ned",
                                  region_codes=["GM0363", "wk036300", "NL01"])
    assert plan.ok, (plan.problems, plan.errors)
    assert 2 in _setup  # the Retry-After was honoured
    routes = [request.route for request in statline.seen]
    assert routes == ["85012NED/DataProperties", "85012NED/TypedDataSet",
                      "85012NED/TypedDataSet", "85012NED/TypedDataSet?$skip=2"]
    assert "substringof('GM0363',WijkenEnBuurten)" in statline.seen[1].params["$filter"]
    assert Indicator.objects.filter(project=team.project).count() == 2
    assert Figure.objects.filter(indicator__project=team.project).count() == 5  # one missing
    health = Figure.objects.get(region_code="WK036300")
    assert (health.region_level, health.period, float(health.value)) == ("district", "2022", 80.1)
    assert health.indicator.source == "CBS StatLine, table 85012NED"
    assert health.indicator.licence.startswith("CC BY 4.0")


@pytest.mark.django_db
def test_a_fault_at_cbs_changes_nothing_and_says_so(team, statline):
    statline.answer("85012NED/DataProperties", Answer(503))
    with pytest.raises(http.SourceError, match="fault of its own"):
        cbs.cbs_import(project=team.project, user=team.owner, table_id="85012NED",
                       region_codes=["GM0363"])
    statline.answer("85012NED/DataProperties", Answer(404))
    with pytest.raises(http.SourceError, match=r"refused the request \(HTTP 404\)"):
        cbs.fetch(table_id="85012NED", region_codes=["GM0363"])
    statline.answer("85012NED/DataProperties", Answer(302, headers={"Location": "/elsewhere"}))
    with pytest.raises(http.SourceError, match="cannot read|not JSON"):
        cbs.fetch(table_id="85012NED", region_codes=["GM0363"])
    assert statline.seen[-1].route == "85012NED/DataProperties"  # the redirect not followed
    statline.answer("85012NED/DataProperties", ok(["not", "a", "feed"]))
    with pytest.raises(http.SourceError, match="cannot read"):
        cbs.fetch(table_id="85012NED", region_codes=["GM0363"])
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_an_empty_answer_stores_nothing(team, statline):
    statline.answer("85012NED/DataProperties", ok(PROPERTIES))
    statline.answer("85012NED/TypedDataSet", ok({"value": []}))
    plan, _batch = cbs.cbs_import(project=team.project, user=team.owner, table_id="85012NED",
                                  region_codes=["GM0363"])
    assert not plan.ok and plan.problems == ["The table holds no figures."]
    assert not Figure.objects.exists()


def test_a_long_retry_after_stops_and_bad_requests_never_leave(statline):
    statline.answer("85012NED/DataProperties", Answer(429, headers={"Retry-After": "3600"}))
    with pytest.raises(http.SourceError, match="wait"):
        cbs.fetch(table_id="85012NED", region_codes=["GM0363"])
    asked = len(statline.seen)
    with pytest.raises(http.SourceError, match="not a CBS table id"):
        cbs.fetch(table_id="85012NED/../x", region_codes=["GM0363"])
    with pytest.raises(http.SourceError, match="region codes"):
        cbs.fetch(table_id="85012NED", region_codes=["GM0363' or 1 eq 1"])
    assert len(statline.seen) == asked == 1


def test_a_slow_or_unreachable_feed_says_so(statline, monkeypatch, settings):
    monkeypatch.setattr(cbs, "TIMEOUT", (1.0, 0.2))
    statline.answer("85012NED/DataProperties", Answer(body=PROPERTIES, delay=0.5))
    with pytest.raises(http.SourceError, match="did not answer in time"):
        cbs.fetch(table_id="85012NED", region_codes=["GM0363"])
    settings.CBS_ODATA_URL = unreachable_url()
    with pytest.raises(http.SourceError, match="could not be reached"):
        cbs.fetch(table_id="85012NED", region_codes=["GM0363"])


def test_off_unless_configured(settings):
    for url in ("", "opendata.cbs.nl", "ftp://opendata.cbs.nl/ODataApi/odata"):
        settings.CBS_ODATA_URL = url
        with pytest.raises(http.SourceError, match="not configured"):
            cbs.fetch(table_id="85012NED", region_codes=["GM0363"])


def test_the_feeds_host_comes_from_the_setting():
    assert cbs.catalog("https://opendata.cbs.nl/ODataApi/odata") == (True, "opendata.cbs.nl")
    assert cbs.catalog("https://opendata.cbs.nl/ODataFeed/odata/") == (True, "opendata.cbs.nl")
    assert cbs.catalog("http://127.0.0.1:8001/cbs/ODataApi/odata") == (False,
                                                                      "127.0.0.1:8001/cbs")


MARGIN_PROPERTIES = {"value": [
    {"Key": "Marges", "Type": "Dimension", "Title": "Marges"},
    {"Key": "Leeftijd", "Type": "Dimension", "Title": "Leeftijd"},
    {"Key": "WijkenEnBuurten", "Type": "GeoDimension", "Title": "Wijken en buurten"},
    {"Key": "Perioden", "Type": "TimeDimension", "Title": "Perioden"},
    {"Key": "Overgewicht_4", "Type": "Topic", "Title": "Overgewicht", "Unit": "%"},
]}
MARGINS = {"value": [
    {"Key": "MW00000", "Title": "Waarde"},
    {"Key": "MOG0095", "Title": "Ondergrens 95%-betrouwbaarheidsinterval"},
    {"Key": "MBG0095", "Title": "Bovengrens 95%-betrouwbaarheidsinterval"},
]}
AGES = {"value": [{"Key": "20300", "Title": "18 jaar of ouder"},
                  {"Key": "53950", "Title": "65 jaar of ouder"}]}


def _margin_rows() -> dict:
    rows = []
    for age, base in (("20300", 50.0), ("53950", 60.0)):
        for margin, shift in (("MW00000", 0), ("MOG0095", -2), ("MBG0095", 2)):
            for code in ("GM0363    ", "GM0344    "):  # Utrecht came along with the substring
                rows.append({"Marges": margin, "Leeftijd": age, "WijkenEnBuurten": code,
                             "Perioden": "2022JJ00", "Overgewicht_4": base + shift})
    rows.append({"Marges": "MOG0090", "Leeftijd": "20300", "WijkenEnBuurten": "GM0363    ",
                 "Perioden": "2022JJ00", "Overgewicht_4": 1.0})  # other margins are left out
    return {"value": rows}


@pytest.mark.django_db
def test_margins_become_bounds_and_other_dimensions_name_the_indicator(team, statline):
    statline.answer("50090NED/DataProperties", ok(MARGIN_PROPERTIES))
    statline.answer("50090NED/Marges", ok(MARGINS))
    statline.answer("50090NED/Leeftijd", ok(AGES))
    statline.answer("50090NED/TypedDataSet", ok(_margin_rows()))
    plan, batch = cbs.cbs_import(project=team.project, user=team.owner, table_id="50090NED",
                                 region_codes=["GM0363"])
    assert plan.ok, (plan.problems, plan.errors)
    names = sorted(Indicator.objects.filter(project=team.project).values_list("name", flat=True))
    assert names == ["Overgewicht (18 jaar of ouder)", "Overgewicht (65 jaar of ouder)"]
    older = Figure.objects.get(indicator__name="Overgewicht (65 jaar of ouder)")
    assert older.region_code == "GM0363"
    assert (float(older.value), float(older.lower), float(older.upper)) == (60.0, 58.0, 62.0)
    assert older.indicator.unit == "%" and batch.figures_added == 2


def test_an_answer_beyond_the_bound_is_refused(statline, monkeypatch):
    monkeypatch.setattr(cbs, "MAX_ROWS", 2)
    statline.record_health_table()
    with pytest.raises(http.SourceError, match="more data than expected"):
        cbs.fetch(table_id="85012NED", region_codes=["GM0363", "WK036300", "NL01"])
