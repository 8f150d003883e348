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


class _Clock:
    """Wall and CPU time of visits, by label; the medians of each. The client runs in this
    process, so CPU time is the app's own work (SQLite included), steadier than wall time on
    a busy machine."""

    def __init__(self) -> None:
        self.wall: dict[object, list[float]] = {}
        self.cpu: dict[object, list[float]] = {}

    def visit(self, label: object, client, url: str) -> None:
        import time

        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        self.wall.setdefault(label, []).append(time.perf_counter() - wall)
        self.cpu.setdefault(label, []).append(time.process_time() - cpu)
        assert response.status_code == 200, (url, response.status_code)

    def median(self, label: object) -> tuple[float, float]:
        import statistics

        return statistics.median(self.wall[label]), statistics.median(self.cpu[label])


def _analyses(clients, owners, small, large, repeat: int = 5) -> None:
    """Each analysis page at 5,000 parties against 50: on the first visit after a change (the
    worker's refresh run first, as the app queues it when the change commits), on a repeat
    visit (a lookup), and computed by the page itself from an empty cache (what a visit finds
    when it comes before the worker). Small and large visits take turns."""
    import statistics
    import time

    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from analysis.tasks import analyses_refresh_task
    from parties.models import Party
    from parties.services import party_update

    print(
        "Analysis pages: first visit after a change (the worker's refresh run first), repeat "
        "visit, and the page computing itself from an empty cache; ratios of CPU time (wall "
        "time beside):"
    )
    projects = (small, large)
    urls = {
        project.pk: {name: reverse(f"analysis:{name}", args=[project.pk]) for name in ANALYSES}
        for project in projects
    }
    rings = list(Party.Ring.values)
    clock = _Clock()
    worker: dict[int, list[float]] = {project.pk: [] for project in projects}
    for _ in range(repeat):
        for project in projects:
            party = Party.objects.filter(project=project).order_by("pk").first()
            # A change the analyses read (the ring of involvement), so the inputs version moves
            # on; an edit of texts such as the goals would leave every kept page valid.
            ring = rings[(rings.index(party.ring) + 1) % len(rings)]
            with transaction.atomic():
                party_update(party=party, data={"ring": ring}, user=owners[project.pk])
            start = time.perf_counter()
            analyses_refresh_task.call(project.pk)
            worker[project.pk].append(time.perf_counter() - start)
            for name, url in urls[project.pk].items():
                clock.visit(("first", name, project.pk), clients[project.pk], url)
    for name in ANALYSES:
        for _ in range(repeat):
            for project in projects:
                cache.clear()
                clock.visit(("cold", name, project.pk), clients[project.pk], urls[project.pk][name])
        queries = {}
        for project in projects:
            clients[project.pk].get(urls[project.pk][name])  # what a repeat visit finds
            with CaptureQueriesContext(connection) as captured:
                clients[project.pk].get(urls[project.pk][name])
            queries[project.pk] = len(captured)
        for _ in range(2 * repeat - 1):
            for project in projects:
                clock.visit(
                    ("repeat", name, project.pk), clients[project.pk], urls[project.pk][name]
                )
        times = {
            kind: (clock.median((kind, name, small.pk)), clock.median((kind, name, large.pk)))
            for kind in ("first", "repeat", "cold")
        }
        goals = {"first": "≤ 3", "repeat": "≤ 1.5", "cold": ""}
        labels = {"first": "first visit", "repeat": "repeat visit", "cold": "computed by the page"}
        for kind, ((small_wall, small_cpu), (large_wall, large_cpu)) in times.items():
            report(
                f"analysis {name}, {labels[kind]}: {LARGE} / {SMALL}",
                large_cpu / small_cpu,
                f"× (wall {large_wall / small_wall:.2f} ×)",
                goals[kind],
            )
        print(
            f"  at {LARGE} parties: first visit {times['first'][1][0] * 1000:.0f} ms, repeat "
            f"{times['repeat'][1][0] * 1000:.0f} ms, computed by the page "
            f"{times['cold'][1][0] * 1000:.0f} ms (at {SMALL}: "
            f"{times['first'][0][0] * 1000:.0f}, {times['repeat'][0][0] * 1000:.0f}, "
            f"{times['cold'][0][0] * 1000:.0f} ms); queries on a repeat visit: "
            f"{queries[small.pk]} with {SMALL} parties, {queries[large.pk]} with {LARGE}"
        )
    print(
        f"  the worker's refresh after a change (every analysis, both languages): "
        f"{statistics.median(worker[large.pk]):.2f} s at {LARGE} parties, "
        f"{statistics.median(worker[small.pk]):.2f} s at {SMALL}"
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
