"""The first hour of a project: adding the usual local parties with one click, and assessing
several parties at once."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lib.collation import sort_key
from parties import services
from parties.bulk_forms import BulkDateForm, BulkRowForm
from parties.models import Party
from parties.usual import catalogue
from projects.access import Need, membership_for
from projects.models import Membership

# One page of the table is what a person assesses in one sitting; a forged request cannot make
# the server validate thousands of rows.
MAX_ROWS = 100


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@login_required
@require_POST
def quick_add(request: HttpRequest, project_id: int) -> HttpResponse:
    """Add one of the usual local parties to the register."""
    membership = membership_for(request.user, project_id, Need.EDIT)
    project = membership.project
    entry = catalogue().get(request.POST.get("key", ""))
    if entry is None:
        raise Http404
    back = _back(request, reverse("projects:dashboard", args=[project.pk]))
    if Party.objects.filter(project=project, sort_name=sort_key(entry.name)).exists():
        messages.info(request, _("%(name)s is already in the register.") % {"name": entry.name})
        return redirect(back)
    services.party_create(project=project, data=entry.data(), segments=[], user=request.user)
    messages.success(request, _("%(name)s has been added to the register.") % {"name": entry.name})
    return redirect(back)


def _parties(membership: Membership, only_unassessed: bool):
    parties = Party.objects.filter(project=membership.project).select_related("latest_assessment")
    if only_unassessed:
        parties = parties.filter(latest_assessment__isnull=True)
    # Not yet assessed first, then the ones assessed longest ago: the order of a review round.
    return parties.order_by(
        F("latest_assessment__assessed_on").asc(nulls_first=True), "sort_name", "pk"
    )


@login_required
def assess_bulk(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    only_unassessed = request.GET.get("show") == "unassessed"
    if request.method == "POST":
        return _record(request, membership, only_unassessed)
    page = Paginator(_parties(membership, only_unassessed), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [BulkRowForm(party=party) for party in page]
    return _page(request, membership, BulkDateForm(), rows, page, only_unassessed)


def _record(request: HttpRequest, membership: Membership, only_unassessed: bool) -> HttpResponse:
    ids = [int(pk) for pk in request.POST.getlist("party")[:MAX_ROWS] if pk.isdigit()]
    parties = _parties(membership, only_unassessed=False).filter(pk__in=ids)
    date_form = BulkDateForm(request.POST)
    rows = [BulkRowForm(request.POST, party=party) for party in parties]
    valid = date_form.is_valid() & all([row.is_valid() for row in rows])
    chosen = [row for row in rows if row.is_recorded]
    notice = ""
    if valid and not chosen:
        notice = _("Nothing was recorded: no row was changed. Fill in the scores of a party first.")
    elif valid:
        assessed_on = date_form.cleaned_data["assessed_on"]
        with transaction.atomic():
            for row in chosen:
                services.assessment_record(
                    party=row.party,
                    assessed_by=request.user,
                    data=row.assessment_data(assessed_on),
                )
        messages.success(
            request,
            ngettext(
                "%(count)s assessment has been recorded.",
                "%(count)s assessments have been recorded.",
                len(chosen),
            )
            % {"count": len(chosen)},
        )
        return redirect(request.get_full_path())
    return _page(request, membership, date_form, rows, None, only_unassessed, notice, 400)


def _page(
    request: HttpRequest,
    membership: Membership,
    date_form: BulkDateForm,
    rows: list[BulkRowForm],
    page,
    only_unassessed: bool,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "project": membership.project,
        "membership": membership,
        "date_form": date_form,
        "rows": rows,
        "page": page,
        "only_unassessed": only_unassessed,
        "notice": notice,
        "error_rows": [row for row in rows if row.errors],
    }
    return render(request, "parties/assess_bulk.html", context, status=status)
