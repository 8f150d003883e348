"""Pages of the local figures: the list of indicators, the import with its preview, one
indicator against the region and the country, and a district's health profile."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from analysis.charts.figures import bars_chart, trend_chart
from evidence.figures import cbs_runs, selectors, services
from evidence.figures.importing import Role, guess_mapping
from evidence.figures.models import CbsRun, FigureImport, Indicator
from evidence.tasks import cbs_run_task
from lib.forms import ControlFreeMixin
from projects.access import Need, membership_for
from projects.models import Membership, TargetSegment
from transfer.reading import MAX_BYTES, UnreadableFile, too_large_message


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Table (.csv or .xlsx)"),
        help_text=gettext_lazy(
            "As StatLine, the Gemeente-Stadsmonitor, Provincies in Cijfers or the health "
            "monitor export it."
        ),
    )
    source = forms.CharField(label=gettext_lazy("Source"), max_length=300, required=False)
    licence = forms.CharField(
        label=gettext_lazy("Licence and attribution"), max_length=300, required=False
    )


class MappingForm(forms.Form):
    indicator = forms.CharField(
        label=gettext_lazy("Indicator"), max_length=300, required=False,
        help_text=gettext_lazy("Only when no column names it."),
    )
    unit = forms.CharField(label=gettext_lazy("Unit"), max_length=50, required=False)

    def __init__(self, *args, headers: list[str], initial_roles: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for index, header in enumerate(headers):
            self.fields[f"col{index}"] = forms.ChoiceField(
                label=header or _("column %(number)s") % {"number": index + 1},
                choices=Role.choices, required=False, initial=initial_roles[index],
            )

    def roles(self) -> list[str]:
        return [self.cleaned_data.get(name) or "" for name in self.fields if name[:3] == "col"]

    def role_fields(self) -> list:
        return [self[name] for name in self.fields if name[:3] == "col"]


class CbsForm(ControlFreeMixin, forms.Form):
    table_id = forms.CharField(
        label=gettext_lazy("CBS table"), max_length=20,
        help_text=gettext_lazy("The table's id on StatLine, e.g. 85012NED (health by "
                               "municipality, district and neighbourhood)."),
    )
    region_codes = forms.CharField(
        label=gettext_lazy("Region codes"), max_length=2000,
        help_text=gettext_lazy("Separated by spaces, e.g. GM0363 WK036300 NL01 (the "
                               "municipality, a district and the country)."),
    )


def _indicator_for(
    request: HttpRequest, project_id: int, indicator_id: int, need: Need = Need.VIEW
) -> tuple[Membership, Indicator]:
    membership = membership_for(request.user, project_id, need)
    indicator = get_object_or_404(Indicator, pk=indicator_id, project_id=project_id)
    indicator.project = membership.project
    return membership, indicator


@login_required
@require_safe
def figures(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    page = Paginator(selectors.indicators(project), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "project": project, "membership": membership, "page": page,
        "districts": selectors.districts(project),
    }
    return render(request, "evidence/figures/list.html", context)


@login_required
def figure_import(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(
        request.user, project_id, Need.CONTRIBUTE if request.method == "POST" else Need.VIEW
    )
    project = membership.project
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > MAX_BYTES:
                raise UnreadableFile(too_large_message())
            batch, _table = services.figure_import_upload(
                project=project, user=request.user, filename=upload.name,
                content=upload.read(), source=form.cleaned_data["source"],
                licence=form.cleaned_data["licence"],
            )
        except UnreadableFile as error:
            form.add_error("file", error.message)
        else:
            return redirect("evidence:figure_preview", project.pk, batch.pk)
    context = {"project": project, "membership": membership, "form": form}
    return render(request, "evidence/figures/import.html", context, status=400 if form.errors
                  else 200)


@login_required
def figure_preview(request: HttpRequest, project_id: int, figure_import_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    project = membership.project
    batch = get_object_or_404(
        FigureImport, pk=figure_import_id, project=project, applied_at__isnull=True
    )
    try:
        table = services.figure_import_table(batch)
    except UnreadableFile as error:  # the limits may have changed since the upload
        messages.error(request, error.message)
        return redirect("evidence:figure_import", project.pk)
    form = MappingForm(
        request.POST or None, headers=table.headers, initial_roles=guess_mapping(table)
    )
    plan = None
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.figure_import_run(
                batch=batch, roles=form.roles(), indicator=form.cleaned_data["indicator"],
                unit=form.cleaned_data["unit"],
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("evidence:figures", project.pk)
        if plan.ok:
            messages.success(request, _("%(count)s figures imported.") % {
                "count": batch.figures_added
            })
            return redirect("evidence:figures", project.pk)
    context = {
        "project": project, "membership": membership, "batch": batch, "form": form,
        "headers": table.headers, "rows": table.rows[:8], "total": len(table.rows),
        "plan": plan,
    }
    return render(request, "evidence/figures/preview.html", context,
                  status=400 if plan is not None else 200)


@login_required
@require_safe
def indicator(request: HttpRequest, project_id: int, indicator_id: int) -> HttpResponse:
    membership, found = _indicator_for(request, project_id, indicator_id)
    comparison = selectors.comparison(found, membership.project)
    page = Paginator(selectors.figures(found), 100).get_page(request.GET.get("page"))
    context = {
        "project": membership.project, "membership": membership, "indicator": found,
        "comparison": comparison, "page": page,
        "bars": mark_safe(bars_chart(comparison)),  # noqa: S308 - every text escaped by Svg
        "trend": mark_safe(trend_chart(comparison)) if comparison.series else "",  # noqa: S308
    }
    return render(request, "evidence/figures/indicator.html", context)


@login_required
def indicator_delete(request: HttpRequest, project_id: int, indicator_id: int) -> HttpResponse:
    need = Need.EDIT if request.method == "POST" else Need.VIEW
    membership, found = _indicator_for(request, project_id, indicator_id, need)
    if request.method == "POST":
        services.indicator_delete(indicator=found, user=request.user)
        messages.success(request, _("The indicator and its figures are in the bin."))
        return redirect("evidence:figures", project_id)
    context = {"project": membership.project, "membership": membership, "indicator": found}
    return render(request, "evidence/figures/indicator_delete.html", context)


@login_required
def district(request: HttpRequest, project_id: int, region_code: str) -> HttpResponse:
    need = Need.CONTRIBUTE if request.method == "POST" else Need.VIEW
    membership = membership_for(request.user, project_id, need)
    project = membership.project
    profile = selectors.profile(project, region_code)
    if profile is None:
        raise Http404
    if request.method == "POST":
        chosen = set(request.POST.getlist("segments"))
        for segment in TargetSegment.objects.filter(project=project):
            codes = set(segment.districts.values_list("region_code", flat=True))
            codes = codes | {region_code} if str(segment.pk) in chosen else codes - {region_code}
            services.segment_districts_set(segment=segment, codes=sorted(codes))
        messages.success(request, _("Saved where the segments live."))
        return redirect("evidence:district", project.pk, region_code)
    context = {
        "project": project, "membership": membership, "profile": profile,
        "all_segments": TargetSegment.objects.filter(project=project),
        "living_here": {s.pk for s in profile.segments},
    }
    return render(request, "evidence/figures/district.html", context)


# The runs listed under the form; older ones only matter as what they brought in.
CBS_RUNS_SHOWN = 10


@login_required
def cbs(request: HttpRequest, project_id: int) -> HttpResponse:
    """CBS open data: the form to fetch a table for the place's regions (editors), and the
    latest runs with their state and result (every member). The page refreshes by itself
    while a run is under way."""
    membership = membership_for(
        request.user, project_id, Need.EDIT if request.method == "POST" else Need.VIEW
    )
    project = membership.project
    configured = cbs_runs.configured()
    initial = {"region_codes": " ".join(cbs_runs.default_codes(project.places.all()))}
    form = CbsForm(request.POST or None, initial=initial)
    if request.method == "POST" and configured and form.is_valid():
        outcome = cbs_runs.run_request(
            project=project, user=request.user, table_id=form.cleaned_data["table_id"],
            region_codes=cbs_runs.split_codes(form.cleaned_data["region_codes"]),
        )
        if isinstance(outcome, cbs_runs.Refusal):
            form.add_error(outcome.field or None, outcome.message)
        else:
            cbs_run_task.enqueue(outcome.pk, get_language())
            messages.success(request, _("The CBS table is being fetched in the background; "
                                        "this page shows the result when it is done."))
            return redirect("evidence:cbs", project.pk)
    runs = list(CbsRun.objects.filter(project=project).select_related("requested_by")
                [:CBS_RUNS_SHOWN])
    context = {
        "project": project, "membership": membership, "form": form, "runs": runs,
        "configured": configured, "busy": any(cbs_runs.under_way(run) for run in runs),
        "can_fetch": membership.can_edit_register,
    }
    return render(request, "evidence/figures/cbs.html", context,
                  status=400 if form.errors else 200)
