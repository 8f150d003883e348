"""The likely duplicates of a project's register, and marking a pair as not the same."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from parties.duplicates import duplicate_dismiss, duplicate_pairs
from parties.models import Party
from projects.access import Need, membership_for

PAGE_SIZE = 50


class DismissForm(forms.Form):
    first = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    second = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    page = forms.IntegerField(min_value=1, required=False)


def _merge_url(project_id: int) -> str:
    # The merge page arrives in its own change; until then the pairs offer no merge link.
    try:
        return reverse("parties:merge", args=[project_id])
    except NoReverseMatch:
        return ""


@login_required
@require_safe
def duplicates(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    page = Paginator(duplicate_pairs(project=project), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "project": project,
        "membership": membership,
        "page": page,
        "merge_url": _merge_url(project.pk),
    }
    return render(request, "parties/duplicates.html", context)


@login_required
@require_POST
def duplicates_dismiss(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    form = DismissForm(request.POST)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    try:
        duplicate_dismiss(
            project=membership.project,
            party_ids=(data["first"], data["second"]),
            user=request.user,
        )
    except Party.DoesNotExist as missing:
        raise Http404 from missing
    messages.success(request, _("The pair is marked as not the same and is no longer listed."))
    url = reverse("parties:duplicates", args=[project_id])
    return redirect(f"{url}?page={data['page']}" if data["page"] else url)
