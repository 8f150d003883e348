"""Every write of the engagement app: contact moments, commitments and support reviews.

Changes go through the register's own helpers (locked, checked against the editor's version,
validated, recorded in the history), so a contact moment behaves like a party in the bin, the
history and a conflict.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement import selectors
from engagement.models import Commitment, ContactMoment, Review, ReviewSettings, ReviewStep
from history.models import Version
from history.services import snapshot, version_record
from lib.concurrency import EditConflict, lock_current
from parties.models import ContactPerson, Party
from parties.services import _from_bin, _to_bin, _update, assessment_record
from projects.models import Membership, Project

Action = Version.Action


def _acting(user):
    return user if getattr(user, "is_authenticated", False) else None


def _apply(instance, data: dict[str, Any]) -> None:
    for field, value in data.items():
        setattr(instance, field, value)
    instance.full_clean()


# Contact moments ---------------------------------------------------------------------------


def _check_moment_relations(
    project: Project,
    parties: list[Party] | None,
    contact_persons: list[ContactPerson] | None,
    members: list | None,
) -> None:
    """The parties belong to the project, the people to those parties, the members to the
    project's team; at least one party."""
    if parties is not None:
        if not parties:
            raise ValidationError({"parties": _("Choose at least one party.")})
        if any(party.project_id != project.pk for party in parties):
            raise ValidationError({"parties": _("Choose parties of this project.")})
    if contact_persons:
        party_ids = {party.pk for party in parties or []}
        if any(person.party_id not in party_ids for person in contact_persons):
            raise ValidationError(
                {"contact_persons": _("Choose contact persons of the parties of this contact.")}
            )
    if members:
        wanted = {member.pk for member in members}
        found = set(
            Membership.objects.filter(project=project, user_id__in=wanted).values_list(
                "user_id", flat=True
            )
        )
        if found != wanted:
            raise ValidationError({"members": _("Choose members of this project.")})


def _set_relations(moment: ContactMoment, relations: dict[str, Iterable | None]) -> None:
    for name, items in relations.items():
        if items is not None:
            getattr(moment, name).set(items)


@transaction.atomic
def moment_create(
    *,
    project: Project,
    data: dict[str, Any],
    parties: list[Party],
    contact_persons: list[ContactPerson] | None = None,
    members: list | None = None,
    commitment: dict[str, Any] | None = None,
    user=None,
) -> ContactMoment:
    """Log a contact; with `commitment` ({what, status, starts_on, ends_on}) the commitment the
    party made during it is logged too, for the first party."""
    _check_moment_relations(project, parties, contact_persons, members)
    moment = ContactMoment(project=project, created_by=_acting(user))
    _apply(moment, data)
    moment.save()
    _set_relations(
        moment,
        {"parties": parties, "contact_persons": contact_persons or [], "members": members or []},
    )
    version_record(instance=moment, project_id=project.pk, user=user, action=Action.CREATE)
    if commitment:
        commitment_create(
            project=project,
            data={**commitment, "party": parties[0], "contact_moment": moment},
            user=user,
        )
    return moment


@transaction.atomic
def moment_update(
    *,
    moment: ContactMoment,
    data: dict[str, Any],
    parties: list[Party] | None = None,
    contact_persons: list[ContactPerson] | None = None,
    members: list | None = None,
    user=None,
    expected_version: int | None = None,
) -> ContactMoment:
    """Save changes to a contact; raises EditConflict if it changed since `expected_version`.
    A relation given as None stays as it is."""
    if contact_persons and parties is None:
        parties = list(moment.parties.all())
    _check_moment_relations(moment.project, parties, contact_persons, members)
    relations = {"parties": parties, "contact_persons": contact_persons, "members": members}
    if parties is not None and contact_persons is None:
        # people of a party that is no longer named leave with it
        relations["contact_persons"] = moment.contact_persons.filter(party__in=parties)
    return _update(
        ContactMoment,
        moment.pk,
        data,
        project_id=moment.project_id,
        user=user,
        expected_version=expected_version,
        after_save=lambda current: _set_relations(current, relations),
    )


@transaction.atomic
def moment_follow_up_done(*, moment: ContactMoment, user=None) -> ContactMoment:
    return _update(
        ContactMoment,
        moment.pk,
        {"follow_up_done": True},
        project_id=moment.project_id,
        user=user,
        expected_version=None,
    )


@transaction.atomic
def moment_delete(*, moment: ContactMoment, user=None) -> None:
    """Move a contact to the bin; commitments made during it stay, without the link shown."""
    _to_bin(moment, user, moment.project_id)


@transaction.atomic
def moment_restore(*, moment: ContactMoment, user=None) -> None:
    _from_bin(moment, user, moment.project_id)


# Commitments -------------------------------------------------------------------------------


def _commitment_data(
    project: Project, data: dict[str, Any], current: Commitment | None
) -> dict[str, Any]:
    """Checks that span fields, and the delivery date that follows the status."""
    party = data.get("party", current.party if current else None)
    if party is not None and party.project_id != project.pk:
        raise ValidationError({"party": _("Choose a party of this project.")})
    moment = data.get("contact_moment", current.contact_moment if current else None)
    if moment is not None and (
        moment.project_id != project.pk
        or party is None
        or not moment.parties.filter(pk=party.pk).exists()
    ):
        raise ValidationError({"contact_moment": _("Choose a contact with this party.")})
    status = data.get("status", current.status if current else Commitment.Status.ASKED)
    data = dict(data)
    if status == Commitment.Status.DELIVERED:
        if not (current and current.delivered_on) and not data.get("delivered_on"):
            data["delivered_on"] = timezone.localdate()
    elif "status" in data:
        data["delivered_on"] = None
    return data


