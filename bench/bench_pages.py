"""Pages and API lists cost the same with 5,000 parties as with 50.

Prints, per page, the median time with a large register divided by the median time with a
small one (goal: at most 1.5), and the number of queries each issues. The analysis pages are
measured on the first visit after a change (goal: at most 3), on a repeat visit (at most 1.5),
and computed by the page itself from an empty cache (printed, no goal: the worker prepares
them after a change, so a visit rarely has to).
"""

from __future__ import annotations

import sys

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
    from django.conf import settings
    from django.test import Client

    # The pages name their static files as in development: no collectstatic needed here.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
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
    if sys.argv[1:] == ["analyses"]:  # python -m bench.bench_pages analyses: only those
        pages = {}
    for name, url_for in pages.items():
        small_time, small_queries = _measure(clients[small.pk], url_for(small))
        large_time, large_queries = _measure(clients[large.pk], url_for(large))
        report(f"{name}: time {LARGE} / {SMALL} parties", large_time / small_time, "×", "≤ 1.5")
        print(f"  queries: {small_queries} with {SMALL} parties, {large_queries} with {LARGE}")
    if pages:
        _api(small, small_owner, large, large_owner)
    _analyses(clients, {small.pk: small_owner, large.pk: large_owner}, small, large)


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


def _cold_seconds(client, url: str, repeat: int = 5) -> float:
    """The median time of a visit that finds nothing in the cache: the page computes itself."""
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


def _first_visits(client, project, owner, urls: dict[str, str], repeat: int = 5):
    """Per page, the median time of the first visit after a change to the register, with the
    worker's refresh run as the app runs it (queued when the change commits, run before the
    visit); and the median time of that refresh."""
    import statistics
    import time

    from django.db import transaction

    from analysis.tasks import analyses_refresh_task
    from parties.models import Party
    from parties.services import party_update

    party = Party.objects.filter(project=project).order_by("pk").first()
    timings: dict[str, list[float]] = {name: [] for name in urls}
    worker = []
    for n in range(repeat):
        with transaction.atomic():  # a real change: the inputs version moves on
            party_update(party=party, data={"goals": f"Doel, herzien {n}"}, user=owner)
        start = time.perf_counter()
        analyses_refresh_task.call(project.pk)
        worker.append(time.perf_counter() - start)
        for name, url in urls.items():
            start = time.perf_counter()
            response = client.get(url)
            timings[name].append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
    return {name: statistics.median(t) for name, t in timings.items()}, statistics.median(worker)


def _analyses(clients, owners, small, large) -> None:
    """Each analysis page at 5,000 parties against 50: on the first visit after a change (the
    worker prepared it), on a repeat visit (a lookup), and computed by the page itself from an
    empty cache (what a visit finds when it comes before the worker)."""
    from django.urls import reverse

    print(
        "Analysis pages: first visit after a change (the worker's refresh run first), repeat "
        "visit, and the page computing itself from an empty cache:"
    )
    urls = {
        project.pk: {name: reverse(f"analysis:{name}", args=[project.pk]) for name in ANALYSES}
        for project in (small, large)
    }
    first, worker = {}, {}
    for project in (small, large):
        first[project.pk], worker[project.pk] = _first_visits(
            clients[project.pk], project, owners[project.pk], urls[project.pk]
        )
    for name in ANALYSES:
        small_url, large_url = urls[small.pk][name], urls[large.pk][name]
        small_cold = _cold_seconds(clients[small.pk], small_url)
        large_cold = _cold_seconds(clients[large.pk], large_url)
        for project, url in ((small, small_url), (large, large_url)):
            clients[project.pk].get(url)  # what a repeat visit finds
        small_time, small_queries = _measure(clients[small.pk], small_url)
        large_time, large_queries = _measure(clients[large.pk], large_url)
        small_first, large_first = first[small.pk][name], first[large.pk][name]
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
        report(
            f"analysis {name}, computed by the page: {LARGE} / {SMALL}",
            large_cold / small_cold,
            "×",
        )
        print(
            f"  at {LARGE}: first visit {large_first * 1000:.0f} ms, repeat "
            f"{large_time * 1000:.0f} ms, computed by the page {large_cold * 1000:.0f} ms "
            f"(at {SMALL}: {small_first * 1000:.0f}, {small_time * 1000:.0f}, "
            f"{small_cold * 1000:.0f} ms); queries on a repeat visit: {small_queries} with "
            f"{SMALL} parties, {large_queries} with {LARGE}"
        )
    print(
        f"  the worker's refresh after a change (every analysis, both languages): "
        f"{worker[large.pk]:.2f} s at {LARGE} parties, {worker[small.pk]:.2f} s at {SMALL}"
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
