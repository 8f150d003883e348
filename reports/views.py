"""Reports to the board: the list of issued reports, issuing one (preview, then issue), their
files, and the briefing note for one board member. Editors and owners issue; every member reads
and downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lib.concurrency import EditConflict
from parties.models import Layer, Party
from projects.access import Need, membership_for
from reports import documents, selectors, services
from reports.forms import ReportForm, ReportSettingsForm
from reports.models import BoardReport, ReportSettings

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def file_response(body: bytes, title: str, fmt: str) -> HttpResponse:
    response = HttpResponse(bytes(body), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(title, fmt)}"'
    return response


def _report(request: HttpRequest, project_id: int, report_id: int, need: Need) -> BoardReport:
    membership = membership_for(request.user, project_id, need)
    report = selectors.report_of(project=membership.project, report_id=report_id)
    if report is None:
        raise Http404
    return report


def _settings_form(project) -> ReportSettingsForm:
    settings = ReportSettings.objects.filter(project=project).first()
    return ReportSettingsForm(initial={
        "rhythm_months": settings.rhythm_months if settings else 0,
        "expected_version": settings.version if settings else None,
    })


@login_required
@require_safe
def report_list(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    context = {
        "project": project,
        "membership": membership,
        "reports": selectors.report_list(project=project),
        "settings_form": _settings_form(project),
        "next_due": selectors.next_due(project=project, today=timezone.localdate()),
        "board_members": selectors.board_members(project=project),
    }
    return render(request, "reports/list.html", context)


@login_required
def report_issue(request: HttpRequest, project_id: int) -> HttpResponse:
    """GET: the form; POST: a preview of the report, or (with `issue`) the report issued."""
    membership = membership_for(request.user, project_id, Need.EDIT)
    project = membership.project
    today = timezone.localdate()
    start, end = selectors.default_period(project=project, today=today)
    form = ReportForm(
        request.POST or None,
        initial={"audience": "board", "period_start": start, "period_end": end},
    )
    context = {"project": project, "membership": membership, "form": form}
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data, project=project, user=request.user)
        try:
            if "issue" in request.POST:
                services.report_issue(**values)
                messages.success(request, _("The report has been issued and kept."))
                return redirect("reports:list", project_id)
            data = services.report_preview(**values)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            context["memo"] = documents.progress_view(data)
            context["chart"] = documents.support_svg(data)
    status = 400 if form.errors else 200
    return render(request, "reports/issue.html", context, status=status)


@login_required
@require_safe
def report_pdf(request: HttpRequest, project_id: int, report_id: int) -> HttpResponse:
    report = _report(request, project_id, report_id, Need.VIEW)
    return file_response(report.pdf, report.title, "pdf")


@login_required
@require_safe
def report_docx(request: HttpRequest, project_id: int, report_id: int) -> HttpResponse:
    report = _report(request, project_id, report_id, Need.VIEW)
    return file_response(report.docx, report.title, "docx")


@login_required
@require_POST
def report_delete(request: HttpRequest, project_id: int, report_id: int) -> HttpResponse:
    report = _report(request, project_id, report_id, Need.EDIT)
    services.report_delete(report=report, user=request.user)
    messages.success(
        request,
        _("“%(name)s” is in the bin now; an editor can restore it from there.")
        % {"name": report.title},
    )
    return redirect("reports:list", project_id)


@login_required
@require_POST
def report_settings(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    form = ReportSettingsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how often the project reports to the board."))
        return redirect("reports:list", project_id)
    try:
        services.report_settings_update(
            project=membership.project,
            rhythm_months=form.cleaned_data["rhythm_months"],
            user=request.user,
            version=form.cleaned_data["expected_version"],
        )
    except EditConflict:
        messages.error(
            request, _("Someone else changed the reporting rhythm meanwhile; see it below.")
        )
    else:
        messages.success(request, _("The reporting rhythm has been saved."))
    return redirect("reports:list", project_id)


def _briefing(request: HttpRequest, project_id: int, party_id: int) -> tuple:
    membership = membership_for(request.user, project_id)
    party = Party.objects.filter(project=membership.project, pk=party_id).first()
    if party is None:
        raise Http404
    data = selectors.briefing_data(
        project=membership.project, party=party, today=timezone.localdate()
    )
    return membership, party, data


@login_required
@require_safe
def briefing(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    membership, party, data = _briefing(request, project_id, party_id)
    context = {
        "project": membership.project,
        "membership": membership,
        "party": party,
        "is_board": party.layer == Layer.BOARD,
        "memo": documents.briefing_view(data),
    }
    return render(request, "reports/briefing.html", context)


@login_required
@require_safe
def briefing_pdf(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    _membership, party, data = _briefing(request, project_id, party_id)
    title = _("Briefing note: %(name)s") % {"name": party.name}
    return file_response(documents.briefing_pdf(data), title, "pdf")


@login_required
@require_safe
def briefing_docx(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    _membership, party, data = _briefing(request, project_id, party_id)
    title = _("Briefing note: %(name)s") % {"name": party.name}
    return file_response(documents.briefing_docx(data), title, "docx")
