"""Pages of the argument brief: the list of drafts and issued versions, starting a draft,
editing its sections, the preview, issuing, and the files as they were issued. Editors and
owners write and issue; every member reads and downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from evidence import brief, brief_documents
from evidence.brief_forms import BriefForm, BriefStartForm
from evidence.models import ArgumentBrief, IssuedBrief
from lib.concurrency import EditConflict
from lib.forms import save_versioned
from projects.access import Need, membership_for
from projects.models import Membership
from reports.views import file_response


def _brief(
    request: HttpRequest, project_id: int, brief_id: int, need: Need = Need.VIEW
) -> tuple[Membership, ArgumentBrief]:
    membership = membership_for(request.user, project_id, need)
    found = brief.brief_of(project=membership.project, brief_id=brief_id)
    if found is None:
        raise Http404
    found.project = membership.project
    return membership, found


def _issued(request: HttpRequest, project_id: int, issued_id: int, need: Need) -> IssuedBrief:
    membership = membership_for(request.user, project_id, need)
    found = brief.issued_of(project=membership.project, issued_id=issued_id)
    if found is None:
        raise Http404
    return found


@login_required
def brief_list(request: HttpRequest, project_id: int) -> HttpResponse:
    """GET: the drafts and issued briefs; POST (editors): start a draft from the data."""
    need = Need.EDIT if request.method == "POST" else Need.VIEW
    membership = membership_for(request.user, project_id, need)
    project = membership.project
    form = BriefStartForm(request.POST or None, initial={"audience": "alderman"})
    if request.method == "POST" and form.is_valid():
        draft = brief.brief_create(project=project, data=form.cleaned_data, user=request.user)
        messages.success(request, _("The draft is written from the project's data; edit it."))
        return redirect("evidence:brief_edit", project_id, draft.pk)
    context = {
        "project": project, "membership": membership, "form": form,
        "briefs": brief.brief_list(project=project),
        "issued": brief.issued_list(project=project),
    }
    return render(request, "evidence/brief/list.html", context, status=400 if form.errors else 200)


@login_required
def brief_edit(request: HttpRequest, project_id: int, brief_id: int) -> HttpResponse:
    need = Need.EDIT if request.method == "POST" else Need.VIEW
    membership, draft = _brief(request, project_id, brief_id, need)
    form = BriefForm(request.POST or None, instance=draft, project=membership.project)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_versioned(form, brief.brief_update, brief=draft, user=request.user)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            saved = None
        if saved is not None:
            if "preview" in request.POST:
                return redirect("evidence:brief_preview", project_id, brief_id)
            messages.success(request, _("The draft has been saved."))
            return redirect("evidence:brief_edit", project_id, brief_id)
    context = {"project": membership.project, "membership": membership, "brief": draft,
               "form": form}
    return render(request, "evidence/brief/edit.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def brief_preview(request: HttpRequest, project_id: int, brief_id: int) -> HttpResponse:
    membership, draft = _brief(request, project_id, brief_id)
    data = brief.brief_data(brief=draft, user=request.user)
    context = {
        "project": membership.project, "membership": membership, "brief": draft,
        "memo": brief_documents.brief_view(data), "chart": brief_documents.chart(data),
        # an empty figures section says whether figures are still to be added or only chosen
        "has_indicators": brief.indicators(project=membership.project).exists(),
    }
    return render(request, "evidence/brief/preview.html", context)


@login_required
@require_POST
def brief_issue(request: HttpRequest, project_id: int, brief_id: int) -> HttpResponse:
    _membership, draft = _brief(request, project_id, brief_id, Need.EDIT)
    version = request.POST.get("expected_version", "")
    try:
        brief.brief_issue(
            brief=draft, user=request.user,
            expected_version=int(version) if version.isdigit() else None,
        )
    except EditConflict:
        messages.error(request, _("Someone changed the draft meanwhile; look at it again."))
        return redirect("evidence:brief_preview", project_id, brief_id)
    messages.success(request, _("The brief has been issued and kept as it is."))
    return redirect("evidence:brief_list", project_id)


@login_required
@require_POST
def brief_delete(request: HttpRequest, project_id: int, brief_id: int) -> HttpResponse:
    _membership, draft = _brief(request, project_id, brief_id, Need.EDIT)
    brief.brief_delete(brief=draft, user=request.user)
    messages.success(request, _("“%(name)s” is in the bin now; an editor can restore it from "
                                "there.") % {"name": draft.title})
    return redirect("evidence:brief_list", project_id)


@login_required
@require_safe
def issued_pdf(request: HttpRequest, project_id: int, issued_id: int) -> HttpResponse:
    issued = _issued(request, project_id, issued_id, Need.VIEW)
    return file_response(issued.pdf, issued.title, "pdf")


@login_required
@require_safe
def issued_docx(request: HttpRequest, project_id: int, issued_id: int) -> HttpResponse:
    issued = _issued(request, project_id, issued_id, Need.VIEW)
    return file_response(issued.docx, issued.title, "docx")


@login_required
@require_POST
def issued_delete(request: HttpRequest, project_id: int, issued_id: int) -> HttpResponse:
    issued = _issued(request, project_id, issued_id, Need.EDIT)
    brief.issued_delete(issued=issued, user=request.user)
    messages.success(request, _("“%(name)s” is in the bin now; an editor can restore it from "
                                "there.") % {"name": issued.title})
    return redirect("evidence:brief_list", project_id)
