"""Who can help: the directory of organisations that support local health policy. It belongs
to the user's organisations, not to a project: each may add its own entries and hide shipped
ones."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lib.forms import save_versioned
from planning import selectors, services
from planning.forms import DirectoryFilterForm, HelperForm
from planning.models import HelperEntry
from projects.models import Organisation

PAGE = "planning/helpers.html"


def _visible(request: HttpRequest, helper_id: int) -> HelperEntry:
    helper = selectors.helper_for_user(user=request.user, helper_id=helper_id)
    if helper is None:
        raise Http404
    return helper


def _own(request: HttpRequest, helper_id: int) -> HelperEntry:
    """An entry of one of the user's organisations; shipped entries cannot be changed."""
    helper = _visible(request, helper_id)
    if helper.is_shipped:
        raise PermissionDenied
    return helper


def _organisation(request: HttpRequest) -> Organisation:
    """The organisation a hide or show applies to: the one posted, else the user's first."""
    organisations = selectors.organisations_of(request.user)
    chosen = request.POST.get("organisation", "")
    for organisation in organisations:
        if not chosen or str(organisation.pk) == chosen:
            return organisation
    raise PermissionDenied


@login_required
@require_safe
def helper_directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    context = {
        "form": form,
        "directory": selectors.directory(
            user=request.user, region=filters.get("region", ""), theme=filters.get("theme", "")
        ),
    }
    template = f"{PAGE}#results" if request.htmx and not request.htmx.boosted else PAGE
    return render(request, template, context)


@login_required
def helper_create(request: HttpRequest) -> HttpResponse:
    organisations = selectors.organisations_of(request.user)
    if not organisations:
        raise PermissionDenied
    form = HelperForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        helper = services.helper_create(
            organisation=form.cleaned_data["organisation"],
            data=form.service_data(),
            user=request.user,
        )
        messages.success(request, _("%(name)s has been added to the directory.") % {"name": helper})
        return redirect("planning:helpers")
    context = {"form": form, "title": _("Add an organisation that helps")}
    return render(request, "planning/helper_form.html", context, status=400 if form.errors else 200)


@login_required
def helper_edit(request: HttpRequest, helper_id: int) -> HttpResponse:
    helper = _own(request, helper_id)
    form = HelperForm(request.POST or None, instance=helper, organisations=[])
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.helper_update,
            helper=helper,
            user=request.user,
        )
        if saved is not None:
            messages.success(request, _("%(name)s has been saved.") % {"name": helper})
            return redirect("planning:helpers")
    context = {"form": form, "helper": helper, "title": _("Edit the entry")}
    return render(request, "planning/helper_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def helper_delete(request: HttpRequest, helper_id: int) -> HttpResponse:
    helper = _own(request, helper_id)
    services.helper_delete(helper=helper, user=request.user)
    messages.success(request, _("%(name)s has been removed from the directory.") % {"name": helper})
    return redirect("planning:helpers")


@login_required
@require_POST
def helper_hide(request: HttpRequest, helper_id: int) -> HttpResponse:
    helper = _visible(request, helper_id)
    if not helper.is_shipped:
        raise PermissionDenied
    organisation = _organisation(request)
    services.helper_hide(organisation=organisation, helper=helper, user=request.user)
    messages.success(
        request,
        _("%(name)s is hidden for %(organisation)s.")
        % {"name": helper, "organisation": organisation},
    )
    return redirect("planning:helpers")


@login_required
@require_POST
def helper_show(request: HttpRequest, helper_id: int) -> HttpResponse:
    helper = _visible(request, helper_id)
    organisation = _organisation(request)
    services.helper_unhide(organisation=organisation, helper=helper, user=request.user)
    messages.success(request, _("%(name)s is shown again.") % {"name": helper})
    return redirect("planning:helpers")
