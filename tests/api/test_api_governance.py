"""Board profiles and decision moments in the API: contributors write, viewers read, changes
carry a version, deleting moves to the bin."""

from __future__ import annotations

import pytest

from governance.models import BoardProfile, DecisionMoment
from governance.services import decision_create
from tests.api.conftest import field_errors
from tests.factories import make_party

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(team):
    return make_party(team.project, name="Gemeenteraad", layer="board")


def test_contributor_adds_a_decision_moment_and_viewer_cannot(api, team, council):
    url = f"/projects/{team.project.pk}/decision-moments"
    body = {"date": "2026-11-05", "kind": "budget", "body": council.pk, "papers_due": "2026-10-01",
            "ask": "Structureel budget"}
    response = api.post(url, team.contributor, body)
    assert response.status_code == 201, response.content
    assert response.json()["body"] == {"id": council.pk, "name": "Gemeenteraad"}
    assert api.post(url, team.viewer, body).status_code == 403
    assert api.get(url, team.viewer).json()["count"] == 1
    assert api.get(url, team.outsider).status_code == 404


def test_change_needs_the_version_and_delete_goes_to_the_bin(api, team):
    moment = decision_create(project=team.project, data={"date": "2026-05-28"})
    url = f"/projects/{team.project.pk}/decision-moments/{moment.pk}"
    change = {"status": "decided", "outcome": "adopted"}
    assert api.patch(url, team.editor, change).status_code == 428
    assert api.patch(url, team.editor, change, if_match=7).status_code == 412
    response = api.patch(url, team.editor, change, if_match=1)
    assert response.status_code == 200 and response.json()["outcome"] == "adopted"
    assert api.delete(url, team.editor, if_match=2).status_code == 204
    assert DecisionMoment.everything.get(pk=moment.pk).deleted_at is not None


def test_papers_after_the_decision_name_the_field(api, team):
    url = f"/projects/{team.project.pk}/decision-moments"
    response = api.post(url, team.owner, {"date": "2026-05-01", "papers_due": "2026-06-01"})
    assert response.status_code == 422
    assert "papers_due" in field_errors(response)
    assert not DecisionMoment.objects.exists()


def test_board_profile_only_for_a_board_party(api, team, council):
    url = f"/projects/{team.project.pk}/board-profiles"
    staff = make_party(team.project, name="Beleidsmedewerker")
    assert api.post(url, team.contributor, {"party": staff.pk}).status_code == 422
    response = api.post(url, team.contributor, {
        "party": council.pk, "policy_areas": ["health", "health"], "informed_by": ["walk"],
    })
    assert response.status_code == 201, response.content
    assert response.json()["policy_areas"] == ["health"]
    assert api.post(url, team.contributor, {"party": council.pk}).status_code == 422
    assert BoardProfile.objects.count() == 1
