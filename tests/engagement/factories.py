"""Engagement test data, in the style of tests/factories.py: small functions with defaults."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import User
from engagement import services
from engagement.models import Commitment, ContactMoment, Review
from parties.models import Party
from projects.models import Project


def make_moment(
    project: Project,
    parties: list[Party],
    *,
    by: User | None = None,
    members: list[User] | None = None,
    **fields,
) -> ContactMoment:
    fields.setdefault("kind", ContactMoment.Kind.ONE_TO_ONE)
    fields.setdefault("date", timezone.localdate())
    fields.setdefault("discussed", "Kennismaking en de cijfers van de gemeentemonitor")
    return services.moment_create(
        project=project, data=fields, parties=parties, members=members or [], user=by
    )


def make_commitment(
    party: Party, *, by: User | None = None, ends_in: int = 10, **fields
) -> Commitment:
    today = timezone.localdate()
    fields.setdefault("what", "Folder verspreiden in de wachtzaal")
    fields.setdefault("starts_on", min(today, today + timedelta(days=ends_in)))
    fields.setdefault("ends_on", today + timedelta(days=ends_in))
    fields.setdefault("status", Commitment.Status.PROMISED)
    return services.commitment_create(
        project=party.project, data={"party": party, **fields}, user=by
    )


def make_review(project: Project, *, by: User | None = None, finished: date | None = None):
    review = services.review_start(project=project, user=by)
    if finished is not None:
        review = services.review_finish(review=review, user=by)
        moment = timezone.make_aware(
            timezone.datetime.combine(finished, timezone.datetime.min.time().replace(hour=12))
        )
        Review.objects.filter(pk=review.pk).update(finished_at=moment, started_at=moment)
        review.refresh_from_db()
    return review
