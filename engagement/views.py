"""Pages for winning parties over: the contact timeline, commitments, the to-do list and the
support review. Every view starts from `membership_for`; logging needs CONTRIBUTE, reviewing
needs EDIT."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from engagement import selectors, services
from engagement.forms import (
    CommitmentForm,
    ContactMomentForm,
    QuickMomentForm,
    ReviewSettingsForm,
    TimelineFilterForm,
)
from engagement.models import (
    DUE_SOON_DAYS,
    Commitment,
    ContactMoment,
    Review,
    ReviewSettings,
    ReviewStep,
)
from lib.forms import save_versioned
from parties.forms import AssessmentForm
from parties.models import Party
from projects.access import Need, membership_for
from projects.models import Membership, Project


def _need(request: HttpRequest, write: Need) -> Need:
    return write if request.method == "POST" else Need.VIEW


def _status(form) -> int:
    return 400 if form.errors else 200


def _back(request: HttpRequest, *fallback: Any) -> HttpResponse:
    """Back to the page the form came from (`next`), if it is one of ours."""
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(*fallback)


def _moment_for(
    request: HttpRequest, project_id: int, moment_id: int, need: Need
) -> tuple[Membership, ContactMoment]:
    membership = membership_for(request.user, project_id, need)
    moment = get_object_or_404(ContactMoment, pk=moment_id, project_id=project_id)
    moment.project = membership.project
    return membership, moment


def _commitment_for(
    request: HttpRequest, project_id: int, commitment_id: int, need: Need
) -> tuple[Membership, Commitment]:
    membership = membership_for(request.user, project_id, need)
    commitment = get_object_or_404(
        Commitment.objects.select_related("party"),
        pk=commitment_id,
        project_id=project_id,
        party__deleted_at__isnull=True,
    )
    commitment.project = membership.project
    return membership, commitment


def _review_for(
    request: HttpRequest, project_id: int, review_id: int, need: Need
) -> tuple[Membership, Review]:
    membership = membership_for(request.user, project_id, need)
    review = get_object_or_404(Review, pk=review_id, project_id=project_id)
    return membership, review


def _log_quick(form: QuickMomentForm, project: Project, user) -> ContactMoment:
    # Whoever logs a contact usually took part in it.
    return services.moment_create(
        project=project,
        data=form.service_data(),
        parties=form.parties(),
        members=[user],
        commitment=form.commitment_data(),
        user=user,
    )


# Contact moments ---------------------------------------------------------------------------


@login_required
def timeline(request: HttpRequest, project_id: int) -> HttpResponse:
    """All contacts of the project, filtered and paginated; POST logs a quick entry."""
    membership = membership_for(request.user, project_id, _need(request, Need.CONTRIBUTE))
    project = membership.project
    quick = QuickMomentForm(request.POST or None, project=project)
    if request.method == "POST" and quick.is_valid():
        _log_quick(quick, project, request.user)
        messages.success(request, _("The contact has been logged."))
        return redirect("engagement:timeline", project_id)
    form = TimelineFilterForm(request.GET, project=project)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(
        selectors.timeline(project=project, filters=filters), settings.PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "project": project,
        "membership": membership,
        "form": form,
        "quick_form": quick,
        "page": page,
        "query": query.urlencode(),
    }
    partial = request.htmx and not request.htmx.boosted and request.method == "GET"
    template = "engagement/timeline.html#results" if partial else "engagement/timeline.html"
    return render(request, template, context, status=_status(quick))


@login_required
def party_moment_create(request: HttpRequest, project_id: int, party_id: int) -> HttpResponse:
    """Quick entry from a party's page: with htmx the party's timeline is swapped in place."""
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    party = get_object_or_404(Party, pk=party_id, project_id=project_id)
    form = QuickMomentForm(request.POST or None, project=membership.project, party=party)
    if request.method == "POST" and form.is_valid():
        _log_quick(form, membership.project, request.user)
        if not request.htmx:
            messages.success(request, _("The contact has been logged."))
            return redirect("parties:detail", project_id, party.pk)
        form = QuickMomentForm(project=membership.project, party=party)
        form.logged = True
    context = {
        "project": membership.project,
        "membership": membership,
        "party": party,
        "quick_form": form,
        "timeline": selectors.party_timeline(party=party),
    }
    if request.htmx:
        # htmx swaps only successful answers, so a form with errors comes back as 200 here.
        return render(request, "engagement/party_timeline.html", context)
    return render(request, "engagement/party_quick.html", context, status=_status(form))


@login_required
def moment_create(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.CONTRIBUTE)
    project = membership.project
    party = Party.objects.filter(project=project, pk=request.GET.get("party") or 0).first()
    initial = {"members": [request.user], "parties": [party] if party else []}
    form = ContactMomentForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        moment = services.moment_create(
            project=project,
            data=form.service_data(),
            commitment=form.commitment_data(),
            user=request.user,
            **form.relations(),
        )
        messages.success(request, _("The contact has been logged."))
        return redirect("engagement:moment_detail", project_id, moment.pk)
    context = {"project": project, "membership": membership, "form": form, "party": party}
    return render(request, "engagement/moment_form.html", context, status=_status(form))


@login_required
@require_safe
def moment_detail(request: HttpRequest, project_id: int, moment_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    moment = selectors.moment_detail(project=membership.project, moment_id=moment_id)
    if moment is None:
        raise Http404
    context = {"project": membership.project, "membership": membership, "moment": moment}
    return render(request, "engagement/moment_detail.html", context)


@login_required
def moment_edit(request: HttpRequest, project_id: int, moment_id: int) -> HttpResponse:
    membership, moment = _moment_for(request, project_id, moment_id, Need.CONTRIBUTE)
    form = ContactMomentForm(request.POST or None, instance=moment, project=membership.project)
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.moment_update,
            moment=moment,
            user=request.user,
            **form.relations(),
        )
        if saved is not None:
            messages.success(request, _("The contact has been saved."))
            return redirect("engagement:moment_detail", project_id, moment.pk)
    context = {
        "project": membership.project,
        "membership": membership,
        "form": form,
        "moment": moment,
    }
    return render(request, "engagement/moment_form.html", context, status=_status(form))


@login_required
def moment_delete(request: HttpRequest, project_id: int, moment_id: int) -> HttpResponse:
    membership, moment = _moment_for(request, project_id, moment_id, Need.CONTRIBUTE)
    if request.method == "POST":
        services.moment_delete(moment=moment, user=request.user)
        messages.success(
            request, _("The contact has been moved to the bin. You can restore it there.")
        )
        return redirect("engagement:timeline", project_id)
    context = {"project": membership.project, "membership": membership, "moment": moment}
    return render(request, "engagement/moment_delete.html", context)


@login_required
@require_POST
def moment_follow_up_done(request: HttpRequest, project_id: int, moment_id: int) -> HttpResponse:
    membership, moment = _moment_for(request, project_id, moment_id, Need.CONTRIBUTE)
    moment = services.moment_follow_up_done(moment=moment, user=request.user)
    if request.htmx:
        context = {"entry": {"kind": "follow_up", "item": moment, "done": True}}
        return render(request, "engagement/todo.html#entry", context)
    messages.success(request, _("The follow-up has been marked done."))
    return _back(request, "engagement:project_todo", project_id)


# Commitments -------------------------------------------------------------------------------


@login_required
def commitment_list(request: HttpRequest, project_id: int) -> HttpResponse:
    """Overdue, due soon, later, delivered and lapsed; POST adds a commitment."""
    membership = membership_for(request.user, project_id, _need(request, Need.CONTRIBUTE))
    project = membership.project
    party = Party.objects.filter(project=project, pk=request.GET.get("party") or 0).first()
    form = CommitmentForm(
        request.POST or None, project=project, prefix="new", initial={"party": party}
    )
    if request.method == "POST" and form.is_valid():
        services.commitment_create(project=project, data=form.service_data(), user=request.user)
        messages.success(request, _("The commitment has been added."))
        return redirect("engagement:commitments", project_id)
    sections = selectors.commitment_sections(project=project, today=timezone.localdate())
    context = {
        "project": project,
        "membership": membership,
        "form": form,
        "sections_list": [
            ("overdue", _("Overdue"), sections.overdue, _("Nothing is overdue.")),
            (
                "due",
                _("Due within %(days)s days") % {"days": DUE_SOON_DAYS},
                sections.due,
                _("Nothing ends in the coming days."),
            ),
            ("later", _("Later"), sections.later, _("No other open commitments.")),
            ("delivered", _("Delivered"), sections.delivered, _("Nothing delivered yet.")),
            ("lapsed", _("Lapsed"), sections.lapsed, _("No lapsed commitments.")),
        ],
    }
    return render(request, "engagement/commitments.html", context, status=_status(form))


@login_required
def commitment_edit(request: HttpRequest, project_id: int, commitment_id: int) -> HttpResponse:
    membership, commitment = _commitment_for(request, project_id, commitment_id, Need.CONTRIBUTE)
    form = CommitmentForm(request.POST or None, instance=commitment, project=membership.project)
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form,
            services.commitment_update,
            commitment=commitment,
            user=request.user,
        )
        if saved is not None:
            messages.success(request, _("The commitment has been saved."))
            return redirect("engagement:commitments", project_id)
    context = {
        "project": membership.project,
        "membership": membership,
        "form": form,
        "commitment": commitment,
    }
    return render(request, "engagement/commitment_form.html", context, status=_status(form))


@login_required
@require_POST
def commitment_deliver(request: HttpRequest, project_id: int, commitment_id: int) -> HttpResponse:
    """One click marks a commitment delivered; with htmx its row is replaced in place."""
    membership, commitment = _commitment_for(request, project_id, commitment_id, Need.CONTRIBUTE)
    commitment = services.commitment_deliver(commitment=commitment, user=request.user)
    if request.htmx:
        if request.POST.get("view") == "todo":
            context = {"entry": {"kind": "commitment", "item": commitment, "done": True}}
            return render(request, "engagement/todo.html#entry", context)
        context = {
            "project": membership.project,
            "membership": membership,
            "commitment": commitment,
            "today": timezone.localdate(),
        }
        return render(request, "engagement/commitments.html#row", context)
    messages.success(
        request, _("“%(what)s” has been marked delivered.") % {"what": commitment.what}
    )
    return _back(request, "engagement:commitments", project_id)


@login_required
def commitment_delete(request: HttpRequest, project_id: int, commitment_id: int) -> HttpResponse:
    membership, commitment = _commitment_for(request, project_id, commitment_id, Need.CONTRIBUTE)
    if request.method == "POST":
        services.commitment_delete(commitment=commitment, user=request.user)
        messages.success(
            request, _("The commitment has been moved to the bin. You can restore it there.")
        )
        return redirect("engagement:commitments", project_id)
    context = {"project": membership.project, "membership": membership, "commitment": commitment}
    return render(request, "engagement/commitment_delete.html", context)


# To do -------------------------------------------------------------------------------------


@login_required
@require_safe
def project_todo(request: HttpRequest, project_id: int) -> HttpResponse:
    """The user's follow-ups and the project's commitment dates, overdue first."""
    membership = membership_for(request.user, project_id)
    todo = selectors.todo(user=request.user, today=timezone.localdate(), memberships=[membership])
    context = {"project": membership.project, "membership": membership, "todo": todo}
    return render(request, "engagement/todo.html", context)


@login_required
@require_safe
def todo(request: HttpRequest) -> HttpResponse:
    """The same across all the user's projects."""
    todo = selectors.todo(user=request.user, today=timezone.localdate())
    return render(request, "engagement/todo.html", {"todo": todo, "all_projects": True})


