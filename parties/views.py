from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from parties import selectors, services
from parties.forms import (
    AssessmentForm,
    ContactPersonForm,
    PartyFilterForm,
    PartyForm,
    PartyRowForm,
)
from parties.models import ContactPerson, Party
from projects.access import Need, membership_for
from projects.models import Membership


def _party_for(
    request: HttpRequest, project_id: int, party_id: int, need: Need = Need.VIEW
) -> tuple[Membership, Party]:
    membership = membership_for(request.user, project_id, need)
    party = get_object_or_404(
        Party.objects.select_related("latest_assessment"), pk=party_id, project_id=project_id
    )
    return membership, party


@login_required
@require_safe
def party_list(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    form = PartyFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(
        selectors.party_list(project=project, filters=filters), settings.PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "project": project,
        "membership": membership,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "threshold": project.quadrant_threshold,
    }
    template = (
        "parties/list.html#results"
        if request.htmx and not request.htmx.boosted
        else ("parties/list.html")
    )
    return render(request, template, context)


@login_required
def party_create(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    project = membership.project
    form = PartyForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        data, segments = form.service_data()
        party = services.party_create(project=project, data=data, segments=segments)
        messages.success(request, _("%(name)s has been added to the register.") % {"name": party})
        return redirect("parties:detail", project.pk, party.pk)
    context = {"project": project, "membership": membership, "form": form}
    return render(request, "parties/form.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def party_detail(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    membership, party = _party_for(request, project_id, party_id)
    context = {
        "project": membership.project,
        "membership": membership,
        "party": party,
        "assessments": selectors.party_assessments(party=party),
        "contacts": party.contacts.all(),
        "segments": party.segments.all(),
        "assessment_form": AssessmentForm(previous=party.latest_assessment),
        "contact_form": ContactPersonForm(),
    }
    return render(request, "parties/detail.html", context)


@login_required
def party_edit(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    membership, party = _party_for(request, project_id, party_id, Need.EDIT)
    form = PartyForm(request.POST or None, instance=party, project=membership.project)
    if request.method == "POST" and form.is_valid():
        data, segments = form.service_data()
        services.party_update(party=party, data=data, segments=segments)
        messages.success(request, _("%(name)s has been saved.") % {"name": party})
        return redirect("parties:detail", project_id, party.pk)
    context = {
        "project": membership.project,
        "membership": membership,
        "form": form,
        "party": party,
    }
    return render(request, "parties/form.html", context, status=400 if form.errors else 200)


@login_required
def party_row(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    """One row of the list: shown, opened for editing in place, or saved."""
    need = Need.EDIT if request.method == "POST" or "edit" in request.GET else Need.VIEW
    membership, party = _party_for(request, project_id, party_id, need)
    context = {
        "project": membership.project,
        "membership": membership,
        "party": party,
        "threshold": membership.project.quadrant_threshold,
    }
    if need is Need.VIEW:
        return render(request, "parties/list.html#row", context)
    form = PartyRowForm(request.POST or None, instance=party, prefix=f"row{party.pk}")
    if request.method == "POST" and form.is_valid():
        services.party_update(party=party, data=form.cleaned_data)
        if not request.htmx:
            return redirect("parties:list", project_id)
        return render(request, "parties/list.html#row", context)
    context["row_form"] = form
    return render(
        request, "parties/list.html#row-form", context, status=400 if form.errors else 200
    )


@login_required
def assessment_create(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    membership, party = _party_for(request, project_id, party_id, Need.EDIT)
    form = AssessmentForm(request.POST or None, previous=party.latest_assessment)
    if request.method == "POST" and form.is_valid():
        services.assessment_record(party=party, assessed_by=request.user, data=form.cleaned_data)
        messages.success(request, _("The assessment has been recorded."))
        return redirect("parties:detail", project_id, party.pk)
    context = {
        "project": membership.project,
        "membership": membership,
        "party": party,
        "form": form,
    }
    return render(
        request, "parties/assessment_form.html", context, status=400 if form.errors else 200
    )


@login_required
def contact_create(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    membership, party = _party_for(request, project_id, party_id, Need.CONTRIBUTE)
    form = ContactPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_create(party=party, data=form.cleaned_data)
        messages.success(request, _("The contact person has been added."))
        return redirect("parties:detail", project_id, party.pk)
    context = {
        "project": membership.project,
        "membership": membership,
        "party": party,
        "form": form,
    }
    return render(request, "parties/contact_form.html", context, status=400 if form.errors else 200)


@login_required
def contact_edit(
    request: HttpRequest, project_id: int, party_id: int, contact_id: int
) -> HttpResponse:
    membership, party = _party_for(request, project_id, party_id, Need.CONTRIBUTE)
    contact = get_object_or_404(ContactPerson, pk=contact_id, party=party)
    form = ContactPersonForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        services.contact_update(contact=contact, data=form.cleaned_data)
        messages.success(request, _("The contact person has been saved."))
        return redirect("parties:detail", project_id, party.pk)
    context = {
        "project": membership.project,
        "membership": membership,
        "party": party,
        "form": form,
        "contact": contact,
    }
    return render(request, "parties/contact_form.html", context, status=400 if form.errors else 200)
