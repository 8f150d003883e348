from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.services import user_create
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


def _invitation_send(invitation: Invitation, accept_url_for) -> None:
    context = {
        "project": invitation.project,
        "invited_by": invitation.invited_by,
        "url": accept_url_for(invitation),
        "role": invitation.get_role_display(),
    }
    language = getattr(invitation.invited_by, "language", None) or "nl"
    with translation.override(language):
        subject = _("Invitation to the project %(title)s") % {"title": invitation.project.title}
        body = render_to_string("projects/invitation_email.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [invitation.email]))


@transaction.atomic
def member_invite(*, project: Project, email: str, role: str, invited_by, accept_url_for) -> str:
    """Send an invitation link to `email`, whether or not it has an account: nobody joins
    without accepting, and the answer does not tell the inviter whether the address is known.
    Returns 'invited', 'renewed' (an open invitation to the address got the new role and a
    new link; the old link stops working) or 'already' (a member of this project has it)."""
    email = email.strip()
    if project.memberships.filter(user__email__iexact=email).exists():
        return "already"
    open_ones = Invitation.objects.select_for_update().filter(
        project=project, email__iexact=email, accepted_at__isnull=True
    )
    invitation = open_ones.first()
    outcome = "renewed"
    if invitation is None:
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    project=project, email=email, role=role, invited_by=invited_by
                )
            outcome = "invited"
        except IntegrityError:  # a parallel request invited the same address first
            invitation = open_ones.get()
    if outcome == "renewed":
        invitation.role = role
        invitation.invited_by = invited_by
        invitation.token = Invitation._meta.get_field("token").get_default()
        invitation.save(update_fields=["role", "invited_by", "token"])
    _invitation_send(invitation, accept_url_for)
    return outcome


def invitation_is_for(*, invitation: Invitation, user) -> bool:
    """The invitation went to this user's e-mail address. The link itself proves the person
    reads mail at that address, so an account that has it is the addressee."""
    own = (getattr(user, "email", "") or "").strip().casefold()
    return bool(own) and own == invitation.email.strip().casefold()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Join the project through the invitation: its addressee only, and once. The conditional
    UPDATE lets exactly one of several simultaneous acceptances through."""
    if not invitation_is_for(invitation=invitation, user=user):
        raise ValidationError(
            _("This invitation was sent to another e-mail address."), code="not_addressee"
        )
    used = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        accepted_at=timezone.now()
    )
    if not used:
        raise ValidationError(_("This invitation has already been used."), code="used")
    membership, _created = Membership.objects.get_or_create(
        project=invitation.project, user=user, defaults={"role": invitation.role}
    )
    return membership


@transaction.atomic
def invitation_accept_new_account(*, invitation: Invitation, data: dict, language: str):
    """Make an account for the invitation's address and join with it, or neither."""
    email = invitation.email.strip()
    if get_user_model().objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _(
                "An account with this e-mail address already exists. Sign in with it to "
                "accept the invitation."
            ),
            code="account_exists",
        )
    try:
        with transaction.atomic():
            user = user_create(
                username=data["username"],
                email=email,
                password=data["password1"],
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                language=language,
            )
    except (IntegrityError, ValidationError) as error:  # taken meanwhile by a parallel request
        raise ValidationError(
            _("This user name or e-mail address was just taken. Choose another user name."),
            code="taken",
        ) from error
    invitation_accept(invitation=invitation, user=user)
    return user


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
