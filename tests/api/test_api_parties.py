from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.models import ApiToken
from api.services import token_revoke
from parties.models import Party
from parties.services import party_delete
from tests.api.conftest import field_errors
from tests.factories import assess, make_party, make_segment

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(team) -> str:
    return f"/projects/{team.project.pk}/parties"


# Reading -----------------------------------------------------------------------------------


def test_list_has_count_items_and_the_latest_assessment(api, team, url):
    segment = make_segment(team.project)
    ggd = make_party(team.project, name="GGD", segments=[segment])
    assess(ggd, power=5, interest=4, attitude=2)
    make_party(team.project, name="School")
    response = api.get(url, team.viewer)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    first = data["items"][0]
    assert first["name"] == "GGD"
    assert first["segments"] == [segment.pk]
    assert first["latest_assessment"]["power"] == 5
    assert data["items"][1]["latest_assessment"] is None


def test_list_is_paged(api, team, url):
    for number in range(7):
        make_party(team.project, name=f"Partij {number}")
    response = api.get(url, team.owner, limit=3, offset=3)
    data = response.json()
    assert data["count"] == 7
    assert [item["name"] for item in data["items"]] == ["Partij 3", "Partij 4", "Partij 5"]


@pytest.mark.parametrize(
    ("query", "field"),
    [({"limit": 501}, "limit"), ({"limit": 0}, "limit"), ({"offset": -1}, "offset")],
)
def test_page_bounds_are_checked(api, team, url, query, field):
    assert field in field_errors(api.get(url, team.owner, **query))


def test_list_filters_like_the_register_page(api, team, url):
    board = make_party(team.project, name="College", layer="board", in_core_group=True)
    assess(board, power=5, interest=5, attitude=-1)
    make_party(team.project, name="Buurthuis", layer="residents")

    def names(**query) -> list[str]:
        return [item["name"] for item in api.get(url, team.owner, **query).json()["items"]]

    assert names(layer="board") == ["College"]
    assert names(core="no") == ["Buurthuis"]
    assert names(attitude=-1) == ["College"]
    assert names(quadrant="manage_closely") == ["College"]
    assert names(quadrant="unassessed") == ["Buurthuis"]
    assert names(q="buurt") == ["Buurthuis"]
    assert names(sort="-name") == ["College", "Buurthuis"]


@pytest.mark.parametrize(
    "query",
    [
        {"layer": "attic"},
        {"attitude": 3},
        {"quadrant": "top"},
        {"core": "maybe"},
        {"sort": "power"},
        {"engagement": "bored"},
    ],
)
def test_unknown_filter_values_get_422_naming_the_filter(api, team, url, query):
    [name] = query
    assert name in field_errors(api.get(url, team.owner, **query))


def test_list_takes_a_fixed_number_of_queries(api, team, url):
    segment = make_segment(team.project)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = api.get(url, team.owner, limit=500)
        assert response.status_code == 200
        return len(queries)

    api.get(url, team.owner)  # makes the token and notes its first use
    for number in range(5):
        assess(make_party(team.project, name=f"A{number}", segments=[segment]))
    few = count_queries()
    for number in range(195):
        assess(make_party(team.project, name=f"B{number}", segments=[segment]))
    assert count_queries() == few
    assert few <= 6


def test_get_one(api, team, url):
    party = make_party(team.project, name="GGD")
    response = api.get(f"{url}/{party.pk}", team.viewer)
    assert response.status_code == 200
    assert response.json()["id"] == party.pk


def test_party_of_another_project_is_404(api, team, url):
    foreign = make_party(team.other_project, name="Geheim")
    assert api.get(f"{url}/{foreign.pk}", team.owner).status_code == 404
    assert api.patch(f"{url}/{foreign.pk}", team.owner, {"name": "Mine"}).status_code == 404
    assert api.delete(f"{url}/{foreign.pk}", team.owner).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "Geheim" and foreign.deleted_at is None


def test_party_in_the_bin_is_404(api, team, url):
    party = make_party(team.project)
    party_delete(party=party)
    assert api.get(f"{url}/{party.pk}", team.owner).status_code == 404


def test_outsider_gets_404(api, team, url):
    party = make_party(team.project)
    assert api.get(url, team.outsider).status_code == 404
    assert api.get(f"{url}/{party.pk}", team.outsider).status_code == 404
    assert api.post(url, team.outsider, {"name": "X"}).status_code == 404


