from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from history import bin as history_bin
from history.selectors import history_of
from history.services import versions_of
from lib.collation import sort_key
from lib.forms import save_versioned
from parties import selectors, services
from parties.forms import (
    AssessmentForm,
    ContactPersonForm,
    PartyFilterForm,
    PartyForm,
    PartyRowForm,
    RelationForm,
)
from parties.merging import merge_of, moved_summary, undone_merges
from parties.models import ContactPerson, Party, Relation
from parties.privacy import contact_erase as erase_contact
from parties.privacy import contact_personal_data
from parties.rendering import PartyRow, assessment_fields_html, filter_selects, party_rows
from parties.similarity import similar_names
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
    fragment = request.htmx and not request.htmx.boosted
    context = {
        "project": project,
        "membership": membership,
        "form": form,
        "selects": [] if fragment else filter_selects(form),
        "page": page,
        "rows": party_rows(
            page.object_list, project_id=project.pk, threshold=project.quadrant_threshold
        ),
        "query": query.urlencode(),
    }
    template = "parties/list.html#results" if fragment else "parties/list.html"
    return render(request, template, context)


@login_required
def party_create(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    project = membership.project
    form = PartyForm(request.POST or None, project=project, initial=_create_initial(request))
    similar = []
    if request.method == "POST" and form.is_valid() and "save_anyway" not in request.POST:
        similar = similar_names(project=project, name=form.cleaned_data["name"])
    if request.method == "POST" and form.is_valid() and not similar:
        party = services.party_create(
            project=project, data=form.service_data(), segments=form.segments(), user=request.user
        )
        messages.success(request, _("%(name)s has been added to the register.") % {"name": party})
        return redirect("parties:detail", project.pk, party.pk)
    context = {"project": project, "membership": membership, "form": form, "similar": similar}
    return render(request, "parties/form.html", context, status=400 if form.errors else 200)


def _create_initial(request: HttpRequest) -> dict:
    # "Name the core group" on the dashboard links here with ?core=1.
    return {"in_core_group": True} if request.GET.get("core") == "1" else {}


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
        "relations": selectors.party_relations(party=party),
        "segments": party.segments.all(),
        # Only editors see the blank form; rendered once per starting values, not per visit.
        "assessment_fields": (
            assessment_fields_html(party.latest_assessment)
            if membership.can_edit_register
            else ""
        ),
    }
    return render(request, "parties/detail.html", context)


@login_required
def party_edit(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    membership, party = _party_for(request, project_id, party_id, Need.EDIT)
    form = PartyForm(request.POST or None, instance=party, project=membership.project)
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.party_update,
            party=party,
            segments=form.segments(),
            user=request.user,
        )
        if saved is not None:
            party = saved
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
    }
    if need is Need.VIEW:
        context["row"] = _row(party, membership)
        return render(request, "parties/list.html#row", context)
    form = PartyRowForm(request.POST or None, instance=party, prefix=f"row{party.pk}")
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.party_update,
            party=party,
            user=request.user,
        )
        if saved is not None:
            if not request.htmx:
                return redirect("parties:list", project_id)
            context |= {"party": saved, "row": _row(saved, membership)}
            return render(request, "parties/list.html#row", context)
    context["row_form"] = form
    return render(
        request, "parties/list.html#row-form", context, status=400 if form.errors else 200
    )


def _row(party: Party, membership: Membership) -> PartyRow:
    project = membership.project
    return party_rows([party], project_id=project.pk, threshold=project.quadrant_threshold)[0]


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
        services.contact_create(party=party, data=form.service_data(), user=request.user)
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
        saved = save_versioned(
            form,
            services.contact_update,
            contact=contact,
            user=request.user,
        )
        if saved is not None:
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


