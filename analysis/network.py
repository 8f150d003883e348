"""The network of relations between a project's parties: who is central, who brokers, who is alone.

Relations are taken as undirected ties (A funds B links A and B either way) and several relations
between the same two parties count as one tie. Strength is not used as a weight. Betweenness is
exact (igraph, in C) and normalised as networkx does for undirected graphs, so the figures can be
checked against networkx. Above EXACT_UP_TO parties it is estimated, as networkx's
`betweenness_centrality(k=SAMPLES, seed=SAMPLE_SEED)` estimates it: from the shortest paths out
of SAMPLES parties drawn with a fixed seed (the same parties on every visit), scaled up by
n / SAMPLES; the page says so. The exact figure grows with n × ties (a second at 5,000 parties),
the estimate with SAMPLES × ties. The layout is computed here, on the server, and is the same
on every visit: starting positions come from the parties' ids and the force-directed layout runs
with a fixed seed.
"""

from __future__ import annotations

import math
import random
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import igraph
from django.utils import timezone
from django.utils.translation import gettext

from parties.models import Party, Relation
from projects.models import Project

BROKER_COUNT = 5  # this many parties are called brokers, more when several tie at the cut-off
LAYOUT_SEED = 20240611
EXACT_UP_TO = 1000  # more parties than this: betweenness is estimated from SAMPLES of them
SAMPLES = 500
SAMPLE_SEED = 20240611
_layout_lock = threading.Lock()  # igraph's random generator is global to the process


@dataclass(frozen=True)
class NetworkNode:
    id: int
    name: str
    x: float  # 0 … 1, left to right
    y: float  # 0 … 1 (or less for a wide picture), top to bottom
    degree: int  # the number of other parties it has a relation with
    betweenness: float  # normalised, 0 … 1
    component: int | None  # number of its group of connected parties; None when it has no relation
    broker: bool


@dataclass(frozen=True)
class NetworkEdge:
    source: int
    target: int
    kinds: list[str]  # every kind of relation between the two, sorted


@dataclass(frozen=True)
class NetworkComponent:
    number: int  # 1 is the largest group
    size: int
    parties: list[int]


@dataclass(frozen=True)
class Network:
    kind: str | None
    nodes: list[NetworkNode]  # by name
    edges: list[NetworkEdge]
    brokers: list[int]  # party ids, highest betweenness first
    components: list[NetworkComponent]  # groups of two or more connected parties, largest first
    isolated: list[int]  # party ids without any relation (of the chosen kind), by name
    sampled: int = 0  # betweenness estimated from the paths of this many parties; 0: exact

    @cached_property
    def _by_id(self) -> dict[int, NetworkNode]:
        return {node.id: node for node in self.nodes}

    def node(self, party_id: int) -> NetworkNode:
        return self._by_id[party_id]

    def broker_nodes(self) -> list[NetworkNode]:
        return [self._by_id[pk] for pk in self.brokers]

    def isolated_nodes(self) -> list[NetworkNode]:
        return [self._by_id[pk] for pk in self.isolated]

    def component_nodes(self) -> list[tuple[NetworkComponent, list[NetworkNode]]]:
        """Each connected group with its parties by name, largest group first."""
        by_name = {node.id: rank for rank, node in enumerate(self.nodes)}
        return [
            (group, [self._by_id[pk] for pk in sorted(group.parties, key=by_name.__getitem__)])
            for group in self.components
        ]


def network(
    project: Project,
    kind: str | None = None,
    *,
    include_past: bool = False,
    today: date | None = None,
    exact: bool = False,
) -> Network:
    """The project's network, optionally of one kind of relation; two queries whatever its size.

    Parties and relations in the bin are left out, and so are relations to a party in the bin.
    A relation whose end date lies before `today` (the local date unless given) has ended and
    is left out too, unless `include_past` asks for the past as well. `exact` computes the
    exact betweenness at any size.
    """
    if kind is not None and kind not in Relation.Kind.values:
        raise ValueError(f"unknown relation kind {kind!r}")
    parties = list(
        Party.objects.filter(project=project).order_by("pk").values_list("pk", "name", "sort_name")
    )
    relations = Relation.objects.filter(project=project).order_by()
    if not include_past:
        relations = relations.current(today or timezone.localdate())
    if kind is not None:
        relations = relations.filter(kind=kind)
    index = {pk: i for i, (pk, _name, _sort) in enumerate(parties)}
    pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for source, target, relation_kind in relations.values_list("source_id", "target_id", "kind"):
        a, b = index.get(source), index.get(target)
        if a is None or b is None or a == b:  # an end in the bin
            continue
        pairs[(min(a, b), max(a, b))].add(relation_kind)
    return _analyse(parties, pairs, kind, exact=exact)


