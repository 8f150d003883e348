from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from analysis import network as analysis
from analysis import prepared
from analysis.cache import current_version, lookup, store
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


def _analysed(
    request: HttpRequest, project_id: int
) -> tuple[dict[str, Any], str | None, str, list | None]:
    """The page's context and choices, with the rows of the table page asked for when kept."""
    membership = membership_for(request.user, project_id)
    form = NetworkFilterForm(request.GET)
    kind, past, sort = form.values()
    project = membership.project
    # Betweenness and the layout are computed once per version of the parties and relations.
    version = current_version(project)
    asked = request.GET.get("page") or "1"
    summary, rows = lookup(
        project, version, ("network", kind, past), ("network-rows", kind, past, sort, asked)
    )
    if summary is None:
        entries = _prepare(project, version, kind, past)
        summary = entries[("network", kind, past)]
        rows = entries.get(("network-rows", kind, past, sort, asked))
    context = {
        "project": membership.project,
        "membership": membership,
        "form": form,
        "net": summary.net,
        "past": past,
        # Drawn by the template's own chart partial, which escapes every text.
        "chart": mark_safe(summary.chart),  # noqa: S308
        "tie_count": summary.tie_count,
        "party_prefix": prepared.party_prefix(project),
        "kind_label": analysis.kind_names([kind]) if kind else "",
        "filter_query": _filter_query(kind, past),
        "broker_count": analysis.BROKER_COUNT,
        "exact_up_to": analysis.EXACT_UP_TO,
        "version": version,
        # Zoom and pan are an enhancement: without the library (npm not run) the picture stays.
        "pan_zoom": finders.find("vendor/panzoom.min.js") is not None,
    }
    return context, kind, sort, rows


def network_entries(
    project: Project, net: analysis.Network, kind: str | None, past: bool
) -> dict[tuple[object, ...], object]:
    """The network's cache entries for one choice of relations, in the active language: the
    page's summary and picture, the drawing for the downloads, every party, and the first
    page of the table in its default order."""
    kind_label = analysis.kind_names([kind]) if kind else ""
    summary, drawing, labelled = prepared.network_entry(project, net, kind_label, past)
    first = sorted(net.nodes, key=SORTS["betweenness"])[:TABLE_PAGE_SIZE]
    return {
        ("network", kind, past): summary,
        ("network-drawing", kind, past): (drawing, labelled),
        ("network-nodes", kind, past): net.nodes,
        ("network-rows", kind, past, "betweenness", "1"): first,
    }


def _prepare(
    project: Project, version: str, kind: str | None, past: bool, *, drawing: bool = False
) -> dict[tuple[object, ...], object]:
    """Compute the network and keep it; the drawing for the downloads only when asked."""
    net = analysis.network(project, kind, include_past=past)
    entries = network_entries(project, net, kind, past)
    kept = entries if drawing else {
        key: value for key, value in entries.items() if key[0] != "network-drawing"
    }
    store(project, version, kept)
    return entries


@login_required
@require_safe
def network(request: HttpRequest, project_id: int) -> HttpResponse:
    context, kind, sort, rows = _analysed(request, project_id)
    project, version, past = context["project"], context["version"], context["past"]
    asked = request.GET.get("page") or "1"
    page = Paginator(range(len(context["net"].nodes)), TABLE_PAGE_SIZE).get_page(asked)
    wanted = ("network-rows", kind, past, sort, str(page.number))
    if str(page.number) != asked:  # out of range: the last page, or the first
        (rows,) = lookup(project, version, wanted)
    if rows is None:
        (nodes,) = lookup(project, version, ("network-nodes", kind, past))
        if nodes is None:  # evicted on its own: compute again
            nodes = _prepare(project, version, kind, past)[("network-nodes", kind, past)]
        rows = sorted(nodes, key=SORTS[sort])[page.start_index() - 1 : page.end_index()]
        store(project, version, {wanted: rows})
    context |= {"sort": sort, "kind": kind or "", "page": Page(rows, page.number, page.paginator)}
    template = "analysis/network.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def _svg(request: HttpRequest, context: dict[str, Any], kind: str | None) -> str:
    project, version, past = context["project"], context["version"], context["past"]
    (drawn,) = lookup(project, version, ("network-drawing", kind, past))
    if drawn is None:
        drawn = _prepare(project, version, kind, past, drawing=True)[
            ("network-drawing", kind, past)
        ]
    drawing, labelled = drawn
    context |= {
        "drawing": drawing,
        "labelled_nodes": labelled,
        "standalone": True,
        "base_url": request.build_absolute_uri("/")[:-1],
    }
    # Stored names may hold control characters: the file must stay valid XML.
    return xml_safe(render_to_string("analysis/network.html#chart", context, request=request))


def _download(content: bytes | str, content_type: str, project: Project, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="network-{project.pk}.{ext}"'
    return response


@login_required
@require_safe
def network_svg(request: HttpRequest, project_id: int) -> HttpResponse:
    context, kind, _sort, _rows = _analysed(request, project_id)
    svg = _svg(request, context, kind)
    return _download(svg, "image/svg+xml; charset=utf-8", context["project"], "svg")


@login_required
@require_safe
def network_png(request: HttpRequest, project_id: int) -> HttpResponse:
    context, kind, _sort, _rows = _analysed(request, project_id)
    png = to_png(_svg(request, context, kind))
    return _download(png, "image/png", context["project"], "png")
