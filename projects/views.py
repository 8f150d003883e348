from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts import oidc
from accounts.forms import SignUpForm
from lib.concurrency import EditConflict
from lib.forms import save_versioned
from parties.models import Attitude
from parties.usual import usual_parties
from planning.first_hour import first_hour
from planning.selectors import project_facts
from projects import selectors, services
from projects.access import Need, membership_for
from projects.forms import InviteForm, ProjectCreateForm, ProjectForm, RoleForm, SegmentForm
from projects.models import Invitation, Membership, Project, TargetSegment


def _places(form: ProjectForm) -> list:
    # A place without an official code belongs to the country chosen for the project.
    country = form.cleaned_data.get("country") or None
    return [
        services.place_get_or_create(name=name, code=code, country=None if code else country)
        for name, code in form.cleaned_data["places_text"]
    ]


def _project_data(form: ProjectForm) -> dict:
    extra = ("places_text", "organisation", "new_organisation", "expected_version")
    return {k: v for k, v in form.cleaned_data.items() if k not in extra}


@login_required
@require_safe
def project_list(request: HttpRequest) -> HttpResponse:
    memberships = selectors.projects_for_user(user=request.user)
    return render(request, "projects/list.html", {"memberships": memberships})


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    form = ProjectCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = form.cleaned_data.get("organisation") or services.organisation_create(
                user=request.user, name=form.cleaned_data["new_organisation"]
            )
            project = services.project_create(
                user=request.user,
                organisation=organisation,
                data=_project_data(form),
                places=_places(form),
            )
        messages.success(request, _("The project has been created."))
        return redirect("projects:dashboard", project.pk)
    status = 400 if form.errors else 200
    return render(request, "projects/form.html", {"form": form}, status=status)