# Support reviews ---------------------------------------------------------------------------


@login_required
def review_list(request: HttpRequest, project_id: int) -> HttpResponse:
    """Past and current review rounds; POST starts a new round (or continues the open one)."""
    membership = membership_for(request.user, project_id, _need(request, Need.EDIT))
    project = membership.project
    if request.method == "POST":
        current = selectors.open_review(project=project)
        if current is None:
            current = services.review_start(project=project, user=request.user)
        else:
            messages.info(request, _("A support review is already under way; continue it here."))
        return redirect("engagement:review", project_id, current.pk)
    context: dict[str, Any] = {
        "project": project,
        "membership": membership,
        "reviews": selectors.review_list(project=project),
        "panel": selectors.engagement_panel(project=project),
    }
    return render(request, "engagement/reviews.html", context)


@login_required
def review_settings(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    project = membership.project
    current = ReviewSettings.objects.filter(project=project).first()
    form = ReviewSettingsForm(
        request.POST or None, instance=current or ReviewSettings(project=project)
    )
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(
            form, services.review_settings_update, project=project, user=request.user
        )
        if saved is not None:
            messages.success(request, _("The review interval has been saved."))
            return redirect("engagement:reviews", project_id)
    context = {"project": project, "membership": membership, "form": form}
    return render(request, "engagement/review_settings.html", context, status=_status(form))


def _record_step(request: HttpRequest, review: Review, party: Party, form: AssessmentForm) -> bool:
    """Record the step the user chose; False when the assessment form needs correcting."""
    outcome = request.POST.get("outcome")
    data = None
    if outcome == ReviewStep.Outcome.ASSESSED:
        if not form.is_valid():
            return False
        data = form.cleaned_data
    try:
        services.review_step_record(
            review=review, party=party, outcome=outcome, assessment_data=data, user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return True


@login_required
def review_step(request: HttpRequest, project_id: int, review_id: int) -> HttpResponse:
    """The next party of the round (or the round's summary); POST records this party's step."""
    membership, review = _review_for(request, project_id, review_id, _need(request, Need.EDIT))
    progress = selectors.review_progress(review=review)
    party = progress.party
    previous = party.latest_assessment if party else None
    assessing = request.POST.get("outcome") == ReviewStep.Outcome.ASSESSED
    form = AssessmentForm(request.POST if assessing else None, previous=previous)
    if request.method == "POST":
        if party is None or request.POST.get("party") != str(party.pk):
            # Sent twice, or a colleague moved the round on: show where it stands now.
            messages.info(request, _("The review has moved on; here is where it stands now."))
            return redirect("engagement:review", project_id, review.pk)
        if _record_step(request, review, party, form):
            return redirect("engagement:review", project_id, review.pk)
    context = {
        "project": membership.project,
        "membership": membership,
        "review": review,
        "progress": progress,
        "party": party,
        "form": form,
    }
    return render(request, "engagement/review.html", context, status=_status(form))


def _review_action(request: HttpRequest, project_id: int, review_id: int, action) -> Review:
    _membership, review = _review_for(request, project_id, review_id, Need.EDIT)
    try:
        return action(review=review, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return review


@login_required
@require_POST
def review_pause(request: HttpRequest, project_id: int, review_id: int) -> HttpResponse:
    review = _review_action(request, project_id, review_id, services.review_pause)
    if review.paused:
        messages.success(request, _("The review has been paused. Resume it where you left off."))
    return redirect("engagement:reviews", project_id)


@login_required
@require_POST
def review_resume(request: HttpRequest, project_id: int, review_id: int) -> HttpResponse:
    review = _review_action(request, project_id, review_id, services.review_resume)
    return redirect("engagement:review", project_id, review.pk)


@login_required
@require_POST
def review_finish(request: HttpRequest, project_id: int, review_id: int) -> HttpResponse:
    review = _review_action(request, project_id, review_id, services.review_finish)
    if review.finished_at is not None:
        messages.success(request, _("The support review has been finished."))
    return redirect("engagement:review", project_id, review.pk)
