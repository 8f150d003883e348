from __future__ import annotations

from datetime import date

import pytest

from analysis import selectors
from tests.factories import assess, make_party, make_segment

pytestmark = pytest.mark.django_db

NAMES = [
    "grid",
    "salience",
    "positions",
    "actors",
    "engagement",
    "feasibility",
    "coverage",
    "support",
]


@pytest.fixture
def assessed(team):
    segment = make_segment(team.project, name="Nieuwkomers")
    school = make_party(team.project, name="School", segments=[segment])
    alderman = make_party(team.project, name="Schepen", layer="board")
    assess(school, on=date(2026, 1, 10), power=2, interest=5, attitude=2)
    assess(alderman, on=date(2026, 1, 10), power=5, interest=4, legitimacy=4, attitude=-1)
    assess(alderman, on=date(2026, 5, 1), power=5, interest=4, legitimacy=4, attitude=1)
    return team


@pytest.mark.parametrize("name", NAMES)
def test_each_analysis_answers_with_the_figures_of_the_page(api, assessed, name):
    response = api.get(f"/projects/{assessed.project.pk}/analysis/{name}", assessed.viewer)
    assert response.status_code == 200, response.content
    assert response.json() == selectors.as_json(name, assessed.project)


def test_feasibility_figures_can_be_checked_by_hand(api, assessed):
    data = api.get(f"/projects/{assessed.project.pk}/analysis/feasibility", assessed.owner).json()
    # School: power 2 × |+2| = 4; Schepen (latest +1): 5 × 1 = 5 → support 9
    assert (data["support"], data["opposition"], data["non_mobilised"]) == (9, 0, 0)
    assert data["verdict"] == "support"


def test_outsider_gets_404(api, assessed):
    response = api.get(f"/projects/{assessed.project.pk}/analysis/grid", assessed.outsider)
    assert response.status_code == 404


def test_network_with_a_broker_and_a_filter(api, team):
    from parties.services import relation_create

    a, b, c = (make_party(team.project, name=n) for n in ("A", "B", "C"))
    relation_create(project=team.project, data={"source": a, "target": b, "kind": "funds"})
    relation_create(project=team.project, data={"source": b, "target": c})
    url = f"/projects/{team.project.pk}/analysis/network"
    data = api.get(url, team.viewer).json()
    betweenness = {node["name"]: node["betweenness"] for node in data["nodes"]}
    assert betweenness == {"A": 0.0, "B": 1.0, "C": 0.0}
    funds_only = api.get(url, team.viewer, kind="funds").json()
    assert {n["name"] for n in funds_only["nodes"] if n["degree"]} == {"A", "B"}
    assert api.get(url, team.viewer, kind="enemies").status_code == 422


def test_an_ended_relation_counts_only_when_the_past_is_asked_for(api, team):
    from datetime import date, timedelta

    from parties.services import relation_create

    a, b = (make_party(team.project, name=n) for n in ("A", "B"))
    ended = date.today() - timedelta(days=30)
    relation_create(
        project=team.project,
        data={
            "source": a,
            "target": b,
            "started_on": ended - timedelta(days=300),
            "ended_on": ended,
        },
    )
    url = f"/projects/{team.project.pk}/analysis/network"
    now = api.get(url, team.viewer).json()
    assert {node["name"]: node["degree"] for node in now["nodes"]} == {"A": 0, "B": 0}
    with_past = api.get(url, team.viewer, past="true").json()
    assert {node["name"]: node["degree"] for node in with_past["nodes"]} == {"A": 1, "B": 1}


def test_forcefield_net_force(api, team):
    from forcefield.services import force_create

    force_create(project=team.project, data={"description": "Budget", "strength": 4})
    force_create(
        project=team.project,
        data={"description": "Weerstand", "strength": 1, "direction": "restraining"},
    )
    data = api.get(f"/projects/{team.project.pk}/analysis/forcefield", team.viewer).json()
    assert data["net"] == 3
