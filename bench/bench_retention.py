"""Who the next retention run anonymises costs one query, however many people a project holds.

Prints the time of the owners' retention page (paged: goal at most 1.5) and of the dry run's
selection (it returns everyone, so it grows with the register) with a large register divided by
the time with a small one, and the queries each issues.
"""

from __future__ import annotations

from datetime import timedelta

from bench.common import build_project, median_seconds, report, setup_django

SMALL, LARGE = 50, 5000


def _age_and_meet(project, owner) -> None:
    """Everyone quiet for two years; a contact moment with every tenth party last month, and
    an open commitment for every twentieth, so the selection has something to weigh."""
    from django.utils import timezone

    from engagement.models import Commitment, ContactMoment
    from parties.models import ContactPerson, Party

    then = timezone.now() - timedelta(days=730)
    Party.objects.filter(project=project).update(updated_at=then)
    ContactPerson.objects.filter(party__project=project).update(created_at=then, updated_at=then)
    project.retention_months = 12
    project.save(update_fields=["retention_months"])
    parties = list(Party.objects.filter(project=project).order_by("pk"))
    today = timezone.localdate()
    moments = ContactMoment.objects.bulk_create(
        ContactMoment(project=project, date=today - timedelta(days=30), discussed="Overleg")
        for _party in parties[::10]
    )
    through = ContactMoment.parties.through
    through.objects.bulk_create(
        through(contactmoment_id=moment.pk, party_id=party.pk)
        for moment, party in zip(moments, parties[::10], strict=True)
    )
    Commitment.objects.bulk_create(
        Commitment(project=project, party=party, what="Folder", starts_on=today,
                   ends_on=today + timedelta(days=30), status=Commitment.Status.PROMISED)
        for party in parties[::20]
    )


def _measure(action) -> tuple[float, int]:
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        action()
    return median_seconds(action, repeat=7), len(queries)


def main() -> None:
    setup_django()
    from django.test import Client
    from django.urls import reverse

    from parties.privacy import retention_preview

    built = []
    for size in (SMALL, LARGE):
        project, owner = build_project(parties=size, contacts=2 * size)
        _age_and_meet(project, owner)
        client = Client()
        client.force_login(owner)
        built.append((project, client))
    print(f"Retention: {2 * LARGE} contact persons against {2 * SMALL}")

    def page(project, client):
        def fetch() -> None:
            response = client.get(reverse("parties:retention", args=[project.pk]))
            assert response.status_code == 200

        return fetch

    def preview(project, _client):
        return lambda: len(retention_preview(project=project))

    for name, action in (("retention page", page), ("dry run (selection)", preview)):
        (small_time, small_queries), (large_time, large_queries) = (
            _measure(action(project, client)) for project, client in built
        )
        goal = "≤ 1.5" if name == "retention page" else ""
        report(f"{name}: time {LARGE} / {SMALL} parties", large_time / small_time, "×", goal)
        print(f"  {small_time * 1000:.0f} ms with {SMALL}, {large_time * 1000:.0f} ms with {LARGE}")
        print(f"  queries: {small_queries} with {SMALL} parties, {large_queries} with {LARGE}")
    small_count = len(retention_preview(project=built[0][0]))
    large_count = len(retention_preview(project=built[1][0]))
    print(f"  would be anonymised: {small_count} of {2 * SMALL}, {large_count} of {2 * LARGE}")


if __name__ == "__main__":
    main()
