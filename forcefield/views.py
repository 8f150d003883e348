"""The force field page and its in-place edits.

Every edit works two ways: with htmx a fragment of the page is swapped (a row into its form and
back), and the chart and totals come along out of band; without JavaScript the same URL shows a
plain form page and redirects back to the force field.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from analysis.svg import to_png
from forcefield import selectors, services
from forcefield.chart import force_chart
from forcefield.forms import ChangeForm, ForceActionForm, ForceForm
from forcefield.models import Force, ForceAction, ForceField
from lib.forms import save_versioned
from lib.text import xml_safe
from projects.access import Need, membership_for
from projects.models import Membership

PAGE = "forcefield/page.html"


def _summary(membership: Membership) -> dict[str, Any]:
    """What the page shows: the field, its forces, the figures and the chart."""
    field, forces = selectors.forces_of(membership.project)
    analysis = selectors.forcefield_from(field, forces)
    return {
        "project": membership.project,
        "membership": membership,
        "can_edit": membership.can_edit_register,
        "field": field,
        "forces": forces,
        "analysis": analysis,
        "chart": force_chart(analysis),
    }


def _fragment(
    request: HttpRequest, membership: Membership, partial: str, **context
) -> HttpResponse:
    """A fragment of the page, with the chart and the totals refreshed out of band."""
    context = {**_summary(membership), **context, "oob": True}
    body = render_to_string(f"{PAGE}#{partial}", context, request=request)
    body += render_to_string(f"{PAGE}#summary", context, request=request)
    return HttpResponse(body)


def _form_page(
    request: HttpRequest, membership: Membership, form, title: str, partial: str, **context
) -> HttpResponse:
    """A form on its own page without JavaScript, or as a fragment with htmx. htmx only swaps
    a 2xx answer, so a form with errors comes back as 200 there and as 400 otherwise."""
    context = {
        "project": membership.project,
        "membership": membership,
        "form": form,
        "title": title,
        **context,
    }
    if request.htmx:
        return render(request, f"{PAGE}#{partial}", context)
    return render(request, "forcefield/form.html", context, status=400 if form.errors else 200)


def _force_for(
    request: HttpRequest, project_id: int, force_id: int, need: Need
) -> tuple[Membership, Force]:
    membership = membership_for(request.user, project_id, need)
    force = get_object_or_404(
        Force.objects.select_related("field", "party"), pk=force_id, field__project_id=project_id
    )
    return membership, force


def _action_for(
    request: HttpRequest, project_id: int, force_id: int, force_action_id: int, need: Need
) -> tuple[Membership, ForceAction]:
    membership, force = _force_for(request, project_id, force_id, need)
    action = get_object_or_404(ForceAction, pk=force_action_id, force=force)
    action.force = force
    return membership, action


def _need(request: HttpRequest, *, edit_param: bool = True) -> Need:
    """Viewers may see a fragment; opening a form or saving needs the right to edit."""
    if request.method == "POST" or not request.htmx or (edit_param and "edit" in request.GET):
        return Need.EDIT
    return Need.VIEW


@login_required
@require_safe
def page(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    return render(request, PAGE, _summary(membership))


@login_required
def change(request: HttpRequest, project_id: int) -> HttpResponse:
    """The change the project wants: shown, opened for editing, or saved."""
    membership = membership_for(request.user, project_id, _need(request))
    project = membership.project
    if _need(request) is Need.VIEW:
        return render(request, f"{PAGE}#change", _summary(membership))
    field = ForceField.objects.filter(project=project).first() or ForceField(project=project)
    form = ChangeForm(request.POST or None, instance=field)
    if request.method == "POST" and form.is_valid():
        # A form opened before the field existed started from its first version.
        if not form.cleaned_data["expected_version"]:
            form.cleaned_data["expected_version"] = 1
        saved = save_versioned(form, services.forcefield_update, project=project, user=request.user)
        if saved is not None:
            if not request.htmx:
                messages.success(request, _("The change has been saved."))
                return redirect("forcefield:page", project_id)
            return _fragment(request, membership, "change")
    return _form_page(request, membership, form, _("The change the project wants"), "change-form")


@login_required
def force_create(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    direction = request.GET.get("direction") or request.POST.get("new-direction")
    if direction not in Force.Direction.values:
        direction = Force.Direction.DRIVING
    if request.htmx and "closed" in request.GET:
        return render(request, f"{PAGE}#adder", {**_summary(membership), "direction": direction})
    form = ForceForm(
        request.POST or None,
        project=membership.project,
        prefix="new",
        initial={"direction": direction},
    )
    if request.method == "POST" and form.is_valid():
        force = services.force_create(
            project=membership.project, data=form.service_data(), user=request.user
        )
        if not request.htmx:
            messages.success(request, _("The force has been added."))
            return redirect("forcefield:page", project_id)
        return _fragment(
            request,
            membership,
            "force-added",
            direction=force.direction,
            added=force,
        )
    title = _("Add a driving force") if direction == "driving" else _("Add a restraining force")
    return _form_page(request, membership, form, title, "force-new", direction=direction)


@login_required
def force(request: HttpRequest, project_id: int, force_id: int) -> HttpResponse:
    """One force: shown, opened for editing in place, or saved."""
    membership, force = _force_for(request, project_id, force_id, _need(request))
    context = {
        "project": membership.project,
        "membership": membership,
        "force": force,
        "can_edit": membership.can_edit_register,
    }
    if _need(request) is Need.VIEW:
        return render(request, f"{PAGE}#force-head", context)
    direction = force.direction  # before the form writes its values onto `force`
    form = ForceForm(
        request.POST or None, instance=force, project=membership.project, prefix=f"force{force.pk}"
    )
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.force_update,
            force=force,
            user=request.user,
        )
        if saved is not None:
            saved = saved
            if not request.htmx:
                messages.success(request, _("The force has been saved."))
                return redirect("forcefield:page", project_id)
            if saved.direction != direction:  # it moves to the other side: show the page anew
                return HttpResponse(headers={"HX-Refresh": "true"})
            return _fragment(request, membership, "force-head", force=saved)
    return _form_page(request, membership, form, _("Edit the force"), "force-form", force=force)


@login_required
def force_delete(request: HttpRequest, project_id: int, force_id: int) -> HttpResponse:
    membership, force = _force_for(request, project_id, force_id, Need.EDIT)
    if request.method == "POST":
        services.force_delete(force=force, user=request.user)
        if request.htmx:
            return _fragment(request, membership, "nothing")
        messages.success(request, _("The force and its actions have been deleted."))
        return redirect("forcefield:page", project_id)
    context = {"project": membership.project, "membership": membership, "force": force}
    return render(request, "forcefield/delete.html", context)


@login_required
def action_create(request: HttpRequest, project_id: int, force_id: int) -> HttpResponse:
    membership, force = _force_for(request, project_id, force_id, Need.EDIT)
    context = {"force": force, "can_edit": True}
    if request.htmx and "closed" in request.GET:
        return render(request, f"{PAGE}#action-adder", {**_summary(membership), **context})
    form = ForceActionForm(request.POST or None, prefix=f"new-action{force.pk}")
    if request.method == "POST" and form.is_valid():
        action = services.action_create(force=force, data=form.service_data(), user=request.user)
        if not request.htmx:
            messages.success(request, _("The action has been added."))
            return redirect("forcefield:page", project_id)
        return _fragment(request, membership, "action-added", added=action, **context)
    title = _("Add an action to “%(force)s”") % {"force": force}
    return _form_page(request, membership, form, title, "action-new", **context)


@login_required
def action(
    request: HttpRequest, project_id: int, force_id: int, force_action_id: int
) -> HttpResponse:
    """One action: shown, opened for editing in place, or saved."""
    membership, action = _action_for(request, project_id, force_id, force_action_id, _need(request))
    context = {
        "project": membership.project,
        "membership": membership,
        "action": action,
        "force": action.force,
        "can_edit": membership.can_edit_register,
    }
    if _need(request) is Need.VIEW:
        return render(request, f"{PAGE}#action", context)
    form = ForceActionForm(request.POST or None, instance=action, prefix=f"action{action.pk}")
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.action_update,
            action=action,
            user=request.user,
        )
        if saved is not None:
            saved = saved
            if not request.htmx:
                messages.success(request, _("The action has been saved."))
                return redirect("forcefield:page", project_id)
            return _fragment(request, membership, "action", **{**context, "action": saved})
    return _form_page(
        request,
        membership,
        form,
        _("Edit the action"),
        "action-form",
        action=action,
        force=action.force,
    )


@login_required
def action_delete(
    request: HttpRequest, project_id: int, force_id: int, force_action_id: int
) -> HttpResponse:
    membership, action = _action_for(request, project_id, force_id, force_action_id, Need.EDIT)
    if request.method == "POST":
        services.action_delete(action=action, user=request.user)
        if request.htmx:
            return _fragment(request, membership, "nothing")
        messages.success(request, _("The action has been deleted."))
        return redirect("forcefield:page", project_id)
    context = {
        "project": membership.project,
        "membership": membership,
        "action": action,
        "force": action.force,
    }
    return render(request, "forcefield/delete.html", context)


def _svg(request: HttpRequest, project_id: int) -> tuple[Membership, str]:
    membership = membership_for(request.user, project_id)
    context = {**_summary(membership), "standalone": True}
    # Stored texts may hold control characters: the file must stay valid XML.
    return membership, xml_safe(render_to_string(f"{PAGE}#chart", context, request=request))


@login_required
@require_safe
def chart_svg(request: HttpRequest, project_id: int) -> HttpResponse:
    membership, svg = _svg(request, project_id)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="force-field-{membership.project.pk}.svg"'
    )
    return response


@login_required
@require_safe
def chart_png(request: HttpRequest, project_id: int) -> HttpResponse:
    membership, svg = _svg(request, project_id)
    response = HttpResponse(to_png(svg), content_type="image/png")
    response["Content-Disposition"] = (
        f'attachment; filename="force-field-{membership.project.pk}.png"'
    )
    return response
