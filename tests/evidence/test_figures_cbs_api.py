"""CBS open data in the API: an editor starts a fetch (the codes of the project's places when
none are given), every member lists and follows the fetches; refused requests say why, with the
pages' access rules. Recorded answers only, from a server on 127.0.0.1."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from evidence.figures.models import CbsRun, Figure
from governance.connectors import http
from projects.models import Place
from tests.api.conftest import Api
from tests.evidence.test_figures_cbs import RecordedStatLine


@pytest.fixture
def api(db) -> Api:
    return Api(Client())


@pytest.fixture(autouse=True)
def statline(monkeypatch, settings):
    monkeypatch.setattr(http, "_sleep", lambda seconds: None)
    with translation.override("en"), RecordedStatLine() as server:
        settings.CBS_ODATA_URL = server.url
        yield server


def _url(team) -> str:
    return f"/projects/{team.project.pk}/evidence/cbs-fetches"


def test_an_editor_fetches_with_the_places_codes_and_members_follow(api, team, statline):
    team.project.places.add(Place.objects.create(name="Amsterdam", country="NL", code="GM0363"))
    statline.record_health_table()
    started = api.post(_url(team), team.editor, {"table_id": "85012ned"})
    assert started.status_code == 202, started.content
    data = next(request for request in statline.seen if "$filter" in request.params)
    assert "substringof('NL01',WijkenEnBuurten)" in data.params["$filter"]
    body = started.json()
    assert (body["state"], body["region_codes"], body["figures_added"]) == (
        "done", ["GM0363", "NL01"], 4)  # the district's row is not asked for
    assert not Figure.objects.filter(region_code="WK036300").exists()
    listed = api.get(_url(team), team.viewer).json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]
    one = api.get(f"{_url(team)}/{body['id']}", team.viewer)
    assert one.status_code == 200 and one.json()["table_id"] == "85012NED"


def test_refusals_say_why_and_roles_hold(api, team, settings, statline):
    for user in (team.viewer, team.contributor):
        assert api.post(_url(team), user, {"table_id": "85012NED",
                                           "region_codes": ["GM0363"]}).status_code == 403
    bad = api.post(_url(team), team.editor, {"table_id": "85012NED/x",
                                             "region_codes": ["GM0363"]})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "table_id"]
    no_codes = api.post(_url(team), team.editor, {"table_id": "85012NED"})  # no places
    assert no_codes.json()["detail"][0]["loc"] == ["body", "region_codes"]
    CbsRun.objects.create(project=team.project, table_id="85012NED", region_codes=["GM0363"])
    busy = api.post(_url(team), team.editor, {"table_id": "85012NED",
                                              "region_codes": ["GM0363"]})
    assert busy.status_code == 409 and busy.json()["detail"]
    settings.CBS_ODATA_URL = ""
    off = api.post(_url(team), team.owner, {"table_id": "85012NED", "region_codes": ["GM0363"]})
    assert off.status_code == 422 and off.json()["detail"][0]["loc"] == ["body"]
    assert CbsRun.objects.count() == 1 and not statline.seen
    assert api.get(_url(team), team.outsider).status_code == 404
