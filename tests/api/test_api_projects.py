from __future__ import annotations

import pytest

from projects.models import Project
from tests.api.conftest import field_errors

pytestmark = pytest.mark.django_db


def test_list_shows_own_projects_with_role(api, team):
    response = api.get("/projects", team.editor)
    assert response.status_code == 200
    [project] = response.json()
    assert project["id"] == team.project.pk
    assert project["role"] == "editor"
    assert project["organisation"]["name"]


def test_outsider_does_not_see_the_project_in_the_list(api, team):
    ids = [project["id"] for project in api.get("/projects", team.outsider).json()]
    assert ids == [team.other_project.pk]


def test_viewer_reads_a_project(api, team):
    response = api.get(f"/projects/{team.project.pk}", team.viewer)
    assert response.status_code == 200
    assert response.json()["title"] == "Mondzorg Hoogveld"


def test_outsider_gets_404(api, team):
    assert api.get(f"/projects/{team.project.pk}", team.outsider).status_code == 404
    response = api.patch(f"/projects/{team.project.pk}", team.outsider, {"title": "Mine"})
    assert response.status_code == 404


def test_unknown_project_gets_404(api, team):
    assert api.get("/projects/999999", team.owner).status_code == 404


def test_unauthenticated_gets_401(api, team):
    assert api.get(f"/projects/{team.project.pk}").status_code == 401


def test_editor_changes_details_and_the_version_moves_on(api, team):
    body = {"title": "Mondzorg Hoogveld 2027", "quadrant_threshold": 3, "version": 1}
    response = api.patch(f"/projects/{team.project.pk}", team.editor, body)
    assert response.status_code == 200, response.content
    assert response.json()["version"] == 2
    project = Project.objects.get(pk=team.project.pk)
    assert (project.title, project.quadrant_threshold, project.version) == (
        "Mondzorg Hoogveld 2027",
        3,
        2,
    )


@pytest.mark.parametrize("member", ["viewer", "contributor"])
def test_viewer_and_contributor_cannot_change_details(api, team, member):
    response = api.patch(f"/projects/{team.project.pk}", getattr(team, member), {"title": "X"})
    assert response.status_code == 403
    assert Project.objects.get(pk=team.project.pk).title == "Mondzorg Hoogveld"


def test_stale_version_gets_412_with_the_stored_project(api, team):
    api.patch(f"/projects/{team.project.pk}", team.owner, {"vision": "Samen", "version": 1})
    response = api.patch(
        f"/projects/{team.project.pk}", team.editor, {"vision": "Alleen", "version": 1}
    )
    assert response.status_code == 412
    assert response.json()["current"]["vision"] == "Samen"
    assert response.json()["current"]["version"] == 2
    assert Project.objects.get(pk=team.project.pk).vision == "Samen"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"quadrant_threshold": 6}, "quadrant_threshold"),
        ({"retention_months": 0}, "retention_months"),
        ({"theme": "knitting"}, "theme"),
        ({"title": ""}, "title"),
        ({"title": None}, "title"),
        ({"start_date": "someday"}, "start_date"),
    ],
)
def test_invalid_details_get_422_naming_the_field(api, team, body, field):
    response = api.patch(f"/projects/{team.project.pk}", team.owner, body)
    assert field in field_errors(response)


def test_members_are_listed_with_their_roles(api, team):
    response = api.get(f"/projects/{team.project.pk}/members", team.viewer)
    assert response.status_code == 200
    roles = {member["username"]: member["role"] for member in response.json()}
    assert roles == {"alice": "owner", "bob": "editor", "carla": "contributor", "dirk": "viewer"}
    assert api.get(f"/projects/{team.project.pk}/members", team.outsider).status_code == 404
