from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from analysis import network as analysis
from analysis.cache import cached
from analysis.charts.network import network_labels
from analysis.svg import to_png
from lib.forms import ControlFreeMixin
from lib.text import xml_safe
from parties.models import Relation
from projects.access import membership_for
from projects.models import Project

TABLE_PAGE_SIZE = 100
SORTS = {
    "betweenness": lambda n: (-n.betweenness, -n.degree, n.name),
    "degree": lambda n: (-n.degree, -n.betweenness, n.name),
    "name": lambda n: (n.name.casefold(), n.id),
    "component": lambda n: (n.component is None, n.component or 0, -n.betweenness, n.name),
}


class NetworkFilterForm(ControlFreeMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of relation"),
        required=False,
        choices=[("", _("all kinds"))] + list(Relation.Kind.choices),
    )
    past = forms.BooleanField(label=_("Show past relations"), required=False)
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in SORTS], widget=forms.HiddenInput
    )

    def values(self) -> tuple[str | None, bool, str]:
        """The valid choices; an unknown value falls back to its default on its own."""
        self.is_valid()
        data = self.cleaned_data
        return data.get("kind") or None, bool(data.get("past")), data.get("sort") or "betweenness"


def _filter_query(kind: str | None, past: bool) -> str:
    """The chosen relations as a query string, carried by the sort, page and download links."""
    chosen = {"kind": kind, "past": "on" if past else None}
    return urlencode({key: value for key, value in chosen.items() if value})


def _analysed(request: HttpRequest, project_id: int) -> tuple[dict[str, Any], str | None, str]:
    membership = membership_for(request.user, project_id)
    form = NetworkFilterForm(request.GET)
    kind, past, sort = form.values()
    project = membership.project

    def build() -> tuple[Any, Any, Any]:
        net = analysis.network(project, kind, include_past=past)
        drawing = analysis.drawing(net)
        return net, drawing, network_labels(drawing)

    # Exact betweenness and the layout are recomputed only when parties or relations change.
    net, drawing, labelled = cached(project, "network", build, kind, past)
    context = {
        "project": membership.project,
        "membership": membership,
        "form": form,
        "net": net,
        "past": past,
        "drawing": drawing,
        "labelled_nodes": labelled,
        "party_prefix": reverse("parties:detail", args=[project.pk, 1])[: -len("1/")],
        "kind_label": analysis.kind_names([kind]) if kind else "",
        "filter_query": _filter_query(kind, past),
        "broker_count": analysis.BROKER_COUNT,
        # Zoom and pan are an enhancement: without the library (npm not run) the picture stays.
        "pan_zoom": finders.find("vendor/panzoom.min.js") is not None,
    }
    return context, kind, sort


@login_required
@require_safe
def network(request: HttpRequest, project_id: int) -> HttpResponse:
    context, kind, sort = _analysed(request, project_id)
    net = context["net"]
    rows = sorted(net.nodes, key=SORTS[sort])
    context |= {
        "sort": sort,
        "kind": kind or "",
        "page": Paginator(rows, TABLE_PAGE_SIZE).get_page(request.GET.get("page")),
        "tie_count": len(net.edges),
    }
    template = "analysis/network.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def _svg(request: HttpRequest, context: dict[str, Any]) -> str:
    context |= {"standalone": True, "base_url": request.build_absolute_uri("/")[:-1]}
    # Stored names may hold control characters: the file must stay valid XML.
    return xml_safe(render_to_string("analysis/network.html#chart", context, request=request))


def _download(content: bytes | str, content_type: str, project: Project, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="network-{project.pk}.{ext}"'
    return response


@login_required
@require_safe
def network_svg(request: HttpRequest, project_id: int) -> HttpResponse:
    context, _kind, _sort = _analysed(request, project_id)
    svg = _svg(request, context)
    return _download(svg, "image/svg+xml; charset=utf-8", context["project"], "svg")


@login_required
@require_safe
def network_png(request: HttpRequest, project_id: int) -> HttpResponse:
    context, _kind, _sort = _analysed(request, project_id)
    png = to_png(_svg(request, context))
    return _download(png, "image/png", context["project"], "png")
