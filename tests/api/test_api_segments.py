from __future__ import annotations

import pytest

from projects.models import TargetSegment
from tests.api.conftest import field_errors
from tests.factories import make_party, make_segment

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(team) -> str:
    return f"/projects/{team.project.pk}/segments"


def test_viewer_lists_and_reads_segments(api, team, url):
    segment = make_segment(
        team.project, name="Nieuwkomers", description="Spreken weinig Nederlands"
    )
    make_segment(team.other_project, name="Elders")
    assert [item["name"] for item in api.get(url, team.viewer).json()] == ["Nieuwkomers"]
    response = api.get(f"{url}/{segment.pk}", team.viewer)
    assert response.json() == {
        "id": segment.pk,
        "name": "Nieuwkomers",
        "description": "Spreken weinig Nederlands",
        "version": 1,
    }
    assert response["ETag"] == '"1"'


@pytest.mark.parametrize("member", ["owner", "editor"])
def test_owner_and_editor_manage_segments(api, team, url, member):
    user = getattr(team, member)
    response = api.post(url, user, {"name": "Zwangere vrouwen in armoede"})
    assert response.status_code == 201, response.content
    segment_url = f"{url}/{response.json()['id']}"
    assert api.patch(segment_url, user, {"description": "x"}).status_code == 428
    body = {"description": "Via het consultatiebureau"}
    response = api.patch(segment_url, user, body, if_match=1)
    assert response.json()["description"] == "Via het consultatiebureau"
    assert response["ETag"] == '"2"'
    assert api.delete(segment_url, user, if_match=1).status_code == 412
    assert api.delete(segment_url, user, if_match=2).status_code == 204
    assert not TargetSegment.objects.filter(project=team.project).exists()


@pytest.mark.parametrize("member", ["viewer", "contributor"])
def test_viewer_and_contributor_cannot_change_segments(api, team, url, member):
    segment = make_segment(team.project, name="Nieuwkomers")
    user = getattr(team, member)
    assert api.post(url, user, {"name": "X"}).status_code == 403
    assert api.patch(f"{url}/{segment.pk}", user, {"name": "X"}).status_code == 403
    assert api.delete(f"{url}/{segment.pk}", user).status_code == 403
    assert list(TargetSegment.objects.values_list("name", flat=True)) == ["Nieuwkomers"]


def test_outsider_gets_404(api, team, url):
    segment = make_segment(team.project)
    assert api.get(url, team.outsider).status_code == 404
    assert api.get(f"{url}/{segment.pk}", team.outsider).status_code == 404
    assert api.delete(f"{url}/{segment.pk}", team.outsider).status_code == 404
    assert TargetSegment.objects.filter(pk=segment.pk).exists()


def test_unauthenticated_gets_401(api, team, url):
    assert api.get(url).status_code == 401


def test_segment_of_another_project_is_404(api, team, url):
    foreign = make_segment(team.other_project)
    assert api.get(f"{url}/{foreign.pk}", team.owner).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"), [({}, "name"), ({"name": ""}, "name"), ({"name": "x" * 201}, "name")]
)
def test_invalid_segment_gets_422_naming_the_field(api, team, url, body, field):
    assert field in field_errors(api.post(url, team.owner, body))


def test_names_are_unique_within_a_project(api, team, url):
    make_segment(team.project, name="Nieuwkomers")
    assert "name" in field_errors(api.post(url, team.owner, {"name": "nieuwkomers"}))
    other = make_segment(team.project, name="Jongeren")
    response = api.patch(f"{url}/{other.pk}", team.owner, {"name": "NIEUWKOMERS"}, if_match=1)
    assert "name" in field_errors(response)


def test_deleting_a_segment_leaves_the_parties(api, team, url):
    segment, kept = make_segment(team.project), make_segment(team.project)
    party = make_party(team.project, segments=[segment, kept])
    assert api.delete(f"{url}/{segment.pk}", team.owner, if_match=1).status_code == 204
    assert list(party.segments.all()) == [kept]
