"""Issuing an argument brief for a 500-party project takes under 3 s (goal) and about as long as
for a 50-party project: the brief names the few key supporters and doubters, not everyone.
The list of briefs costs the same number of queries with 40 briefs as with 4 (their files are
not read).

Prints the median time to gather the data and write the PDF (WeasyPrint) and the Word file for
500 parties, the ratio against 50 parties, and the list's time ratio and queries at both sizes.

Run: .venv/bin/python -m bench.bench_brief
"""

from __future__ import annotations

from bench.common import build_project, median_seconds, report, setup_django

SMALL, LARGE = 50, 500
FEW, MANY = 4, 40


def _project(parties: int):
    from tests.evidence.brief_data import brief_project

    project, owner = build_project(parties=parties, contacts=parties, assessments=3 * parties)
    brief_project(project, user=owner)
    return project, owner


def _fill_list(project, owner, count: int) -> None:
    """Drafts and issued versions in bulk: the list is measured, not the issuing."""
    from evidence import brief
    from evidence.models import ArgumentBrief, IssuedBrief

    first = brief.brief_issue(brief=brief.brief_create(project=project, data={}, user=owner))
    drafts = ArgumentBrief.objects.bulk_create(
        ArgumentBrief(project=project, title=f"Pleidooi {n}", created_by=owner)
        for n in range(count - 1)
    )
    IssuedBrief.objects.bulk_create(
        IssuedBrief(
            brief=draft, project=project, title=draft.title, audience=first.audience,
            issued_at=first.issued_at, issued_by=owner, language=first.language,
            data=first.data, pdf=first.pdf, docx=first.docx,
        )
        for draft in drafts
    )


def _list(project, owner) -> tuple[float, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = Client()
    client.force_login(owner)
    url = reverse("evidence:brief_list", args=[project.pk])

    def fetch() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    with CaptureQueriesContext(connection) as captured:
        fetch()
    # counted now: the next requests empty the log the count is read from
    queries = len(captured.captured_queries)
    return median_seconds(fetch, repeat=9), queries


def main() -> None:
    setup_django()
    from evidence import brief

    timings = {}
    projects = {}
    for size in (SMALL, LARGE):
        project, owner = _project(size)
        projects[size] = (project, owner)
        draft = brief.brief_create(project=project, data={}, user=owner)
        timings[size] = median_seconds(
            lambda draft=draft, owner=owner: brief.brief_issue(brief=draft, user=owner), repeat=3
        )
    print(f"Argument brief: {LARGE} parties against {SMALL}")
    report(f"issue (data, PDF and Word), {LARGE} parties", timings[LARGE], "s", "< 3")
    report(f"issue time {LARGE} / {SMALL} parties", timings[LARGE] / timings[SMALL], "×", "≤ 1.5")

    for size, count in ((SMALL, FEW), (LARGE, MANY)):
        _fill_list(*projects[size], count)
    few_time, few_queries = _list(*projects[SMALL])
    many_time, many_queries = _list(*projects[LARGE])
    # the rows grow tenfold, so the time may grow with them; the queries may not
    report(f"brief list: time {MANY} / {FEW} briefs", many_time / few_time, "×")
    print(f"  queries: {few_queries} with {FEW} briefs, {many_queries} with {MANY}")


if __name__ == "__main__":
    main()
