"""The CBS open-data connector against recorded answers in StatLine's OData form
(`DataProperties`, a dimension's categories, `TypedDataSet`, `odata.nextLink` paging, region
keys padded with spaces): figures stored through the import's checks, an
error, an empty answer and a 429 with Retry-After; nothing leaves the test."""

from __future__ import annotations

import httpx
import pytest
from django.utils import translation

from evidence.figures import cbs
from evidence.figures.models import Figure, Indicator
from governance.connectors import http

BASE = "https://opendata.cbs.nl/ODataApi/odata"
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
    "odata.nextLink": f"{BASE}/85012NED/TypedDataSet?$skip=2",
}
PAGE_2 = {"value": [
    {"ID": 2, "WijkenEnBuurten": "NL01      ", "Perioden": "2022JJ00",
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
        "DataProperties": [httpx.Response(200, json=PROPERTIES)],
        "TypedDataSet": [httpx.Response(429, headers={"Retry-After": "2"}),
                         httpx.Response(200, json=PAGE_1)],
        "TypedDataSet+skip": [httpx.Response(200, json=PAGE_2)],
    }
    plan, _batch = cbs.cbs_import(project=team.project, user=team.owner, table_id="85012ned",
                          region_codes=["GM0363", "wk036300", "NL01"],
                          transport=_transport(answers, seen))
    assert plan.ok, (plan.problems, plan.errors)
    assert 2 in _setup  # the Retry-After was honoured
    assert "substringof('GM0363',WijkenEnBuurten)" in seen[1].url.params["$filter"]
    assert seen[0].url.path.endswith("/85012NED/DataProperties")
    assert Indicator.objects.filter(project=team.project).count() == 2
    assert Figure.objects.filter(indicator__project=team.project).count() == 5  # one missing
    health = Figure.objects.get(region_code="WK036300")
    assert (health.region_level, health.period, float(health.value)) == ("district", "2022", 80.1)
    assert health.indicator.source == "CBS StatLine, table 85012NED"
    assert health.indicator.licence.startswith("CC BY 4.0")


@pytest.mark.django_db
def test_a_fault_at_cbs_changes_nothing_and_says_so(team):
    answers = {"DataProperties": [httpx.Response(503)]}
    with pytest.raises(http.SourceError, match="fault of its own"):
        cbs.cbs_import(project=team.project, user=team.owner, table_id="85012NED",
                       region_codes=["GM0363"], transport=_transport(answers, []))
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_an_empty_answer_stores_nothing(team):
    answers = {"DataProperties": [httpx.Response(200, json=PROPERTIES)],
               "TypedDataSet": [httpx.Response(200, json={"value": []})]}
    plan, _batch = cbs.cbs_import(project=team.project, user=team.owner, table_id="85012NED",
                          region_codes=["GM0363"], transport=_transport(answers, []))
    assert not plan.ok and plan.problems == ["The table holds no figures."]
    assert not Figure.objects.exists()


def test_a_long_retry_after_stops_and_bad_requests_never_leave(_setup):
    answers = {"DataProperties": [httpx.Response(429, headers={"Retry-After": "3600"})]}
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
def test_margins_become_bounds_and_other_dimensions_name_the_indicator(team):
    answers = {
        "DataProperties": [httpx.Response(200, json=MARGIN_PROPERTIES)],
        "Marges": [httpx.Response(200, json=MARGINS)],
        "Leeftijd": [httpx.Response(200, json=AGES)],
        "TypedDataSet": [httpx.Response(200, json=_margin_rows())],
    }
    plan, batch = cbs.cbs_import(project=team.project, user=team.owner, table_id="50090NED",
                                 region_codes=["GM0363"], transport=_transport(answers, []))
    assert plan.ok, (plan.problems, plan.errors)
    names = sorted(Indicator.objects.filter(project=team.project).values_list("name", flat=True))
    assert names == ["Overgewicht (18 jaar of ouder)", "Overgewicht (65 jaar of ouder)"]
    older = Figure.objects.get(indicator__name="Overgewicht (65 jaar of ouder)")
    assert older.region_code == "GM0363"
    assert (float(older.value), float(older.lower), float(older.upper)) == (60.0, 58.0, 62.0)
    assert older.indicator.unit == "%" and batch.figures_added == 2
