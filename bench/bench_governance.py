"""The decision calendar and the board list cost a fixed number of queries, however many
parties and decisions a project has.

Two projects: a small one (50 parties, 20 decision moments) and a large one (2,000 parties of
which 500 on the board, 400 decision moments: years of council, committee and college
meetings). Each board party has a profile and an assessment. Prints, per page, the queries in
each project (goal: the same) and the median time of the large one divided by the small one.

    .venv/bin/python -m bench.bench_governance
"""

from __future__ import annotations

from datetime import timedelta

from bench.common import build_project, median_seconds, report, setup_django

SIZES = ((50, 20), (2000, 400))


def _fill(project, decisions: int, today) -> None:
    from governance.models import BoardProfile, DecisionMoment
    from parties.models import Party

    board = list(Party.objects.filter(project=project, layer="board").order_by("pk"))
    BoardProfile.objects.bulk_create(
        BoardProfile(party=party, portfolios=f"Portefeuille {n}", policy_areas=["health"],
                     last_briefed_on=today - timedelta(days=n % 200))
        for n, party in enumerate(board)
    )
    kinds = ["council", "committee", "college"]
    DecisionMoment.objects.bulk_create(
        DecisionMoment(
            project=project, kind=kinds[n % 3], body=board[n % len(board)],
            # half in the past, half ahead, a few days apart
            date=today + timedelta(days=3 * (n - decisions // 2)),
            papers_due=today + timedelta(days=3 * (n - decisions // 2) - 14),
            status="decided" if n < decisions // 2 else "planned",
            outcome="adopted" if n < decisions // 2 else "",
            ask=f"Vraag {n}",
        )
        for n in range(decisions)
    )


def _measure(client, url: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def fetch() -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    with CaptureQueriesContext(connection) as captured:
        fetch()
    queries = len(captured.captured_queries)
    return median_seconds(fetch, repeat=7), queries


def main() -> None:
    setup_django()
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    today = timezone.localdate()
    built = []
    for parties, decisions in SIZES:
        project, owner = build_project(
            parties=parties, assessments=parties, owner_name=f"gov{parties}"
        )
        _fill(project, decisions, today)
        client = Client()
        client.force_login(owner)
        built.append((project, client))
    (small, small_client), (large, large_client) = built
    (sp, sd), (lp, ld) = SIZES
    print(f"Board and decisions: {lp} parties and {ld} decision moments against {sp} and {sd}")
    pages = {
        "decision calendar (all months)": lambda p: reverse("governance:calendar", args=[p.pk])
        + "?past=all",
        "board list": lambda p: reverse("governance:board", args=[p.pk]),
        "to do (with paper deadlines)": lambda p: reverse(
            "engagement:project_todo", args=[p.pk]
        ),
    }
    for name, url_for in pages.items():
        small_time, small_queries = _measure(small_client, url_for(small))
        large_time, large_queries = _measure(large_client, url_for(large))
        report(f"{name}: queries large / small", large_queries / small_queries, "×", "= 1")
        print(
            f"  queries: {small_queries} and {large_queries}; median {small_time * 1000:.1f} ms "
            f"and {large_time * 1000:.1f} ms (time ratio {large_time / small_time:.1f}×, the "
            f"large pages list {ld // sd}× the decisions and {lp // sp}× the board)"
        )


if __name__ == "__main__":
    main()
