"""Pages and API lists cost the same with 5,000 parties as with 50.

Prints, per page, the median time with a large register divided by the median time with a
small one (goal: at most 1.5), and the number of queries each issues.
"""

from __future__ import annotations

from bench.common import build_project, median_seconds, report, setup_django

SMALL, LARGE = 50, 5000


def _measure(client, url: str, headers: dict | None = None) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def fetch() -> None:
        response = client.get(url, headers=headers or {})
        assert response.status_code == 200, (url, response.status_code)

    with CaptureQueriesContext(connection) as captured:
        fetch()
    queries = len(captured.captured_queries)
    return median_seconds(fetch, repeat=9), queries


def main() -> None:
    setup_django()
    from django.test import Client
    from django.urls import reverse

    small, small_owner = build_project(
        parties=SMALL, relations=2 * SMALL, assessments=4 * SMALL, contacts=SMALL
    )
    large, large_owner = build_project(
        parties=LARGE, relations=2 * LARGE, assessments=4 * LARGE, contacts=LARGE
    )
    print(
        f"Pages: a project with {LARGE} parties, {2 * LARGE} relations, {4 * LARGE} "
        f"assessments and {LARGE} contact persons against one with {SMALL} parties"
    )
    pages = {
        "party list": lambda p: reverse("parties:list", args=[p.pk]),
        "party list, filtered and sorted": lambda p: (
            reverse("parties:list", args=[p.pk]) + "?layer=board&sort=-power&q=Partij"
        ),
        "dashboard": lambda p: reverse("projects:dashboard", args=[p.pk]),
    }
    clients = {}
    for project, owner in ((small, small_owner), (large, large_owner)):
        client = Client()
        client.force_login(owner)
        clients[project.pk] = client
    for name, url_for in pages.items():
        small_time, small_queries = _measure(clients[small.pk], url_for(small))
        large_time, large_queries = _measure(clients[large.pk], url_for(large))
        report(f"{name}: time {LARGE} / {SMALL} parties", large_time / small_time, "×", "≤ 1.5")
        print(f"  queries: {small_queries} with {SMALL} parties, {large_queries} with {LARGE}")
    _api(small, small_owner, large, large_owner)
    _analyses(clients, small, large)


ANALYSES = [
    "grid",
    "salience",
    "positions",
    "actors",
    "engagement",
    "feasibility",
    "coverage",
    "support",
    "overview",
    "network",
]


def _first_visit_seconds(client, url: str, repeat: int = 5) -> float:
    """The median time of a visit that finds nothing in the cache (as after a change)."""
    import statistics
    import time

    from django.core.cache import cache

    timings = []
    for _ in range(repeat):
        cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings)


def _analyses(clients, small, large) -> None:
    """Each analysis page at 5,000 parties against 50: on a first visit (the figures and the
    drawing computed, the first page of the table drawn) and on a repeat visit (a lookup)."""
    from django.urls import reverse

    print("Analysis pages, first visit (computed) and repeat visit (from the shared cache):")
    for name in ANALYSES:
        urls = [reverse(f"analysis:{name}", args=[p.pk]) for p in (small, large)]
        small_first = _first_visit_seconds(clients[small.pk], urls[0])
        large_first = _first_visit_seconds(clients[large.pk], urls[1])
        for project, url in zip((small, large), urls, strict=True):
            clients[project.pk].get(url)  # what a repeat visit finds
        small_time, small_queries = _measure(clients[small.pk], urls[0])
        large_time, large_queries = _measure(clients[large.pk], urls[1])
        report(
            f"analysis {name}, first visit: {LARGE} / {SMALL} parties",
            large_first / small_first,
            "×",
            "≤ 3",
        )
        report(
            f"analysis {name}, repeat visit: {LARGE} / {SMALL} parties",
            large_time / small_time,
            "×",
            "≤ 1.5",
        )
        print(
            f"  first visit {large_first * 1000:.0f} ms, repeat {large_time * 1000:.0f} ms at "
            f"{LARGE}; queries on a repeat visit: {small_queries} with {SMALL} parties, "
            f"{large_queries} with {LARGE}"
        )


def _api(small, small_owner, large, large_owner) -> None:
    try:
        from api.services import token_create
    except ImportError:
        print("API: not available")
        return
    timings = []
    for project, owner in ((small, small_owner), (large, large_owner)):
        from django.test import Client

        _token, plain = token_create(user=owner, name="bench")
        headers = {"Authorization": f"Bearer {plain}"}
        timings.append(
            _measure(Client(), f"/api/v1/projects/{project.pk}/parties?limit=50", headers)
        )
    (small_time, small_queries), (large_time, large_queries) = timings
    report(f"API party list: time {LARGE} / {SMALL} parties", large_time / small_time, "×", "≤ 1.5")
    print(f"  queries: {small_queries} with {SMALL} parties, {large_queries} with {LARGE}")


if __name__ == "__main__":
    main()
