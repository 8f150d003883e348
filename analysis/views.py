from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from analysis import charts, selectors
from analysis.cache import cached, inputs_version, lookup, store
from analysis.svg import to_png
from projects.access import membership_for
from projects.models import Project


@dataclass(frozen=True)
class Analysis:
    name: str
    title: Promise
    summary: Promise


ANALYSES = [
    Analysis(
        "grid",
        _("Power/interest grid"),
        _(
            "Who to manage closely, keep satisfied, keep informed or monitor, and who moved since "
            "the previous assessment."
        ),
    ),
    Analysis(
        "salience",
        _("Salience"),
        _(
            "Which parties have power, legitimacy and urgency: from definitive stakeholders to "
            "parties that are not stakeholders."
        ),
    ),
    Analysis(
        "positions",
        _("Position map"),
        _("Where each party stands, from strong opposition to strong support, by layer and power."),
    ),
    Analysis(
        "actors",
        _("Actor map"),
        _(
            "The krachtenveld: each party by its role and ring of involvement, as friend, doubter "
            "or opponent."
        ),
    ),
    Analysis(
        "engagement",
        _("Engagement"),
        _(
            "Each party's engagement now against the engagement wanted, and the largest gaps to "
            "close."
        ),
    ),
    Analysis(
        "feasibility",
        _("Feasibility"),
        _(
            "The weight of supporters, opponents and the non-mobilised, and whether support "
            "outweighs opposition."
        ),
    ),
    Analysis(
        "coverage",
        _("Coverage of the target group"),
        _(
            "Which parties reach which segments of the target group, the gaps, and the method's "
            "warnings."
        ),
    ),
    Analysis(
        "support",
        _("Support over time"),
        _("The support index, overall and per layer, at every assessment date."),
    ),
]
BY_NAME = {analysis.name: analysis for analysis in ANALYSES}


# Small enough that a page of the table costs the same in any register.
TABLE_PAGE_SIZE = 50
ALL_ROWS = "all"


@dataclass(frozen=True)
class TableRow:
    """One row of the table under a chart: the party's mark, its number on the chart, and the
    group it is listed under (a layer, a class), all built once per visit, not per cell."""

    mark: Any
    number: int | None = None
    group: str = ""


def _table_rows(name: str, data: Any) -> list[TableRow]:
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


def _links(
    request: HttpRequest,
    project: Project,
    *,
    absolute: bool = False,
    table_here: bool = False,
    pages: dict[int, int] | None = None,
) -> charts.Links:
    def url(path: str) -> str:
        return request.build_absolute_uri(path) if absolute else path

    # Reversed once: every mark's address is the same prefix with its own id.
    party_prefix = _party_prefix(project)
    list_base = reverse("parties:list", args=[project.pk])

    def party(party_id: int) -> str:
        return url(f"{party_prefix}{party_id}/")

    def layer(code: str) -> str:
        return url(f"{list_base}?layer={code}" if code else list_base)

    def row(chart: str, party_id: int) -> str:
        return url(reverse(f"analysis:{chart}", args=[project.pk])) + f"#party-{party_id}"

    if table_here and pages is not None:
        return _PagedLinks(party=party, layer=layer, pages=pages)
    # Without the table beside it, a chart's numbers lead to its page and it carries a key.
    return charts.Links(party=party, layer=layer, row=None if table_here else row)


def _party_prefix(project: Project) -> str:
    """The party pages' address up to the party's id, e.g. /projects/3/parties/."""
    sample = reverse("parties:detail", args=[project.pk, 1])
    assert sample.endswith("/1/")
    return sample[: -len("1/")]


def _chart(
    request: HttpRequest,
    project: Project,
    name: str,
    data: object,
    *,
    table_here: bool = False,
    pages: dict[int, int] | None = None,
) -> SafeString:
    links = _links(request, project, table_here=table_here, pages=pages)
    # Built by analysis.svg, which escapes every text and attribute.
    return mark_safe(charts.CHARTS[name](data, links))


class _Head(list):
    """The first items of a long list, with the length of the whole: what the page shows of a
    list it only counts or samples, kept small so a repeat visit unpickles little."""

    def __init__(self, items: list, shown: int = 0) -> None:
        super().__init__(items[:shown])
        self.total = len(items)

    def __len__(self) -> int:
        return self.total


