"""The owners' view of the retention period: who the next run anonymises, and why."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from parties.privacy import retention_cutoff, retention_preview
from projects.access import Need, membership_for


@login_required
@require_safe
def retention(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.OWN)
    project = membership.project
    context = {
        "project": project,
        "membership": membership,
        "cutoff": retention_cutoff(project=project),
        "candidates": retention_preview(project=project),
    }
    return render(request, "parties/retention.html", context)