@login_required
def party_delete(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    membership, party = _party_for(request, project_id, party_id, Need.EDIT)
    if request.method == "POST":
        services.party_delete(party=party, user=request.user)
        messages.success(
            request,
            _("%(name)s has been moved to the bin. You can restore it there.") % {"name": party},
        )
        return redirect("parties:list", project_id)
    context = {"project": membership.project, "membership": membership, "party": party}
    return render(request, "parties/delete.html", context)


@login_required
@require_safe
def party_history(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    membership, party = _party_for(request, project_id, party_id)
    context = {
        "project": membership.project,
        "membership": membership,
        "party": party,
        "entries": history_of(party),
        # Merges into this party that have been undone: the others offer "Undo this merge".
        "undone_merges": undone_merges(party),
    }
    for entry in context["entries"]:
        record = merge_of(entry.version)
        entry.moved = moved_summary(record) if record is not None else []
    return render(request, "parties/history.html", context)


@login_required
@require_POST
def party_revert(
    request: HttpRequest, project_id: int, party_id: int, version_id: int
) -> HttpResponse:
    membership, party = _party_for(request, project_id, party_id, Need.EDIT)
    version = get_object_or_404(versions_of(party), pk=version_id)
    services.party_revert(party=party, version=version, user=request.user)
    messages.success(
        request,
        _("%(name)s is back as it was on %(when)s.")
        % {"name": party, "when": date_format(localtime(version.at), "DATETIME_FORMAT")},
    )
    return redirect("parties:history", project_id, party.pk)


@login_required
@require_POST
def contact_delete(
    request: HttpRequest, project_id: int, party_id: int, contact_id: int
) -> HttpResponse:
    _membership, party = _party_for(request, project_id, party_id, Need.CONTRIBUTE)
    contact = get_object_or_404(ContactPerson, pk=contact_id, party=party)
    services.contact_delete(contact=contact, user=request.user)
    messages.success(request, _("%(name)s has been moved to the bin.") % {"name": contact})
    return redirect("parties:detail", project_id, party.pk)


@login_required
@require_safe
def bin_list(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    sections = [(kind, list(kind.in_bin(project))) for kind in history_bin.kinds()]
    context = {
        "project": project,
        "membership": membership,
        "sections": [(kind, items) for kind, items in sections if items],
    }
    return render(request, "parties/bin.html", context)


@login_required
@require_POST
def bin_restore(request: HttpRequest, project_id: int, kind: str, object_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    bin_kind = history_bin.kind_for(kind)
    if bin_kind is None:
        raise Http404
    item = get_object_or_404(
        bin_kind.model.everything.in_bin(),
        pk=object_id,
        **{bin_kind.project_path: membership.project},
    )
    bin_kind.restore(item, user=request.user)
    messages.success(request, _("%(name)s has been restored.") % {"name": item})
    return redirect("parties:bin", project_id)


@login_required
def bin_empty(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.OWN)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm that the bin may be emptied."))
            return redirect("parties:bin_empty", project_id)
        removed = history_bin.bin_empty(project=membership.project)
        messages.success(
            request,
            ngettext(
                "The bin has been emptied (%(count)s item).",
                "The bin has been emptied (%(count)s items).",
                removed,
            )
            % {"count": removed},
        )
        return redirect("parties:bin", project_id)
    context = {"project": membership.project, "membership": membership}
    return render(request, "parties/bin_empty.html", context)


@login_required
@require_safe
def contact_export(
    request: HttpRequest, project_id: int, party_id: int, contact_id: int
) -> HttpResponse:
    _membership, party = _party_for(request, project_id, party_id, Need.EDIT)
    contact = get_object_or_404(ContactPerson, pk=contact_id, party=party)
    response = JsonResponse(
        contact_personal_data(contact=contact),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="contact-{contact.pk}.json"'
    return response


@login_required
def contact_erase(
    request: HttpRequest, project_id: int, party_id: int, contact_id: int
) -> HttpResponse:
    membership, party = _party_for(request, project_id, party_id, Need.EDIT)
    contact = get_object_or_404(ContactPerson, pk=contact_id, party=party)
    if request.method == "POST":
        erase_contact(contact=contact, user=request.user)
        messages.success(request, _("The personal data of this contact person have been erased."))
        return redirect("parties:detail", project_id, party.pk)
    context = {
        "project": membership.project,
        "membership": membership,
        "party": party,
        "contact": contact,
    }
    return render(request, "parties/contact_erase.html", context)


def _relation_for(request, project_id: int, party_id: int, relation_id: int, need: Need):
    membership, party = _party_for(request, project_id, party_id, need)
    relation = get_object_or_404(
        Relation.objects.filter(Q(source=party) | Q(target=party)).select_related(
            "source", "target"
        ),
        pk=relation_id,
    )
    return membership, party, relation


@login_required
def relation_create(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    membership, party = _party_for(request, project_id, party_id, Need.EDIT)
    return _relation_form(request, membership, party, relation=None)


@login_required
def relation_edit(
    request: HttpRequest, project_id: int, party_id: int, relation_id: int
) -> HttpResponse:
    membership, party, relation = _relation_for(
        request, project_id, party_id, relation_id, Need.EDIT
    )
    return _relation_form(request, membership, party, relation=relation)


def _relation_form(
    request: HttpRequest, membership: Membership, party: Party, relation: Relation | None
) -> HttpResponse:
    """Adding a relation seen from `party`, or changing one (with a conflict check)."""
    form = RelationForm(request.POST or None, instance=relation, party=party)
    if request.method == "POST" and form.is_valid():
        if relation is None:
            saved = services.relation_create(
                project=membership.project, data=form.relation_data(), user=request.user
            )
        else:
            saved = save_versioned(
                form,
                services.relation_update,
                relation=relation,
                data=form.relation_data(),
                user=request.user,
            )
        if saved is not None:
            messages.success(
                request,
                _("The relation has been added.")
                if relation is None
                else _("The relation has been saved."),
            )
            return redirect("parties:detail", membership.project_id, party.pk)
    context = {
        "project": membership.project,
        "membership": membership,
        "party": party,
        "form": form,
        "relation": relation,
    }
    return render(
        request, "parties/relation_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def relation_delete(
    request: HttpRequest, project_id: int, party_id: int, relation_id: int
) -> HttpResponse:
    _membership, party, relation = _relation_for(
        request, project_id, party_id, relation_id, Need.EDIT
    )
    services.relation_delete(relation=relation, user=request.user)
    messages.success(request, _("The relation has been moved to the bin."))
    return redirect("parties:detail", project_id, party.pk)


@login_required
@require_safe
def party_names(request: HttpRequest, project_id: int) -> HttpResponse:
    """Suggestions for a party-name field: the first matches as <option>s for a datalist."""
    membership = membership_for(request.user, project_id)
    key = sort_key(request.GET.get("other") or request.GET.get("q") or "")
    names = (
        Party.objects.filter(project=membership.project, sort_name__contains=key)
        .order_by("sort_name")
        .values_list("name", flat=True)[:20]
        if key
        else []
    )
    return render(request, "parties/party_names.html", {"names": names})
