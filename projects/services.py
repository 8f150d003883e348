from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from history.models import Version
from history.services import snapshot, version_record
from lib.concurrency import lock_current
from projects.models import (
    Invitation,
    Membership,
    Organisation,
    Place,
    Project,
    Role,
    TargetSegment,
)

Action = Version.Action


@transaction.atomic
def project_create(*, user, organisation: Organisation, data: dict, places: list[Place]) -> Project:
    project = Project.objects.create(organisation=organisation, **data)
    project.places.set(places)
    Membership.objects.create(project=project, user=user, role=Role.OWNER)
    version_record(instance=project, project_id=project.pk, user=user, action=Action.CREATE)
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    data: dict,
    places: list[Place] | None = None,
    user=None,
    expected_version: int | None = None,
) -> Project:
    """Save project details; raises EditConflict if the project changed since
    `expected_version`."""
    current = lock_current(Project, project.pk, expected_version)
    before = snapshot(current)
    for field, value in data.items():
        setattr(current, field, value)
    current.full_clean()
    current.version += 1
    current.save()
    if places is not None:
        current.places.set(places)
    version_record(
        instance=current, project_id=current.pk, user=user, action=Action.UPDATE, before=before
    )
    return current


def _check_segment_name(segment: TargetSegment) -> None:
    clash = TargetSegment.objects.filter(project_id=segment.project_id, name__iexact=segment.name)
    if clash.exclude(pk=segment.pk).exists():
        raise ValidationError({"name": _("This project already has a segment with this name.")})


@transaction.atomic
def segment_create(*, project: Project, data: dict, user=None) -> TargetSegment:
    segment = TargetSegment(project=project, **data)
    segment.full_clean(validate_constraints=False)
    _check_segment_name(segment)
    segment.save()
    version_record(instance=segment, project_id=project.pk, user=user, action=Action.CREATE)
    return segment


@transaction.atomic
def segment_update(
    *,
    segment: TargetSegment,
    data: dict,
    user=None,
    expected_version: int | None = None,
) -> TargetSegment:
    """Save changes to a segment; raises EditConflict if it changed since `expected_version`."""
    current = lock_current(TargetSegment, segment.pk, expected_version)
    before = snapshot(current)
    for field, value in data.items():
        setattr(current, field, value)
    current.full_clean(validate_constraints=False)
    _check_segment_name(current)
    current.version += 1
    current.save()
    version_record(
        instance=current,
        project_id=current.project_id,
        user=user,
        action=Action.UPDATE,
        before=before,
    )
    return current


@transaction.atomic
def segment_delete(*, segment: TargetSegment, user=None) -> None:
    """Segments are deleted for good; the parties that reached it simply no longer list it."""
    version_record(instance=segment, project_id=segment.project_id, user=user, action=Action.REMOVE)
    segment.delete()


def organisation_create(*, user, name: str) -> Organisation:
    organisation = Organisation(name=name.strip())
    organisation.full_clean()
    organisation.save()
    organisation.members.add(user)
    return organisation


def place_kind_and_country(code: str) -> tuple[str, str]:
    """What an official code says about a place: CBS codes (GM0363, WK036300, BU03630000) are
    Dutch, NIS codes (five digits, a statistical sector after them) are Belgian."""
    code = code.strip().upper()
    if code.startswith("GM"):
        return Place.Kind.MUNICIPALITY, Place.Country.NL
    if code.startswith(("WK", "BU")):
        return Place.Kind.DISTRICT, Place.Country.NL
    if len(code) > 5 and code[:5].isdigit():
        return Place.Kind.DISTRICT, Place.Country.BE
    return Place.Kind.MUNICIPALITY, Place.Country.BE


def place_get_or_create(
    *,
    name: str,
    code: str = "",
    kind: str | None = None,
    country: str | None = None,
) -> Place:
    name, code = name.strip(), code.strip().upper()
    found = Place.objects.filter(name__iexact=name, code=code).first()
    if found:
        return found
    guessed_kind, guessed_country = place_kind_and_country(code)
    return Place.objects.create(
        name=name, code=code, kind=kind or guessed_kind, country=country or guessed_country
    )


@transaction.atomic
def member_invite(*, project: Project, email: str, role: str, invited_by, accept_url_for) -> str:
    """Add an existing user at once; otherwise send an invitation link. Returns 'added',
    'invited' or 'already'."""
    email = email.strip()
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is not None:
        _membership, created = Membership.objects.get_or_create(
            project=project, user=user, defaults={"role": role}
        )
        return "added" if created else "already"
    invitation = Invitation.objects.create(
        project=project, email=email, role=role, invited_by=invited_by
    )
    context = {
        "project": project,
        "invited_by": invited_by,
        "url": accept_url_for(invitation),
        "role": invitation.get_role_display(),
    }
    with translation.override(getattr(invited_by, "language", None) or "nl"):
        subject = _("Invitation to the project %(title)s") % {"title": project.title}
        body = render_to_string("projects/invitation_email.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return "invited"


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    membership, _created = Membership.objects.get_or_create(
        project=invitation.project, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


def _owners_left(project: Project, without: Membership) -> int:
    return project.memberships.filter(role=Role.OWNER).exclude(pk=without.pk).count()


@transaction.atomic
def member_change_role(*, membership: Membership, role: str) -> Membership:
    demoted = membership.role == Role.OWNER and role != Role.OWNER
    if demoted and _owners_left(membership.project, membership) == 0:
        raise ValidationError(_("A project needs at least one owner."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def member_remove(*, membership: Membership) -> None:
    if membership.role == Role.OWNER and _owners_left(membership.project, membership) == 0:
        raise ValidationError(_("A project needs at least one owner."))
    membership.delete()


def membership_mark_visit(*, membership: Membership) -> None:
    Membership.objects.filter(pk=membership.pk).update(last_visit_at=timezone.now())
