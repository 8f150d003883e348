from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from analysis import charts, prepared, selectors
from analysis.cache import cached, current_version, lookup, store
from analysis.prepared import ALL_ROWS, TABLE_PAGE_SIZE, party_prefix
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

    # A repeat visit, or the first after the worker prepared the new version, reads two small
    # entries: the page's summary and chart, and the rows of the page asked for.
    version = current_version(project)
    show_all = request.GET.get("page") == ALL_ROWS
    asked = request.GET.get("page") or "1"
    wanted = ALL_ROWS if show_all else asked if asked.isdigit() else "1"
    head, page_rows = lookup(project, version, ("page", name), ("rows", name, wanted))
    rows = None
    if head is None:
        entries = prepared.page_entries(project, name, selectors.SELECTORS[name](project))
        store(project, version, entries)
        head, rows = entries[("page", name)], entries[("rows", name)]
    data, chart, row_count, lists = head
    page = None
    if not show_all:
        page = Paginator(range(row_count), TABLE_PAGE_SIZE).get_page(request.GET.get("page"))
    if page_rows is None:
        page_rows = _page_rows(project, version, name, rows, page)
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
        # Drawn from the page's own template (a partial), which escapes.
        "lists": mark_safe(lists),  # noqa: S308
        "page": page,
        "row_count": row_count,
        "party_prefix": party_prefix(project),
        "downloads": {
            fmt: reverse(f"analysis:{name}_{fmt}", args=[project.pk]) for fmt in _FORMATS
        },
    }
    return render(request, f"analysis/{name}.html", context)


def _page_rows(
    project: Project, version: str, name: str, rows: list | None, page: Page | None
) -> list:
    """The rows of the page asked for (all without a page), from every row kept."""
    if rows is None:
        (rows,) = lookup(project, version, ("rows", name))
    if rows is None:  # evicted on its own: compute again
        rows = prepared.table_rows(name, selectors.SELECTORS[name](project))
    return rows if page is None else rows[page.start_index() - 1 : page.end_index()]


@login_required
@require_safe
def analysis_overview(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    data, grid_chart, support_chart, feasibility_chart = cached(
        project, "overview", lambda: prepared.overview_entry(project, selectors.overview(project))
    )
    context = {
        "project": project,
        "membership": membership,
        "data": data,
        "verdict": charts.verdict_text(data.feasibility),
        "today": timezone.localdate(),
        "party_prefix": party_prefix(project),
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
    content_type, convert = _FORMATS[fmt]

    def build() -> bytes | str:
        data = selectors.SELECTORS[name](project)
        links = prepared.links(project, absolute=request.build_absolute_uri)
        return convert(charts.CHARTS[name](data, links))

    # Kept per version like the pages (the analysis index shows every download as a picture),
    # and per address, which the file's links carry.
    content = cached(project, "download", build, name, fmt, request.build_absolute_uri("/"))
    response = HttpResponse(content, content_type=content_type)
    filename = f"{slugify(project.title) or 'project'}-{name}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
