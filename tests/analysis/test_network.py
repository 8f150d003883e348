"""The network analysis on a small hand-made network whose answers are written down here."""

from __future__ import annotations

import json
from dataclasses import asdict

import networkx as nx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analysis.network import drawing, network
from parties.models import Party, Relation
from parties.services import party_delete, relation_create, relation_delete
from tests.factories import make_party, make_project

pytestmark = pytest.mark.django_db


def _relate(project, source, target, kind: str = "works_with") -> Relation:
    return relation_create(
        project=project, data={"source": source, "target": target, "kind": kind}
    )


@pytest.fixture
def bowtie(team):
    """Two triangles that meet in Brug, a separate pair that funds each other, one loner,
    a party in the bin with a relation, and a relation in the bin."""
    p = team.project
    names = ["Anker", "Brug", "Centrum", "Dorp", "Eiland", "Fonds", "Gemeente", "Huis", "Weg"]
    parties = {name: make_party(p, name=name) for name in names}
    for a, b in [("Anker", "Centrum"), ("Anker", "Brug"), ("Centrum", "Brug"),
                 ("Brug", "Dorp"), ("Brug", "Eiland"), ("Dorp", "Eiland")]:
        _relate(p, parties[a], parties[b])
    _relate(p, parties["Dorp"], parties["Brug"], "informal")  # a second tie, same pair
    _relate(p, parties["Fonds"], parties["Gemeente"], "funds")
    _relate(p, parties["Weg"], parties["Anker"], "conflicts_with")
    party_delete(party=parties["Weg"])
    binned = _relate(p, parties["Huis"], parties["Fonds"], "informal")
    relation_delete(relation=binned)
    return parties


def _expected_betweenness(edges: list[tuple[str, str]], nodes: list[str]) -> dict[str, float]:
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return nx.betweenness_centrality(graph, normalized=True)


def test_the_party_joining_two_triangles_is_the_broker(team, bowtie):
    net = network(team.project)
    by_name = {node.name: node for node in net.nodes}
    assert net.brokers == [bowtie["Brug"].pk]
    assert by_name["Brug"].broker and not by_name["Anker"].broker
    # 8 parties alive; Brug lies on the shortest path of 4 pairs: 4 / C(7, 2) = 4 / 21
    assert by_name["Brug"].betweenness == pytest.approx(4 / 21)
    assert by_name["Anker"].betweenness == 0
    expected = _expected_betweenness(
        [("A", "C"), ("A", "B"), ("C", "B"), ("B", "D"), ("B", "E"), ("D", "E"), ("F", "G")],
        ["A", "B", "C", "D", "E", "F", "G", "H"],
    )
    assert by_name["Brug"].betweenness == pytest.approx(expected["B"])
    assert [by_name[n].degree for n in ["Anker", "Brug", "Dorp", "Fonds", "Huis"]] == [
        2, 4, 2, 1, 0
    ]


def test_components_and_the_isolated_party(team, bowtie):
    net = network(team.project)
    ids = {name: party.pk for name, party in bowtie.items()}
    assert [(c.number, c.size) for c in net.components] == [(1, 5), (2, 2)]
    assert set(net.components[0].parties) == {
        ids[n] for n in ["Anker", "Brug", "Centrum", "Dorp", "Eiland"]
    }
    assert set(net.components[1].parties) == {ids["Fonds"], ids["Gemeente"]}
    assert net.isolated == [ids["Huis"]]
    assert net.node(ids["Huis"]).component is None
    assert net.node(ids["Fonds"]).component == 2


def test_parties_and_relations_in_the_bin_are_left_out(team, bowtie):
    net = network(team.project)
    names = {node.name for node in net.nodes}
    assert "Weg" not in names and len(names) == 8
    ends = {(e.source, e.target) for e in net.edges}
    assert all(bowtie["Weg"].pk not in pair for pair in ends)
    assert all(bowtie["Huis"].pk not in pair for pair in ends)


def test_several_relations_between_two_parties_are_one_tie(team, bowtie):
    net = network(team.project)
    assert len(net.edges) == 7
    tie = next(
        e for e in net.edges if {e.source, e.target} == {bowtie["Brug"].pk, bowtie["Dorp"].pk}
    )
    assert tie.kinds == ["informal", "works_with"]


def test_filter_by_kind(team, bowtie):
    net = network(team.project, kind="funds")
    assert [(e.source, e.target, e.kinds) for e in net.edges] == [
        (bowtie["Fonds"].pk, bowtie["Gemeente"].pk, ["funds"])
    ]
    assert net.brokers == []
    assert [c.size for c in net.components] == [2]
    assert len(net.isolated) == 6
    informal = network(team.project, kind="informal")
    assert [c.parties for c in informal.components] == [
        sorted([bowtie["Brug"].pk, bowtie["Dorp"].pk])
    ]
    with pytest.raises(ValueError):
        network(team.project, kind="nonsense")


