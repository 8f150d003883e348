"""Many contact moments at once, for query counts and the benchmark: bulk inserts, no history."""

from __future__ import annotations

from datetime import date, timedelta

from engagement.models import Commitment, ContactMoment
from parties.models import Party

KINDS = ContactMoment.Kind.values


def fill_moments(
    project, parties: list[Party], count: int, *, user=None, start: date | None = None
) -> list[ContactMoment]:
    """`count` moments spread over the parties and the year before `start`, each with one or
    two parties, the user as member, some with follow-ups and commitments."""
    start = start or date.today()
    moments = ContactMoment.objects.bulk_create(
        (
            ContactMoment(
                project=project,
                kind=KINDS[n % len(KINDS)],
                date=start - timedelta(days=n % 365),
                discussed=f"Gesprek {n}",
                agreed=f"Afspraak {n}" if n % 3 else "",
                follow_up_on=start + timedelta(days=n % 40 - 10) if n % 4 == 0 else None,
                follow_up_done=n % 8 == 0,
                created_by=user,
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    through = ContactMoment.parties.through
    links = []
    for n, moment in enumerate(moments):
        links.append(through(contactmoment_id=moment.pk, party_id=parties[n % len(parties)].pk))
        if n % 5 == 0 and len(parties) > 1:
            other = parties[(n + 1) % len(parties)]
            links.append(through(contactmoment_id=moment.pk, party_id=other.pk))
    through.objects.bulk_create(links, batch_size=2000)
    if user is not None:
        members = ContactMoment.members.through
        members.objects.bulk_create(
            (members(contactmoment_id=m.pk, user_id=user.pk) for m in moments[::2]),
            batch_size=2000,
        )
    statuses = Commitment.Status.values
    Commitment.objects.bulk_create(
        (
            Commitment(
                project=project,
                party_id=parties[n % len(parties)].pk,
                contact_moment=moment,
                what=f"Engagement {n}",
                starts_on=moment.date,
                ends_on=moment.date + timedelta(days=30),
                status=statuses[n % len(statuses)],
            )
            for n, moment in enumerate(moments)
            if n % 10 == 0
        ),
        batch_size=2000,
    )
    return moments
