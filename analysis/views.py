from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
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


def _links(
    request: HttpRequest, project: Project, *, absolute: bool = False, table_here: bool = False
) -> charts.Links:
    def url(path: str) -> str:
        return request.build_absolute_uri(path) if absolute else path

    def party(party_id: int) -> str:
        return url(reverse("parties:detail", args=[project.pk, party_id]))

    def layer(code: str) -> str:
        base = reverse("parties:list", args=[project.pk])
        return url(f"{base}?layer={code}" if code else base)

    def row(chart: str, party_id: int) -> str:
        return url(reverse(f"analysis:{chart}", args=[project.pk])) + f"#party-{party_id}"

    # Without the table beside it, a chart's numbers lead to its page and it carries a key.
    return charts.Links(party=party, layer=layer, row=None if table_here else row)


def _chart(
    request: HttpRequest, project: Project, name: str, data: object, *, table_here: bool = False
) -> SafeString:
    # Built by analysis.svg, which escapes every text and attribute.
    return mark_safe(charts.CHARTS[name](data, _links(request, project, table_here=table_here)))


@login_required
@require_safe
def analysis_index(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    context = {"project": membership.project, "membership": membership, "analyses": ANALYSES}
    return render(request, "analysis/index.html", context)


@login_required
@require_safe
def analysis_page(request: HttpRequest, project_id: int, name: str) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    data = selectors.SELECTORS[name](project)
    context = {
        "project": project,
        "membership": membership,
        "analysis": BY_NAME[name],
        "data": data,
        "chart": _chart(request, project, name, data, table_here=True),
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
    data = selectors.overview(project)
    context = {
        "project": project,
        "membership": membership,
        "data": data,
        "verdict": charts.verdict_text(data.feasibility),
        "today": timezone.localdate(),
        "grid_chart": _chart(request, project, "grid", data.grid),
        "support_chart": _chart(request, project, "support", data.support),
        "feasibility_chart": _chart(request, project, "feasibility", data.feasibility),
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