def test_layout_is_stable_and_inside_the_unit_square(team, bowtie):
    first = [(n.id, n.x, n.y) for n in network(team.project).nodes]
    second = [(n.id, n.x, n.y) for n in network(team.project).nodes]
    assert first == second
    assert all(0 <= x <= 1 and 0 <= y <= 1 for _id, x, y in first)
    assert len({(x, y) for _id, x, y in first}) == len(first)  # no two parties on one spot


def test_result_is_json_safe(team, bowtie):
    data = json.loads(json.dumps(asdict(network(team.project))))
    assert set(data) == {
        "kind", "nodes", "edges", "brokers", "components", "isolated", "sampled"
    }
    assert set(data["nodes"][0]) == {
        "id", "name", "x", "y", "degree", "betweenness", "component", "broker"
    }


def test_empty_and_tiny_projects(team):
    assert network(team.project).nodes == []
    assert drawing(network(team.project)).shown == 0
    make_party(team.project, name="Alleen")
    net = network(team.project)
    assert net.isolated == [net.nodes[0].id] and net.nodes[0].betweenness == 0


def _fill(project, count: int) -> None:
    parties = Party.objects.bulk_create(
        Party(project=project, name=f"Partij {n:04}", sort_name=f"partij {n:04}")
        for n in range(count)
    )
    Relation.objects.bulk_create(
        Relation(project=project, source=parties[n], target=parties[(n * 7 + 1) % count])
        for n in range(count)
        if (n * 7 + 1) % count != n
    )


def test_query_count_does_not_grow_with_the_network():
    small, large = make_project(), make_project()
    _fill(small, 5)
    _fill(large, 300)
    counts = []
    for project in (small, large):
        with CaptureQueriesContext(connection) as captured:
            network(project)
        counts.append(len(captured))
    assert counts == [2, 2]


def test_betweenness_matches_networkx_on_a_larger_network():
    project = make_project()
    _fill(project, 120)
    net = network(project)
    graph = nx.Graph()
    graph.add_nodes_from(n.id for n in net.nodes)
    graph.add_edges_from((e.source, e.target) for e in net.edges)
    expected = nx.betweenness_centrality(graph, normalized=True)
    assert {n.id: n.betweenness for n in net.nodes} == pytest.approx(expected)
    assert len(net.components) == nx.number_connected_components(graph) - len(net.isolated)


def test_above_the_exact_size_betweenness_is_networkx_sampled_estimate(monkeypatch):
    from analysis import network as network_module

    monkeypatch.setattr(network_module, "EXACT_UP_TO", 50)
    monkeypatch.setattr(network_module, "SAMPLES", 30)
    project = make_project()
    _fill(project, 120)
    net = network(project)
    graph = nx.Graph()
    graph.add_nodes_from(sorted(n.id for n in net.nodes))  # the parties in the order of ids
    graph.add_edges_from((e.source, e.target) for e in net.edges)
    expected = nx.betweenness_centrality(
        graph, k=30, normalized=True, seed=network_module.SAMPLE_SEED
    )
    assert net.sampled == 30
    assert {n.id: n.betweenness for n in net.nodes} == pytest.approx(expected, abs=1e-12)
    # The same parties are drawn every time, and exact is still there when asked for.
    assert network(project) == net
    exact = network(project, exact=True)
    assert exact.sampled == 0
    assert {n.id: n.betweenness for n in exact.nodes} == pytest.approx(
        nx.betweenness_centrality(graph, normalized=True)
    )


def test_the_page_says_when_betweenness_is_estimated(client, team, monkeypatch):
    from django.urls import reverse

    from analysis import network as network_module

    monkeypatch.setattr(network_module, "EXACT_UP_TO", 50)
    monkeypatch.setattr(network_module, "SAMPLES", 30)
    client.cookies["draagvlak_language"] = "en"
    client.force_login(team.owner)
    url = reverse("analysis:network", args=[team.project.pk])
    _fill(team.project, 40)
    assert "is estimated" not in client.get(url).content.decode()
    _fill(team.project, 40)
    client.get(url)
    from django.core.cache import cache

    cache.clear()  # the register was filled outside the services
    assert "betweenness is estimated from the shortest paths out of 30" in client.get(
        url
    ).content.decode()


def test_a_large_network_is_drawn_in_part(team):
    _fill(team.project, 400)
    picture = drawing(network(team.project), limit=100)
    assert picture.truncated and picture.shown == 100 and picture.total == 400
    drawn = {d.node.id for d in picture.nodes}
    assert all(e.source.id in drawn and e.target.id in drawn for e in picture.edges)
