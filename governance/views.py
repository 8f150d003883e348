"""Pages of the board and the decision calendar. Every view starts from `membership_for`:
contributors add and change profiles and decision moments, editors the reminder setting, every
member reads and has a calendar feed of their own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from governance import ics, selectors, services
from governance.forms import (
    BoardProfileForm,
    CycleForm,
    DecisionMomentForm,
    IcsImportForm,
    SettingsForm,
)
from governance.models import BoardProfile, CalendarFeed, DecisionMoment
from governance.vocabulary import kind_label
from lib.forms import save_versioned
from parties.models import Layer, Party
from projects.access import Need, membership_for
from projects.models import Membership


def _need(request: HttpRequest, write: Need) -> Need:
    return write if request.method == "POST" else Need.VIEW


def _status(form) -> int:
    return 400 if form.errors else 200


def _decision_for(
    request: HttpRequest, project_id: int, decision_id: int, need: Need
) -> tuple[Membership, DecisionMoment]:
    membership = membership_for(request.user, project_id, need)
    decision = get_object_or_404(
        DecisionMoment.objects.select_related("body"), pk=decision_id, project_id=project_id
    )
    decision.project = membership.project
    return membership, decision


@login_required
@require_safe
def calendar(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    today = timezone.localdate()
    context = {
        "project": project,
        "membership": membership,
        "calendar": selectors.calendar(
            project=project, today=today, show_past=request.GET.get("past") == "all"
        ),
        "cycle_form": CycleForm(initial={"year": today.year}),
        "reminder_weeks": selectors.reminder_weeks(project=project),
    }
    return render(request, "governance/calendar.html", context)


@login_required
def decision_create(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    project = membership.project
    form = DecisionMomentForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        services.decision_create(project=project, data=form.service_data(), user=request.user)
        messages.success(request, _("The decision moment has been added."))
        return redirect("governance:calendar", project_id)
    context = {"project": project, "membership": membership, "form": form}
    return render(request, "governance/decision_form.html", context, status=_status(form))


@login_required
def decision_edit(request: HttpRequest, project_id: int, decision_id: int) -> HttpResponse:
    membership, decision = _decision_for(request, project_id, decision_id, Need.CONTRIBUTE)
    form = DecisionMomentForm(request.POST or None, instance=decision, project=decision.project)
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(form, services.decision_update, decision=decision,
                               user=request.user)
        if saved is not None:
            messages.success(request, _("The decision moment has been saved."))
            return redirect("governance:calendar", project_id)
    context = {
        "project": decision.project, "membership": membership, "form": form,
        "decision": decision, "name": decision.title or kind_label(decision.project, decision.kind),
    }
    return render(request, "governance/decision_form.html", context, status=_status(form))


@login_required
def decision_delete(request: HttpRequest, project_id: int, decision_id: int) -> HttpResponse:
    membership, decision = _decision_for(request, project_id, decision_id, Need.CONTRIBUTE)
    if request.method == "POST":
        services.decision_delete(decision=decision, user=request.user)
        messages.success(
            request, _("The decision moment has been moved to the bin. You can restore it there.")
        )
        return redirect("governance:calendar", project_id)
    context = {
        "project": decision.project, "membership": membership, "decision": decision,
        "name": decision.title or kind_label(decision.project, decision.kind),
    }
    return render(request, "governance/decision_delete.html", context)


@login_required
@require_POST
def cycle_load(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    form = CycleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a year between 2000 and 2100."))
        return redirect("governance:calendar", project_id)
    added = services.cycle_load(
        project=membership.project, year=form.cleaned_data["year"], user=request.user
    )
    if added:
        messages.success(request, _("The budget cycle has been added: %(count)d decision "
                                    "moments. Check their dates.") % {"count": added})
    else:
        messages.info(request, _("The budget cycle of that year is already in the calendar."))
    return redirect("governance:calendar", project_id)


@login_required
def ics_import(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, _need(request, Need.CONTRIBUTE))
    project = membership.project
    form = IcsImportForm(request.POST or None, request.FILES or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            added, moved = services.ics_import(
                project=project, content=form.cleaned_data["file"].read(),
                kind=form.cleaned_data["kind"], body=form.cleaned_data["body"],
                user=request.user,
            )
        except ics.IcsError as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("%(added)d meetings added, %(moved)d moved to a new "
                                        "date; meetings imported before were left as they "
                                        "are.") % {"added": added, "moved": moved})
            return redirect("governance:calendar", project_id)
    context = {"project": project, "membership": membership, "form": form}
    return render(request, "governance/import.html", context, status=_status(form))


@login_required
def calendar_settings(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, _need(request, Need.EDIT))
    project = membership.project
    form = SettingsForm(request.POST or None, instance=services.settings_for(project))
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(form, services.settings_update, project=project, user=request.user)
        if saved is not None:
            messages.success(request, _("The reminder setting has been saved."))
            return redirect("governance:calendar", project_id)
    context = {"project": project, "membership": membership, "form": form}
    return render(request, "governance/settings.html", context, status=_status(form))


# The board --------------------------------------------------------------------------------


@login_required
@require_safe
def board(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    context = {
        "project": project,
        "membership": membership,
        "rows": selectors.board(project=project, today=timezone.localdate()),
    }
    return render(request, "governance/board.html", context)


def _board_party(request: HttpRequest, project_id: int, board_id: int, need: Need):
    membership = membership_for(request.user, project_id, need)
    party = get_object_or_404(Party, pk=board_id, project_id=project_id, layer=Layer.BOARD)
    party.project = membership.project
    return membership, party


@login_required
def profile_edit(request: HttpRequest, project_id: int, board_id: int) -> HttpResponse:
    """Create the party's board profile, or change it."""
    membership, party = _board_party(request, project_id, board_id, Need.CONTRIBUTE)
    profile = BoardProfile.objects.filter(party=party).first()
    form = BoardProfileForm(request.POST or None, instance=profile or BoardProfile(party=party))
    if request.method == "POST" and form.is_valid():
        if profile is None:
            saved = services.profile_create(party=party, data=form.service_data(),
                                            user=request.user)
        else:
            saved = save_versioned(form, services.profile_update, profile=profile,
                                   user=request.user)
        if saved is not None:
            messages.success(request, _("The board profile has been saved."))
            return redirect("parties:detail", project_id, board_id)
    context = {"project": party.project, "membership": membership, "form": form,
               "party": party, "profile": profile}
    return render(request, "governance/profile_form.html", context, status=_status(form))


