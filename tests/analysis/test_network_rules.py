"""The design's network rules: ended relations drop out, brokers include every tie at the cut-off,
and the connected groups and the parties without relations are listed apart."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from analysis.network import BROKER_COUNT, _brokers, network
from parties.services import relation_create
from tests.factories import make_party

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 10)


def _relate(project, source, target, **fields):
    return relation_create(project=project, data={"source": source, "target": target, **fields})


@pytest.fixture
def chain(team):
    """Anker – Brug – Centrum, where Anker's tie with Brug ended the day before TODAY, and Dijk
    whose tie with Centrum ends on TODAY itself (so it still counts)."""
    p = team.project
    parties = {name: make_party(p, name=name) for name in ["Anker", "Brug", "Centrum", "Dijk"]}
    _relate(p, parties["Anker"], parties["Brug"], ended_on=TODAY - timedelta(days=1))
    _relate(p, parties["Brug"], parties["Centrum"], started_on=date(2020, 1, 1))
    _relate(p, parties["Centrum"], parties["Dijk"], ended_on=TODAY)
    return parties


def test_an_ended_relation_no_longer_counts(team, chain):
    net = network(team.project, today=TODAY)
    by_name = {node.name: node for node in net.nodes}
    assert {(e.source, e.target) for e in net.edges} == {
        (chain["Brug"].pk, chain["Centrum"].pk),
        (chain["Centrum"].pk, chain["Dijk"].pk),
    }
    assert by_name["Anker"].degree == 0 and by_name["Brug"].degree == 1
    assert net.isolated == [chain["Anker"].pk]
    assert [c.size for c in net.components] == [3]
    # Brug no longer links Anker to the others: Centrum is the only one in between.
    assert by_name["Brug"].betweenness == 0 and by_name["Centrum"].betweenness > 0
    assert net.brokers == [chain["Centrum"].pk]


def test_the_past_is_shown_when_asked(team, chain):
    net = network(team.project, include_past=True, today=TODAY)
    by_name = {node.name: node for node in net.nodes}
    assert len(net.edges) == 3 and net.isolated == []
    assert by_name["Anker"].degree == 1 and by_name["Brug"].betweenness > 0


def test_without_a_date_today_is_the_local_date(team):
    a, b, c = (make_party(team.project, name=name) for name in "ABC")
    today = timezone.localdate()
    _relate(team.project, a, b, ended_on=today - timedelta(days=1))
    _relate(team.project, b, c, ended_on=today)
    assert [(e.source, e.target) for e in network(team.project).edges] == [(b.pk, c.pk)]


def _path(project, names):
    parties = [make_party(project, name=name) for name in names]
    for a, b in zip(parties, parties[1:], strict=False):
        _relate(project, a, b)
    return parties


def test_parties_tied_at_the_cut_off_are_all_brokers(team):
    # A path of 8: the middle pair lies between most, then the next pair out, then the next.
    # Ranked: D=E, C=F, B=G; the fifth place falls inside the pair B=G, so both are brokers.
    path = _path(team.project, ["A", "B", "C", "D", "E", "F", "G", "H"])
    net = network(team.project)
    names = {node.id: node.name for node in net.nodes}
    assert BROKER_COUNT == 5
    assert [names[pk] for pk in net.brokers] == ["D", "E", "C", "F", "B", "G"]
    assert not net.node(path[0].pk).broker and not net.node(path[-1].pk).broker


def test_every_party_tied_at_the_top_is_a_broker(team):
    # Seven separate pairs of leaves around a centre: seven centres, all with the same figure.
    for n in range(7):
        _path(team.project, [f"Blad {n}a", f"Midden {n}", f"Blad {n}b"])
    net = network(team.project)
    assert sorted(node.name for node in net.broker_nodes()) == [f"Midden {n}" for n in range(7)]


def test_equal_figures_that_differ_in_the_last_bits_count_as_a_tie():
    order = [(chr(97 + i), i) for i in range(7)]
    figures = [0.5, 0.4, 0.3, 0.2, 0.1 + 0.2 - 0.2, 0.1, 0.0]  # the fifth is 0.1 plus a hair
    assert _brokers(figures, order) == [0, 1, 2, 3, 4, 5]
    assert _brokers([0.0, 0.0], order[:2]) == []


def test_the_page_leaves_out_ended_relations_unless_switched_on(client, team):
    p = team.project
    anker, brug = make_party(p, name="Anker"), make_party(p, name="Brug")
    _relate(p, anker, brug, started_on=date(2020, 1, 1), ended_on=date(2021, 1, 1))
    client.force_login(team.viewer)
    url = reverse("analysis:network", args=[p.pk])
    now = client.get(url)
    assert now.context["tie_count"] == 0 and len(now.context["net"].isolated) == 2
    assert "<line x1=" not in now.content.decode()
    past = client.get(url, {"past": "on", "sort": "name"})
    assert past.context["tie_count"] == 1 and past.context["net"].isolated == []
    html = past.content.decode()
    assert 'name="past"' in html and "checked" in html
    # sorting, paging and downloading keep the switch
    assert "?past=on&amp;sort=degree" in html
    svg_url = reverse("analysis:network_svg", args=[p.pk]) + "?past=on"
    assert svg_url in html
    assert "<line x1=" in client.get(svg_url).content.decode()


def test_the_page_lists_the_connected_groups_apart_from_the_loners(client, team):
    p = team.project
    a, b, c = make_party(p, name="Anker"), make_party(p, name="Brug"), make_party(p, name="Centrum")
    make_party(p, name="Eiland")
    _relate(p, b, a)
    _relate(p, b, c)
    client.force_login(team.viewer)
    response = client.get(
        reverse("analysis:network", args=[p.pk]), headers={"accept-language": "en"}
    )
    groups = response.context["net"].component_nodes()
    assert [(g.size, [n.name for n in members]) for g, members in groups] == [
        (3, ["Anker", "Brug", "Centrum"])
    ]
    assert [n.name for n in response.context["net"].isolated_nodes()] == ["Eiland"]
    html = response.content.decode()
    section = html.split("<h2>Connected groups</h2>")[1].split("</section>")[0]
    assert "Anker" in section and "Centrum" in section and "Eiland" not in section
