"""How the end target group takes part: the activities, and which segments they reached."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lib.forms import save_versioned
from planning import selectors, services
from planning.forms import ParticipationForm
from planning.models import ParticipationActivity
from planning.views import form_response, in_bin_message
from projects.access import Need, membership_for
from projects.models import Membership


def _page_url(project_id: int, anchor: str = "") -> str:
    url = reverse("planning:participation", args=[project_id])
    return url + (f"#{anchor}" if anchor else "")


def _activity_for(
    request: HttpRequest, project_id: int, activity_id: int, need: Need
) -> tuple[Membership, ParticipationActivity]:
    membership = membership_for(request.user, project_id, need)
    activity = get_object_or_404(
        selectors.participation_activities(project=membership.project), pk=activity_id
    )
    return membership, activity


@login_required
@require_safe
def participation_page(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    context = {
        "project": membership.project,
        "membership": membership,
        "participation": selectors.participation(project=membership.project),
    }
    return render(request, "planning/participation.html", context)


@login_required
def participation_create(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    initial = {"segment": request.GET["segment"]} if request.GET.get("segment") else {}
    form = ParticipationForm(request.POST or None, project=membership.project, initial=initial)
    if request.method == "POST" and form.is_valid():
        activity = services.participation_create(
            project=membership.project, data=form.service_data(), user=request.user
        )
        messages.success(request, _("The activity has been added."))
        return redirect(_page_url(project_id, f"activity-{activity.pk}"))
    return form_response(
        request,
        membership,
        form,
        title=_("Add a participation activity"),
        back=_page_url(project_id),
    )


@login_required
def participation_edit(request: HttpRequest, project_id: int, activity_id: int) -> HttpResponse:
    membership, activity = _activity_for(request, project_id, activity_id, Need.CONTRIBUTE)
    form = ParticipationForm(request.POST or None, instance=activity, project=membership.project)
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.participation_update,
            activity=activity,
            user=request.user,
        )
        if saved is not None:
            messages.success(request, _("The activity has been saved."))
            return redirect(_page_url(project_id, f"activity-{activity.pk}"))
    return form_response(
        request,
        membership,
        form,
        title=_("Edit the participation activity"),
        back=_page_url(project_id),
        deletable=reverse("planning:participation_delete", args=[project_id, activity.pk]),
    )


@login_required
@require_POST
def participation_delete(request: HttpRequest, project_id: int, activity_id: int) -> HttpResponse:
    _membership, activity = _activity_for(request, project_id, activity_id, Need.CONTRIBUTE)
    services.participation_delete(activity=activity, user=request.user)
    messages.success(request, in_bin_message(activity))
    return redirect(_page_url(project_id))
