from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parties.models import Relation
from parties.services import party_delete, relation_create
from tests.api.conftest import field_errors
from tests.factories import make_party

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(team) -> str:
    return f"/projects/{team.project.pk}/relations"


@pytest.fixture
def ggd(team):
    return make_party(team.project, name="GGD")


@pytest.fixture
def school(team):
    return make_party(team.project, name="School")


def relate(project, source, target, **data) -> Relation:
    return relation_create(project=project, data={"source": source, "target": target, **data})


@pytest.mark.parametrize("member", ["owner", "editor"])
def test_owner_and_editor_add_a_relation(api, team, url, ggd, school, member):
    body = {"source": ggd.pk, "target": school.pk, "kind": "funds", "strength": 4}
    response = api.post(url, getattr(team, member), body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["source"] == {"id": ggd.pk, "name": "GGD"}
    assert (data["target"]["id"], data["kind"], data["strength"]) == (school.pk, "funds", 4)


@pytest.mark.parametrize("member", ["viewer", "contributor"])
def test_viewer_and_contributor_cannot_add(api, team, url, ggd, school, member):
    body = {"source": ggd.pk, "target": school.pk}
    assert api.post(url, getattr(team, member), body).status_code == 403
    assert not Relation.objects.exists()


def test_outsider_gets_404(api, team, url, ggd, school):
    relation = relate(team.project, ggd, school)
    assert api.get(url, team.outsider).status_code == 404
    assert api.get(f"{url}/{relation.pk}", team.outsider).status_code == 404
    body = {"source": ggd.pk, "target": school.pk}
    assert api.post(url, team.outsider, body).status_code == 404


def test_unauthenticated_gets_401(api, team, url):
    assert api.get(url).status_code == 401


def test_parties_must_belong_to_the_project(api, team, url, ggd):
    foreign = make_party(team.other_project)
    response = api.post(url, team.owner, {"source": ggd.pk, "target": foreign.pk})
    assert "target" in field_errors(response)
    response = api.post(url, team.owner, {"source": foreign.pk, "target": ggd.pk})
    assert "source" in field_errors(response)
    assert not Relation.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"source": None}, "source"),
        ({"strength": 6}, "strength"),
        ({"kind": "loves"}, "kind"),
        ({"started_on": "2026-13-01"}, "started_on"),
    ],
)
def test_invalid_relation_gets_422_naming_the_field(api, team, url, ggd, school, body, field):
    full = {"source": ggd.pk, "target": school.pk} | body
    assert field in field_errors(api.post(url, team.owner, full))


def test_a_party_cannot_relate_to_itself(api, team, url, ggd, school):
    response = api.post(url, team.owner, {"source": ggd.pk, "target": ggd.pk})
    assert "target" in field_errors(response)
    relation = relate(team.project, ggd, school)
    response = api.patch(f"{url}/{relation.pk}", team.owner, {"target": ggd.pk})
    assert "target" in field_errors(response)


def test_list_filters_by_kind_and_party(api, team, url, ggd, school):
    third = make_party(team.project, name="Wijkteam")
    relate(team.project, ggd, school, kind="funds")
    relate(team.project, school, third, kind="works_with")
    relate(team.project, third, ggd, kind="informal")

    def pairs(**query) -> list[tuple[str, str]]:
        items = api.get(url, team.viewer, **query).json()["items"]
        return [(item["source"]["name"], item["target"]["name"]) for item in items]

    assert pairs() == [("GGD", "School"), ("School", "Wijkteam"), ("Wijkteam", "GGD")]
    assert pairs(kind="funds") == [("GGD", "School")]
    assert pairs(party=third.pk) == [("School", "Wijkteam"), ("Wijkteam", "GGD")]
    assert pairs(limit=1, offset=1) == [("School", "Wijkteam")]
    assert "kind" in field_errors(api.get(url, team.viewer, kind="loves"))


def test_relations_of_a_party_in_the_bin_are_left_out(api, team, url, ggd, school):
    relation = relate(team.project, ggd, school)
    party_delete(party=school)
    assert api.get(url, team.owner).json()["count"] == 0
    assert api.get(f"{url}/{relation.pk}", team.owner).status_code == 404


def test_list_takes_a_fixed_number_of_queries(api, team, url):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = api.get(url, team.owner, limit=500)
        assert response.status_code == 200
        return len(queries)

    def add_relations(number: int) -> None:
        parties = [make_party(team.project) for _ in range(number + 1)]
        for source, target in zip(parties, parties[1:], strict=False):
            relate(team.project, source, target)

    api.get(url, team.owner)  # makes the token and notes its first use
    add_relations(5)
    few = count_queries()
    add_relations(195)
    assert api.get(url, team.owner).json()["count"] == 200
    assert count_queries() == few
    assert few <= 5


def test_change_conflict_and_delete(api, team, url, ggd, school):
    relation = relate(team.project, ggd, school)
    response = api.patch(f"{url}/{relation.pk}", team.editor, {"strength": 5, "version": 1})
    assert response.status_code == 200
    assert response.json()["version"] == 2
    response = api.patch(f"{url}/{relation.pk}", team.owner, {"strength": 1, "version": 1})
    assert response.status_code == 412
    assert response.json()["current"]["strength"] == 5
    assert api.patch(f"{url}/{relation.pk}", team.viewer, {"strength": 1}).status_code == 403
    assert api.delete(f"{url}/{relation.pk}", team.viewer).status_code == 403
    assert api.delete(f"{url}/{relation.pk}", team.editor, if_match=1).status_code == 412
    assert api.delete(f"{url}/{relation.pk}", team.editor, if_match=2).status_code == 204
    assert Relation.everything.get(pk=relation.pk).deleted_at is not None