def _summary(name: str, data: Any) -> Any:
    """The analysis without the per-party lists its page reads only from the table's rows."""
    if name in ("grid", "actors"):
        return replace(data, marks=_Head(data.marks))
    if name == "engagement":
        return replace(data, rows=_Head(data.rows))
    if name == "positions":
        return replace(data, rows=[replace(row, marks=_Head(row.marks)) for row in data.rows])
    if name == "salience":
        # The class lists show the first 50 names of each class.
        groups = [replace(g, marks=_Head(g.marks, 50)) for g in data.groups]
        return replace(data, groups=groups)
    if name == "feasibility":
        groups = [replace(g, entries=_Head(g.entries)) for g in data.groups]
        return replace(data, groups=groups)
    if name == "overview":
        # The overview shows counts, weights and gaps; its charts are drawn already.
        coverage = data.coverage
        rows = [replace(row, parties=_Head(row.parties)) for row in coverage.rows]
        return replace(
            data,
            grid=_summary("grid", data.grid),
            feasibility=_summary("feasibility", data.feasibility),
            coverage=replace(coverage, rows=rows),
        )
    return data


@login_required
@require_safe
def analysis_index(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    context = {"project": membership.project, "membership": membership, "analyses": ANALYSES}
    return render(request, "analysis/index.html", context)


@login_required
@require_safe
def analysis_page(request: HttpRequest, project_id: int, name: str) -> HttpResponse:
    # Access first: the cache is reached only for a project the user may see.
    membership = membership_for(request.user, project_id)
    project = membership.project

    # Three entries per version: the page's summary and chart, every row, and the rows of the
    # page asked for; a repeat visit reads the first and the last, both small.
    version = inputs_version(project)
    show_all = request.GET.get("page") == ALL_ROWS
    asked = request.GET.get("page") or "1"
    wanted = ALL_ROWS if show_all else asked if asked.isdigit() else "1"
    head, page_rows = lookup(project, version, ("page", name), ("rows", name, wanted))
    if head is None:
        data = selectors.SELECTORS[name](project)
        rows = _table_rows(name, data)
        chart = str(_chart(request, project, name, data, table_here=True, pages=_page_of(rows)))
        head = (_summary(name, data), chart, len(rows))
        store(project, version, {("page", name): head, ("rows", name): rows})
    else:
        rows = None
    data, chart, row_count = head
    page = None
    if not show_all:
        page = Paginator(range(row_count), TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    if page_rows is None:
        if rows is None:
            (rows,) = lookup(project, version, ("rows", name))
        if rows is None:  # evicted on its own: compute again
            rows = _table_rows(name, selectors.SELECTORS[name](project))
        page_rows = rows if show_all else rows[page.start_index() - 1 : page.end_index()]
        # Only real pages are kept: any other number shows the last page without a new entry.
        if show_all or str(page.number) == wanted:
            store(project, version, {("rows", name, wanted): page_rows})
    context = {
        "project": project,
        "membership": membership,
        "analysis": BY_NAME[name],
        "data": data,
        # Drawn by analysis.svg, which escapes; a number whose row is on this page leads to it
        # without reloading.
        "chart": mark_safe(  # noqa: S308
            chart.replace(f'href="?page={page.number}#party-', 'href="#party-') if page else chart
        ),
        "rows": page_rows,
        "page": page,
        "row_count": row_count,
        "party_prefix": _party_prefix(project),
        "downloads": {
            fmt: reverse(f"analysis:{name}_{fmt}", args=[project.pk]) for fmt in _FORMATS
        },
    }
    return render(request, f"analysis/{name}.html", context)


@login_required
@require_safe
def analysis_overview(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project

    def build() -> tuple[Any, str, str, str]:
        data = selectors.overview(project)
        return (
            _summary("overview", data),
            str(_chart(request, project, "grid", data.grid)),
            str(_chart(request, project, "support", data.support)),
            str(_chart(request, project, "feasibility", data.feasibility)),
        )

    data, grid_chart, support_chart, feasibility_chart = cached(project, "overview", build)
    context = {
        "project": project,
        "membership": membership,
        "data": data,
        "verdict": charts.verdict_text(data.feasibility),
        "today": timezone.localdate(),
        "party_prefix": _party_prefix(project),
        # Drawn by analysis.svg, which escapes every text and attribute.
        "grid_chart": mark_safe(grid_chart),  # noqa: S308
        "support_chart": mark_safe(support_chart),  # noqa: S308
        "feasibility_chart": mark_safe(feasibility_chart),  # noqa: S308
    }
    return render(request, "analysis/overview.html", context)


_FORMATS: dict[str, tuple[str, Callable[[str], bytes | str]]] = {
    "svg": ("image/svg+xml; charset=utf-8", lambda svg: svg),
    "png": ("image/png", to_png),
}


@login_required
@require_safe
def analysis_download(request: HttpRequest, project_id: int, name: str, fmt: str) -> HttpResponse:
    """The chart as a file; its links point to the party pages with the full address."""
    project = membership_for(request.user, project_id).project
    data = selectors.SELECTORS[name](project)
    svg = charts.CHARTS[name](data, _links(request, project, absolute=True))
    content_type, convert = _FORMATS[fmt]
    response = HttpResponse(convert(svg), content_type=content_type)
    filename = f"{slugify(project.title) or 'project'}-{name}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
