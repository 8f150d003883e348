"""The council-data page: what the worker fetched from the council's public data, a button to
fetch again, motions and documents to adopt into the decision calendar, and the people of the
board to take over as profiles. Every member reads; contributors fetch and adopt."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from governance.connectors import services
from governance.connectors.models import CouncilFetch
from governance.tasks import council_fetch_task
from projects.access import Need, membership_for
from projects.vocabulary import word

Source = CouncilFetch.Source
SETTING = {
    Source.OPENBESLUITVORMING: ("DRAAGVLAK_OPENBESLUITVORMING_URL", "https://openbesluitvorming.nl"),
    Source.LBLOD: ("DRAAGVLAK_LBLOD_SPARQL_URL", "https://centrale-vindplaats.lblod.info/sparql"),
}


def _fetch_of(project, source: str) -> CouncilFetch | None:
    return CouncilFetch.objects.filter(project=project, source=source).first()


def _panels(project) -> list[dict]:
    panels = []
    for source in services.sources_for(project):
        fetch = _fetch_of(project, source)
        items = services.items_of(fetch)
        adopted = services.adopted_uids(project, [item.uid for item in items])
        panels.append({
            "source": source,
            "label": Source(source).label,
            "configured": bool(services.source_url(source)),
            "setting": SETTING[source][0],
            "example": SETTING[source][1],
            "code": services.municipality_code(project, source),
            "fetch": fetch,
            "items": [(item, item.uid in adopted) for item in items],
            "people": len(fetch.people) if fetch else 0,
        })
    return panels


@login_required
@require_safe
def council_data(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    context = {"project": project, "membership": membership, "panels": _panels(project)}
    return render(request, "governance/connectors/council_data.html", context)


@login_required
@require_POST
def council_fetch(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    source = request.POST.get("source", "")
    if source not in services.sources_for(membership.project):
        messages.error(request, _("Choose one of the sources on this page."))
        return redirect("governance:council_data", project_id)
    outcome = services.fetch_request(project=membership.project, source=source,
                                     user=request.user)
    if isinstance(outcome, services.Refusal):
        messages.error(request, outcome.message)
    else:
        council_fetch_task.enqueue(outcome.pk, get_language())
        messages.success(request, _("The council data is being fetched in the background; "
                                    "this page shows the result when it is done."))
    return redirect("governance:council_data", project_id)


@login_required
@require_POST
def council_adopt(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    fetch = _fetch_of(membership.project, Source.OPENBESLUITVORMING)
    uids = request.POST.getlist("item")
    if fetch is None or not uids:
        messages.error(request, _("Tick the motions or documents to add to the calendar."))
        return redirect("governance:council_data", project_id)
    added = services.items_adopt(project=membership.project, fetch=fetch, uids=uids,
                                 user=request.user)
    messages.success(request, _("%(count)d added to the decision calendar; items added "
                                "before were left as they are.") % {"count": added})
    return redirect("governance:council_data", project_id)


@login_required
def council_people(request: HttpRequest, project_id: int) -> HttpResponse:
    """The mayor and aldermen as published, beside the board as the project knows it: the
    member ticks whom to take over."""
    need = Need.CONTRIBUTE if request.method == "POST" else Need.VIEW
    membership = membership_for(request.user, project_id, need)
    project = membership.project
    fetch = _fetch_of(project, Source.LBLOD)
    if request.method == "POST":
        uids = request.POST.getlist("person")
        if fetch is None or not uids:
            messages.error(request, _("Tick the people whose profile should be taken over."))
            return redirect("governance:council_people", project_id)
        created, updated = services.people_apply(project=project, fetch=fetch, uids=uids,
                                                 user=request.user)
        messages.success(request, _("%(created)d board profiles created and %(updated)d "
                                    "updated.") % {"created": created, "updated": updated})
        return redirect("governance:board", project_id)
    context = {
        "project": project, "membership": membership, "fetch": fetch,
        "rows": services.people_preview(project=project, fetch=fetch),
        "aldermen": word(project, "aldermen"),
    }
    return render(request, "governance/connectors/people.html", context)
