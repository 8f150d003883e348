"""What the analysis pages keep in the shared cache, built without a request: the pages build
it on a visit that finds nothing, and `analysis.tasks` builds it ahead, after a change.

Per analysis page three kinds of entries: ("page", name) the page's summary and drawn chart,
("rows", name) every row of its table, ("rows", name, page) the rows of one page of the table.
The overview and the network keep one entry each (`overview_entry`, `network_entry`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse

from analysis import charts, selectors
from analysis import network as analysis_network
from analysis.charts.network import network_labels
from projects.models import Project

# Small enough that a page of the table costs the same in any register.
TABLE_PAGE_SIZE = 50
ALL_ROWS = "all"
# The pages whose lists beside the table are drawn once and kept.
DRAWN_LISTS = {"salience", "coverage"}
# The overview's grid names this many of its numbers under it.
OVERVIEW_KEY = 60
# The lists beside the network (members of a group, parties without relations) name this many.
NETWORK_NAMED = 50


@dataclass(frozen=True)
class TableRow:
    """One row of the table under a chart: the party's mark, its number on the chart, and the
    group it is listed under (a layer, a class), all built once per visit, not per cell."""

    mark: Any
    number: int | None = None
    group: str = ""


def table_rows(name: str, data: Any) -> list[TableRow]:
    """The rows of the analysis's per-party table, in the order the page lists them."""
    if name == "grid":
        # The chart numbers the marks in this order; the number belongs to the party.
        return [TableRow(mark, number) for number, mark in enumerate(data.marks, 1)]
    if name == "actors":
        return [TableRow(mark, mark.number) for mark in data.marks]
    if name == "salience":
        return [TableRow(mark, group=g.code) for g in data.groups for mark in g.marks]
    if name == "positions":
        return [TableRow(mark, group=row.layer) for row in data.rows for mark in row.marks]
    if name == "feasibility":
        return [TableRow(entry, group=g.code) for g in data.groups for entry in g.entries]
    if name == "engagement":
        return [TableRow(row) for row in data.rows]
    return []


