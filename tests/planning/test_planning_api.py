"""The planning routes of the JSON API: the same rules as the pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from planning.models import ParticipationActivity, PlanAction, StepTick, Success
from planning.services import success_message_create
from planning.steps import TOTAL_ITEMS
from tests.api.conftest import Api, field_errors
from tests.api.test_api_outsider import _operations
from tests.factories import make_party, make_segment
from tests.planning.conftest import make_action, make_activity, make_precondition, make_success

pytestmark = pytest.mark.django_db
PLANNING_PATHS = ("/plan/", "/participation/", "/successes", "/success-messages", "/steps")


@pytest.fixture
def api(db) -> Api:
    return Api(Client())


@pytest.fixture
def data(team):
    party = make_party(team.project, name="Logo Kouterland")
    action = make_action(team.project, title="Visiesessie", party=party, member=team.editor)
    make_precondition(action, kind="money", amount="600.50", from_party=party)
    activity = make_activity(team.project, segment=make_segment(team.project, name="Ouders"),
                             people_reached=9)
    success = make_success(team.project, [party], title="Proefjaar goedgekeurd")
    success_message_create(project=team.project, data={"title": "Raad", "text": "Tekst"},
                           successes=[success])
    return {"party": party, "action": action, "activity": activity, "success": success}


@pytest.fixture
def routes(api, team, data):
    ids = {
        "project_id": team.project.pk,
        "action_id": data["action"].pk,
        "activity_id": data["activity"].pk,
        "success_id": data["success"].pk,
        "item_key": "core-partners",
    }
    document = api.client.get("/api/v1/openapi.json").json()
    return [
        (method, re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path), body)
        for method, path, body in _operations(document)
        if any(part in path for part in PLANNING_PATHS)
    ]


def test_every_planning_route_is_walked(routes):
    assert len(routes) == 20


def test_outsider_gets_404_and_viewer_reads_but_never_writes(api, team, routes):
    before = (PlanAction.everything.count(), Success.everything.count(),
              ParticipationActivity.everything.count(), StepTick.objects.count())
    for method, path, body in routes:
        assert api.call(method, path, team.outsider, body).status_code == 404, (method, path)
        if method == "get":
            assert api.get(path, team.viewer).status_code == 200, path
        else:
            response = api.call(method, path, team.viewer, body)
            assert response.status_code == 403, (method, path, response.content)
    assert (PlanAction.everything.count(), Success.everything.count(),
            ParticipationActivity.everything.count(), StepTick.objects.count()) == before


def test_plan_actions_read_with_their_preconditions(api, team, data):
    response = api.get(f"/projects/{team.project.pk}/plan/actions", team.viewer)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["party"] == {"id": data["party"].pk, "name": "Logo Kouterland"}
    assert item["member"] == {"id": team.editor.pk, "name": "Bob"}
    assert item["preconditions"][0]["amount"] == 600.5
    assert item["preconditions"][0]["from_party"]["name"] == "Logo Kouterland"
    filtered = api.get(f"/projects/{team.project.pk}/plan/actions", team.viewer, phase="review")
    assert filtered.json()["count"] == 0


def test_plan_actions_write_needs_the_editor_role(api, team, data):
    url = f"/projects/{team.project.pk}/plan/actions"
    body = {"title": "Poetsen", "party": data["party"].pk, "starts_on": "2026-09-01"}
    assert api.post(url, team.contributor, body).status_code == 403
    created = api.post(url, team.editor, body)
    assert created.status_code == 201 and created.json()["status"] == "planned"
    action_url = f"{url}/{created.json()['id']}"
    changed = api.patch(action_url, team.editor, {"status": "running", "version": 1})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = api.patch(action_url, team.owner, {"status": "done", "version": 1})
    assert stale.status_code == 412
    assert stale.json()["current"]["status"] == "running"
    foreign = make_party(team.other_project, name="Geheim")
    assert "party" in field_errors(api.patch(action_url, team.editor, {"party": foreign.pk}))
    assert "member" in field_errors(api.patch(action_url, team.editor,
                                              {"member": team.outsider.pk}))
    backwards = api.patch(action_url, team.editor, {"ends_on": "2026-01-01"}, if_match=2)
    assert backwards.status_code == 422
    assert api.delete(action_url, team.editor, if_match=2).status_code == 204
    assert not PlanAction.objects.filter(pk=created.json()["id"]).exists()
    assert PlanAction.everything.filter(pk=created.json()["id"]).exists()  # in the bin


def test_participation_by_contributors_and_its_summary(api, team, data):
    url = f"/projects/{team.project.pk}/participation/activities"
    segment = make_segment(team.project, name="Nieuwkomers")
    make_segment(team.project, name="Woonwagenbewoners")
    created = api.post(url, team.contributor, {
        "kind": "focus_group", "title": "Focusgroep", "starts_on": "2026-02-01",
        "segment": segment.pk, "people_reached": 11})
    assert created.status_code == 201 and created.json()["segment_id"] == segment.pk
    assert api.post(url, team.contributor, {"title": "X", "starts_on": "2026-02-01",
                                            "people_reached": -1}).status_code == 422
    summary = api.get(f"/projects/{team.project.pk}/participation/summary", team.viewer).json()
    assert (summary["activities"], summary["people"]) == (2, 20)
    gaps = [row["name"] for row in summary["segments"] if row["gap"]]
    assert gaps == ["Woonwagenbewoners"]
    patched = api.patch(f"{url}/{created.json()['id']}", team.contributor,
                        {"people_reached": 12, "version": 1})
    assert patched.json()["people_reached"] == 12


def test_successes_by_contributors(api, team, data):
    url = f"/projects/{team.project.pk}/successes"
    created = api.post(url, team.contributor, {
        "title": "Vijf tandartsen", "achieved_on": "2026-04-20", "parties": [data["party"].pk],
        "evidence_url": "https://example.org/afspraken"})
    assert created.status_code == 201 and created.json()["parties"] == [data["party"].pk]
    foreign = make_party(team.other_project, name="Geheim")
    assert "parties" in field_errors(api.post(url, team.contributor, {
        "title": "X", "achieved_on": "2026-04-20", "parties": [foreign.pk]}))
    assert "evidence_url" in field_errors(api.post(url, team.contributor, {
        "title": "X", "achieved_on": "2026-04-20", "evidence_url": "geen adres"}))
    messages = api.get(f"/projects/{team.project.pk}/success-messages", team.viewer).json()
    assert messages[0]["successes"] == [data["success"].pk]


def test_step_plan_tick_and_untick(api, team):
    base = f"/projects/{team.project.pk}/steps"
    plan = api.get(base, team.viewer).json()
    assert (plan["done"], plan["total"], len(plan["steps"])) == (0, TOTAL_ITEMS, 8)
    ticked = api.post(f"{base}/core-partners/tick", team.contributor,
                      {"evidence_text": "Startvergadering", "version": 0})
    assert ticked.status_code == 200
    assert ticked.json()["ticked"] and ticked.json()["ticked_by"]["name"] == "Carla"
    again = api.post(f"{base}/core-partners/tick", team.editor, {"version": 0})
    assert again.status_code == 412 and again.json()["current"]["version"] == 1
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    assert "ticked_on" in field_errors(api.post(f"{base}/core-expertise/tick", team.editor,
                                                {"ticked_on": future, "version": 0}))
    assert api.post(f"{base}/no-such-item/tick", team.editor, {}).status_code == 404
    assert api.delete(f"{base}/core-partners/tick", team.contributor).status_code == 428
    unticked = api.delete(f"{base}/core-partners/tick", team.contributor, if_match='W/"1"')
    assert unticked.status_code == 200 and not unticked.json()["ticked"]
    assert unticked.json()["evidence_text"] == "Startvergadering"
    assert api.get(base, team.viewer).json()["done"] == 0
