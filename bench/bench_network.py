"""The network analysis on 5,000 parties and 10,000 relations, against networkx.

Prints the median time of `analysis.network.network` as the page computes it (two queries,
betweenness estimated from SAMPLES parties above EXACT_UP_TO, components and the layout) and
with exact betweenness, the time networkx's exact betweenness_centrality alone takes on the
same graph (run once: it takes about a minute), and how many times faster ours is. It checks
that the exact figures equal networkx's exact ones, that the estimate equals networkx's own
estimate with the same k and seed, and prints how far the estimate lies from the exact figure.
"""

from __future__ import annotations

import time

from bench.common import build_project, median_seconds, report, setup_django

PARTIES, RELATIONS = 5000, 10000


def main() -> None:
    setup_django()
    import networkx as nx

    from analysis.network import EXACT_UP_TO, SAMPLE_SEED, SAMPLES, network

    project, _owner = build_project(parties=PARTIES, relations=RELATIONS)
    print(f"Network: {PARTIES} parties, {RELATIONS} relations")
    page = median_seconds(lambda: network(project), repeat=3)
    report(
        f"network with layout, betweenness from {SAMPLES} parties (page)", page, "s", "≤ 1"
    )
    ours = median_seconds(lambda: network(project, exact=True), repeat=3)
    report("network with layout, exact betweenness (API)", ours, "s", "a few seconds at most")

    exact = network(project, exact=True)
    estimate = network(project)
    graph = nx.Graph()
    graph.add_nodes_from(sorted(node.id for node in exact.nodes))  # in the order of ids
    graph.add_edges_from((edge.source, edge.target) for edge in exact.edges)
    start = time.perf_counter()
    expected = nx.betweenness_centrality(graph, normalized=True)
    theirs = time.perf_counter() - start
    report("networkx exact betweenness alone, once", theirs, "s")
    report("networkx / ours (exact)", theirs / ours, "×", "> 1")
    worst = max(abs(node.betweenness - expected[node.id]) for node in exact.nodes)
    print(f"  largest difference in exact betweenness from networkx: {worst:.2e}")
    sampled = nx.betweenness_centrality(graph, k=SAMPLES, normalized=True, seed=SAMPLE_SEED)
    worst = max(abs(node.betweenness - sampled[node.id]) for node in estimate.nodes)
    print(
        f"  above {EXACT_UP_TO} parties the page estimates it from {SAMPLES}: largest difference "
        f"from networkx's estimate (k={SAMPLES}, same seed) {worst:.2e}"
    )
    error = max(abs(node.betweenness - expected[node.id]) for node in estimate.nodes)
    top = max(expected.values())
    print(
        f"  the estimate against the exact figure: largest difference {error:.4f} "
        f"(the highest betweenness is {top:.4f}); brokers exact {exact.brokers}, "
        f"estimated {estimate.brokers}"
    )
    print(f"  {len(exact.edges)} ties, {len(exact.components)} connected groups, "
          f"{len(exact.isolated)} parties without relations")


if __name__ == "__main__":
    main()
