"""The network analysis on 5,000 parties and 10,000 relations, against networkx.

Prints the median time of `analysis.network.network` (two queries, exact betweenness, components
and the layout), the time networkx's exact betweenness_centrality alone takes on the same graph
(run once: it takes about a minute), and how many times faster ours is. It also checks that both
give the same betweenness.
"""

from __future__ import annotations

import time

from bench.common import build_project, median_seconds, report, setup_django

PARTIES, RELATIONS = 5000, 10000


def main() -> None:
    setup_django()
    import networkx as nx

    from analysis.network import network

    project, _owner = build_project(parties=PARTIES, relations=RELATIONS)
    print(f"Network: {PARTIES} parties, {RELATIONS} relations")
    ours = median_seconds(lambda: network(project), repeat=3)
    report("network analysis with layout (ours), median", ours, "s", "a few seconds at most")

    result = network(project)
    graph = nx.Graph()
    graph.add_nodes_from(node.id for node in result.nodes)
    graph.add_edges_from((edge.source, edge.target) for edge in result.edges)
    start = time.perf_counter()
    expected = nx.betweenness_centrality(graph, normalized=True)
    theirs = time.perf_counter() - start
    report("networkx exact betweenness alone, once", theirs, "s")
    report("networkx / ours", theirs / ours, "×", "> 1")
    worst = max(abs(node.betweenness - expected[node.id]) for node in result.nodes)
    print(f"  largest difference in betweenness from networkx: {worst:.2e}")
    print(f"  {len(result.edges)} ties, {len(result.components)} connected groups, "
          f"{len(result.isolated)} parties without relations")


if __name__ == "__main__":
    main()
