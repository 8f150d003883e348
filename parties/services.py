from __future__ import annotations

from django.db import transaction

from parties.models import Assessment, ContactPerson, Party
from projects.models import Project, TargetSegment


@transaction.atomic
def party_create(*, project: Project, data: dict, segments: list[TargetSegment]) -> Party:
    party = Party(project=project, **data)
    party.full_clean()
    party.save()
    party.segments.set(segments)
    return party


@transaction.atomic
def party_update(*, party: Party, data: dict, segments: list[TargetSegment] | None = None) -> Party:
    for field, value in data.items():
        setattr(party, field, value)
    party.full_clean()
    party.save()
    if segments is not None:
        party.segments.set(segments)
    return party


def _refresh_latest(party: Party) -> None:
    latest = party.assessments.order_by("-assessed_on", "-created_at", "-id").first()
    Party.objects.filter(pk=party.pk).update(latest_assessment=latest)
    party.latest_assessment = latest


@transaction.atomic
def assessment_record(*, party: Party, assessed_by, data: dict) -> Assessment:
    """Add a dated assessment; the earlier ones stay, the newest by date becomes the latest."""
    assessment = Assessment(party=party, assessed_by=assessed_by, **data)
    assessment.full_clean()
    assessment.save()
    _refresh_latest(party)
    Party.objects.filter(pk=party.pk).update(updated_at=assessment.created_at)
    return assessment


@transaction.atomic
def contact_create(*, party: Party, data: dict) -> ContactPerson:
    contact = ContactPerson(party=party, **data)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def contact_update(*, contact: ContactPerson, data: dict) -> ContactPerson:
    for field, value in data.items():
        setattr(contact, field, value)
    contact.full_clean()
    contact.save()
    return contact
