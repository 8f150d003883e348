from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from parties.models import Assessment
from tests.api.conftest import field_errors
from tests.factories import assess, make_party

pytestmark = pytest.mark.django_db

VALID = {
    "assessed_on": "2026-01-20",
    "power": 4,
    "interest": 5,
    "legitimacy": 3,
    "urgency": 2,
    "attitude": 1,
    "engagement_current": "neutral",
    "engagement_desired": "leading",
    "note": "Na het overleg",
}


@pytest.fixture
def party(team):
    return make_party(team.project, name="GGD")


def list_url(team, party) -> str:
    return f"/projects/{team.project.pk}/parties/{party.pk}/assessments"


@pytest.mark.parametrize("member", ["owner", "editor"])
def test_owner_and_editor_record_an_assessment(api, team, party, member):
    response = api.post(list_url(team, party), getattr(team, member), VALID)
    assert response.status_code == 201, response.content
    assessment = Assessment.objects.get(pk=response.json()["id"])
    assert (assessment.power, assessment.attitude) == (4, 1)
    assert assessment.assessed_by == getattr(team, member)
    party.refresh_from_db()
    assert party.latest_assessment == assessment
    detail = api.get(f"/projects/{team.project.pk}/parties/{party.pk}", team.viewer).json()
    assert detail["latest_assessment"]["id"] == assessment.pk


@pytest.mark.parametrize("member", ["viewer", "contributor"])
def test_viewer_and_contributor_cannot_assess(api, team, party, member):
    assert api.post(list_url(team, party), getattr(team, member), VALID).status_code == 403
    assert not Assessment.objects.exists()


def test_outsider_gets_404(api, team, party):
    assessment = assess(party)
    assert api.get(list_url(team, party), team.outsider).status_code == 404
    assert api.post(list_url(team, party), team.outsider, VALID).status_code == 404
    url = f"/projects/{team.project.pk}/assessments/{assessment.pk}"
    assert api.get(url, team.outsider).status_code == 404


def test_unauthenticated_gets_401(api, team, party):
    assert api.post(list_url(team, party), body=VALID).status_code == 401


def test_earlier_assessments_are_kept_and_listed_newest_first(api, team, party):
    older = assess(party, on=date(2025, 6, 1))
    newer = assess(party, on=date(2026, 1, 1))
    response = api.get(list_url(team, party), team.viewer)
    assert [item["id"] for item in response.json()] == [newer.pk, older.pk]
    url = f"/projects/{team.project.pk}/assessments/{older.pk}"
    assert api.get(url, team.viewer).json()["assessed_on"] == "2025-06-01"


def test_assessment_of_another_project_is_404(api, team):
    foreign = assess(make_party(team.other_project))
    url = f"/projects/{team.project.pk}/assessments/{foreign.pk}"
    assert api.get(url, team.owner).status_code == 404


def tomorrow() -> str:
    return (timezone.localdate() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"power": 0}, "power"),
        ({"interest": 6}, "interest"),
        ({"legitimacy": "high"}, "legitimacy"),
        ({"urgency": None}, "urgency"),
        ({"attitude": 3}, "attitude"),
        ({"attitude": -3}, "attitude"),
        ({"engagement_current": "bored"}, "engagement_current"),
        ({"engagement_desired": ""}, "engagement_desired"),
        ({"assessed_on": "yesterday"}, "assessed_on"),
        ({"assessed_on": None}, "assessed_on"),
    ],
)
def test_scales_are_checked(api, team, party, change, field):
    assert field in field_errors(api.post(list_url(team, party), team.owner, VALID | change))
    assert not Assessment.objects.exists()


def test_an_assessment_cannot_be_dated_in_the_future(api, team, party):
    body = VALID | {"assessed_on": tomorrow()}
    errors = field_errors(api.post(list_url(team, party), team.owner, body, language="en"))
    assert "future" in errors["assessed_on"]
