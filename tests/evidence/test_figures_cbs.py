"""The CBS open-data connector against recorded answers in CBS's OData form (`Properties`,
`TypedDataSet`, `@odata.nextLink` paging): figures stored through the import's checks, an
error, an empty answer and a 429 with Retry-After; nothing leaves the test."""

from __future__ import annotations

import httpx
import pytest
from django.utils import translation

from evidence.figures import cbs
from evidence.figures.models import Figure, Indicator
from governance.connectors import http

BASE = "https://odata4.cbs.nl/CBS"
PROPERTIES = {"value": [
    {"Key": "WijkenEnBuurten", "Type": "GeoDimension", "Title": "Wijken en buurten"},
    {"Key": "Perioden", "Type": "TimeDimension", "Title": "Perioden"},
    {"Key": "ErvarenGezondheid_1", "Type": "Topic", "Title": "Ervaren gezondheid goed/zeer goed",
     "Unit": "%"},
    {"Key": "Overgewicht_4", "Type": "Topic", "Title": "Overgewicht", "Unit": "%"},
]}
PAGE_1 = {
    "value": [
        {"Id": 0, "WijkenEnBuurten": "GM0363", "Perioden": "2022JJ00",
         "ErvarenGezondheid_1": 78.2, "Overgewicht_4": 43.0},
        {"Id": 1, "WijkenEnBuurten": "WK036300", "Perioden": "2022JJ00",
         "ErvarenGezondheid_1": 80.1, "Overgewicht_4": None},
    ],
    "@odata.nextLink": f"{BASE}/85012NED/TypedDataSet?$skip=2",
}
PAGE_2 = {"value": [
    {"Id": 2, "WijkenEnBuurten": "NL01", "Perioden": "2022JJ00",
     "ErvarenGezondheid_1": 79.4, "Overgewicht_4": 50.1},
]}


def _transport(answers: dict[str, list[httpx.Response]], seen: list[httpx.Request]):
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        key = request.url.path.rsplit("/", 1)[-1] + ("+skip" if "skip" in str(request.url)
                                                      else "")
        return answers[key].pop(0)

    return httpx.MockTransport(handle)


@pytest.fixture(autouse=True)
def _setup(monkeypatch, settings):
    settings.CBS_ODATA_URL = BASE
    waits: list[float] = []
    monkeypatch.setattr(http, "_sleep", waits.append)
    with translation.override("en"):
        yield waits


@pytest.mark.django_db
def test_a_table_is_fetched_page_by_page_and_imported(team, _setup):
    seen: list[httpx.Request] = []
    answers = {
        "Properties": [httpx.Response(200, json=PROPERTIES)],
        "TypedDataSet": [httpx.Response(429, headers={"Retry-After": "2"}),
                         httpx.Response(200, json=PAGE_1)],
        "TypedDataSet+skip": [httpx.Response(200, json=PAGE_2)],
    }
    plan, _batch = cbs.cbs_import(project=team.project, user=team.owner, table_id="85012ned",
                          region_codes=["GM0363", "wk036300", "NL01"],
                          transport=_transport(answers, seen))
    assert plan.ok, (plan.problems, plan.errors)
    assert 2 in _setup  # the Retry-After was honoured
    assert "WijkenEnBuurten eq 'GM0363'" in seen[1].url.params["$filter"]
    assert Indicator.objects.filter(project=team.project).count() == 2
    assert Figure.objects.filter(indicator__project=team.project).count() == 5  # one missing
    health = Figure.objects.get(region_code="WK036300")
    assert (health.region_level, health.period, float(health.value)) == ("district", "2022", 80.1)
    assert health.indicator.source == "CBS StatLine, table 85012NED"
    assert health.indicator.licence.startswith("CC BY 4.0")


@pytest.mark.django_db
def test_a_fault_at_cbs_changes_nothing_and_says_so(team):
    answers = {"Properties": [httpx.Response(503)]}
    with pytest.raises(http.SourceError, match="fault of its own"):
        cbs.cbs_import(project=team.project, user=team.owner, table_id="85012NED",
                       region_codes=["GM0363"], transport=_transport(answers, []))
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_an_empty_answer_stores_nothing(team):
    answers = {"Properties": [httpx.Response(200, json=PROPERTIES)],
               "TypedDataSet": [httpx.Response(200, json={"value": []})]}
    plan, _batch = cbs.cbs_import(project=team.project, user=team.owner, table_id="85012NED",
                          region_codes=["GM0363"], transport=_transport(answers, []))
    assert not plan.ok and plan.problems == ["The table holds no figures."]
    assert not Figure.objects.exists()


def test_a_long_retry_after_stops_and_bad_requests_never_leave(_setup):
    answers = {"Properties": [httpx.Response(429, headers={"Retry-After": "3600"})]}
    with pytest.raises(http.SourceError, match="wait"):
        cbs.fetch(table_id="85012NED", region_codes=["GM0363"],
                  transport=_transport(answers, []))
    seen: list[httpx.Request] = []
    with pytest.raises(http.SourceError, match="not a CBS table id"):
        cbs.fetch(table_id="85012NED/../x", region_codes=["GM0363"],
                  transport=_transport({}, seen))
    with pytest.raises(http.SourceError, match="region codes"):
        cbs.fetch(table_id="85012NED", region_codes=["GM0363' or 1 eq 1"],
                  transport=_transport({}, seen))
    assert not seen


def test_off_unless_configured(settings):
    settings.CBS_ODATA_URL = ""
    with pytest.raises(http.SourceError, match="not configured"):
        cbs.fetch(table_id="85012NED", region_codes=["GM0363"])