@login_required
def profile_delete(request: HttpRequest, project_id: int, board_id: int) -> HttpResponse:
    membership, party = _board_party(request, project_id, board_id, Need.CONTRIBUTE)
    profile = get_object_or_404(BoardProfile, party=party)
    if request.method == "POST":
        services.profile_delete(profile=profile, user=request.user)
        messages.success(
            request, _("The board profile has been moved to the bin. You can restore it there.")
        )
        return redirect("parties:detail", project_id, board_id)
    context = {"project": party.project, "membership": membership, "party": party}
    return render(request, "governance/profile_delete.html", context)


# The member's own calendar ------------------------------------------------------------------


@login_required
def subscribe(request: HttpRequest, project_id: int) -> HttpResponse:
    """The member's secret calendar address: shown, renewed (the old one stops working) or
    revoked. Any member may have one; it shows only what the member may read anyway."""
    membership = membership_for(request.user, project_id)
    project = membership.project
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.feed_revoke(project=project, user=request.user)
            messages.success(request, _("The calendar address has been revoked."))
        else:
            services.feed_renew(project=project, user=request.user)
            messages.success(request, _("A new calendar address has been made; the old one "
                                        "no longer works."))
        return redirect("governance:subscribe", project_id)
    found = CalendarFeed.objects.filter(project=project, user=request.user).first()
    url = (
        request.build_absolute_uri(reverse_feed(found.token)) if found is not None else None
    )
    context = {"project": project, "membership": membership, "feed_url": url}
    return render(request, "governance/subscribe.html", context)


def reverse_feed(token: str) -> str:
    return reverse("governance:feed", args=[token])


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar itself, for calendar programs that cannot sign in: the secret address is
    the key. Unknown, revoked, or of someone no longer a member: 404."""
    found = CalendarFeed.objects.select_related("project").filter(token=token).first()
    if found is None or not Membership.objects.filter(
        project_id=found.project_id, user_id=found.user_id, user__is_active=True
    ).exists():
        raise Http404
    body = ics.feed(project=found.project, host=request.get_host().split(":")[0],
                    today=timezone.localdate())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="draagvlak.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