def _betweenness(graph: igraph.Graph, exact: bool) -> tuple[list[float], int]:
    """Each party's normalised betweenness, and how many parties it was sampled from (0 when
    exact)."""
    n = graph.vcount()
    # igraph counts each pair of endpoints once; networkx's normalised figure divides the
    # double count by (n-1)(n-2).
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    if exact or n <= EXACT_UP_TO:
        return [b * scale for b in graph.betweenness(directed=False)] if n else [], 0
    # networkx draws its k sources as random.Random(seed).sample(list(G), k); the parties are
    # the graph's nodes in the order of their ids, so this draws the same parties.
    sources = random.Random(SAMPLE_SEED).sample(range(n), SAMPLES)
    raw = graph.betweenness(directed=False, sources=sources)
    # As networkx (3.6) scales a sample: igraph counted each path from a source once; divided
    # by the pairs (source, other party) that could run through the party, of which a party
    # that is itself a source has one source fewer.
    chosen = set(sources)
    return [
        2 * b / ((SAMPLES - 1 if i in chosen else SAMPLES) * (n - 2)) for i, b in enumerate(raw)
    ], SAMPLES


def _analyse(
    parties: list[tuple[int, str, str]],
    pairs: dict[tuple[int, int], set[str]],
    kind: str | None,
    *,
    exact: bool = False,
) -> Network:
    n = len(parties)
    edge_list = sorted(pairs)
    graph = igraph.Graph(n=n, edges=edge_list, directed=False)
    degrees = graph.degree()
    betweenness, sampled = _betweenness(graph, exact)
    groups = [sorted(g) for g in graph.connected_components() if len(g) > 1]
    groups.sort(key=lambda g: (-len(g), g[0]))
    component_of = {i: number for number, g in enumerate(groups, 1) for i in g}
    by_name = sorted(range(n), key=lambda i: (parties[i][2], parties[i][1], parties[i][0]))
    brokers = _brokers(betweenness, [(p[2], p[0]) for p in parties])
    isolated = [i for i in by_name if degrees[i] == 0]
    positions = _layout(graph, groups, isolated)
    broker_set = set(brokers)
    nodes = [
        NetworkNode(
            id=parties[i][0],
            name=parties[i][1],
            x=positions[i][0],
            y=positions[i][1],
            degree=degrees[i],
            betweenness=betweenness[i],
            component=component_of.get(i),
            broker=i in broker_set,
        )
        for i in by_name
    ]
    return Network(
        kind=kind,
        nodes=nodes,
        edges=[
            NetworkEdge(parties[a][0], parties[b][0], sorted(pairs[(a, b)])) for a, b in edge_list
        ],
        brokers=[parties[i][0] for i in brokers],
        components=[
            NetworkComponent(number, len(g), [parties[i][0] for i in g])
            for number, g in enumerate(groups, 1)
        ],
        isolated=[parties[i][0] for i in isolated],
        sampled=sampled,
    )


def _brokers(betweenness: list[float], order: list[tuple[str, int]]) -> list[int]:
    """The parties with the highest betweenness: the first BROKER_COUNT, and every party tied
    with the last of them, so a tie never depends on the alphabet. A party that lies between
    no others is never a broker. Highest first, ties in `order` (sort name, id)."""
    # igraph's sums can differ in the last bits for equal shares; compare them rounded.
    level = [round(b, 9) for b in betweenness]
    ranked = sorted(
        (i for i in range(len(level)) if level[i] > 0), key=lambda i: (-level[i], order[i])
    )
    if len(ranked) <= BROKER_COUNT:
        return ranked
    cut_off = level[ranked[BROKER_COUNT - 1]]
    return [i for i in ranked if level[i] >= cut_off]


