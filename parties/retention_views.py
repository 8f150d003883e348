"""The owners' view of the retention period: who the next run anonymises, and why."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from parties.privacy import contacts_past_retention, retention_cutoff, retention_explain
from projects.access import Need, membership_for

PAGE_SIZE = 100


@login_required
@require_safe
def retention(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.OWN)
    project = membership.project
    # Paged in the database: the explanation is worked out for the people shown only.
    contacts = contacts_past_retention(project=project)
    page = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = retention_explain(page.object_list)
    context = {
        "project": project,
        "membership": membership,
        "cutoff": retention_cutoff(project=project),
        "page": page,
    }
    return render(request, "parties/retention.html", context)