def _page_of(rows: list[TableRow]) -> dict[int, int] | None:
    """On which page of the table each party's row stands; None when one page holds them all
    (a number then leads to its row on the same page)."""
    if len(rows) <= TABLE_PAGE_SIZE:
        return None
    return {row.mark.party_id: k // TABLE_PAGE_SIZE + 1 for k, row in enumerate(rows)}


@dataclass(frozen=True)
class _PagedLinks(charts.Links):
    """Links for a chart whose table beside it is paged: a number leads to the page holding
    the party's row. The chart draws exactly as with the whole table beside it."""

    pages: dict[int, int] = field(default_factory=dict)

    def table_row(self, chart: str, party_id: int) -> str:
        return f"?page={self.pages.get(party_id, 1)}#party-{party_id}"


def party_prefix(project: Project) -> str:
    """The party pages' address up to the party's id, e.g. /projects/3/parties/."""
    sample = reverse("parties:detail", args=[project.pk, 1])
    assert sample.endswith("/1/")
    return sample[: -len("1/")]


def links(
    project: Project,
    *,
    absolute: Callable[[str], str] | None = None,
    table_here: bool = False,
    pages: dict[int, int] | None = None,
    key_limit: int | None = None,
) -> charts.Links:
    """Where a chart's marks lead; `absolute` turns a path into a full address (downloads).
    `pages`: on which page of its chart's table each party's row stands."""

    def url(path: str) -> str:
        return absolute(path) if absolute else path

    # Reversed once: every mark's address is the same prefix with its own id.
    prefix = party_prefix(project)
    list_base = reverse("parties:list", args=[project.pk])

    def party(party_id: int) -> str:
        return url(f"{prefix}{party_id}/")

    def layer(code: str) -> str:
        return url(f"{list_base}?layer={code}" if code else list_base)

    def row(chart: str, party_id: int) -> str:
        page = f"?page={pages[party_id]}" if pages and party_id in pages else ""
        path = reverse(f"analysis:{chart}", args=[project.pk])
        return url(f"{path}{page}#party-{party_id}")

    if table_here and pages is not None:
        return _PagedLinks(party=party, layer=layer, pages=pages)
    # Without the table beside it, a chart's numbers lead to its page and it carries a key.
    return charts.Links(
        party=party, layer=layer, row=None if table_here else row, key_limit=key_limit
    )


class Head(list):
    """The first items of a long list, with the length of the whole: what the page shows of a
    list it only counts or samples, kept small so a repeat visit unpickles little."""

    def __init__(self, items: list, shown: int = 0) -> None:
        super().__init__(items[:shown])
        self.total = len(items)

    def __len__(self) -> int:
        return self.total


def summary(name: str, data: Any) -> Any:
    """The analysis without the per-party lists its page reads only from the table's rows."""
    if name in ("grid", "actors"):
        return replace(data, marks=Head(data.marks))
    if name == "engagement":
        return replace(data, rows=Head(data.rows))
    if name == "positions":
        return replace(data, rows=[replace(row, marks=Head(row.marks)) for row in data.rows])
    if name == "salience":
        # The class lists, which name parties, are kept drawn (`page_entries`).
        groups = [replace(g, marks=Head(g.marks)) for g in data.groups]
        return replace(data, groups=groups)
    if name == "feasibility":
        groups = [replace(g, entries=Head(g.entries)) for g in data.groups]
        return replace(data, groups=groups)
    if name == "coverage":
        # The table of segments, which names parties, is kept drawn (`page_entries`).
        rows = [replace(row, parties=Head(row.parties)) for row in data.rows]
        return replace(data, rows=rows, parties=Head(data.parties))
    if name == "overview":
        # The overview shows counts, weights and gaps; its charts are drawn already.
        coverage = data.coverage
        rows = [replace(row, parties=Head(row.parties)) for row in coverage.rows]
        return replace(
            data,
            grid=summary("grid", data.grid),
            feasibility=summary("feasibility", data.feasibility),
            coverage=replace(coverage, rows=rows, parties=Head(coverage.parties)),
        )
    return data


def page_entries(project: Project, name: str, data: Any) -> dict[tuple[object, ...], object]:
    """The cache entries of one analysis page for `data` (the selector's result), drawn in
    the active language: its summary, chart and lists, every row, and the first page of rows.
    The lists that name up to fifty parties per group (salience, coverage) are drawn here,
    once, so a visit costs the same at any size."""
    rows = table_rows(name, data)
    chart = charts.CHARTS[name](data, links(project, table_here=True, pages=_page_of(rows)))
    lists = ""
    if name in DRAWN_LISTS:
        context = {"project": project, "data": data, "party_prefix": party_prefix(project)}
        lists = render_to_string(f"analysis/{name}.html#lists", context)
    return {
        ("page", name): (summary(name, data), chart, len(rows), lists),
        ("rows", name): rows,
        ("rows", name, "1"): rows[:TABLE_PAGE_SIZE],
    }


def overview_entry(project: Project, data: Any) -> tuple[Any, str, str, str]:
    """The overview's summary and its three charts, drawn in the active language."""
    # The grid's numbers lead to their row in the grid page's table, which names them all.
    pages = _page_of(table_rows("grid", data.grid))
    grid_links = links(project, pages=pages, key_limit=OVERVIEW_KEY)
    chart_links = links(project)
    return (
        summary("overview", data),
        charts.CHARTS["grid"](data.grid, grid_links),
        charts.CHARTS["support"](data.support, chart_links),
        charts.CHARTS["feasibility"](data.feasibility, chart_links),
    )


@dataclass(frozen=True)
class NetworkPage:
    """What the network page shows beside its table: the counts, the brokers, the first names
    of each group and of the parties without relations, and the drawn picture."""

    net: analysis_network.Network  # only the nodes the lists below name; lengths are whole
    tie_count: int
    chart: str  # the SVG, drawn in the active language


def network_entry(
    project: Project, net: analysis_network.Network, kind_label: str, past: bool
) -> tuple[NetworkPage, analysis_network.Drawing, list]:
    """The network page's summary with its drawn picture, and the drawing with its labels
    (kept for the downloads), for one choice of relations in the active language."""
    drawing = analysis_network.drawing(net)
    labelled = network_labels(drawing)
    context = {
        "project": project,
        "net": net,
        "past": past,
        "drawing": drawing,
        "labelled_nodes": labelled,
        "party_prefix": party_prefix(project),
        "kind_label": kind_label,
    }
    chart = render_to_string("analysis/network.html#chart", context)
    return NetworkPage(_network_summary(net), len(net.edges), chart), drawing, labelled


def _network_summary(net: analysis_network.Network) -> analysis_network.Network:
    rank = {node.id: k for k, node in enumerate(net.nodes)}
    components = [
        replace(group, parties=sorted(group.parties, key=rank.__getitem__)[:NETWORK_NAMED])
        for group in net.components
    ]
    named = set(net.brokers) | set(net.isolated[:NETWORK_NAMED])
    named.update(pk for group in components for pk in group.parties)
    return replace(
        net,
        nodes=_Some([node for node in net.nodes if node.id in named], len(net.nodes)),
        edges=Head(net.edges),
        components=components,
        isolated=_Some(net.isolated[:NETWORK_NAMED], len(net.isolated)),
    )


class _Some(list):
    """Some items of a list, with the length of the whole."""

    def __init__(self, items: list, total: int) -> None:
        super().__init__(items)
        self.total = total

    def __len__(self) -> int:
        return self.total


def network_for(project: Project, kind: str | None, past: bool) -> analysis_network.Network:
    return analysis_network.network(project, kind, include_past=past)


def analysis_data(project: Project, name: str) -> Any:
    return selectors.SELECTORS[name](project)
