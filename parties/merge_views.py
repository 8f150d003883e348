"""Merging parties that are the same into one, and undoing it from the survivor's history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from history.services import versions_of
from lib.collation import sort_key
from lib.concurrency import EditConflict
from parties.merge_forms import MergeForm, PickForm
from parties.merging import attached_counts, merge_of, merge_parties, unmerge
from parties.models import Party
from projects.access import Need, membership_for
from projects.models import Project

# More than this many parties at once is not a merge of duplicates but a mistake.
MAX_PARTIES = 10


def _parties_asked(request: HttpRequest, project: Project, form: PickForm) -> list[Party]:
    """The parties named by ?party=<id> (in that order), plus the one typed by name."""
    ids = list(dict.fromkeys(int(v) for v in request.GET.getlist("party") if v.isdigit()))
    ids = ids[:MAX_PARTIES]
    name = form.cleaned_data.get("q", "") if form.is_valid() else ""
    wanted = Q(pk__in=ids) | Q(sort_name=sort_key(name)) if name else Q(pk__in=ids)
    found = Party.objects.filter(wanted, project=project).prefetch_related("segments")
    parties = {party.pk: party for party in found}
    order = [*ids, *sorted(set(parties) - set(ids))]
    return [parties[pk] for pk in order if pk in parties][:MAX_PARTIES]


def _similar(project: Project, form: PickForm, parties: list[Party]) -> list[tuple[Party, str]]:
    """Parties whose name holds the text typed, each with the page that merges it in."""
    key = sort_key(form.cleaned_data.get("q", "")) if form.is_valid() else ""
    if not key:
        return []
    found = (
        Party.objects.filter(project=project, sort_name__contains=key)
        .exclude(pk__in=[p.pk for p in parties])
        .order_by("sort_name")[:MAX_PARTIES]
    )
    return [(party, _page_url(project.pk, [*parties, party])) for party in found]


def _page_url(project_id: int, parties: list[Party]) -> str:
    query = urlencode([("party", p.pk) for p in parties])
    return f"{reverse('parties:merge', args=[project_id])}?{query}"


@login_required
def party_merge(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    project = membership.project
    pick = PickForm(request.GET)
    parties = _parties_asked(request, project, pick)
    context = {"project": project, "membership": membership, "pick": pick, "parties": parties}
    if len(parties) < 2:
        context["matches"] = _similar(project, pick, parties)
        return render(request, "parties/merge_pick.html", context)
    if pick.is_valid() and pick.cleaned_data["q"]:
        return redirect(_page_url(project_id, parties))
    form = MergeForm(request.POST or None, parties=parties)
    if request.method == "POST" and form.is_valid():
        try:
            version = merge_parties(
                project=project, survivor=form.survivor(), others=form.others(),
                choices=form.choices(), user=request.user, versions=form.versions(),
            )
        except EditConflict as conflict:
            messages.error(
                request,
                _("%(name)s was changed by someone else while you chose. Check the values "
                  "again; nothing has been merged.") % {"name": conflict.current},
            )
            return redirect(_page_url(project_id, parties))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            names = get_text_list([p.name for p in form.others()], _("and"))
            messages.success(
                request,
                _("%(others)s merged into %(name)s. You can undo this from its history.")
                % {"others": names, "name": form.survivor().name},
            )
            return redirect("parties:detail", project_id, version.object_id)
    counts = attached_counts(parties=parties)
    summary = [
        (party, [(label, n[party.pk]) for label, n in counts if n.get(party.pk)])
        for party in parties
    ]
    rows = form.rows()
    context |= {
        "form": form,
        "summary": summary,
        "differing": [row for row in rows if not row.same],
        "alike": [row for row in rows if row.same],
    }
    return render(request, "parties/merge.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def party_unmerge(
    request: HttpRequest, project_id: int, party_id: int, version_id: int
) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    party = get_object_or_404(Party, pk=party_id, project=membership.project)
    version = get_object_or_404(versions_of(party), pk=version_id)
    try:
        unmerge(project=membership.project, version=version, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        record = merge_of(version) or {}
        names = [record["snapshots"][str(pk)].get("name", "") for pk in record.get("merged", [])]
        messages.success(
            request,
            _("The merge has been undone: %(names)s are back in the register.")
            % {"names": get_text_list(names, _("and"))},
        )
    return redirect("parties:history", project_id, party.pk)
