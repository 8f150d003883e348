"""Writes to board profiles, the decision calendar and calendar feeds; every change recorded."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import (
    BoardProfile,
    CalendarFeed,
    DecisionMoment,
    GovernanceSettings,
)
from history.models import Version
from history.services import version_record
from parties.models import Layer, Party
from parties.services import _apply, _from_bin, _to_bin, _update
from projects.models import Project

Action = Version.Action


def _check_board_party(project: Project, party: Party | None, field: str) -> None:
    if party is not None and party.project_id != project.pk:
        raise ValidationError({field: _("Choose a party of this project.")})


@transaction.atomic
def profile_create(*, party: Party, data: dict, user=None) -> BoardProfile:
    """A profile for a board party. A profile of the party waiting in the bin comes back with
    the new data, so a party never has two."""
    if party.layer != Layer.BOARD:
        raise ValidationError(_("Only a party of the board layer has a board profile."))
    binned = BoardProfile.everything.filter(party=party).first()
    if binned is not None:
        if binned.deleted_at is None:
            raise ValidationError(_("This party already has a board profile."))
        _from_bin(binned, user, party.project_id)
        return profile_update(profile=binned, data=data, user=user)
    profile = BoardProfile(party=party)
    _apply(profile, data)
    profile.save()
    version_record(instance=profile, project_id=party.project_id, user=user, action=Action.CREATE)
    return profile


@transaction.atomic
def profile_update(
    *, profile: BoardProfile, data: dict, user=None, expected_version: int | None = None
) -> BoardProfile:
    return _update(
        BoardProfile, profile.pk, data, project_id=profile.party.project_id, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def profile_delete(*, profile: BoardProfile, user=None) -> None:
    _to_bin(profile, user, profile.party.project_id)


@transaction.atomic
def profile_restore(*, profile: BoardProfile, user=None) -> None:
    _from_bin(profile, user, profile.party.project_id)


@transaction.atomic
def decision_create(*, project: Project, data: dict, user=None) -> DecisionMoment:
    _check_board_party(project, data.get("body"), "body")
    decision = DecisionMoment(
        project=project, created_by=user if getattr(user, "is_authenticated", False) else None
    )
    _apply(decision, data)
    decision.save()
    version_record(instance=decision, project_id=project.pk, user=user, action=Action.CREATE)
    return decision


@transaction.atomic
def decision_update(
    *, decision: DecisionMoment, data: dict, user=None, expected_version: int | None = None
) -> DecisionMoment:
    _check_board_party(decision.project, data.get("body"), "body")
    return _update(
        DecisionMoment, decision.pk, data, project_id=decision.project_id, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def decision_delete(*, decision: DecisionMoment, user=None) -> None:
    _to_bin(decision, user, decision.project_id)


@transaction.atomic
def decision_restore(*, decision: DecisionMoment, user=None) -> None:
    _from_bin(decision, user, decision.project_id)


def settings_for(project: Project) -> GovernanceSettings:
    """The project's calendar settings; the defaults until someone changes them."""
    try:
        return project.governance_settings
    except GovernanceSettings.DoesNotExist:
        return GovernanceSettings(project=project)


@transaction.atomic
def settings_update(
    *, project: Project, data: dict, user=None, expected_version: int | None = None
) -> GovernanceSettings:
    current, _created = GovernanceSettings.objects.get_or_create(project=project)
    return _update(
        GovernanceSettings, current.pk, data, project_id=project.pk, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def feed_renew(*, project: Project, user) -> CalendarFeed:
    """A new secret address for the user's calendar of the project; the old one stops working."""
    CalendarFeed.objects.filter(project=project, user=user).delete()
    return CalendarFeed.objects.create(project=project, user=user)


@transaction.atomic
def feed_revoke(*, project: Project, user) -> None:
    CalendarFeed.objects.filter(project=project, user=user).delete()


@transaction.atomic
def cycle_load(*, project: Project, year: int, body: Party | None = None, user=None) -> int:
    """Add the year's budget cycle of the project's country; a step already in the calendar
    for that year (same kind) is left alone. Returns the number added."""
    from governance.vocabulary import cycle_moments

    existing = set(
        DecisionMoment.objects.filter(project=project, date__year=year).values_list(
            "kind", flat=True
        )
    )
    added = 0
    for data in cycle_moments(project, year):
        if data["kind"] in existing:
            continue
        decision_create(project=project, data={**data, "body": body}, user=user)
        added += 1
    return added


@transaction.atomic
def ics_import(
    *, project: Project, content: bytes, kind: str, body: Party | None = None, user=None
) -> tuple[int, int]:
    """Add the meetings of a published calendar, matched by UID: a meeting imported before
    (even one since moved to the bin) is not added again, and one whose date moved is moved.
    Returns (added, moved). Raises ics.IcsError, before anything is written, for a bad file."""
    from governance.ics import read_meetings

    meetings = read_meetings(content)
    _check_board_party(project, body, "body")
    known = {
        moment.source_uid: moment
        for moment in DecisionMoment.everything.filter(
            project=project, source_uid__in=[m.uid for m in meetings]
        )
    }
    added = moved = 0
    for meeting in meetings:
        current = known.get(meeting.uid)
        if current is None:
            decision = DecisionMoment(
                project=project, source_uid=meeting.uid,
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
            _apply(decision, {
                "kind": kind, "date": meeting.date, "title": meeting.title, "body": body,
                "ask": "",
            })
            decision.save()
            version_record(
                instance=decision, project_id=project.pk, user=user, action=Action.CREATE
            )
            added += 1
        elif current.deleted_at is None and current.date != meeting.date:
            data = {"date": meeting.date}
            if current.papers_due and current.papers_due > meeting.date:
                data["papers_due"] = None
            decision_update(decision=current, data=data, user=user)
            moved += 1
    return added, moved
