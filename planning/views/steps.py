"""The step plan: the method's checklists, ticked in place, and a page to print them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lib.concurrency import EditConflict
from planning import selectors, services
from planning.forms import StepTickForm
from planning.steps import ITEMS, STEP_OF_ITEM, Item
from planning.views import form_response
from projects.access import Need, membership_for
from projects.models import Membership, Project

PAGE = "planning/steps.html"


def _item(item_key: str) -> Item:
    item = ITEMS.get(item_key)
    if item is None:
        raise Http404
    return item


def _page_url(project_id: int, item_key: str = "") -> str:
    url = reverse("planning:steps", args=[project_id])
    return url + (f"#item-{item_key}" if item_key else "")


def _fragment(
    request: HttpRequest, membership: Membership, item: Item, notice: str = ""
) -> HttpResponse:
    """The item as it stands now, with its step's and the plan's progress out of band."""
    project: Project = membership.project
    plan = selectors.step_plan(project=project)
    step = next(s for s in plan.steps if s.step.key == STEP_OF_ITEM[item.key].key)
    state = next(s for s in step.items if s.item.key == item.key)
    context = {
        "project": project,
        "membership": membership,
        "state": state,
        "step": step,
        "plan": plan,
        "notice": notice,
        "oob": True,
    }
    body = render_to_string(f"{PAGE}#item", context, request=request)
    body += render_to_string(f"{PAGE}#step-progress", context, request=request)
    body += render_to_string(f"{PAGE}#plan-progress", context, request=request)
    return HttpResponse(body)


@login_required
@require_safe
def steps_page(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    context = {
        "project": membership.project,
        "membership": membership,
        "plan": selectors.step_plan(project=membership.project),
    }
    return render(request, PAGE, context)


@login_required
@require_safe
def steps_print(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    context = {
        "project": membership.project,
        "membership": membership,
        "plan": selectors.step_plan(project=membership.project, with_links=False),
        "today": timezone.localdate(),
    }
    return render(request, "planning/steps_print.html", context)


@login_required
def step_tick(request: HttpRequest, project_id: int, item_key: str) -> HttpResponse:
    """Tick an item, or change the evidence of a ticked one; GET opens the evidence form."""
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    item = _item(item_key)
    project = membership.project
    tick = selectors.step_tick_of(project=project, item_key=item.key)
    initial = {"expected_version": tick.version if tick else 0}
    if tick is not None:
        initial |= {"evidence_text": tick.evidence_text, "evidence_url": tick.evidence_url}
    form = StepTickForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.step_tick(
                project=project, item_key=item.key, user=request.user, **form.cleaned_data
            )
        except EditConflict:
            return _conflict(request, membership, item)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.htmx:
                return _fragment(request, membership, item)
            messages.success(request, _("The item has been ticked."))
            return redirect(_page_url(project_id, item.key))
    state = selectors.item_state(project=project, item=item, tick=tick)
    return form_response(
        request,
        membership,
        form,
        title=str(item.text),
        back=_page_url(project_id, item.key),
        page=PAGE,
        partial="item-form",
        state=state,
        step=STEP_OF_ITEM[item.key],
    )


@login_required
@require_POST
def step_untick(request: HttpRequest, project_id: int, item_key: str) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    item = _item(item_key)
    form = StepTickForm(request.POST)
    expected = form.cleaned_data["expected_version"] if form.is_valid() else None
    try:
        services.step_untick(
            project=membership.project,
            item_key=item.key,
            user=request.user,
            expected_version=expected,
        )
    except (EditConflict, ValidationError):
        return _conflict(request, membership, item)
    if request.htmx:
        return _fragment(request, membership, item)
    messages.success(request, _("The tick has been removed."))
    return redirect(_page_url(project_id, item.key))


def _conflict(request: HttpRequest, membership: Membership, item: Item) -> HttpResponse:
    notice = _("Someone else changed this item in the meantime; this is how it stands now.")
    if request.htmx:
        return _fragment(request, membership, item, notice)
    messages.error(request, notice)
    return redirect(_page_url(membership.project.pk, item.key))