@transaction.atomic
def commitment_create(*, project: Project, data: dict[str, Any], user=None) -> Commitment:
    commitment = Commitment(project=project, created_by=_acting(user))
    _apply(commitment, _commitment_data(project, data, None))
    commitment.save()
    version_record(instance=commitment, project_id=project.pk, user=user, action=Action.CREATE)
    return commitment


@transaction.atomic
def commitment_update(
    *,
    commitment: Commitment,
    data: dict[str, Any],
    user=None,
    expected_version: int | None = None,
) -> Commitment:
    """Save changes to a commitment; raises EditConflict if it changed since
    `expected_version`."""
    return _update(
        Commitment,
        commitment.pk,
        _commitment_data(commitment.project, data, commitment),
        project_id=commitment.project_id,
        user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def commitment_deliver(*, commitment: Commitment, user=None) -> Commitment:
    """One click: the party did what it promised, today."""
    return commitment_update(
        commitment=commitment, data={"status": Commitment.Status.DELIVERED}, user=user
    )


@transaction.atomic
def commitment_delete(*, commitment: Commitment, user=None) -> None:
    _to_bin(commitment, user, commitment.project_id)


@transaction.atomic
def commitment_restore(*, commitment: Commitment, user=None) -> None:
    _from_bin(commitment, user, commitment.project_id)


# Support reviews ---------------------------------------------------------------------------


@transaction.atomic
def review_settings_update(
    *,
    project: Project,
    data: dict[str, Any],
    user=None,
    expected_version: int | None = None,
) -> ReviewSettings:
    """Save the project's review settings, created on their first save. `expected_version` is
    the version the editor started from, 0 when there were no settings yet; raises
    EditConflict if someone saved in between."""
    # The project's row is the lock: two first saves must not both create the settings.
    lock_current(Project, project.pk, None)
    current = ReviewSettings.objects.select_for_update().filter(project=project).first()
    if current is None:
        current = ReviewSettings(project=project, version=0)
    elif expected_version is not None and current.version != expected_version:
        raise EditConflict(current)
    before = snapshot(current) if current.pk else None
    _apply(current, data)
    current.version += 1
    current.save()
    version_record(
        instance=current,
        project_id=project.pk,
        user=user,
        action=Action.CREATE if before is None else Action.UPDATE,
        before=before,
    )
    return current


@transaction.atomic
def review_start(*, project: Project, user=None) -> Review:
    """A new round over the project's parties, most important first (see
    selectors.review_order). Only one round is open at a time."""
    if Review.objects.filter(project=project, finished_at__isnull=True).exists():
        raise ValidationError(_("A support review is already under way; continue that one."))
    review = Review.objects.create(
        project=project,
        started_by=_acting(user),
        party_order=selectors.review_order(project=project),
    )
    version_record(instance=review, project_id=project.pk, user=user, action=Action.CREATE)
    return review


def _lock_open(review: Review) -> Review:
    current = Review.objects.select_for_update().get(pk=review.pk)
    if current.finished_at is not None:
        raise ValidationError(_("This support review has been finished."))
    return current


@transaction.atomic
def review_step_record(
    *,
    review: Review,
    party: Party,
    outcome: str,
    assessment_data: dict[str, Any] | None = None,
    user=None,
) -> ReviewStep:
    """Record what the round found for one party: a new assessment (recorded in the register
    like any other), no change since the last one, or skipped for now."""
    review = _lock_open(review)
    if party.pk not in review.party_order or party.project_id != review.project_id:
        raise ValidationError(_("This party is not part of this review."))
    if ReviewStep.objects.filter(review=review, party=party).exists():
        raise ValidationError(_("This party has already been reviewed in this round."))
    assessment = None
    if outcome == ReviewStep.Outcome.ASSESSED:
        if not assessment_data:
            raise ValidationError(_("Fill in the new assessment."))
        assessment = assessment_record(party=party, assessed_by=user, data=assessment_data)
    elif outcome == ReviewStep.Outcome.UNCHANGED:
        if party.latest_assessment_id is None:
            raise ValidationError(
                _("This party has not been assessed yet, so it cannot be unchanged.")
            )
    elif outcome != ReviewStep.Outcome.SKIPPED:
        raise ValidationError(_("Unknown outcome."))
    if review.paused:
        review.paused = False
        review.save(update_fields=["paused"])
    return ReviewStep.objects.create(
        review=review, party=party, outcome=outcome, assessment=assessment, by=_acting(user)
    )


@transaction.atomic
def review_pause(*, review: Review, user=None) -> Review:
    review = _lock_open(review)
    review.paused = True
    review.save(update_fields=["paused"])
    return review


@transaction.atomic
def review_resume(*, review: Review, user=None) -> Review:
    review = _lock_open(review)
    review.paused = False
    review.save(update_fields=["paused"])
    return review


@transaction.atomic
def review_finish(*, review: Review, user=None) -> Review:
    """Close the round; parties not reached stay as they were."""
    review = _lock_open(review)
    review.finished_at = timezone.now()
    review.paused = False
    review.save(update_fields=["finished_at", "paused"])
    version_record(
        instance=review, project_id=review.project_id, user=user, action=Action.UPDATE
    )
    return review
