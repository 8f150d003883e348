"""A report to the board of a 500-party project renders as PDF in under 3 s (goal), and costs
about as much as one of a 50-party project: the report lists the few who moved, not everyone.

Prints the median time to gather the data and write the PDF (WeasyPrint) and the Word file, for
500 parties, and the ratio against 50 parties.
"""

from __future__ import annotations

from bench.common import build_project, median_seconds, report, setup_django

SMALL, LARGE = 50, 500


def main() -> None:
    setup_django()
    from django.utils import timezone

    from reports import documents, services

    timings = {}
    for size in (SMALL, LARGE):
        project, owner = build_project(parties=size, contacts=size, assessments=3 * size)
        today = timezone.localdate()

        def data(project=project, owner=owner, today=today):
            return services.report_preview(
                project=project, audience="board", period_end=today, user=owner
            )

        snapshot = data()
        timings[size] = (
            median_seconds(lambda: documents.progress_pdf(data()), repeat=3),
            median_seconds(lambda snapshot=snapshot: documents.progress_docx(snapshot), repeat=3),
        )
    pdf, docx = timings[LARGE]
    print(f"Report to the board: {LARGE} parties against {SMALL}")
    report(f"data and PDF, {LARGE} parties", pdf, "s", "< 3")
    report(f"Word file, {LARGE} parties", docx, "s")
    report(f"PDF time {LARGE} / {SMALL} parties", pdf / timings[SMALL][0], "×", "≤ 1.5")


if __name__ == "__main__":
    main()
