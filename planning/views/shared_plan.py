"""The shared plan: actions grouped by party or by phase, with what each needs and what the
parties contribute and gain."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lib.forms import save_versioned
from planning import selectors, services
from planning.forms import ContributionForm, PlanActionForm, PreconditionForm
from planning.models import Contribution, PlanAction, Precondition
from planning.views import form_response, in_bin_message, need_for
from projects.access import Need, membership_for
from projects.models import Membership

PAGE = "planning/plan.html"


def _by(request: HttpRequest) -> str:
    by = request.GET.get("by") or request.POST.get("by") or "party"
    return by if by in selectors.GROUPINGS else "party"


def _plan_url(project_id: int, by: str, anchor: str = "") -> str:
    url = reverse("planning:plan", args=[project_id]) + "?" + urlencode({"by": by})
    return url + (f"#{anchor}" if anchor else "")


def _action_for(
    request: HttpRequest, project_id: int, action_id: int, need: Need
) -> tuple[Membership, PlanAction]:
    membership = membership_for(request.user, project_id, need)
    action = get_object_or_404(selectors.plan_actions(project=membership.project), pk=action_id)
    return membership, action


def _row(request: HttpRequest, membership: Membership, action: PlanAction, by: str):
    action.means = selectors.means_of(action)
    context = {
        "project": membership.project,
        "membership": membership,
        "can_edit": membership.can_edit_register,
        "action": action,
        "by": by,
    }
    return render(request, f"{PAGE}#action-row", context)


@login_required
@require_safe
def plan_page(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    by = _by(request)
    context = {
        "project": membership.project,
        "membership": membership,
        "can_edit": membership.can_edit_register,
        "plan": selectors.plan(project=membership.project, by=by),
        "by": by,
    }
    if request.htmx and not request.htmx.boosted:
        return render(request, f"{PAGE}#groups", context)
    return render(request, PAGE, context)


@login_required
def plan_action_create(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    project, by = membership.project, _by(request)
    initial = {key: request.GET[key] for key in ("party", "phase") if request.GET.get(key)}
    form = PlanActionForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = services.plan_action_create(
            project=project, data=form.service_data(), user=request.user
        )
        messages.success(request, _("The action has been added to the plan."))
        return redirect(_plan_url(project_id, by, f"action-{action.pk}"))
    return form_response(
        request,
        membership,
        form,
        title=_("Add an action to the plan"),
        back=_plan_url(project_id, by),
        by=by,
    )


@login_required
def plan_action(request: HttpRequest, project_id: int, action_id: int) -> HttpResponse:
    """One action: shown as a row, opened for editing in place, or saved."""
    need = need_for(request, Need.EDIT)
    membership, action = _action_for(request, project_id, action_id, need)
    by = _by(request)
    if need is Need.VIEW:
        return _row(request, membership, action, by)
    grouped_by = (action.party_id, action.member_id, action.phase)
    form = PlanActionForm(
        request.POST or None,
        instance=action,
        project=membership.project,
        prefix=f"action{action.pk}",
    )
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.plan_action_update,
            action=action,
            user=request.user,
        )
        if saved is not None:
            saved = saved
            if not request.htmx:
                messages.success(request, _("The action has been saved."))
                return redirect(_plan_url(project_id, by, f"action-{saved.pk}"))
            if (saved.party_id, saved.member_id, saved.phase) != grouped_by:
                return HttpResponse(headers={"HX-Refresh": "true"})  # it moves to another group
            return _row(request, membership, saved, by)
    return form_response(
        request,
        membership,
        form,
        title=_("Edit the action"),
        back=_plan_url(project_id, by),
        page=PAGE,
        partial="action-form",
        action=action,
        by=by,
    )


@login_required
def plan_action_delete(request: HttpRequest, project_id: int, action_id: int) -> HttpResponse:
    membership, action = _action_for(request, project_id, action_id, Need.EDIT)
    by = _by(request)
    if request.method == "POST":
        services.plan_action_delete(action=action, user=request.user)
        messages.success(request, in_bin_message(action))
        return redirect(_plan_url(project_id, by))
    context = {
        "project": membership.project,
        "membership": membership,
        "object": action,
        "back": _plan_url(project_id, by),
        "by": by,
    }
    return render(request, "planning/delete.html", context)


def _precondition_for(
    request: HttpRequest, project_id: int, precondition_id: int
) -> tuple[Membership, Precondition]:
    membership = membership_for(request.user, project_id, Need.EDIT)
    precondition = get_object_or_404(
        Precondition.objects.select_related("action"),
        pk=precondition_id,
        action__project=membership.project,
        action__deleted_at__isnull=True,
    )
    return membership, precondition


@login_required
def precondition_create(request: HttpRequest, project_id: int, action_id: int) -> HttpResponse:
    membership, action = _action_for(request, project_id, action_id, Need.EDIT)
    by = _by(request)
    form = PreconditionForm(request.POST or None, project=membership.project)
    if request.method == "POST" and form.is_valid():
        services.precondition_create(action=action, data=form.service_data(), user=request.user)
        messages.success(request, _("The precondition has been added."))
        return redirect(_plan_url(project_id, by, f"action-{action.pk}"))
    return form_response(
        request,
        membership,
        form,
        title=_("What does “%(action)s” need?") % {"action": action},
        back=_plan_url(project_id, by, f"action-{action.pk}"),
        by=by,
    )


@login_required
def precondition_edit(request: HttpRequest, project_id: int, precondition_id: int) -> HttpResponse:
    membership, precondition = _precondition_for(request, project_id, precondition_id)
    by = _by(request)
    back = _plan_url(project_id, by, f"action-{precondition.action_id}")
    form = PreconditionForm(request.POST or None, instance=precondition, project=membership.project)
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.precondition_update,
            precondition=precondition,
            user=request.user,
        )
        if saved is not None:
            messages.success(request, _("The precondition has been saved."))
            return redirect(back)
    return form_response(
        request,
        membership,
        form,
        title=_("What does “%(action)s” need?") % {"action": precondition.action},
        back=back,
        by=by,
        deletable=reverse("planning:plan_precondition_delete", args=[project_id, precondition.pk]),
    )


@login_required
@require_POST
def precondition_delete(
    request: HttpRequest, project_id: int, precondition_id: int
) -> HttpResponse:
    _membership, precondition = _precondition_for(request, project_id, precondition_id)
    services.precondition_delete(precondition=precondition, user=request.user)
    messages.success(request, _("The precondition has been moved to the bin."))
    return redirect(_plan_url(project_id, _by(request), f"action-{precondition.action_id}"))


def _contribution_for(
    request: HttpRequest, project_id: int, contribution_id: int, need: Need
) -> tuple[Membership, Contribution]:
    membership = membership_for(request.user, project_id, need)
    contribution = get_object_or_404(
        selectors.contributions_of(project=membership.project), pk=contribution_id
    )
    return membership, contribution


@login_required
def contribution_create(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    by = _by(request)
    initial = {"party": request.GET["party"]} if request.GET.get("party") else {}
    form = ContributionForm(request.POST or None, project=membership.project, initial=initial)
    if request.method == "POST" and form.is_valid():
        contribution = services.contribution_create(
            project=membership.project, data=form.service_data(), user=request.user
        )
        messages.success(request, _("The contribution has been added."))
        return redirect(_plan_url(project_id, by, f"contribution-{contribution.pk}"))
    return form_response(
        request,
        membership,
        form,
        title=_("What a party contributes and gains"),
        back=_plan_url(project_id, by),
        by=by,
    )


@login_required
def contribution(request: HttpRequest, project_id: int, contribution_id: int) -> HttpResponse:
    """One contribution: shown as a row, opened for editing in place, or saved."""
    need = need_for(request, Need.EDIT)
    membership, item = _contribution_for(request, project_id, contribution_id, need)
    by = _by(request)
    context = {
        "project": membership.project,
        "membership": membership,
        "can_edit": membership.can_edit_register,
        "contribution": item,
        "by": by,
    }
    if need is Need.VIEW:
        return render(request, f"{PAGE}#contribution-row", context)
    party_id = item.party_id
    form = ContributionForm(
        request.POST or None,
        instance=item,
        project=membership.project,
        prefix=f"contribution{item.pk}",
    )
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.contribution_update,
            contribution=item,
            user=request.user,
        )
        if saved is not None:
            saved = saved
            if not request.htmx:
                messages.success(request, _("The contribution has been saved."))
                return redirect(_plan_url(project_id, by, f"contribution-{saved.pk}"))
            if saved.party_id != party_id:
                return HttpResponse(headers={"HX-Refresh": "true"})
            return render(request, f"{PAGE}#contribution-row", {**context, "contribution": saved})
    return form_response(
        request,
        membership,
        form,
        title=_("What a party contributes and gains"),
        back=_plan_url(project_id, by),
        page=PAGE,
        partial="contribution-form",
        contribution=item,
        by=by,
    )


@login_required
@require_POST
def contribution_delete(
    request: HttpRequest, project_id: int, contribution_id: int
) -> HttpResponse:
    _membership, item = _contribution_for(request, project_id, contribution_id, Need.EDIT)
    services.contribution_delete(contribution=item, user=request.user)
    messages.success(request, _("The contribution has been moved to the bin."))
    return redirect(_plan_url(project_id, _by(request)))
