"""Pages of the evidence: policy documents, their scan and passages, marked passages and the
project's search terms. Every view starts from `membership_for`: contributors upload and mark,
every member reads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from evidence import selectors, services
from evidence.extract import MAX_BYTES, Refused, too_large
from evidence.forms import DocumentForm, FamilyFilter, FamilyForm, MarkForm, UploadForm
from evidence.models import EvidenceMark, Passage, PolicyDocument, TermFamily
from lib.forms import save_versioned
from projects.access import Need, membership_for
from projects.models import Membership

MAX_REQUEST = MAX_BYTES + 64 * 1024
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/plain; charset=utf-8",  # never served as HTML
    "text": "text/plain",
}


def _need(request: HttpRequest, write: Need) -> Need:
    return write if request.method == "POST" else Need.VIEW


def _status(form) -> int:
    return 400 if form.errors else 200


def _document_for(
    request: HttpRequest, project_id: int, document_id: int, need: Need = Need.VIEW
) -> tuple[Membership, PolicyDocument]:
    membership = membership_for(request.user, project_id, need)
    document = get_object_or_404(
        PolicyDocument.objects.select_related("place"), pk=document_id, project_id=project_id
    )
    document.project = membership.project
    return membership, document


def _mark_for(
    request: HttpRequest, project_id: int, mark_id: int
) -> tuple[Membership, EvidenceMark]:
    membership = membership_for(request.user, project_id, _need(request, Need.CONTRIBUTE))
    mark = get_object_or_404(
        EvidenceMark.objects.select_related("passage", "passage__document"),
        pk=mark_id, project_id=project_id, passage__document__deleted_at__isnull=True,
    )
    return membership, mark


@login_required
@require_safe
def index(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    context = {
        "project": project, "membership": membership,
        "documents": selectors.documents(project=project),
        "citations": selectors.citations(project),
    }
    return render(request, "evidence/index.html", context)


@csrf_exempt  # checked in _upload, once the size is known to be acceptable
@login_required
def upload(request: HttpRequest, project_id: int) -> HttpResponse:
    """Refuses a request that announces more than the limit before reading its body."""
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST:
        form = UploadForm(project=membership.project)
        form.add_error(None, too_large().message)
        context = {"project": membership.project, "membership": membership, "form": form}
        return render(request, "evidence/upload.html", context, status=413)
    return _upload(request, membership)


@csrf_protect
def _upload(request: HttpRequest, membership: Membership) -> HttpResponse:
    project = membership.project
    form = UploadForm(request.POST or None, request.FILES or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            document = _create(request, form, membership)
        except Refused as refused:
            form.add_error("file" if form.cleaned_data.get("file") else "url", refused.message)
        else:
            services.scan_queue(document=document, language=get_language())
            return redirect("evidence:document", project.pk, document.pk)
    context = {"project": project, "membership": membership, "form": form}
    return render(request, "evidence/upload.html", context, status=_status(form))


def _create(request: HttpRequest, form: UploadForm, membership: Membership) -> PolicyDocument:
    data, upload = form.service_data(), form.cleaned_data.get("file")
    if upload is None:
        return services.document_from_url(
            project=membership.project, data=data, url=form.cleaned_data["url"], user=request.user
        )
    return services.document_upload(
        project=membership.project, data=data, filename=upload.name, content=upload.read(),
        user=request.user,
    )


@login_required
@require_safe
def document(request: HttpRequest, project_id: int, document_id: int) -> HttpResponse:
    """The document, its scan's progress while it runs (the page refreshes itself), then its
    passages by term family."""
    membership, document = _document_for(request, project_id, document_id)
    chosen = FamilyFilter(request.GET)
    family = chosen.cleaned_data["family"] if chosen.is_valid() else ""
    context = {
        "project": document.project, "membership": membership, "document": document,
        "families": selectors.families_of(document), "family": family,
        "passages": [] if document.running else selectors.passages(
            document=document, family=family
        ),
        "mark_form": MarkForm(),
    }
    return render(request, "evidence/document.html", context)


@login_required
def document_edit(request: HttpRequest, project_id: int, document_id: int) -> HttpResponse:
    membership, document = _document_for(
        request, project_id, document_id, _need(request, Need.CONTRIBUTE)
    )
    form = DocumentForm(request.POST or None, instance=document, project=document.project)
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form, services.document_update, document=document, user=request.user
        )
        if saved is not None:
            messages.success(request, _("The document has been saved."))
            return redirect("evidence:document", project_id, document_id)
    context = {
        "project": document.project, "membership": membership, "document": document,
        "form": form,
    }
    return render(request, "evidence/document_form.html", context, status=_status(form))


@login_required
def document_delete(request: HttpRequest, project_id: int, document_id: int) -> HttpResponse:
    membership, document = _document_for(
        request, project_id, document_id, _need(request, Need.CONTRIBUTE)
    )
    if request.method == "POST":
        services.document_delete(document=document, user=request.user)
        messages.success(
            request, _("The document has been moved to the bin. You can restore it there.")
        )
        return redirect("evidence:index", project_id)
    context = {"project": document.project, "membership": membership, "document": document}
    return render(request, "evidence/document_delete.html", context)


@login_required
@require_safe
def document_file(request: HttpRequest, project_id: int, document_id: int) -> HttpResponse:
    _membership, document = _document_for(request, project_id, document_id)
    if not document.stored_name or not default_storage.exists(document.stored_name):
        raise Http404
    return FileResponse(
        default_storage.open(document.stored_name, "rb"), as_attachment=True,
        filename=document.filename or f"document-{document.pk}",
        content_type=CONTENT_TYPES.get(document.file_format, "application/octet-stream"),
    )


@login_required
@require_POST
def document_rescan(request: HttpRequest, project_id: int, document_id: int) -> HttpResponse:
    _membership, document = _document_for(request, project_id, document_id, Need.CONTRIBUTE)
    if not document.running:
        PolicyDocument.objects.filter(pk=document.pk).update(status="queued", failure="")
        services.scan_queue(document=document, language=get_language())
    return redirect("evidence:document", project_id, document_id)


@login_required
@require_POST
def mark_create(request: HttpRequest, project_id: int, passage_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    passage = get_object_or_404(
        Passage.objects.select_related("document"), pk=passage_id,
        document__project=membership.project, document__deleted_at__isnull=True,
    )
    form = MarkForm(request.POST)
    if form.is_valid():
        try:
            services.mark_create(passage=passage, data=form.service_data(), user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The passage has been marked as evidence."))
    url = f"{request.POST.get('next_family', '')}"
    target = redirect("evidence:document", project_id, passage.document_id)
    if url:
        target["Location"] += "?" + _query(url)
    target["Location"] += f"#passage-{passage.pk}"
    return target


def _query(family: str) -> str:
    from django.utils.http import urlencode

    return urlencode({"family": family})


@login_required
def mark_edit(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    membership, mark = _mark_for(request, project_id, mark_id)
    form = MarkForm(request.POST or None, instance=mark)
    saved = None
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(form, services.mark_update, mark=mark, user=request.user)
    if saved is not None:
        messages.success(request, _("The note has been saved."))
        return redirect("evidence:index", project_id)
    context = {"project": membership.project, "membership": membership, "mark": mark, "form": form}
    return render(request, "evidence/mark_form.html", context, status=_status(form))


@login_required
def mark_delete(request: HttpRequest, project_id: int, mark_id: int) -> HttpResponse:
    membership, mark = _mark_for(request, project_id, mark_id)
    if request.method == "POST":
        services.mark_delete(mark=mark, user=request.user)
        messages.success(
            request, _("The mark has been moved to the bin. You can restore it there.")
        )
        return redirect("evidence:index", project_id)
    context = {"project": membership.project, "membership": membership, "mark": mark}
    return render(request, "evidence/mark_delete.html", context)


@login_required
@require_safe
def vocabulary(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    context = {
        "project": project, "membership": membership,
        "families": services.vocabulary(project=project),
        "automatic": [
            (name, terms) for name, terms in services.families_for(project).items()
            if name not in {f.name for f in TermFamily.objects.filter(project=project)}
        ],
    }
    return render(request, "evidence/vocabulary.html", context)


def _family_page(request, membership, form, family=None) -> HttpResponse:
    context = {
        "project": membership.project, "membership": membership, "form": form, "family": family,
    }
    return render(request, "evidence/family_form.html", context, status=_status(form))


def _rescan(request: HttpRequest, membership: Membership) -> None:
    count = services.project_rescan(project=membership.project, language=get_language())
    if count:
        messages.info(request, _("The documents are searched again with the new terms."))


@login_required
def family_create(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    form = FamilyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.family_create(
                project=membership.project, data=form.service_data(), user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _rescan(request, membership)
            return redirect("evidence:vocabulary", project_id)
    return _family_page(request, membership, form)


@login_required
def family_edit(request: HttpRequest, project_id: int, family_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, _need(request, Need.CONTRIBUTE))
    family = get_object_or_404(TermFamily, pk=family_id, project=membership.project)
    if request.method == "POST" and request.POST.get("action") == "delete":
        services.family_delete(family=family, user=request.user)
        _rescan(request, membership)
        return redirect("evidence:vocabulary", project_id)
    form = FamilyForm(request.POST or None, instance=family)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_versioned(form, services.family_update, family=family, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if saved is not None:
                _rescan(request, membership)
                return redirect("evidence:vocabulary", project_id)
    return _family_page(request, membership, form, family)