def test_unauthenticated_and_revoked_get_401(api, team, url):
    assert api.get(url).status_code == 401
    plain = api.token_for(team.owner)
    token_revoke(token=ApiToken.objects.get(user=team.owner))
    assert api.get(url, token=plain).status_code == 401
    assert api.post(url, token=plain, body={"name": "X"}).status_code == 401


# Writing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("member", ["owner", "editor"])
def test_owner_and_editor_add_a_party(api, team, url, member):
    segment = make_segment(team.project)
    body = {"name": "Huis van het Kind", "layer": "management", "segments": [segment.pk]}
    response = api.post(url, getattr(team, member), body)
    assert response.status_code == 201, response.content
    party = Party.objects.get(pk=response.json()["id"])
    assert (party.name, party.layer, party.project) == (
        "Huis van het Kind",
        "management",
        team.project,
    )
    assert list(party.segments.all()) == [segment]
    assert response.json()["version"] == 1


@pytest.mark.parametrize("member", ["viewer", "contributor"])
def test_viewer_and_contributor_cannot_add_parties(api, team, url, member):
    assert api.post(url, getattr(team, member), {"name": "X"}).status_code == 403
    assert not Party.objects.filter(name="X").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "X", "layer": "attic"}, "layer"),
        ({"name": "X", "in_core_group": "perhaps"}, "in_core_group"),
        ({"name": "X", "goals": None}, "goals"),
        ({"name": "X", "segments": [999999]}, "segments"),
    ],
)
def test_invalid_party_gets_422_naming_the_field(api, team, url, body, field):
    assert field in field_errors(api.post(url, team.owner, body))


def test_segments_of_another_project_are_refused(api, team, url):
    foreign = make_segment(team.other_project)
    response = api.post(url, team.owner, {"name": "X", "segments": [foreign.pk]})
    assert "segments" in field_errors(response)


def test_editor_changes_a_party(api, team, url):
    party = make_party(team.project, name="GGD")
    body = {"ring": "co_decides", "version": 1}
    response = api.patch(f"{url}/{party.pk}", team.editor, body)
    assert response.status_code == 200, response.content
    assert response.json()["ring"] == "co_decides"
    assert response.json()["version"] == 2
    party.refresh_from_db()
    assert (party.ring, party.name, party.version) == ("co_decides", "GGD", 2)


def test_segments_are_replaced_only_when_sent(api, team, url):
    first, second = make_segment(team.project), make_segment(team.project)
    party = make_party(team.project, segments=[first])
    api.patch(f"{url}/{party.pk}", team.owner, {"name": "Nieuw"}, if_match=1)
    assert list(party.segments.all()) == [first]
    api.patch(f"{url}/{party.pk}", team.owner, {"segments": [second.pk]}, if_match=2)
    assert list(party.segments.all()) == [second]


def test_stale_version_gets_412_with_the_stored_party(api, team, url):
    party = make_party(team.project, name="GGD")
    response = api.patch(f"{url}/{party.pk}", team.owner, {"goals": "Mine", "version": 1})
    assert response.status_code == 200
    response = api.patch(f"{url}/{party.pk}", team.editor, {"goals": "Theirs", "version": 1})
    assert response.status_code == 412
    body = response.json()
    assert body["detail"]
    assert body["current"]["goals"] == "Mine"
    assert body["current"]["version"] == 2
    party.refresh_from_db()
    assert party.goals == "Mine"


def test_viewer_cannot_change_or_delete(api, team, url):
    party = make_party(team.project, name="GGD")
    assert api.patch(f"{url}/{party.pk}", team.viewer, {"name": "X"}).status_code == 403
    assert api.delete(f"{url}/{party.pk}", team.viewer).status_code == 403
    party.refresh_from_db()
    assert party.name == "GGD" and party.deleted_at is None


def test_invalid_change_gets_422(api, team, url):
    party = make_party(team.project)
    assert "sector" in field_errors(api.patch(f"{url}/{party.pk}", team.owner, {"sector": "x"}))
    assert "version" in field_errors(api.patch(f"{url}/{party.pk}", team.owner, {"version": 0}))


def test_delete_moves_the_party_to_the_bin(api, team, url):
    party = make_party(team.project)
    response = api.delete(f"{url}/{party.pk}", team.editor, if_match=1)
    assert response.status_code == 204
    assert Party.everything.get(pk=party.pk).deleted_at is not None
    assert Party.everything.get(pk=party.pk).deleted_by == team.editor
    assert api.get(f"{url}/{party.pk}", team.owner).status_code == 404
    assert api.get(url, team.owner).json()["count"] == 0
