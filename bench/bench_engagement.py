"""The contact timeline and the to-do list cost the same with 50,000 contact moments as with 500.

Two projects with the same parties and team: one with a long history of 50,000 contacts, one
with 500. In both, the open work is the same size (the last few follow-ups and commitments are
open, the older ones done or delivered), as it is in a real project: the history grows, the
to-do list does not. Prints, per page, the median time with the large history divided by the
median time with the small one (goal: at most 1.5), and the number of queries each issues.

    .venv/bin/python -m bench.bench_engagement
"""

from __future__ import annotations

from datetime import date, timedelta

from bench.common import build_project, median_seconds, report, setup_django

SMALL, LARGE = 500, 50_000
PARTIES = 200
OPEN = 20  # open follow-ups and open commitments in each project


def _fill(project, owner, count: int, today: date) -> None:
    """`count` contacts, newest first back in time, 1 or 2 parties each, the owner logged every
    one and took part in half; every fourth has a follow-up, every tenth a commitment."""
    from engagement.models import Commitment, ContactMoment
    from parties.models import Party

    parties = list(
        Party.objects.filter(project=project).order_by("pk").values_list("pk", flat=True)
    )
    kinds = ContactMoment.Kind.values
    per_day = max(1, count // 730)  # two years of history
    moments = ContactMoment.objects.bulk_create(
        (
            ContactMoment(
                project=project,
                kind=kinds[n % len(kinds)],
                date=today - timedelta(days=n // per_day),
                discussed=f"Gesprek {n} over de aanpak in de wijk en wat de partij kan bijdragen.",
                agreed=f"Afspraak {n}" if n % 3 else "",
                follow_up_on=today + timedelta(days=14 - n // per_day) if n % 4 == 0 else None,
                # only the most recent follow-ups are still open
                follow_up_done=n >= 4 * OPEN,
                created_by=owner,
            )
            for n in range(count)
        ),
        batch_size=5000,
    )
    # One or two parties each; the first party (a busy one, like the alderman) is in every
    # tenth contact, so filtering on it finds more than a page in both projects.
    through = ContactMoment.parties.through
    links = []
    for n, moment in enumerate(moments):
        linked = {parties[n % len(parties)]}
        if n % 10 == 0:
            linked.add(parties[0])
        if n % 7 == 0:
            linked.add(parties[(n + 1) % len(parties)])
        links += [through(contactmoment_id=moment.pk, party_id=pk) for pk in linked]
    through.objects.bulk_create(links, batch_size=5000)
    members = ContactMoment.members.through
    members.objects.bulk_create(
        (members(contactmoment_id=m.pk, user_id=owner.pk) for m in moments[::2]), batch_size=5000
    )
    Commitment.objects.bulk_create(
        (
            Commitment(
                project=project,
                party_id=parties[n % len(parties)],
                contact_moment=moment,
                what=f"Engagement {n}",
                starts_on=moment.date,
                ends_on=moment.date + timedelta(days=30),
                status="promised" if n < 10 * OPEN else ["delivered", "lapsed"][n % 2],
            )
            for n, moment in enumerate(moments)
            if n % 10 == 0
        ),
        batch_size=5000,
    )


def _measure(client, url: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def fetch() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    with CaptureQueriesContext(connection) as captured:
        fetch()
    queries = len(captured.captured_queries)  # before the next requests reset the log
    return median_seconds(fetch, repeat=9), queries


def main() -> None:
    setup_django()
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    today = timezone.localdate()
    projects = []
    for size in (SMALL, LARGE):
        project, owner = build_project(
            parties=PARTIES, assessments=PARTIES, contacts=PARTIES, owner_name=f"eng{size}"
        )
        _fill(project, owner, size, today)
        client = Client()
        client.force_login(owner)
        projects.append((project, client))
    print(
        f"Engagement: a project with {LARGE} contact moments against one with {SMALL} "
        f"({PARTIES} parties each; {OPEN} open follow-ups and commitments in both)"
    )
    first_party = {p.pk: p.parties.order_by("pk").first().pk for p, _client in projects}
    pages = {
        "contact timeline": lambda p: reverse("engagement:timeline", args=[p.pk]),
        "contact timeline, page 4": lambda p: (
            reverse("engagement:timeline", args=[p.pk]) + "?page=4"
        ),
        "contact timeline, by party": lambda p: (
            reverse("engagement:timeline", args=[p.pk]) + f"?party={first_party[p.pk]}"
        ),
        "contact timeline, by kind and member": lambda p: (
            reverse("engagement:timeline", args=[p.pk])
            + f"?kind=one_to_one&member={p.memberships.get().user_id}"
        ),
        "to do": lambda p: reverse("engagement:project_todo", args=[p.pk]),
        "dashboard (with the engagement panel)": lambda p: reverse(
            "projects:dashboard", args=[p.pk]
        ),
    }
    (small, small_client), (large, large_client) = projects
    for name, url_for in pages.items():
        small_time, small_queries = _measure(small_client, url_for(small))
        large_time, large_queries = _measure(large_client, url_for(large))
        report(f"{name}: time {LARGE} / {SMALL} contacts", large_time / small_time, "×", "≤ 1.5")
        print(
            f"  queries: {small_queries} with {SMALL} contacts, {large_queries} with {LARGE}; "
            f"median {small_time * 1000:.1f} ms and {large_time * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