def _layout(
    graph: igraph.Graph, groups: list[list[int]], isolated: list[int]
) -> list[tuple[float, float]]:
    """Each group laid out on its own, groups packed in rows largest first, then rows of the
    parties without relations; all scaled into 0 … 1 (the longer side is 1)."""
    gap = 0.4
    boxes = []  # (group, points, width, height), a group of k parties in a box of side √k
    for group in groups:
        side = math.sqrt(len(group))
        points = [(x * side, y * side) for x, y in _layout_group(graph, group)]
        boxes.append((group, points, max(p[0] for p in points), max(p[1] for p in points)))
    total_area = sum(len(group) for group in groups) + len(isolated)
    width = max([math.sqrt(total_area * 2.5)] + [w for _g, _p, w, _h in boxes] + [1.0])
    placed: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for group, points, w, h in boxes:
        if x > 0 and x + w > width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for i, (px, py) in zip(group, points, strict=True):
            placed[i] = (x + px, y + py)
        x += w + gap
        row_height = max(row_height, h)
    if isolated:
        y = y + row_height + gap if boxes else 0.0
        per_row = max(1, int(width / 0.8) + 1)
        for k, i in enumerate(isolated):
            placed[i] = ((k % per_row) * 0.8, y + (k // per_row) * 0.8)
    if not placed:
        return []
    x0 = min(p[0] for p in placed.values())
    y0 = min(p[1] for p in placed.values())
    extent = (
        max(max(p[0] for p in placed.values()) - x0, max(p[1] for p in placed.values()) - y0) or 1.0
    )
    return [
        (round((placed[i][0] - x0) / extent, 4), round((placed[i][1] - y0) / extent, 4))
        for i in range(graph.vcount())
    ]


def _layout_group(graph: igraph.Graph, group: list[int]) -> list[tuple[float, float]]:
    """Positions for one connected group, scaled so the longer side is 1; the same for the
    same input: the start is drawn from a fixed seed, in the order of the parties' ids."""
    if len(group) == 2:
        return [(0.0, 0.0), (1.0, 0.0)]
    sub = graph.induced_subgraph(group)  # keeps the order of `group` (sorted ids)
    rng = random.Random(LAYOUT_SEED)
    half = math.sqrt(len(group)) / 2  # the square igraph itself starts from
    start = [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in group]
    with _layout_lock:
        igraph.set_random_number_generator(random.Random(LAYOUT_SEED))
        try:
            coords = sub.layout_fruchterman_reingold(seed=start, niter=500).coords
        finally:
            igraph.set_random_number_generator(random)
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    left, top = min(xs), min(ys)
    span = max(max(xs) - left, max(ys) - top) or 1.0
    return [((cx - left) / span, (cy - top) / span) for cx, cy in coords]


# --- The picture ---------------------------------------------------------------------------

DRAW_LIMIT = 300  # more parties than this: only those with the most relations are drawn
LABEL_LIMIT = 40  # more drawn parties than this: only the brokers carry a name
WIDTH = 960
MARGIN = 40
LABEL_ROOM = 160  # to the right of the picture, for the names of the parties at its edge

# Dash patterns tell the kinds apart in black and white; colour only repeats the difference.
EDGE_STYLES: dict[str, tuple[str, str, str]] = {  # kind: (dasharray, stroke, width)
    Relation.Kind.WORKS_WITH: ("", "#4a5560", "1.5"),
    Relation.Kind.FUNDS: ("10 5", "#0b5e7e", "1.5"),
    Relation.Kind.REPORTS_TO: ("3 3", "#4a5560", "1.5"),
    Relation.Kind.CONFLICTS_WITH: ("12 4 3 4", "#a3261b", "2"),
    Relation.Kind.INFORMAL: ("1 5", "#5b4b00", "2"),
}
SEVERAL_STYLE = ("", "#1b1f24", "3.5")


@dataclass(frozen=True)
class DrawnNode:
    node: NetworkNode
    cx: str
    cy: str
    diamond: str  # the points of a broker's diamond, empty for a circle
    label: str
    label_x: str
    label_y: str


@dataclass(frozen=True)
class DrawnEdge:
    source: NetworkNode
    target: NetworkNode
    kinds: list[str]
    kind_names: str  # for the hover text
    x1: str
    y1: str
    x2: str
    y2: str
    dash: str
    stroke: str
    width: str


@dataclass(frozen=True)
class LegendLine:
    kind: str  # a relation kind, or "several"
    label: str
    y: str
    dash: str
    stroke: str
    width: str


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    nodes: list[DrawnNode]
    edges: list[DrawnEdge]
    legend: list[LegendLine]
    legend_y: int
    shown: int
    total: int

    @property
    def truncated(self) -> bool:
        return self.shown < self.total


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _short(name: str, length: int = 28) -> str:
    return name if len(name) <= length else name[: length - 1].rstrip() + "…"


def kind_names(kinds: list[str]) -> str:
    return ", ".join(str(Relation.Kind(kind).label) for kind in kinds)


def drawing(net: Network, limit: int = DRAW_LIMIT) -> Drawing:
    """Pixel geometry for the SVG: plain strings, so the template never localises a coordinate."""
    chosen = net.nodes
    if len(chosen) > limit:
        chosen = sorted(chosen, key=lambda n: (-n.degree, -n.betweenness, n.name, n.id))[:limit]
    ids = {n.id for n in chosen}
    labelled = len(chosen) <= LABEL_LIMIT
    inner = WIDTH - 2 * MARGIN - (LABEL_ROOM if labelled else 0)
    if chosen:
        x0, y0 = min(n.x for n in chosen), min(n.y for n in chosen)
        span = max(max(n.x for n in chosen) - x0, max(n.y for n in chosen) - y0) or 1.0
        scale = inner / span
        plot_height = (max(n.y for n in chosen) - y0) * scale
    else:
        x0 = y0 = 0.0
        scale = plot_height = 0.0
    if len(chosen) == 1:
        x0, scale = chosen[0].x - 0.5 * inner / 1.0, 1.0
    position = {n.id: (MARGIN + (n.x - x0) * scale, MARGIN + (n.y - y0) * scale) for n in chosen}
    nodes = []
    for n in chosen:
        cx, cy = position[n.id]
        r = 9.0 if n.broker else 6.0
        diamond = (
            " ".join(
                f"{_fmt(px)},{_fmt(py)}"
                for px, py in ((cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy))
            )
            if n.broker
            else ""
        )
        label = _short(n.name) if labelled or n.broker else ""
        nodes.append(
            DrawnNode(n, _fmt(cx), _fmt(cy), diamond, label, _fmt(cx + r + 3), _fmt(cy + 4))
        )
    edges = []
    for e in net.edges:
        if e.source not in ids or e.target not in ids:
            continue
        dash, stroke, width = EDGE_STYLES[e.kinds[0]] if len(e.kinds) == 1 else SEVERAL_STYLE
        (x1, y1), (x2, y2) = position[e.source], position[e.target]
        edges.append(
            DrawnEdge(
                net.node(e.source),
                net.node(e.target),
                e.kinds,
                kind_names(e.kinds),
                _fmt(x1),
                _fmt(y1),
                _fmt(x2),
                _fmt(y2),
                dash,
                stroke,
                width,
            )
        )
    single = {e.kinds[0] for e in edges if len(e.kinds) == 1}
    used = [kind for kind in Relation.Kind.values if kind in single]
    if any(len(e.kinds) > 1 for e in edges):
        used.append("several")
    legend_y = int(MARGIN + plot_height + 36)
    legend = []
    for row, kind in enumerate(used):
        dash, stroke, width = EDGE_STYLES.get(kind, SEVERAL_STYLE)
        label = kind_names([kind]) if kind != "several" else gettext("several kinds")
        legend.append(LegendLine(kind, label, str(legend_y + 24 + row * 20), dash, stroke, width))
    height = legend_y + 24 + len(used) * 20 + 24
    return Drawing(WIDTH, height, nodes, edges, legend, legend_y, len(chosen), len(net.nodes))
