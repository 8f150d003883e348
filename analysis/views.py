from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
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
from analysis.cache import cached
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


TABLE_PAGE_SIZE = 100
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


def _page_of(rows: Iterable[TableRow]) -> dict[int, int]:
    """On which page of the table each party's row stands."""
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


def _table_page(request: HttpRequest, rows: list[TableRow]) -> tuple[Page | None, bool]:
    """The page of rows asked for, or every row with ?page=all."""
    if request.GET.get("page") == ALL_ROWS:
        return None, True
    return Paginator(rows, TABLE_PAGE_SIZE).get_page(request.GET.get("page")), False


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

    def build() -> tuple[Any, list[TableRow], str]:
        data = selectors.SELECTORS[name](project)
        rows = _table_rows(name, data)
        pages = _page_of(rows) if rows else None
        chart = _chart(request, project, name, data, table_here=True, pages=pages)
        return data, rows, str(chart)

    data, rows, chart = cached(project, f"page:{name}", build)
    page, show_all = _table_page(request, rows)
    context = {
        "project": project,
        "membership": membership,
        "analysis": BY_NAME[name],
        "data": data,
        "chart": mark_safe(chart),  # noqa: S308 - drawn by analysis.svg, which escapes
        "rows": rows if show_all else page.object_list,
        "page": page,
        "row_count": len(rows),
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
            data,
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