@login_required
@require_safe
def project_dashboard(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    dashboard = selectors.project_dashboard(
        project=project, user=request.user, since=membership.last_visit_at
    )
    # The register is counted once: the dashboard's pass over the parties gives the step plan's
    # panel its counts too.
    facts = project_facts(project=project, register=dashboard.register)
    services.membership_mark_visit(membership=membership)
    start = first_hour(facts, project.pk)
    # The usual local parties until the register has its first few.
    show_usual = membership.can_edit_register and not start.get("parties").done
    context = {
        "project": project,
        "membership": membership,
        "dashboard": dashboard,
        "attitudes": Attitude.choices,
        "first_hour": start,
        "facts": facts,
        "usual": usual_parties(project=project) if show_usual else [],
    }
    return render(request, "projects/dashboard.html", context)


@login_required
@require_safe
def project_about(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    context = {
        "project": project,
        "membership": membership,
        "places": project.places.all(),
        "core_group": project.parties.filter(in_core_group=True).order_by("name"),
        "segments": project.segments.all(),
    }
    return render(request, "projects/about.html", context)


@login_required
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    project = membership.project
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.project_update(
                    project=project,
                    data=_project_data(form),
                    places=_places(form),
                    user=request.user,
                    expected_version=form.cleaned_data["expected_version"],
                )
        except EditConflict as conflict:
            form.show_conflict(conflict.current)
        else:
            messages.success(request, _("The project has been saved."))
            return redirect("projects:about", project.pk)
    context = {"form": form, "project": project, "membership": membership}
    return render(request, "projects/form.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def member_list(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    return _members_page(request, membership, InviteForm())


def _members_page(request, membership: Membership, form: InviteForm, status: int = 200):
    project = membership.project
    context = {
        "project": project,
        "membership": membership,
        "members": project.memberships.select_related("user").order_by("user__username"),
        "invitations": project.invitations.filter(accepted_at__isnull=True).order_by("email"),
        "form": form,
        "role_form": RoleForm(),
    }
    return render(request, "projects/members.html", context, status=status)


@login_required
@require_POST
def member_invite(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.OWN)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _members_page(request, membership, form, status=400)
    outcome = services.member_invite(
        project=membership.project,
        email=form.cleaned_data["email"],
        role=form.cleaned_data["role"],
        invited_by=request.user,
        accept_url_for=lambda inv: request.build_absolute_uri(
            reverse("invitation_accept", args=[inv.token])
        ),
    )
    text = {
        "invited": _("An invitation has been sent to %(email)s."),
        "renewed": _(
            "%(email)s had already been invited. A new invitation has been sent; the link in "
            "the earlier one no longer works."
        ),
        "already": _("%(email)s is already a member of this project."),
    }[outcome]
    messages.success(request, text % {"email": form.cleaned_data["email"]})
    return redirect("projects:members", project_id)


@login_required
@require_POST
def member_change_role(request: HttpRequest, project_id: int, member_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.OWN)
    member = get_object_or_404(Membership, pk=member_id, project=membership.project)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.member_change_role(membership=member, role=form.cleaned_data["role"])
            messages.success(request, _("The role has been changed."))
        except ValidationError as error:
            messages.error(request, error.messages[0])
    return redirect("projects:members", project_id)


@login_required
@require_POST
def member_remove(request: HttpRequest, project_id: int, member_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.OWN)
    member = get_object_or_404(Membership, pk=member_id, project=membership.project)
    try:
        services.member_remove(membership=member)
        messages.success(request, _("The member has been removed from the project."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("projects:members", project_id)


@login_required
@require_POST
def invitation_cancel(request: HttpRequest, project_id: int, invitation_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.OWN)
    invitation = get_object_or_404(
        Invitation, pk=invitation_id, project=membership.project, accepted_at__isnull=True
    )
    invitation.delete()
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect("projects:members", project_id)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(
        Invitation.objects.select_related("project"), token=token, accepted_at__isnull=True
    )
    if request.user.is_authenticated:
        return _invitation_accept_signed_in(request, invitation)
    single_sign_on = None
    if oidc.enabled():
        single_sign_on = {
            "label": oidc.button_label(),
            "url": oidc.invitation_sign_in_url(invitation),
            "provider": oidc.provider_name(),
        }
        if settings.OIDC_ONLY:
            # Password accounts cannot sign in here: only the provider's account can accept.
            if request.method not in ("GET", "HEAD"):
                return HttpResponseNotAllowed(["GET", "HEAD"])
            context = {"invitation": invitation, "single_sign_on": single_sign_on}
            return render(request, "projects/invitation.html", context)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept_new_account(
                invitation=invitation, data=form.cleaned_data, language=get_language()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend="accounts.backends.UsernameOrEmailBackend")
            return redirect("projects:dashboard", invitation.project_id)
    context = {"invitation": invitation, "form": form, "single_sign_on": single_sign_on}
    return render(request, "projects/invitation.html", context, status=400 if form.errors else 200)


def _invitation_accept_signed_in(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    addressee = services.invitation_is_for(invitation=invitation, user=request.user)
    if request.method == "POST" and addressee:
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("projects:list")
        messages.success(request, _("Welcome to the project."))
        return redirect("projects:dashboard", invitation.project_id)
    context = {"invitation": invitation, "addressee": addressee}
    return render(request, "projects/invitation.html", context, status=200 if addressee else 403)


@login_required
def segment_list(request: HttpRequest, project_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id)
    project = membership.project
    form = SegmentForm(request.POST or None, project=project)
    if request.method == "POST":
        membership = membership_for(request.user, project_id, Need.EDIT)
        if form.is_valid():
            services.segment_create(project=project, data=form.service_data(), user=request.user)
            messages.success(request, _("The segment has been added."))
            return redirect("projects:segments", project.pk)
    context = {
        "project": project,
        "membership": membership,
        "form": form,
        "segments": project.segments.all(),
    }
    return render(request, "projects/segments.html", context, status=400 if form.errors else 200)


@login_required
def segment_edit(request: HttpRequest, project_id: int, segment_id: int) -> HttpResponse:
    membership = membership_for(request.user, project_id, Need.EDIT)
    project: Project = membership.project
    segment = get_object_or_404(TargetSegment, pk=segment_id, project=project)
    form = SegmentForm(request.POST or None, instance=segment, project=project)
    if request.method == "POST" and form.is_valid():
        saved = save_versioned(form, services.segment_update, segment=segment, user=request.user)
        if saved is not None:
            messages.success(request, _("The segment has been saved."))
            return redirect("projects:segments", project.pk)
    context = {"project": project, "membership": membership, "form": form, "segment": segment}
    return render(
        request, "projects/segment_form.html", context, status=400 if form.errors else 200
    )
