from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_safe

from projects.access import Need, membership_for
from projects.models import Membership
from transfer import export, selectors, services
from transfer.forms import UploadForm
from transfer.matching import SHOWN as MATCHES_SHOWN
from transfer.matching import proposed_matches
from transfer.models import ImportBatch
from transfer.outcome import Outcome
from transfer.progress import progress_get
from transfer.reading import MAX_BYTES, UnreadableFile, too_large_message

SHOWN_ERRORS = 500
# Room for the form's other fields and the multipart boundaries around the file.
MAX_REQUEST = MAX_BYTES + 64 * 1024


def _download(content: bytes, extension: str, filename: str) -> HttpResponse:
    kind = export.CSV_TYPE if extension == "csv" else export.XLSX_TYPE
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _extension(request: HttpRequest) -> str:
    return "csv" if request.GET.get("format") == "csv" else "xlsx"


@login_required
@require_safe
def index(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    context = {"project": membership.project, "membership": membership, "form": UploadForm()}
    return render(request, "transfer/index.html", context)


@login_required
@require_safe
def register_export(request: HttpRequest, project_id: int) -> HttpResponse:
    project = membership_for(request.user, project_id).project
    extension, language = _extension(request), get_language()
    rows = selectors.register_rows(project=project)
    write = export.register_csv if extension == "csv" else export.register_xlsx
    return _download(
        write(rows, language), extension, export.download_name(project, extension, language)
    )


@login_required
@require_safe
def template(request: HttpRequest, project_id: int) -> HttpResponse:
    project = membership_for(request.user, project_id).project
    extension, language = _extension(request), get_language()
    write = export.template_csv if extension == "csv" else export.template_xlsx
    name = export.download_name(project, extension, language, template=True)
    return _download(write(language), extension, name)


def _upload_page(
    request: HttpRequest,
    membership: Membership,
    kind: str,
    form: UploadForm,
    status: int = 200,
    refused: str = "",
) -> HttpResponse:
    context = {
        "project": membership.project,
        "membership": membership,
        "form": form,
        "kind": kind,
        "refused": refused,
    }
    return render(request, "transfer/upload.html", context, status=status)


def _upload(request: HttpRequest, project_id: int, kind: str) -> HttpResponse:
    """Refuses a request that announces more than the limit before reading its body, then
    checks the CSRF token (which reads it)."""
    membership = membership_for(request.user, project_id, Need.EDIT)
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST:
        return _upload_page(
            request, membership, kind, UploadForm(), status=413, refused=too_large_message()
        )
    return _upload_checked(request, membership, kind)


@csrf_protect
def _upload_checked(request: HttpRequest, membership: Membership, kind: str) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.batch_create(
                project=membership.project,
                user=request.user,
                kind=kind,
                filename=form.cleaned_data["file"].name,
                content=form.content,
                language=get_language(),
                checked=form.checked,
            )
        except UnreadableFile as refused:
            form.add_error("file", refused.message)
        else:
            return redirect("transfer:batch", membership.project.pk, batch.pk)
    return _upload_page(request, membership, kind, form, status=400 if form.errors else 200)


@csrf_exempt  # checked in _upload_checked, once the size is known to be acceptable
@login_required
def upload_parties(request: HttpRequest, project_id: int) -> HttpResponse:
    return _upload(request, project_id, ImportBatch.Kind.PARTIES)


@csrf_exempt  # checked in _upload_checked, once the size is known to be acceptable
@login_required
def upload_relations(request: HttpRequest, project_id: int) -> HttpResponse:
    return _upload(request, project_id, ImportBatch.Kind.RELATIONS)


@login_required
def batch(request: HttpRequest, project_id: int, batch_id: int) -> HttpResponse:
    """An upload: its preview, the import running in the background, or its outcome (GET);
    confirming or discarding the preview (POST)."""
    membership = membership_for(request.user, project_id, Need.EDIT)
    batch = get_object_or_404(
        ImportBatch.objects.defer("content"),
        pk=batch_id,
        project=membership.project,
        user=request.user,
    )
    waiting = batch.applied_at is None and batch.queued_at is None and not batch.checking
    if request.method == "POST":
        if request.POST.get("action") == "undo":
            return _undo(request, batch)
        return _confirm(request, batch) if waiting else redirect(request.path)
    outcome = Outcome.from_json(batch.preview)
    context = {
        "project": membership.project,
        "membership": membership,
        "batch": batch,
        "outcome": outcome,
    }
    if not waiting:
        if batch.applied_at:
            context["undoable"] = services.batch_undoable(batch)
            context["undone"] = bool(batch.preview.get("undone"))
            return render(request, "transfer/done.html", context)
        context["progress"] = progress_get(batch.pk)
        return render(request, "transfer/running.html", context)
    context["errors"] = outcome.errors[:SHOWN_ERRORS]
    context["hidden_errors"] = max(0, len(outcome.errors) - SHOWN_ERRORS)
    # A file the worker refused or could not check has no preview to confirm.
    context["checked"] = bool(batch.preview)
    if context["checked"]:
        matches = proposed_matches(batch=batch)
        context["matches"], context["matches_count"] = matches[:MATCHES_SHOWN], len(matches)
    return render(request, "transfer/preview.html", context)


def _confirm(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    project_id = batch.project_id
    if request.POST.get("action") == "discard":
        services.batch_discard(batch=batch)
        messages.success(request, _("The upload has been discarded; nothing was imported."))
        return redirect("transfer:index", project_id)
    if not batch.preview:
        return redirect("transfer:batch", project_id, batch.pk)
    services.batch_queue(batch=batch, user=request.user, language=get_language())
    return redirect("transfer:batch", project_id, batch.pk)


def _undo(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    try:
        removed = services.batch_undo(batch=batch, user=request.user)
    except services.UndoRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            ngettext(
                "The import has been undone: %(count)s party removed.",
                "The import has been undone: %(count)s parties removed.",
                removed,
            )
            % {"count": removed},
        )
    return redirect("transfer:batch", batch.project_id, batch.pk)
