"""Successes, and short messages about them for the partners or the council."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lib.forms import save_versioned
from planning import documents, selectors, services
from planning.forms import DownloadForm, SuccessChoiceForm, SuccessForm, SuccessMessageForm
from planning.models import Success, SuccessMessage
from planning.views import form_response, in_bin_message
from projects.access import Need, membership_for
from projects.models import Membership

CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _list_url(project_id: int, anchor: str = "") -> str:
    url = reverse("planning:successes", args=[project_id])
    return url + (f"#{anchor}" if anchor else "")


def _success_for(
    request: HttpRequest, project_id: int, success_id: int
) -> tuple[Membership, Success]:
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    success = get_object_or_404(selectors.success_list(project=membership.project), pk=success_id)
    return membership, success


def _message_for(
    request: HttpRequest, project_id: int, message_id: int, need: Need
) -> tuple[Membership, SuccessMessage]:
    membership = membership_for(request.user, project_id, need)
    message = get_object_or_404(
        SuccessMessage.objects.filter(project=membership.project), pk=message_id
    )
    return membership, message


def _file(title: str, text: str, fmt: str) -> HttpResponse:
    """The view only names the file; the documents module writes it."""
    if fmt == "docx":
        body = documents.message_docx(title=title, text=text)
    else:
        fmt, body = "txt", documents.message_txt(title=title, text=text)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{documents.message_filename(title, fmt)}"'
    )
    return response


@login_required
@require_safe
def success_list(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    context = {
        "project": project,
        "membership": membership,
        "successes": selectors.success_list(project=project),
        "saved_messages": selectors.message_list(project=project),
        "choice": SuccessChoiceForm(project=project),
    }
    return render(request, "planning/successes.html", context)


@login_required
def success_create(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    form = SuccessForm(request.POST or None, project=membership.project)
    if request.method == "POST" and form.is_valid():
        success = services.success_create(
            project=membership.project,
            data=form.service_data(),
            parties=form.parties(),
            user=request.user,
        )
        messages.success(request, _("The success has been logged."))
        return redirect(_list_url(project_id, f"success-{success.pk}"))
    return form_response(
        request, membership, form, title=_("Log a success"), back=_list_url(project_id)
    )


@login_required
def success_edit(request: HttpRequest, project_id: int, success_id: int) -> HttpResponse:
    membership, success = _success_for(request, project_id, success_id)
    form = SuccessForm(request.POST or None, instance=success, project=membership.project)
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.success_update,
            success=success,
            parties=form.parties(),
            user=request.user,
        )
        if saved is not None:
            messages.success(request, _("The success has been saved."))
            return redirect(_list_url(project_id, f"success-{success.pk}"))
    return form_response(
        request,
        membership,
        form,
        title=_("Edit the success"),
        back=_list_url(project_id),
        deletable=reverse("planning:success_delete", args=[project_id, success.pk]),
    )


@login_required
@require_POST
def success_delete(request: HttpRequest, project_id: int, success_id: int) -> HttpResponse:
    _membership, success = _success_for(request, project_id, success_id)
    services.success_delete(success=success, user=request.user)
    messages.success(request, in_bin_message(success))
    return redirect(_list_url(project_id))


@login_required
def message_compose(request: HttpRequest, project_id: int) -> HttpResponse:
    """Draft a message from the chosen successes (GET), or save it as edited (POST)."""
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    project = membership.project
    if request.method == "POST":
        form = SuccessMessageForm(request.POST, project=project)
        if form.is_valid():
            message = services.success_message_create(
                project=project,
                data=form.service_data(),
                successes=form.chosen(),
                user=request.user,
            )
            messages.success(request, _("The message has been saved."))
            return redirect("planning:message_edit", project_id, message.pk)
        choice = SuccessChoiceForm(project=project)
    else:
        choice = SuccessChoiceForm(request.GET or None, project=project)
        if not choice.is_valid():
            context = {"project": project, "membership": membership, "choice": choice}
            return render(
                request,
                "planning/message_choose.html",
                context,
                status=400 if choice.errors else 200,
            )
        chosen = selectors.successes_chosen(
            project=project, ids=[s.pk for s in choice.cleaned_data["success"]]
        )
        audience = choice.cleaned_data["audience"]
        form = SuccessMessageForm(
            project=project,
            initial={
                "title": documents.message_title(project=project, audience=audience),
                "audience": audience,
                "successes": chosen,
                "text": documents.message_draft(
                    project=project,
                    successes=chosen,
                    audience=audience,
                    sender=request.user.get_full_name() or request.user.username,
                ),
            },
        )
    context = {"project": project, "membership": membership, "form": form, "choice": choice}
    return render(request, "planning/message.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def message_download(request: HttpRequest, project_id: int) -> HttpResponse:
    """The text as it stands in the editor, saved or not, as a file."""
    membership_for(request.user, project_id, Need.CONTRIBUTE)
    form = DownloadForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            _("Give the message a title and a text."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    data = form.cleaned_data
    return _file(data["title"], data["text"], data["format"])


@login_required
def message_edit(request: HttpRequest, project_id: int, message_id: int) -> HttpResponse:
    need = Need.CONTRIBUTE if request.method == "POST" else Need.VIEW
    membership, message = _message_for(request, project_id, message_id, need)
    project = membership.project
    form = SuccessMessageForm(
        request.POST or None,
        instance=message,
        project=project,
        initial={"successes": list(message.successes.all())},
    )
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.success_message_update,
            message=message,
            user=request.user,
        )
        if saved is not None:
            message = saved
            messages.success(request, _("The message has been saved."))
            return redirect("planning:message_edit", project_id, message.pk)
    context = {
        "project": project,
        "membership": membership,
        "form": form,
        "message": message,
        "successes": message.successes.all(),
    }
    return render(request, "planning/message.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def message_file(request: HttpRequest, project_id: int, message_id: int) -> HttpResponse:
    _membership, message = _message_for(request, project_id, message_id, Need.VIEW)
    fmt = request.GET.get("format", "txt")
    if fmt not in CONTENT_TYPES:
        raise Http404
    return _file(message.title, message.text, fmt)


@login_required
@require_POST
def message_delete(request: HttpRequest, project_id: int, message_id: int) -> HttpResponse:
    _membership, message = _message_for(request, project_id, message_id, Need.CONTRIBUTE)
    services.success_message_delete(message=message, user=request.user)
    messages.success(request, in_bin_message(message))
    return redirect(_list_url(project_id))
